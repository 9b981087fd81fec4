/**
 * The language server's live snapshot read in a worker thread
 * (server/src/host/liveClusterInWorker.ts, run from sources here): the same
 * snapshot and the same failures as the direct read (fetchLiveCluster) with
 * the real kubectl against the loopback API server; the read goes on while
 * the main thread is blocked (it happens off it); a worker that fails or
 * exits is a KubectlError, never an exception; a cancelled read stops.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { KubectlError, runKubectl } from '../../../server/src/host/kubectl';
import { fetchLiveCluster, type LiveClusterOptions } from '../../../server/src/host/liveCluster';
import { readLiveClusterInWorker } from '../../../server/src/host/liveClusterInWorker';
import { CHUNK_ITEMS } from '../../../server/src/host/liveClusterTransfer';
import { getDaemonSetsArgs, getNodesArgs, getPodsArgs, getPriorityClassesArgs } from '../../../server/src/protocol/kubectl';
import { LiveClusters } from '../../../server/src/lsp/liveClusters';
import { useFakeApiServer } from '../../support/useFakeApiServer';
import { waitFor } from '../../support/waitFor';

const fake = useFakeApiServer({ fixtures: ['test/fixtures/live/crowded-cluster.yaml'] });

const env = (): NodeJS.ProcessEnv => fake.kubectlEnv();
const options = (namespaces = ['monitoring']): LiveClusterOptions => ({ target: { context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() }, namespaces, env: env(), now: () => 42 });

/** A folder of its own holding a `kubectl` shell script with `body`; the environment that finds it first. */
function fakeKubectl(body: string): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = fake.scratchPath('kubectl');
  mkdirSync(dir);
  writeFileSync(join(dir, 'kubectl'), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return { dir, env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` } };
}

/**
 * A `kubectl` that logs each run (and `end <kind>` once printed) and prints what the real one printed for
 * the loopback API server (`daemonsets`, `nodes`, `pods` or
 * `priorityclasses` in its arguments), on its own: no server to answer, so
 * it runs while this thread is blocked. Pods beyond the fixture's are
 * added so the snapshot comes in several chunks.
 */
async function recordedKubectl(): Promise<{ env: NodeJS.ProcessEnv; log: string }> {
  const target = { context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() };
  const outputs: Record<string, string> = {
    daemonsets: await runKubectl(getDaemonSetsArgs(target, 'monitoring'), { env: env() }),
    nodes: await runKubectl(getNodesArgs(target), { env: env() }),
    pods: await runKubectl(getPodsArgs(target), { env: env() }),
    priorityclasses: await runKubectl(getPriorityClassesArgs(target), { env: env() }),
  };
  const pods = JSON.parse(outputs.pods) as { items: Array<{ metadata: { name: string } }> };
  const template = JSON.stringify(pods.items.find((pod) => pod.metadata.name === 'kube-proxy-c1'));
  for (let i = 0; i < CHUNK_ITEMS * 2; i++) pods.items.push({ ...JSON.parse(template), metadata: { ...JSON.parse(template).metadata, name: `filler-${i}` } });
  outputs.pods = JSON.stringify(pods, null, 4);
  assert.ok(outputs.pods.length > 1 << 16, 'more than a pipe holds: kubectl ends only once its output is read');
  const { dir, env: fakeEnv } = fakeKubectl(['log="$(dirname "$0")/runs.log"', 'printf \'%s\\n\' "$*" >> "$log"', ...Object.keys(outputs).map((kind) => `case " $* " in *" ${kind} "*) cat "$(dirname "$0")/${kind}.json" && echo "end ${kind}" >> "$log"; exit ;; esac`), 'exit 1'].join('\n'));
  for (const [kind, text] of Object.entries(outputs)) writeFileSync(join(dir, `${kind}.json`), text);
  return { env: fakeEnv, log: join(dir, 'runs.log') };
}

/** Blocks this thread until `done` holds, polling it: no event, timer or message is handled meanwhile. */
function blockUntil(done: () => boolean): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!done()) Atomics.wait(pause, 0, 0, 10);
}

describe('readLiveClusterInWorker (real kubectl, loopback API server)', () => {
  it('reads what the direct read reads: DaemonSets, nodes, the pods of every namespace cut, PriorityClasses, texts', async () => {
    const direct = await fetchLiveCluster(options());
    const inWorker = await readLiveClusterInWorker(options());
    assert.equal(inWorker.pods?.length, 3);
    assert.deepEqual(inWorker, direct);
  });

  it('reads what the direct read reads when nodes, the cluster-wide pods or the PriorityClasses are denied', async () => {
    for (const denied of ['/api/v1/nodes', '/api/v1/pods', '/apis/scheduling.k8s.io/v1/priorityclasses']) {
      fake.server.denied.clear();
      fake.server.denied.add(denied);
      const direct = await fetchLiveCluster(options());
      const inWorker = await readLiveClusterInWorker(options());
      assert.equal(inWorker.unread.length, 1, denied);
      assert.deepEqual(inWorker, direct, denied);
    }
  });

  it('fails as the direct read fails: the same KubectlError', async () => {
    fake.server.denied.add('/apis/apps/v1/namespaces/monitoring/daemonsets');
    const direct = await fetchLiveCluster(options()).then(() => undefined, (error: unknown) => error);
    const inWorker = await readLiveClusterInWorker(options()).then(() => undefined, (error: unknown) => error);
    assert.ok(direct instanceof KubectlError && inWorker instanceof KubectlError);
    assert.deepEqual({ problem: inWorker.problem, message: inWorker.message, details: inWorker.details }, { problem: direct.problem, message: direct.message, details: direct.details });
    assert.equal(inWorker.problem, 'denied');
  });

  it('output that is not JSON is unread as in the direct read', async () => {
    const { env: badEnv } = fakeKubectl('case " $* " in *" daemonsets "*) echo \'{"apiVersion":"v1","kind":"List","items":[]}\' ;; *" nodes "*) echo \'{"items": [\' ;; *) exit 1 ;; esac');
    const read = { target: { context: 'fake-a' }, namespaces: ['monitoring'], env: badEnv, now: () => 42 };
    const direct = await fetchLiveCluster(read);
    const inWorker = await readLiveClusterInWorker(read);
    assert.match(inWorker.unread[0] ?? '', /^nodes: kubectl printed nodes that cannot be read/);
    assert.deepEqual(inWorker, direct);
  });

  it('reads off the main thread: every kubectl runs and its whole output is taken in while this thread is blocked', async () => {
    const { env: recorded, log } = await recordedKubectl();
    const read = { target: { context: 'fake-a' }, namespaces: ['monitoring'], env: recorded, now: () => 42 };
    const reading = readLiveClusterInWorker(read);
    // Every kubectl runs and prints its whole output (the pods' is larger than a pipe holds: it ends only once read)
    // while this thread handles nothing (read on the main thread, not even the first output would be taken in).
    blockUntil(() => existsSync(log) && ['daemonsets', 'nodes', 'pods', 'priorityclasses'].every((kind) => readFileSync(log, 'utf8').includes(`end ${kind}\n`)));
    const inWorker = await reading;
    assert.equal(inWorker.pods?.length, 3 + CHUNK_ITEMS * 2, 'the pods came in several chunks');
    assert.deepEqual(inWorker, await fetchLiveCluster(read));
  });

  it('a worker that fails or exits is a KubectlError in words, and the server\'s lens says it', async () => {
    const throwing = join(fake.scratch, 'throwing-worker.js');
    writeFileSync(throwing, "throw new Error('the reader broke');\n");
    await assert.rejects(readLiveClusterInWorker({ ...options(), workerScript: throwing }), (error) => {
      assert.ok(error instanceof KubectlError);
      assert.equal(error.problem, 'failed');
      assert.equal(error.message, "The live snapshot's reader failed: the reader broke");
      return true;
    });
    const exiting = join(fake.scratch, 'exiting-worker.js');
    writeFileSync(exiting, 'process.exit(3);\n');
    await assert.rejects(readLiveClusterInWorker({ ...options(), workerScript: exiting }), { name: 'KubectlError', message: "The live snapshot's reader stopped (exit code 3)" });
    let settled = 0;
    const live = new LiveClusters(() => settled++, (read) => readLiveClusterInWorker({ ...read, workerScript: throwing }));
    live.enabled = true;
    live.status('fake-a', ['monitoring']);
    await waitFor(() => settled === 1);
    const failed = live.status('fake-a', ['monitoring']);
    assert.equal(failed?.cluster, undefined);
    assert.equal(failed?.error, "The live snapshot's reader failed: the reader broke");
  });

  it('a cancelled read stops kubectl and fails as cancelled', async () => {
    const { dir, env: slowEnv } = fakeKubectl('touch "$(dirname "$0")/started"\nwhile [ ! -f "$(dirname "$0")/go" ]; do sleep 0.05; done\nexit 1');
    const stop = new AbortController();
    const reading = readLiveClusterInWorker({ target: { context: 'fake-a' }, namespaces: ['monitoring'], env: slowEnv, signal: stop.signal });
    await waitFor(() => existsSync(join(dir, 'started')));
    stop.abort();
    await assert.rejects(reading, { name: 'KubectlError', message: 'cancelled' });
    writeFileSync(join(dir, 'go'), '');
  });
});
