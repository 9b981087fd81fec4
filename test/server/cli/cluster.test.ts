/** `daemonset cluster`: golden outputs over examples/cluster, and the usage errors (exit 2). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import type { CliIo } from '../../../server/src/cli/io';
import { assertGolden, repoRoot } from '../../support/golden';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: repoRoot, now: () => 0 };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const CLUSTER = ['examples/cluster/daemonsets', '--inventory', 'examples/cluster/inventory'];
const RENDERED = ['--helm', 'examples/charts/node-agent', '--values', 'examples/charts/node-agent/values-prod.yaml', '--kustomize', 'examples/kustomize/overlays/prod'];

const goldens: Array<[string, string[]]> = [
  ['cli/cluster-eks.txt', ['cluster', ...CLUSTER]],
  ['cli/cluster-eks.json', ['cluster', ...CLUSTER, '--format', 'json']],
  ['cli/cluster-eks.csv', ['cluster', ...CLUSTER, '--format', 'csv']],
  ['cli/cluster-eks-by-zone.txt', ['cluster', ...CLUSTER, '--group-by', 'topology.kubernetes.io/zone']],
  ['cli/cluster-examples-kind.txt', ['cluster', 'examples', '--inventory', 'examples/nodes/kind-cluster.nodes.yaml']],
  ['cli/cluster-rendered.txt', ['cluster', ...CLUSTER, 'examples/kustomize', ...RENDERED]],
];

describe('daemonset cluster golden outputs', () => {
  for (const [golden, argv] of goldens) {
    it(argv.join(' '), async () => {
      const result = await run(argv);
      assert.equal(result.stderr, '');
      assert.equal(result.code, 0);
      if (golden.endsWith('.json')) JSON.parse(result.stdout);
      assertGolden(golden, result.stdout);
    });
  }
});

describe('daemonset cluster contract', () => {
  it('JSON: per pool the tax, per DaemonSet a cell per pool, gaps and collisions by name', async () => {
    const json = JSON.parse((await run(['cluster', ...CLUSTER, '--format', 'json'])).stdout);
    assert.deepEqual(json.pools.map((pool: { name: string }) => pool.name), ['system', 'general', 'gpu', 'arm-spot']);
    const fluentBit = json.daemonSets.find((d: { name: string }) => d.name === 'fluent-bit');
    assert.equal(fluentBit.pools.gpu.state, 'excluded');
    assert.equal(fluentBit.pools.gpu.taint, 2);
    assert.deepEqual(json.gaps.map((gap: { daemonSet: string; pool: string }) => `${gap.pool} ${gap.daemonSet}`), ['gpu logging/fluent-bit', 'arm-spot kube-system/node-local-dns']);
    assert.deepEqual(json.hostPortCollisions.map((c: { port: number; pools: string[] }) => [c.port, c.pools]), [[80, ['general']], [443, ['general']]]);
  });

  it('CSV: a header and one row per DaemonSet and pool', async () => {
    const lines = (await run(['cluster', ...CLUSTER, '--format', 'csv'])).stdout.trimEnd().split('\n');
    assert.match(lines[0], /^namespace,daemonset,pool,nodes,state,/);
    assert.equal(lines.length, 1 + 10 * 4);
  });

  it('counts what charts and overlays render, labelled, and leaves an overlay\'s base out unless --include-bases', async () => {
    const json = JSON.parse((await run(['cluster', ...CLUSTER, 'examples/kustomize', ...RENDERED, '--format', 'json'])).stdout);
    const names = (entries: Array<{ namespace: string; name: string; renderedBy?: string }>) => entries.map((d) => `${d.namespace}/${d.name}${d.renderedBy ? ` by ${d.renderedBy}` : ''}`);
    const rendered = names(json.daemonSets).slice(10);
    assert.deepEqual(rendered, ['default/release-name-node-agent by examples/charts/node-agent with examples/charts/node-agent/values-prod.yaml', 'observability/vector by examples/kustomize/overlays/prod']);
    // The overlay adds the GPU toleration the base lacks: the rendered vector runs on the GPU pool.
    const vector = json.daemonSets.find((d: { name: string }) => d.name === 'vector');
    assert.equal(vector.pools.gpu.state, 'runs');
    assert.equal(vector.file, 'examples/kustomize/overlays/prod/kustomization.yaml');
    const withBases = JSON.parse((await run(['cluster', ...CLUSTER, 'examples/kustomize', ...RENDERED, '--include-bases', '--format', 'json'])).stdout);
    const vectors = withBases.daemonSets.filter((d: { name: string }) => d.name === 'vector');
    assert.deepEqual(vectors.map((d: { renderedBy?: string; pools: { gpu: { state: string } } }) => [d.renderedBy ?? 'base', d.pools.gpu.state]), [
      ['base', 'excluded'],
      ['examples/kustomize/overlays/prod', 'runs'],
    ]);
  });

  it('takes each --values and --set for the --helm before it', async () => {
    const csv = (await run(['cluster', '--inventory', 'examples/cluster/inventory', '--helm', 'examples/charts/node-agent', '--set', 'fullnameOverride=agent-default', '--helm', 'examples/charts/node-agent', '--values', 'examples/charts/node-agent/values-prod.yaml', '--set', 'fullnameOverride=agent-prod', '--format', 'csv'])).stdout;
    const gpu = csv.split('\n').filter((line) => line.includes(',gpu,'));
    assert.equal(gpu.length, 2);
    assert.match(gpu[0], /^default,agent-default,gpu,2,excluded,.*,examples\/charts\/node-agent with --set fullnameOverride=agent-default$/);
    assert.match(gpu[1], /^default,agent-prod,gpu,2,runs,.*,"examples\/charts\/node-agent with examples\/charts\/node-agent\/values-prod\.yaml, --set fullnameOverride=agent-prod"$/);
  });

  const errors: Array<[string, string[], RegExp]> = [
    ['--values before any --helm', ['cluster', ...CLUSTER, '--values', 'x.yaml', '--helm', 'examples/charts/node-agent'], /--values x\.yaml comes before any --helm/],
    ['a --helm folder without Chart.yaml', ['cluster', ...CLUSTER, '--helm', 'examples/cluster'], /--helm examples\/cluster: not a chart folder/],
    ['an overlay kubectl cannot render', ['cluster', ...CLUSTER, '--kustomize', 'test/fixtures/kustomize/overlays/broken'], /kubectl kustomize test\/fixtures\/kustomize\/overlays\/broken failed: /],
    ['a --kustomize folder without a kustomization', ['cluster', ...CLUSTER, '--kustomize', 'examples/cluster'], /examples\/cluster: no kustomization\.yaml/],
    ['no paths', ['cluster', '--inventory', 'examples/cluster/inventory'], /give at least one file or folder/],
    ['no inventory', ['cluster', 'examples/cluster/daemonsets'], /--inventory is required/],
    ['an unknown format', ['cluster', ...CLUSTER, '--format', 'xml'], /--format must be table, json or csv/],
    ['a missing path', ['cluster', 'examples/nope', '--inventory', 'examples/cluster/inventory'], /examples\/nope: cannot read/],
    ['no DaemonSet in the paths', ['cluster', 'examples/cluster/inventory', '--inventory', 'examples/cluster/inventory'], /no DaemonSet found/],
    ['an empty --group-by', ['cluster', ...CLUSTER, '--group-by', ''], /--group-by needs a label key/],
  ];
  for (const [title, argv, message] of errors) {
    it(`exits 2 with one line for ${title}`, async () => {
      const result = await run(argv);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1);
    });
  }
});
