import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import type { CliIo } from '../../../server/src/cli/io';
import { assertGolden, repoRoot } from '../../support/golden';

const NOW = Date.parse('2024-06-01T00:00:00Z');

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: repoRoot, now: () => NOW };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const goldens: Array<[string, string[]]> = [
  ['cli/preview-fluentd-kind.json', ['preview', 'examples/fluentd-elasticsearch.yaml', '--inventory', 'examples/nodes/kind-cluster.nodes.yaml', '--format', 'json']],
  ['cli/preview-demo-daemon-kind.json', ['preview', 'examples/demo-daemon.yaml', '--inventory', 'examples/nodes/kind-cluster.nodes.yaml', '--format', 'json']],
  ['cli/preview-nginx-kind.txt', ['preview', 'examples/nginx-ds.yaml', '--inventory', 'examples/nodes/kind-cluster.nodes.yaml']],
  ['cli/preview-datastore-mixed.json', ['preview', 'examples/datastore-shard.yaml', '--inventory', 'examples/nodes/mixed-pool.nodes.yaml', '--format', 'json']],
  ['cli/preview-nginx-mixed.txt', ['preview', 'examples/nginx-ds.yaml', '--inventory', 'examples/nodes/mixed-pool.nodes.yaml']],
  ['cli/preview-demo-daemon-dir.txt', ['preview', 'examples/demo-daemon.yaml', '--inventory', 'examples/nodes']],
  ['cli/preview-nginx-with-pods.json', ['preview', 'examples/nginx-ds.yaml', '--inventory', 'test/fixtures/reconciler/nodes-and-pods.yaml', '--format', 'json']],
  ['cli/preview-fluentd-kind-config.txt', ['preview', 'examples/fluentd-elasticsearch.yaml', '--inventory', 'test/fixtures/inventory/pools/kind-multi-node.yaml']],
  ['cli/preview-nginx-karpenter.txt', ['preview', 'examples/nginx-ds.yaml', '--inventory', 'test/fixtures/inventory/pools/karpenter-nodepools.yaml']],
  ['cli/preview-datastore-eksctl.json', ['preview', 'examples/datastore-shard.yaml', '--inventory', 'test/fixtures/inventory/pools/eksctl-cluster.yaml', '--format', 'json']],
  ['cli/preview-fluentd-cluster-api.txt', ['preview', 'examples/fluentd-elasticsearch.yaml', '--inventory', 'test/fixtures/inventory/pools/cluster-api.yaml']],
  ['cli/preview-gated-fields-1.21.txt', ['preview', 'test/fixtures/service/kubernetesVersion/gated-fields.yaml', '--inventory', 'examples/nodes/kind-cluster.nodes.yaml', '--kubernetes-version', '1.21']],
  ['cli/preview-scheduling.txt', ['preview', 'test/fixtures/scheduling/daemonsets.yaml', '--inventory', 'test/fixtures/scheduling/cluster.yaml']],
  ['cli/preview-scheduling.json', ['preview', 'test/fixtures/scheduling/daemonsets.yaml', '--inventory', 'test/fixtures/scheduling/cluster.yaml', '--format', 'json']],
  ['cli/preview-edge-proxy-kind-example.txt', ['preview', 'examples/kind/edge-proxy.yaml', '--inventory', 'examples/kind/kind-config.yaml']],
  ['cli/preview-control-plane-label-1.19.txt', ['preview', 'test/fixtures/service/kubernetesVersion/control-plane-label.yaml', '--inventory', 'examples/kind/kind-config.yaml', '--kubernetes-version', '1.19']],
  ['cli/preview-legacy-master-kind.json', ['preview', 'test/fixtures/service/kubernetesVersion/legacy-master-toleration.yaml', '--inventory', 'examples/nodes/kind-cluster.nodes.yaml', '--format', 'json']],
  ['cli/rollout-nginx-kind.json', ['rollout', 'examples/nginx-ds-updated.yaml', '--from', 'examples/nginx-ds.yaml', '--inventory', 'examples/nodes/kind-cluster.nodes.yaml', '--format', 'json']],
  ['cli/rollout-nginx-mixed.txt', ['rollout', 'examples/nginx-ds-updated.yaml', '--from', 'examples/nginx-ds.yaml', '--inventory', 'examples/nodes/mixed-pool.nodes.yaml']],
  ['cli/rollout-nginx-pods.json', ['rollout', 'examples/nginx-ds-updated.yaml', '--from', 'examples/nginx-ds.yaml', '--inventory', 'test/fixtures/reconciler/nodes-and-pods.yaml', '--pods', 'test/fixtures/reconciler/nodes-and-pods.yaml', '--format', 'json']],
  ['cli/rollout-surge-hostport.txt', ['rollout', 'test/fixtures/cli/rollout-surge/node-exporter-updated.yaml', '--from', 'test/fixtures/cli/rollout-surge/node-exporter.yaml', '--inventory', 'test/fixtures/cli/rollout-surge/nodes.yaml']],
  ['cli/rollout-surge-hostport.json', ['rollout', 'test/fixtures/cli/rollout-surge/node-exporter-updated.yaml', '--from', 'test/fixtures/cli/rollout-surge/node-exporter.yaml', '--inventory', 'test/fixtures/cli/rollout-surge/nodes.yaml', '--format', 'json']],
  // The inventory's pods of other workloads fill a node, beside the steady state's old pods: the surge pod stays Pending.
  ['cli/rollout-full-node.txt', ['rollout', 'test/fixtures/cli/rollout-full-node/log-agent-updated.yaml', '--from', 'test/fixtures/cli/rollout-full-node/log-agent.yaml', '--inventory', 'test/fixtures/cli/rollout-full-node/cluster.yaml']],
  // The inventory's PriorityClass lets the surge pod preempt the other workload's pod.
  ['cli/rollout-full-node-preempts.txt', ['rollout', 'test/fixtures/cli/rollout-full-node/log-agent-critical-updated.yaml', '--from', 'test/fixtures/cli/rollout-full-node/log-agent-critical.yaml', '--inventory', 'test/fixtures/cli/rollout-full-node/cluster.yaml']],
];

describe('daemonset CLI golden outputs', () => {
  for (const [golden, argv] of goldens) {
    it(`${argv.join(' ')}`, async () => {
      const result = await run(argv);
      assert.equal(result.stderr, '');
      assert.equal(result.code, 0);
      if (golden.endsWith('.json')) JSON.parse(result.stdout);
      assertGolden(golden, result.stdout);
    });
  }
});

describe('daemonset CLI contract', () => {
  it('preview JSON has the documented shape, nodes in inventory order, namespace default', async () => {
    const { stdout } = await run(['preview', 'examples/nginx-ds.yaml', '--inventory', 'examples/nodes/kind-cluster.nodes.yaml', '--format', 'json']);
    const json = JSON.parse(stdout);
    const ds = json.daemonSets[0];
    assert.equal(ds.namespace, 'default');
    assert.deepEqual(Object.keys(ds.status).sort(), ['currentNumberScheduled', 'desiredNumberScheduled', 'numberAvailable', 'numberMisscheduled', 'numberReady', 'numberUnavailable', 'updatedNumberScheduled']);
    assert.deepEqual(ds.nodes.map((n: { name: string }) => n.name), ['kind-control-plane', 'kind-worker', 'kind-worker2', 'kind-worker3']);
    assert.deepEqual(ds.nodes.map((n: { shouldRun: boolean; shouldContinueRunning: boolean }) => [n.shouldRun, n.shouldContinueRunning]), [[false, true], [true, true], [true, true], [false, false]]);
  });

  const errors: Array<[string, string[], RegExp]> = [
    ['missing manifest file', ['preview', 'nope.yaml', '--inventory', 'examples/nodes'], /^daemonset: nope\.yaml: cannot read: no such file\n$/],
    ['missing --inventory', ['preview', 'examples/nginx-ds.yaml'], /--inventory is required/],
    ['bad node names file, line and field', ['preview', 'examples/nginx-ds.yaml', '--inventory', 'test/fixtures/reconciler/bad-nodes.yaml'], /^daemonset: test\/fixtures\/reconciler\/bad-nodes\.yaml:18:15: items\[1\]\.spec\.taints\[0\]\.effect: unsupported taint effect "NoScheduled".*\n$/],
    ['YAML syntax error', ['preview', 'examples/nginx-ds.yaml', '--inventory', 'test/fixtures/reconciler/not-yaml.yaml'], /^daemonset: test\/fixtures\/reconciler\/not-yaml\.yaml:\d+:\d+: /],
    ['no DaemonSet in the manifest', ['preview', 'examples/nodes/kind-cluster.nodes.yaml', '--inventory', 'examples/nodes'], /no DaemonSet found/],
    ['unknown option', ['preview', 'examples/nginx-ds.yaml', '--inventory', 'examples/nodes', '--bogus'], /bogus/],
    ['bad --format', ['rollout', 'examples/nginx-ds.yaml', '--from', 'examples/nginx-ds.yaml', '--inventory', 'examples/nodes', '--format', 'xml'], /--format must be table or json/],
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['bad --kubernetes-version on preview', ['preview', 'examples/nginx-ds.yaml', '--inventory', 'examples/nodes', '--kubernetes-version', 'latest'], /^daemonset: preview: --kubernetes-version must be a Kubernetes version such as 1\.29 or v1\.29\.3, not "latest"\n$/],
    ['bad --kubernetes-version on lint', ['lint', 'examples/nginx-ds.yaml', '--kubernetes-version', '1'], /^daemonset: lint: --kubernetes-version must be/],
  ];
  for (const [name, argv, pattern] of errors) {
    it(`exit 2 with one line on stderr: ${name}`, async () => {
      const result = await run(argv);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1);
    });
  }

  it('lint judges version-gated fields against --kubernetes-version, else the inventory, else the newest', async () => {
    const fixture = 'test/fixtures/service/kubernetesVersion/gated-fields.yaml';
    const gated = (stdout: string) => stdout.split('\n').filter((line) => line.includes('field-needs-newer-kubernetes'));
    const flagged = await run(['lint', fixture, '--kubernetes-version', 'v1.29.3']);
    assert.equal(flagged.code, 0);
    assertGolden('cli/lint-gated-fields-1.29.txt', gated(flagged.stdout).join('\n'));
    const fromInventory = gated((await run(['lint', fixture, '--inventory', 'examples/nodes/kind-cluster.nodes.yaml'])).stdout);
    assert.equal(fromInventory.length, 4);
    assert.match(fromInventory[0], /the cluster is 1\.31 \(from status\.nodeInfo\.kubeletVersion of node kind-control-plane in examples\/nodes\/kind-cluster\.nodes\.yaml\)/);
    assert.deepEqual(gated((await run(['lint', fixture])).stdout), []);
  });

  it('preview reads a support-bundle node dump whose items carry no kind', async () => {
    const result = await run(['preview', 'examples/nginx-ds.yaml', '--inventory', 'test/fixtures/inventory/support-bundle-nodes.json', '--format', 'json']);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, '');
    const nodes = (JSON.parse(result.stdout) as { daemonSets: Array<{ nodes: Array<{ name: string }> }> }).daemonSets[0].nodes;
    assert.equal(nodes.length, 3);
  });

  for (const command of [['preview', 'examples/nginx-ds.yaml'], ['lint', 'examples/nginx-ds.yaml']]) {
    it(`${command[0]}: an inventory file with no node is a warning line on stderr naming the file`, async () => {
      const result = await run([...command, '--inventory', 'test/fixtures/inventory/support-bundle-configmaps.json']);
      assert.equal(result.code, 0);
      const warnings = result.stderr.split('\n').filter((line) => line.includes('warning:'));
      assert.deepEqual(warnings, ['daemonset: test/fixtures/inventory/support-bundle-configmaps.json:1:1: warning: no node could be read from this file: expected Nodes as kubectl get nodes -o yaml prints them (kind: Node, NodeList or List), list items with status.nodeInfo or status.allocatable, or node groups (a kind Cluster, a Karpenter NodePool, an eksctl ClusterConfig, a Cluster API MachineDeployment or MachinePool)']);
    });
  }

  it('--help documents both subcommands; --version prints a version', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /preview/);
    assert.match(help.stdout, /rollout/);
    for (const command of ['preview', 'rollout']) {
      const sub = await run([command, '--help']);
      assert.equal(sub.code, 0);
      assert.match(sub.stdout, /JSON:/);
    }
    const version = await run(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\S+\n$/);
  });
});
