/**
 * `daemonset lint --context` and `daemonset rollout --context` with the real
 * kubectl against the loopback API server serving
 * test/fixtures/live/cluster.yaml: the manifests in test/fixtures/live are
 * compared with the live DaemonSet logging/agent, its nodes and its pods;
 * a second server serves test/fixtures/live/preemption-cluster.yaml, whose
 * PriorityClasses decide whether a surge pod preempts its way onto a full node;
 * a third test/fixtures/live/crowded-cluster.yaml, whose node is filled by
 * pods of other namespaces than the DaemonSet's.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliIo } from '../../../server/src/cli/io';
import { runCli } from '../../../server/src/cli/main';
import { useFakeApiServer } from '../../support/useFakeApiServer';
import { repoRoot } from '../../support/golden';

const NOW = Date.parse('2024-06-01T00:00:00Z');

const fake = useFakeApiServer({ fixtures: ['test/fixtures/live/cluster.yaml'] });

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const env = fake.kubectlEnv();
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: repoRoot, now: () => NOW, env };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const cluster = () => ['--context', 'fake-a', '--kubeconfig', fake.kubeconfig];

describe('daemonset lint --context (real kubectl, loopback API server)', () => {
  it('reports the selector that differs from the live object as an error (exit 1)', async () => {
    const { code, stdout } = await run(['lint', 'test/fixtures/live/selector-changed.yaml', ...cluster()]);
    assert.equal(code, 1);
    assert.match(stdout, /^test\/fixtures\/live\/selector-changed\.yaml:8:3 error selector-changed The selector differs from the live object in context fake-a \(app=agent → tier=node\)/m);
  });

  it('reports the strategy change with the rollout and the nodes the new template leaves', async () => {
    const onDelete = await run(['lint', 'test/fixtures/live/on-delete.yaml', ...cluster()]);
    assert.match(onDelete.stdout, /on-delete\.yaml:11:3 warning live-strategy-changed updateStrategy changes from RollingUpdate \(maxUnavailable 1, maxSurge 0\) in the live object in context fake-a to OnDelete\. With OnDelete, kubectl apply replaces none of the 3 live pods/);
    const ssd = await run(['lint', 'test/fixtures/live/ssd-only.yaml', ...cluster()]);
    assert.match(ssd.stdout, /ssd-only\.yaml:18:5 warning live-nodes-left On kubectl apply, the new template leaves 1 node it runs on now \(w1: no longer selected\) and is evicted from 1 node \(w3: /);
  });

  it('denied nodes: the selector is still compared, and stderr says what was not read', async () => {
    fake.server.denied.add('/api/v1/nodes');
    const { code, stdout, stderr } = await run(['lint', 'test/fixtures/live/selector-changed.yaml', 'test/fixtures/live/ssd-only.yaml', ...cluster()]);
    assert.equal(code, 1);
    assert.match(stdout, /selector-changed The selector differs from the live object/);
    assert.doesNotMatch(stdout, /live-nodes-left/);
    assert.match(stderr, /^lint: context fake-a: nodes: The cluster denied the request: .* \(live-nodes-left and the rollout are not checked\)$/m);
  });

  it('a denied DaemonSet list exits 2 with kubectl\'s reason', async () => {
    fake.server.denied.add('/apis/apps/v1/namespaces/logging/daemonsets');
    const { code, stdout, stderr } = await run(['lint', 'test/fixtures/live/ssd-only.yaml', ...cluster()]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^daemonset: lint: context fake-a: The cluster denied the request: /m);
  });

  it('files without a DaemonSet run no kubectl', async () => {
    fake.server.requests.length = 0;
    const { code } = await run(['lint', 'examples/nodes/kind-cluster.nodes.yaml', ...cluster()]);
    assert.equal(code, 0);
    assert.deepEqual(fake.server.requests, []);
  });

  it('--kubeconfig without --context is a usage error', async () => {
    const { code, stderr } = await run(['lint', 'test/fixtures/live/ssd-only.yaml', '--kubeconfig', fake.kubeconfig]);
    assert.equal(code, 2);
    assert.match(stderr, /--kubeconfig and --timeout need --context/);
  });
});

describe('daemonset rollout --context (real kubectl, loopback API server)', () => {
  it('rolls from the live DaemonSet over the live nodes and pods', async () => {
    const { code, stdout } = await run(['rollout', 'test/fixtures/live/ssd-only.yaml', ...cluster(), '--format', 'json']);
    assert.equal(code, 0);
    const [plan] = JSON.parse(stdout).daemonSets;
    assert.equal(plan.name, 'agent');
    assert.equal(plan.desiredNumberScheduled, 1, 'only w2 is an SSD node without the NoExecute taint');
    const deleted = plan.steps.flatMap((step: { delete: string[] }) => step.delete).sort();
    const created = plan.steps.flatMap((step: { create: string[] }) => step.create);
    assert.deepEqual(deleted, ['w1', 'w2', 'w3'], 'the live pods of w1, w2 and w3 (their controller-revision-hash is not the new one)');
    assert.deepEqual(created, ['w2']);
  });

  it('a template that matches the live one rolls nothing: the live pods keep their revision', async () => {
    const manifest = join(fake.scratch, 'unchanged.yaml');
    writeFileSync(manifest, readFileSync(join(repoRoot, 'test/fixtures/live/on-delete.yaml'), 'utf8').replace('        tier: node\n', '').replace('agent:1.1', 'agent:1.0').replace('OnDelete', 'RollingUpdate'));
    const { code, stdout } = await run(['rollout', manifest, ...cluster(), '--format', 'json']);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout).daemonSets[0].steps, []);
  });

  it('--context excludes --from, and a DaemonSet that is not live has nothing to roll', async () => {
    const both = await run(['rollout', 'test/fixtures/live/ssd-only.yaml', ...cluster(), '--from', 'examples/nginx-ds.yaml']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--from and --context exclude each other/);
    const missing = await run(['rollout', 'examples/nginx-ds-updated.yaml', ...cluster()]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no DaemonSet default\/nginx-daemon-set is live in context fake-a: kubectl apply creates it/);
  });
});

describe('daemonset rollout --context with the cluster\'s PriorityClasses (real kubectl, loopback API server)', () => {
  const preemption = useFakeApiServer({ fixtures: ['test/fixtures/live/preemption-cluster.yaml'] });

  const rollout = () => run(['rollout', 'test/fixtures/live/preemption-surge.yaml', '--context', 'fake-a', '--kubeconfig', preemption.kubeconfig, '--format', 'json']);

  it('a surge pod of a cluster-defined class preempts the lower-priority pod on the full node, and the rollout completes', async () => {
    const { code, stdout, stderr } = await rollout();
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const [plan] = JSON.parse(stdout).daemonSets;
    assert.equal(plan.stuck, undefined, 'node-agent (1000000) preempts report-p1 of batch-low (100)');
    assert.deepEqual(plan.steps, [{ create: ['p1'], delete: [] }, { create: [], delete: ['p1'] }]);
    assert.ok(preemption.server.paths.includes('/apis/scheduling.k8s.io/v1/priorityclasses'));
  });

  it('lint --context: live-strategy-changed rolls with the same classes', async () => {
    const { stdout } = await run(['lint', 'test/fixtures/live/preemption-surge.yaml', '--context', 'fake-a', '--kubeconfig', preemption.kubeconfig]);
    assert.match(stdout, /live-strategy-changed updateStrategy changes .* to RollingUpdate \(maxUnavailable 0, maxSurge 1\)\. kubectl apply then replaces 1 live pod in 2 controller syncs \(1 desired node, maxUnavailable 0, maxSurge 1\)\.$/m);
  });

  it('denied PriorityClasses: the rollout goes on with the built-in classes, stuck on p1, and stderr says why', async () => {
    preemption.server.denied.add('/apis/scheduling.k8s.io/v1/priorityclasses');
    const { code, stdout, stderr } = await rollout();
    assert.equal(code, 0);
    assert.match(stderr, /^rollout: context fake-a: priorityclasses: The cluster denied the request: .* \(surge pods preempt with the built-in PriorityClasses only\)$/m);
    const [plan] = JSON.parse(stdout).daemonSets;
    assert.deepEqual(plan.stuck.map((entry: { node: string; plugin: string }) => [entry.node, entry.plugin]), [['p1', 'NodeResourcesFit']]);
  });
});

describe('daemonset rollout --context counts the pods of every namespace on the nodes (real kubectl, loopback API server)', () => {
  const crowded = useFakeApiServer({ fixtures: ['test/fixtures/live/crowded-cluster.yaml'] });

  const live = () => ['test/fixtures/live/crowded-surge.yaml', '--context', 'fake-a', '--kubeconfig', crowded.kubeconfig];

  it('kube-system\'s and team-b\'s pods on c1 leave no room for the surge pod beside the old one: stuck on c1', async () => {
    const { code, stdout, stderr } = await run(['rollout', ...live(), '--format', 'json']);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const [plan] = JSON.parse(stdout).daemonSets;
    assert.deepEqual(plan.stuck.map((entry: { node: string; plugin: string; blockedByOldPod: boolean }) => [entry.node, entry.plugin, entry.blockedByOldPod]), [['c1', 'NodeResourcesFit', true]]);
    assert.match(plan.stuck[0].reasons[0], /^Insufficient cpu/);
    assert.deepEqual(plan.steps[0].create, ['c1'], 'the own pod is exporter-c1 of monitoring, not the lookalike of team-b');
  });

  it('lint --context: live-strategy-changed says the rollout stops on c1', async () => {
    const { stdout, stderr } = await run(['lint', ...live()]);
    assert.doesNotMatch(stderr, /context fake-a/, 'everything was read');
    assert.match(stdout, /live-strategy-changed .*new pod Pending on c1: Insufficient cpu/);
  });

  it('a denied cluster-wide pod list: the namespace\'s pods only, and stderr says what the surge pods are judged against', async () => {
    crowded.server.denied.add('/api/v1/pods');
    const { code, stdout, stderr } = await run(['rollout', ...live(), '--format', 'json']);
    assert.equal(code, 0);
    assert.match(stderr, /^rollout: context fake-a: pods of other namespaces: The cluster denied the request: .* \(surge pods are judged against the pods of monitoring only\)$/m);
    const [plan] = JSON.parse(stdout).daemonSets;
    assert.equal(plan.stuck, undefined);
    const lint = await run(['lint', ...live()]);
    assert.match(lint.stderr, /^lint: context fake-a: pods of other namespaces: .* \(the rollout's surge pods are judged against the pods of monitoring only\)$/m);
  });
});
