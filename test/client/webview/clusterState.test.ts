/** The cluster view's pure state: stored UI state validated on restore, the what-if applied to the inputs, sort and filter. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyClusterWhatIf, daemonSetKeyOf, daemonSetRows, defaultClusterUiState, nodeRows, restoreClusterUiState } from '../../../client/src/webview/clusterState';
import { computeClusterView } from '../../../server/src/reconciler';
import { daemonSet, node } from '../../server/reconciler/builders';

const pool = (name: string, value: string) => node(name, { labels: { 'eks.amazonaws.com/nodegroup': value, 'kubernetes.io/hostname': name }, allocatable: { cpu: '2', memory: '8Gi' } });
const nodes = [pool('s1', 'system'), pool('s2', 'system'), pool('g1', 'general')];
const agent = daemonSet({ containers: [{ name: 'a', image: 'a:1', resources: { requests: { cpu: '100m', memory: '64Mi' } } }, { name: 'b', image: 'b:1', resources: { requests: { cpu: '50m' } } }] }, {}, 'agent');
const small = daemonSet({ containers: [{ name: 'c', image: 'c:1', resources: { requests: { cpu: '10m' } } }] }, {}, 'small');

describe('restoreClusterUiState', () => {
  const cases: Array<[string, unknown, ReturnType<typeof restoreClusterUiState>]> = [
    ['nothing stored', undefined, undefined],
    ["the preview's state", { selected: 'x' }, undefined],
    ['a valid state', { view: 'cluster', mode: 'nodes', sort: 'requests', filter: 'kube', groupBy: 'zone', removedPools: ['gpu'], addedPools: [{ name: 'x', like: 'gpu', count: 2 }], requests: { 'a/b': { cpu: '250m' } }, includeBases: true }, { view: 'cluster', mode: 'nodes', sort: 'requests', filter: 'kube', groupBy: 'zone', removedPools: ['gpu'], addedPools: [{ name: 'x', like: 'gpu', count: 2 }], requests: { 'a/b': { cpu: '250m' } }, includeBases: true }],
    ['bad fields fall back, bad entries are dropped', { view: 'cluster', mode: 'grid', sort: 1, removedPools: ['a', 3], addedPools: [{ name: 'x', like: 'y', count: 0 }, { name: 'z', like: 'y', count: 100000 }], requests: { 'a/b': { cpu: 'lots' }, 'c/d': { memory: '1Gi' } } }, { ...defaultClusterUiState(), removedPools: ['a'], requests: { 'c/d': { memory: '1Gi' } } }],
  ];
  for (const [title, stored, expected] of cases) it(title, () => assert.deepEqual(restoreClusterUiState(stored), expected));
});

describe('applyClusterWhatIf', () => {
  it('removes a pool by name and adds one like another, with its pool label and hostnames', () => {
    const ui = { ...defaultClusterUiState(), removedPools: ['general'], addedPools: [{ name: 'big', like: 'system', count: 2 }] };
    const { nodes: result } = applyClusterWhatIf([agent], nodes, ui);
    assert.deepEqual(result.map((n) => [n.metadata.name, n.metadata.labels['eks.amazonaws.com/nodegroup'], n.metadata.labels['kubernetes.io/hostname']]), [
      ['s1', 'system', 's1'],
      ['s2', 'system', 's2'],
      ['big-1', 'big', 'big-1'],
      ['big-2', 'big', 'big-2'],
    ]);
  });

  it("a DaemonSet's pod request becomes the value: on the first container, off the others", () => {
    const ui = { ...defaultClusterUiState(), requests: { 'default/agent': { cpu: '1' } } };
    const { daemonSets } = applyClusterWhatIf([agent, small], nodes, ui);
    const view = computeClusterView({ daemonSets, nodes });
    assert.deepEqual(view.daemonSets.map((d) => [d.name, d.requests.cpu, d.requests.memory]), [
      ['agent', '1 CPU', '64 MiB'],
      ['small', '10m', undefined],
    ]);
    assert.equal(agent.spec.template.spec.containers[1].resources?.requests?.cpu, '50m', 'the input is not changed');
  });

  it('keys requests by what renders a DaemonSet, so a base and its overlay of one name keep their own', () => {
    const overlay = 'default/agent — rendered by kustomize/overlays/prod';
    const ui = { ...defaultClusterUiState(), requests: { [overlay]: { cpu: '2' } } };
    const { daemonSets } = applyClusterWhatIf([agent, agent], nodes, ui, [undefined, 'kustomize/overlays/prod']);
    const view = computeClusterView({ daemonSets, nodes, renderedBy: [undefined, 'kustomize/overlays/prod'] });
    assert.deepEqual(view.daemonSets.map((d) => [d.renderedBy ?? 'the file', d.requests.cpu]), [
      ['the file', '150m'],
      ['kustomize/overlays/prod', '2 CPU'],
    ]);
    assert.equal(daemonSetKeyOf(agent, 'kustomize/overlays/prod'), overlay);
    assert.equal(daemonSetKeyOf(agent), 'default/agent');
  });
});

describe('daemonSetRows and nodeRows', () => {
  const view = computeClusterView({ daemonSets: [small, agent], nodes });
  it('sorts by name, by CPU request (largest first) and keeps file order', () => {
    assert.deepEqual(daemonSetRows(view, 'name', ''), [1, 0]);
    assert.deepEqual(daemonSetRows(view, 'requests', ''), [1, 0]);
    assert.deepEqual(daemonSetRows(view, 'file', ''), [0, 1]);
  });
  it('filters DaemonSets by namespace/name and nodes by node or pool name', () => {
    assert.deepEqual(daemonSetRows(view, 'name', 'SMALL'), [0]);
    assert.deepEqual(nodeRows(view, 'general'), [2]);
    assert.deepEqual(nodeRows(view, 's2'), [1]);
  });
});
