import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { whatIf } from '../../../server/src/reconciler';
import { daemonSet, node, taint } from './builders';

describe('whatIf', () => {
  const nodes = [node('a', { labels: { disk: 'ssd' } }), node('b', { labels: { disk: 'ssd' } }), node('c')];
  const ds = daemonSet({ nodeSelector: { disk: 'ssd' } });
  const cases: Array<[string, Parameters<typeof whatIf>[2], { created: string[]; deleted: string[]; evicted: string[] }]> = [
    ['A1: labelling a node creates a pod', { kind: 'setLabel', node: 'c', key: 'disk', value: 'ssd' }, { created: ['c'], deleted: [], evicted: [] }],
    ['C6: removing the label deletes the pod', { kind: 'removeLabel', node: 'a', key: 'disk' }, { created: [], deleted: ['a'], evicted: [] }],
    ['P4: a NoSchedule taint keeps the running pod', { kind: 'addTaint', node: 'a', taint: taint('x', 'NoSchedule') }, { created: [], deleted: [], evicted: [] }],
    ['P4: a NoExecute taint evicts', { kind: 'addTaint', node: 'a', taint: taint('x', 'NoExecute') }, { created: [], deleted: [], evicted: ['a'] }],
    ['N2: cordon changes nothing for daemons', { kind: 'cordon', node: 'a' }, { created: [], deleted: [], evicted: [] }],
    ['N4: NotReady keeps the running pod', { kind: 'markNotReady', node: 'b' }, { created: [], deleted: [], evicted: [] }],
    ['removing a node removes its pod', { kind: 'removeNode', node: 'b' }, { created: [], deleted: ['b'], evicted: [] }],
    ['adding a matching node creates a pod', { kind: 'addNode', node: node('d', { labels: { disk: 'ssd' } }) }, { created: ['d'], deleted: [], evicted: [] }],
  ];
  for (const [name, mutation, expected] of cases) {
    it(name, () => {
      const [plan] = whatIf([ds], nodes, mutation);
      assert.deepEqual({ created: plan.created, deleted: plan.deleted, evicted: plan.evicted }, expected);
    });
  }
  it('N4: a NotReady node gets no new pod (not-ready:NoSchedule)', () => {
    const [plan] = whatIf([daemonSet()], [node('a')], { kind: 'removeNode', node: 'a' });
    assert.deepEqual(plan.deleted, ['a']);
    const [later] = whatIf([daemonSet()], [node('x', { taints: [taint('node.kubernetes.io/not-ready', 'NoSchedule')] })], { kind: 'uncordon', node: 'x' });
    assert.deepEqual(later.created, []);
  });
  it('applies several mutations in order, as one change', () => {
    const [plan] = whatIf([ds], nodes, [
      { kind: 'setLabel', node: 'c', key: 'disk', value: 'ssd' },
      { kind: 'addTaint', node: 'c', taint: taint('x', 'NoSchedule') },
      { kind: 'addTaint', node: 'a', taint: taint('x', 'NoExecute') },
      { kind: 'removeLabel', node: 'b', key: 'disk' },
    ]);
    assert.deepEqual({ created: plan.created, deleted: plan.deleted, evicted: plan.evicted }, { created: [], deleted: ['b'], evicted: ['a'] });
    assert.throws(() => whatIf([ds], nodes, [{ kind: 'removeNode', node: 'c' }, { kind: 'cordon', node: 'c' }]), /no node named "c"/);
  });
});
