/**
 * The preview's what-if is the reconciler's whatIf(): for the same edits over
 * the same inventory, the panel shows exactly the plan whatIf() computes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { NodeMutation } from '../../../server/src/model/nodeMutation';
import { whatIf } from '../../../server/src/reconciler';
import { loadSources } from '../../../client/src/webview/sources';
import { computeWhatIf } from '../../../client/src/webview/whatIf';
import { repoRoot } from '../../support/golden';

const read = (path: string) => readFileSync(join(repoRoot, 'examples', path), 'utf8');
const inventory = [{ uri: 'file:///kind.nodes.yaml', text: read('nodes/kind-cluster.nodes.yaml') }];
const manifests = ['selector-drift.yaml', 'fluentd-elasticsearch.yaml', 'demo-daemon.yaml', 'datastore-shard.yaml', 'nginx-ds.yaml'];

const edits: Array<[string, NodeMutation[]]> = [
  ['untaint the VIP node', [{ kind: 'removeTaint', node: 'kind-worker3', key: 'VIPOnly' }]],
  ['untaint the control plane', [{ kind: 'removeTaint', node: 'kind-control-plane', key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]],
  ['a NoExecute taint', [{ kind: 'addTaint', node: 'kind-worker', taint: { key: 'x', effect: 'NoExecute' } }]],
  ['a NoSchedule taint', [{ kind: 'addTaint', node: 'kind-worker2', taint: { key: 'x', value: 'y', effect: 'NoSchedule' } }]],
  ['remove a node', [{ kind: 'removeNode', node: 'kind-worker2' }]],
  ['relabel a node', [{ kind: 'setLabel', node: 'kind-worker', key: 'kubernetes.io/os', value: 'windows' }]],
  ['unlabel a node', [{ kind: 'removeLabel', node: 'kind-worker2', key: 'kubernetes.io/hostname' }]],
  ['cordon, then mark NotReady', [{ kind: 'cordon', node: 'kind-worker' }, { kind: 'markNotReady', node: 'kind-worker' }]],
  [
    'add a node, then taint it',
    [
      { kind: 'addNode', node: { metadata: { name: 'extra', labels: { 'kubernetes.io/os': 'linux' }, annotations: {}, ownerReferences: [] }, spec: { taints: [], unschedulable: false }, status: { conditions: [], allocatable: {}, capacity: {} } } },
      { kind: 'addTaint', node: 'extra', taint: { key: 'dedicated', value: 'db', effect: 'NoExecute' } },
    ],
  ],
  [
    'several at once',
    [
      { kind: 'removeTaint', node: 'kind-worker3', key: 'VIPOnly' },
      { kind: 'addTaint', node: 'kind-worker', taint: { key: 'x', effect: 'NoExecute' } },
      { kind: 'removeNode', node: 'kind-worker2' },
      { kind: 'uncordon', node: 'kind-worker3' },
    ],
  ],
];

describe('webview what-if equals the reconciler whatIf()', () => {
  for (const manifest of manifests) {
    const sources = loadSources({ uri: `file:///${manifest}`, text: read(manifest) }, inventory);
    assert.deepEqual(sources.inventoryProblems, []);
    for (const daemonSet of sources.daemonSets) {
      for (const [name, mutations] of edits) {
        it(`${manifest} ${daemonSet.metadata.name}: ${name}`, () => {
          const shown = computeWhatIf(daemonSet, sources.nodes, mutations);
          assert.deepEqual(shown.skipped, []);
          const [plan] = whatIf([daemonSet], sources.nodes, mutations);
          assert.deepEqual(shown.diff, { created: plan.created, deleted: plan.deleted, evicted: plan.evicted });
        });
      }
    }
  }

  it('skips an edit whose node is gone, and equals whatIf() over the edits that apply', () => {
    const { daemonSets, nodes } = loadSources({ uri: 'file:///ds.yaml', text: read('selector-drift.yaml') }, inventory);
    const applying: NodeMutation[] = [
      { kind: 'removeTaint', node: 'kind-worker3', key: 'VIPOnly' },
      { kind: 'addTaint', node: 'kind-worker', taint: { key: 'x', effect: 'NoExecute' } },
      { kind: 'removeNode', node: 'kind-worker2' },
    ];
    const shown = computeWhatIf(daemonSets[0], nodes, [...applying, { kind: 'cordon', node: 'kind-worker2' }]);
    assert.deepEqual(shown.skipped, [3]);
    const [plan] = whatIf(daemonSets, nodes, applying);
    assert.deepEqual(shown.diff, { created: plan.created, deleted: plan.deleted, evicted: plan.evicted });
    assert.deepEqual(shown.diff, { created: ['kind-worker3'], deleted: ['kind-worker2'], evicted: ['kind-worker'] });
  });

  it('computes no difference without edits', () => {
    const { daemonSets, nodes } = loadSources({ uri: 'file:///ds.yaml', text: read('selector-drift.yaml') }, inventory);
    assert.equal(computeWhatIf(daemonSets[0], nodes, []).diff, undefined);
  });
});
