/**
 * The live snapshot with the real kubectl against the loopback API server
 * serving test/fixtures/live/cluster.yaml: DaemonSets of the namespaces asked
 * for, nodes, the unfinished pods of every namespace (others' cut to what the
 * scheduler's fit reads; the namespaces' own when the cluster-wide list is
 * denied), and the cluster's PriorityClasses, nothing else requested; a denied
 * node list leaves the DaemonSets compared, denied PriorityClasses leave the
 * rest; a denied or unreachable DaemonSet list fails. The kubectl calls run
 * at once (a kubectl that waits for the others to have started), a denied
 * one giving the same fallback while the others run, and a cancel stops
 * every one.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { KubectlError, runKubectl } from '../../../server/src/host/kubectl';
import { fetchLiveCluster } from '../../../server/src/host/liveCluster';
import { loadDaemonSetsFromText } from '../../../server/src/model/daemonSet';
import { getDaemonSetsArgs, getNodesArgs, getPodsArgs, getPriorityClassesArgs } from '../../../server/src/protocol/kubectl';
import { rolloutFromBaseline } from '../../../client/src/webview/rolloutView';
import { FakeApiServer } from '../../support/fakeApiServer';
import { useFakeApiServer } from '../../support/useFakeApiServer';
import { repoRoot } from '../../support/golden';
import { waitFor } from '../../support/waitFor';

const fake = useFakeApiServer({ fixtures: ['test/fixtures/live/cluster.yaml'] });

const env = (): NodeJS.ProcessEnv => fake.kubectlEnv();
const DISCOVERY = new Set(['/version', '/api', '/api/v1', '/apis', '/apis/apps/v1', '/apis/scheduling.k8s.io/v1']);
const dataPaths = () => fake.server.paths.filter((path) => !DISCOVERY.has(path));

describe('fetchLiveCluster (real kubectl, loopback API server)', () => {
  it('reads the DaemonSets, nodes and unfinished pods of the namespaces asked for, the PriorityClasses, and nothing else', async () => {
    const live = await fetchLiveCluster({ target: { context: 'fake-b', kubeconfig: fake.server.writeKubeconfig() }, namespaces: ['logging', 'logging'], env: env(), now: () => 42 });
    assert.equal(live.label, 'context fake-b');
    assert.equal(live.fetchedAtMs, 42);
    assert.deepEqual(live.namespaces, ['logging']);
    assert.deepEqual(live.daemonSets.map((ds) => `${ds.metadata.namespace}/${ds.metadata.name}`), ['logging/agent']);
    assert.deepEqual(live.daemonSets[0].spec.selector, { matchLabels: { app: 'agent' } });
    assert.deepEqual(live.nodes?.map((node) => node.metadata.name), ['w1', 'w2', 'w3']);
    assert.deepEqual(live.pods?.map((pod) => pod.metadata.labels['controller-revision-hash']), ['7c9d8f6b5d', '7c9d8f6b5d', '7c9d8f6b5d']);
    assert.deepEqual(live.priorityClasses, [], 'the fixture cluster defines none (the two system classes are built in)');
    assert.deepEqual(live.unread, []);
    // The calls run at once: the order the server sees them in is not theirs.
    assert.deepEqual(dataPaths().sort(), ['/api/v1/nodes', '/api/v1/pods', '/apis/apps/v1/namespaces/logging/daemonsets', '/apis/scheduling.k8s.io/v1/priorityclasses']);
    assert.equal(fake.server.requests.find((r) => r.path.endsWith('/pods'))?.query.fieldSelector, 'status.phase!=Succeeded,status.phase!=Failed');
  });

  it('a namespace without DaemonSets is read as such (a create, not an update)', async () => {
    const live = await fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() }, namespaces: ['monitoring'], env: env() });
    assert.deepEqual(live.daemonSets, []);
    assert.deepEqual(live.namespaces, ['monitoring']);
  });

  it('denied nodes: the DaemonSets are still compared, and the snapshot says what it could not read', async () => {
    fake.server.denied.add('/api/v1/nodes');
    const live = await fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() }, namespaces: ['logging'], env: env() });
    assert.equal(live.daemonSets.length, 1);
    assert.equal(live.nodes, undefined);
    assert.equal(live.pods, undefined);
    assert.equal(live.unread.length, 1);
    assert.match(live.unread[0], /^nodes: The cluster denied the request: .*forbidden/);
    // Listed at the same time as the nodes, pods and PriorityClasses are dropped without them (no rollout is simulated).
    assert.equal(live.priorityClasses, undefined);
    assert.equal(live.podsText, undefined);
  });

  it('reads the cluster\'s PriorityClasses; denied ones leave nodes and pods, and the snapshot says so', async () => {
    const classes = await FakeApiServer.start({ fixtures: ['test/fixtures/live/preemption-cluster.yaml'] });
    try {
      const target = { context: 'fake-a', kubeconfig: classes.writeKubeconfig() };
      const live = await fetchLiveCluster({ target, namespaces: ['monitoring'], env: env() });
      assert.deepEqual(live.priorityClasses?.map((pc) => [pc.metadata.name, pc.value]), [['node-agent', 1000000], ['batch-low', 100]]);
      assert.match(live.priorityClassesText ?? '', /"node-agent"/);
      assert.deepEqual(live.unread, []);
      classes.denied.add('/apis/scheduling.k8s.io/v1/priorityclasses');
      const denied = await fetchLiveCluster({ target, namespaces: ['monitoring'], env: env() });
      assert.equal(denied.priorityClasses, undefined);
      assert.equal(denied.priorityClassesText, undefined);
      assert.equal(denied.pods?.length, 2);
      assert.equal(denied.unread.length, 1);
      assert.match(denied.unread[0], /^priorityclasses: The cluster denied the request: .*forbidden/);
    } finally {
      await classes.close();
    }
  });

  it('reads the pods of every namespace: the namespaces\' whole, the others\' bound ones cut to what the fit reads', async () => {
    const crowded = await FakeApiServer.start({ fixtures: ['test/fixtures/live/crowded-cluster.yaml'] });
    try {
      const live = await fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: crowded.writeKubeconfig() }, namespaces: ['monitoring'], env: env() });
      assert.deepEqual(live.unread, []);
      assert.equal(live.podsOfEveryNamespace, true);
      assert.ok(live.pods?.every((pod) => pod.source === undefined), 'no place in kubectl\'s output, whose line would keep its parse alive');
      assert.deepEqual(live.namespaces, ['monitoring'], 'the DaemonSets are still those of the namespaces asked for');
      assert.deepEqual(
        live.pods?.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`).sort(),
        ['kube-system/kube-proxy-c1', 'monitoring/exporter-c1', 'team-b/exporter-lookalike-c1'],
        'finished pods are not listed, and a pod of another namespace bound to no node holds nothing',
      );
      const byName = new Map(live.pods?.map((pod) => [pod.metadata.name, pod]));
      const own = byName.get('exporter-c1');
      assert.equal(own?.metadata.labels['controller-revision-hash'], '5f7b9c8d6e');
      assert.equal(own?.metadata.ownerReferences[0]?.name, 'exporter');
      assert.equal(own?.status.conditions[0]?.type, 'Ready');
      const proxy = byName.get('kube-proxy-c1');
      assert.deepEqual(proxy?.metadata.labels, {}, 'labels of other namespaces are not kept');
      assert.deepEqual(proxy?.spec.containers, [{ name: 'kube-proxy', resources: { requests: { cpu: '600m' }, limits: {} }, ports: [{ name: undefined, containerPort: 10249, hostPort: 10249, protocol: 'TCP', hostIP: undefined }] }]);
      assert.equal(proxy?.spec.priority, 2000001000);
      assert.equal(proxy?.spec.hostNetwork, true);
      assert.equal(proxy?.status.startTime, '2024-01-01T00:00:05Z');
      assert.equal(byName.get('exporter-lookalike-c1')?.metadata.labels.app, undefined, 'a pod of another namespace is never the DaemonSet\'s');
      assert.doesNotMatch(live.podsText ?? '', /kube-proxy:v1\.32\.4|config\.conf/);
      assert.match(live.podsText ?? '', /example\/exporter:1\.0/);
      assert.deepEqual(crowded.paths.filter((path) => path.endsWith('/pods')), ['/api/v1/pods']);
      // The preview's stepper gets the same pods (daemonset/liveBaseline sends these texts): the surge pod finds c1 full.
      const manifest = loadDaemonSetsFromText(readFileSync(join(repoRoot, 'test/fixtures/live/crowded-surge.yaml'), 'utf8'), 'crowded-surge.yaml').daemonSets[0];
      const view = rolloutFromBaseline({ label: 'live in fake-a', text: live.daemonSetsText, pods: live.podsText }, manifest, live.nodes ?? [], 0, {});
      assert.equal(view.kind, 'plan');
      assert.deepEqual(view.kind === 'plan' && view.plan.stuck?.map((entry) => [entry.node, entry.plugin]), [['c1', 'NodeResourcesFit']]);
    } finally {
      await crowded.close();
    }
  });

  it('a denied cluster-wide pod list: the namespaces\' pods, and the snapshot says so', async () => {
    fake.server.denied.add('/api/v1/pods');
    const live = await fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() }, namespaces: ['logging'], env: env() });
    assert.deepEqual(live.pods?.map((pod) => pod.metadata.name), ['agent-a1', 'agent-b2', 'agent-c3']);
    assert.match(live.podsText ?? '', /agent-a1/);
    assert.equal(live.unread.length, 1);
    assert.match(live.unread[0], /^pods of other namespaces: The cluster denied the request: .*forbidden/);
    assert.equal(live.podsOfEveryNamespace, false);
    assert.deepEqual(dataPaths().filter((path) => path.endsWith('/pods')), ['/api/v1/pods', '/api/v1/namespaces/logging/pods']);
  });

  it('denied DaemonSets fail with kubectl\'s message', async () => {
    fake.server.denied.add('/apis/apps/v1/namespaces/logging/daemonsets');
    await assert.rejects(fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() }, namespaces: ['logging'], env: env() }), (error) => {
      assert.ok(error instanceof KubectlError);
      assert.equal(error.problem, 'denied');
      return true;
    });
  });

  it('an unreachable server fails as unreachable', async () => {
    // A port that was just listened on and closed: nothing answers there.
    const closed = await FakeApiServer.start();
    const url = closed.url;
    await closed.close();
    const config = fake.server.writeKubeconfig(url);
    await assert.rejects(fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: config }, namespaces: ['logging'], env: env() }), (error) => {
      assert.ok(error instanceof KubectlError);
      assert.equal(error.problem, 'unreachable');
      assert.match(error.message, /^The cluster cannot be reached: /);
      return true;
    });
  });
});

/** The first calls of a read, which run at once: each of them waits for the others to have started. */
const FIRST_CALLS = ['daemonsets', 'nodes', 'pods', 'priorityclasses'];

/**
 * A `kubectl` printing what the real one printed for the loopback API server
 * (namespace logging), that logs `start <call> <pid>` and `end <call>` (call:
 * daemonsets, nodes, pods, pods@<namespace>, priorityclasses). Each of the
 * first calls waits, polling the log, until all of them have started: a read
 * running them one after another would never end. A call in `denied` then
 * fails as kubectl fails on a forbidding server, and the others print only
 * once every denied call has ended, so the denial is handled while they run;
 * while the file `hold` exists none prints.
 */
async function overlappingKubectl(denied: readonly string[] = []): Promise<{ dir: string; env: NodeJS.ProcessEnv; calls: () => string[] }> {
  const target = { context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() };
  const outputs: Record<string, string> = {
    daemonsets: await runKubectl(getDaemonSetsArgs(target, 'logging'), { env: env() }),
    nodes: await runKubectl(getNodesArgs(target), { env: env() }),
    pods: await runKubectl(getPodsArgs(target), { env: env() }),
    'pods@logging': await runKubectl(getPodsArgs(target, 'logging'), { env: env() }),
    priorityclasses: await runKubectl(getPriorityClassesArgs(target), { env: env() }),
  };
  const dir = fake.scratchPath('kubectl');
  mkdirSync(dir);
  for (const [call, text] of Object.entries(outputs)) writeFileSync(join(dir, `${call}.json`), text);
  for (const call of denied) writeFileSync(join(dir, `${call}.denied`), '');
  const script = `#!/bin/sh
here="$(dirname "$0")"
log="$here/calls.log"
call=""
for arg in "$@"; do
  case "$arg" in
    daemonsets|nodes|pods|priorityclasses) call="$arg" ;;
    --namespace=*) if [ "$call" = pods ]; then call="pods@\${arg#--namespace=}"; fi ;;
  esac
done
echo "start $call $$" >> "$log"
# Each poll gives up once the test's process is gone (a read that never ends, stopped by the runner's timeout).
wait_for() { until eval "$1"; do kill -0 "$PPID" 2>/dev/null || exit 1; sleep 0.01; done; }
wait_for '[ "$(grep -c ${FIRST_CALLS.map((call) => `-e "^start ${call} "`).join(' ')} "$log")" -ge ${FIRST_CALLS.length} ]'
if [ -f "$here/$call.denied" ]; then
  echo "Error from server (Forbidden): $call is forbidden: User dev cannot list resource $call" >&2
  echo "end $call" >> "$log"
  exit 1
fi
for mark in "$here"/*.denied; do
  [ -f "$mark" ] || continue
  wait_for 'grep -q "^end $(basename "$mark" .denied)\\$" "$log"'
done
wait_for '[ ! -f "$here/hold" ]'
cat "$here/$call.json"
echo "end $call" >> "$log"
`;
  writeFileSync(join(dir, 'kubectl'), script, { mode: 0o755 });
  const log = join(dir, 'calls.log');
  return { dir, env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` }, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

const target = { context: 'fake-a' };

describe('fetchLiveCluster runs its kubectl calls at once (a kubectl that waits for the others)', () => {
  it('starts DaemonSets, nodes, pods and PriorityClasses before any ends, and reads what the loopback server serves', async () => {
    const { env: overlapping, calls } = await overlappingKubectl();
    const live = await fetchLiveCluster({ target, namespaces: ['logging'], env: overlapping, now: () => 42 });
    const order = calls().map((line) => line.split(' ').slice(0, 2).join(' '));
    assert.deepEqual(order.slice(0, 4).sort(), FIRST_CALLS.map((call) => `start ${call}`).sort(), 'every call started before the first ended');
    assert.deepEqual(order.slice(4).sort(), FIRST_CALLS.map((call) => `end ${call}`).sort());
    const sequential = await fetchLiveCluster({ target: { context: 'fake-b', kubeconfig: fake.server.writeKubeconfig() }, namespaces: ['logging'], env: env(), now: () => 42 });
    assert.deepEqual({ ...live, label: '' }, { ...sequential, label: '' });
    assert.deepEqual(live.unread, []);
    assert.equal(live.pods?.length, 3);
  });

  it('denied PriorityClasses, while the others run: the built-ins, and the snapshot says so', async () => {
    const { env: overlapping, calls } = await overlappingKubectl(['priorityclasses']);
    const live = await fetchLiveCluster({ target, namespaces: ['logging'], env: overlapping });
    assert.equal(live.priorityClasses, undefined);
    assert.equal(live.priorityClassesText, undefined);
    assert.deepEqual(live.unread, ['priorityclasses: The cluster denied the request: Error from server (Forbidden): priorityclasses is forbidden: User dev cannot list resource priorityclasses']);
    assert.equal(live.nodes?.length, 3);
    assert.equal(live.pods?.length, 3);
    assert.equal(calls().filter((line) => line.startsWith('end ')).at(0), 'end priorityclasses', 'denied before the others printed');
  });

  it('a denied cluster-wide pod list, while the others run: the namespace\'s own pods, and the snapshot says so', async () => {
    const { env: overlapping, calls } = await overlappingKubectl(['pods']);
    const live = await fetchLiveCluster({ target, namespaces: ['logging'], env: overlapping });
    assert.deepEqual(live.pods?.map((pod) => pod.metadata.name), ['agent-a1', 'agent-b2', 'agent-c3']);
    assert.equal(live.podsOfEveryNamespace, false);
    assert.deepEqual(live.unread, ['pods of other namespaces: The cluster denied the request: Error from server (Forbidden): pods is forbidden: User dev cannot list resource pods']);
    assert.equal(live.priorityClasses?.length, 0);
    assert.ok(calls().some((line) => line.startsWith('end pods@logging')));
  });

  it('denied nodes, while the others run: the DaemonSets alone, pods and PriorityClasses stopped', async () => {
    const { dir, env: overlapping } = await overlappingKubectl(['nodes']);
    writeFileSync(join(dir, 'hold'), '');
    // Nodes fail while the others are held: the DaemonSets' call has to be let go for the read to end, the pods' and PriorityClasses' are stopped.
    const reading = fetchLiveCluster({ target, namespaces: ['logging'], env: overlapping });
    await waitFor(() => readFileSync(join(dir, 'calls.log'), 'utf8').includes('end nodes'));
    rmSync(join(dir, 'hold'));
    const live = await reading;
    assert.deepEqual(live.daemonSets.map((ds) => ds.metadata.name), ['agent']);
    assert.deepEqual(live.unread, ['nodes: The cluster denied the request: Error from server (Forbidden): nodes is forbidden: User dev cannot list resource nodes']);
    assert.equal(live.pods, undefined);
    assert.equal(live.priorityClasses, undefined);
  });

  it('a cancel stops every kubectl under way', async () => {
    const { dir, env: overlapping, calls } = await overlappingKubectl();
    writeFileSync(join(dir, 'hold'), '');
    const stop = new AbortController();
    const reading = fetchLiveCluster({ target, namespaces: ['logging'], env: overlapping, signal: stop.signal });
    await waitFor(() => calls().length === FIRST_CALLS.length);
    stop.abort();
    await assert.rejects(reading, { name: 'KubectlError', message: 'cancelled' });
    const pids = calls().map((line) => Number(line.split(' ')[2]));
    const running = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await waitFor(() => pids.every((pid) => !running(pid)));
    rmSync(join(dir, 'hold'));
    assert.ok(!calls().some((line) => line.startsWith('end ')), 'no call went on to print');
  });
});
