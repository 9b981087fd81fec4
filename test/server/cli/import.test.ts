/**
 * `daemonset import` with the real kubectl against the loopback API server
 * (test/support/fakeApiServer.ts): the imported folder is an inventory that
 * `daemonset preview` reads, and each failure exits 2 with one line and
 * writes nothing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliIo } from '../../../server/src/cli/io';
import { runCli } from '../../../server/src/cli/main';
import { DEFAULT_FIXTURES, FakeApiServer } from '../../support/fakeApiServer';
import { useFakeApiServer } from '../../support/useFakeApiServer';
import { repoRoot } from '../../support/golden';

const NOW = Date.parse('2024-06-01T00:00:00Z');

const fake = useFakeApiServer({ fixtures: [...DEFAULT_FIXTURES, 'test/fixtures/kubectl/finished-pods.yaml'] });

async function run(argv: string[], env = fake.kubectlEnv()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: repoRoot, now: () => NOW, env };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

function freshDir(name: string): string {
  return join(fake.scratch, name);
}

/** A loopback port that nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('daemonset import (real kubectl, loopback API server)', () => {
  it('writes nodes.json and pods.json that preview reads as the fixture cluster', async () => {
    const dir = freshDir('ok');
    fake.server.requests.length = 0;
    const result = await run(['import', '--context', 'fake-b', '--kubeconfig', fake.server.writeKubeconfig(), dir]);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `Imported 3 nodes into ${dir}/nodes.json and 2 pods into ${dir}/pods.json from context fake-b.\n`);
    assert.deepEqual(readdirSync(dir).sort(), ['nodes.json', 'pods.json']);
    const nodes = JSON.parse(readFileSync(join(dir, 'nodes.json'), 'utf8'));
    assert.deepEqual(nodes.items.map((node: { metadata: { name: string } }) => node.metadata.name), ['w1', 'w2', 'w3']);

    // Only what kubectl needs: discovery, then the three lists, pods filtered to unfinished ones on the server; the fixture cluster lists no PriorityClass, so no file.
    const asked = fake.server.paths.filter((path) => path !== '/version');
    assert.deepEqual([...new Set(asked)].sort(), ['/api', '/api/v1', '/api/v1/nodes', '/api/v1/pods', '/apis', '/apis/apps/v1', '/apis/scheduling.k8s.io/v1', '/apis/scheduling.k8s.io/v1/priorityclasses']);
    const podsRequest = fake.server.requests.find((request) => request.path === '/api/v1/pods');
    assert.equal(podsRequest?.query.fieldSelector, 'status.phase!=Succeeded,status.phase!=Failed');
    assert.ok(fake.server.requests.every((request) => request.method === 'GET'));

    // The imported folder is the same cluster as the fixture it was served from.
    const fromImport = await run(['preview', 'examples/nginx-ds.yaml', '--inventory', dir, '--format', 'json', '--now', '2024-06-01T00:00:00Z']);
    const fromFixture = await run(['preview', 'examples/nginx-ds.yaml', '--inventory', 'test/fixtures/reconciler/nodes-and-pods.yaml', '--format', 'json', '--now', '2024-06-01T00:00:00Z']);
    assert.equal(fromImport.stderr, '');
    assert.equal(fromImport.code, 0);
    const withoutLabel = (text: string) => JSON.stringify({ ...JSON.parse(text), inventory: undefined });
    assert.equal(withoutLabel(fromImport.stdout), withoutLabel(fromFixture.stdout));
    // The pods were read (without them the status is the converged one); the finished pods were not imported.
    const status = JSON.parse(fromImport.stdout).daemonSets[0].status;
    assert.deepEqual([status.currentNumberScheduled, status.numberMisscheduled], [1, 1]);
    const pods = JSON.parse(readFileSync(join(dir, 'pods.json'), 'utf8'));
    assert.deepEqual(pods.items.map((pod: { metadata: { name: string } }) => pod.metadata.name), ['nginx-daemon-set-a1', 'nginx-daemon-set-b2']);
  });

  it('imports the cluster\'s PriorityClasses: rolling from the imported folder preempts as rollout --context does', async () => {
    const classes = await FakeApiServer.start({ fixtures: ['test/fixtures/live/preemption-cluster.yaml'] });
    try {
      const kubeconfig = classes.writeKubeconfig();
      const dir = freshDir('classes');
      const result = await run(['import', '--context', 'fake-a', '--kubeconfig', kubeconfig, dir]);
      assert.equal(result.stderr, '');
      assert.equal(result.code, 0);
      assert.equal(result.stdout, `Imported 1 node into ${dir}/nodes.json, 2 pods into ${dir}/pods.json and 2 PriorityClasses into ${dir}/priorityclasses.json from context fake-a.\n`);
      assert.deepEqual(readdirSync(dir).sort(), ['nodes.json', 'pods.json', 'priorityclasses.json']);
      const surge = 'test/fixtures/live/preemption-surge.yaml';
      const fromImport = await run(['rollout', surge, '--from', 'test/fixtures/live/preemption-cluster.yaml', '--inventory', dir, '--format', 'json']);
      const fromCluster = await run(['rollout', surge, '--context', 'fake-a', '--kubeconfig', kubeconfig, '--format', 'json']);
      assert.equal(fromImport.stderr, '');
      const plans = [fromImport, fromCluster].map(({ stdout }) => JSON.parse(stdout).daemonSets[0]);
      assert.equal(plans[0].stuck, undefined, 'node-agent (1000000) preempts report-p1 of batch-low (100), as in the cluster');
      assert.deepEqual(plans[0], plans[1]);

      // PriorityClasses that may not be read: nodes and pods imported, the earlier classes file removed, stderr says so.
      classes.denied.add('/apis/scheduling.k8s.io/v1/priorityclasses');
      const denied = await run(['import', '--context', 'fake-a', '--kubeconfig', kubeconfig, dir]);
      assert.equal(denied.code, 0);
      assert.equal(denied.stdout, `Imported 1 node into ${dir}/nodes.json and 2 pods into ${dir}/pods.json from context fake-a.\n`);
      assert.match(denied.stderr, /^import: priorityclasses: The cluster denied the request: .*forbidden.* \(not imported: pods preempt with the built-in PriorityClasses only\)\n$/);
      assert.deepEqual(readdirSync(dir).sort(), ['nodes.json', 'pods.json']);
      const stuck = await run(['rollout', surge, '--from', 'test/fixtures/live/preemption-cluster.yaml', '--inventory', dir, '--format', 'json']);
      assert.deepEqual(JSON.parse(stuck.stdout).daemonSets[0].stuck.map((entry: { node: string }) => entry.node), ['p1']);
    } finally {
      await classes.close();
    }
  });

  it('--namespace reads the pods of that namespace only', async () => {
    const dir = freshDir('namespace');
    fake.server.requests.length = 0;
    const result = await run(['import', '--context', 'fake-a', '--kubeconfig', fake.server.writeKubeconfig(), '--namespace', 'kube-system', dir]);
    assert.equal(result.code, 0, result.stderr);
    // The finished kube-system pod stays out.
    assert.match(result.stdout, /Imported 3 nodes .* and 0 pods /);
    assert.ok(fake.server.paths.includes('/api/v1/namespaces/kube-system/pods'));
    assert.ok(!fake.server.paths.includes('/api/v1/pods'));
  });

  it('a denied request exits 2 with the server\'s words and writes nothing', async () => {
    const dir = freshDir('denied');
    fake.server.denied.add('/api/v1/pods');
    try {
      const result = await run(['import', '--context', 'fake-a', '--kubeconfig', fake.server.writeKubeconfig(), dir]);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^daemonset: import: The cluster denied the request: Error from server \(Forbidden\): pods is forbidden: User "tester" cannot list resource "pods"[^\n]*\n$/);
      assert.ok(!existsSync(dir), 'nothing written, not even the nodes fetched before');
    } finally {
      fake.server.denied.delete('/api/v1/pods');
    }
  });

  it('an unreachable server (a closed loopback port) exits 2 and writes nothing', async () => {
    const dir = freshDir('unreachable');
    const kubeconfig = fake.server.writeKubeconfig(`http://127.0.0.1:${await closedPort()}`);
    const result = await run(['import', '--context', 'fake-a', '--kubeconfig', kubeconfig, dir]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^daemonset: import: The cluster cannot be reached: [^\n]*refused[^\n]*\n$/);
    assert.ok(!existsSync(dir));
  });

  it('a server that never answers is a timeout: exit 2, nothing written', async () => {
    const dir = freshDir('timeout');
    fake.server.unanswered.add('/api/v1/nodes');
    try {
      // The server never answers, so the outcome is a timeout however fast the machine is.
      const result = await run(['import', '--context', 'fake-a', '--kubeconfig', fake.server.writeKubeconfig(), '--timeout', '3', dir]);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, 'daemonset: import: kubectl did not answer within 3 seconds: is the cluster reachable?\n');
      assert.ok(!existsSync(dir));
    } finally {
      fake.server.unanswered.delete('/api/v1/nodes');
    }
  });

  it('a missing kubectl exits 2 and writes nothing', async () => {
    const dir = freshDir('no-kubectl');
    const emptyPath = mkdtempSync(join(fake.scratch, 'empty-path-'));
    const result = await run(['import', '--context', 'fake-a', '--kubeconfig', fake.server.writeKubeconfig(), dir], fake.kubectlEnv({ PATH: emptyPath }));
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^daemonset: import: kubectl is not installed or not on the PATH\.[^\n]*\n$/);
    assert.ok(!existsSync(dir));
  });

  it('an unknown context exits 2 without asking any server', async () => {
    const dir = freshDir('no-context');
    fake.server.requests.length = 0;
    const result = await run(['import', '--context', 'nope', '--kubeconfig', fake.server.writeKubeconfig(), dir]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^daemonset: import: No such kubectl context: [^\n]*nope\n$/);
    assert.ok(!existsSync(dir));
    assert.deepEqual(fake.server.paths.filter((path) => path !== '/version'), []);
  });

  it('usage errors and --help', async () => {
    assert.match((await run(['import', 'dir'])).stderr, /--context is required/);
    assert.match((await run(['import', '--context', 'a'])).stderr, /expected one folder/);
    assert.match((await run(['import', '--context', 'a', '--timeout', '0', 'd'])).stderr, /--timeout must be a positive number/);
    const help = await run(['import', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: daemonset import --context <context>/);
    assert.match((await run(['--help'])).stdout, /\n {2}import +save the Nodes and Pods of a cluster/);
  });
});
