import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodSpec, Taint } from '../../../server/src/model/kubeTypes';
import { addOrUpdateDaemonPodTolerations, nodeShouldRunDaemonPod } from '../../../server/src/reconciler';
import { daemonSet, node, taint } from './builders';

type Flags = [boolean, boolean];
interface Case {
  name: string;
  spec?: Partial<PodSpec>;
  nodeName?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  ready?: string;
  expected: Flags;
  codes?: string[];
}

const term = (...matchExpressions: Array<{ key: string; operator: string; values?: string[] }>) => ({ matchExpressions });
const required = (...nodeSelectorTerms: object[]): Partial<PodSpec> => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } },
});

const cases: Case[] = [
  // P: the two flags
  { name: 'P1: template nodeName naming another node → (false,false)', spec: { nodeName: 'other' }, expected: [false, false], codes: ['NodeNameMismatch'] },
  { name: 'P1: template nodeName naming this node → (true,true)', spec: { nodeName: 'n1' }, expected: [true, true] },
  { name: 'P2: not selected and an untolerated NoSchedule taint → (false,false), taint not reported', spec: { nodeSelector: { a: 'b' } }, taints: [taint('x', 'NoSchedule')], expected: [false, false], codes: ['NodeSelectorMismatch'] },
  { name: 'P4: only untolerated NoSchedule → (false,true)', taints: [taint('x', 'NoSchedule')], expected: [false, true], codes: ['TaintNotTolerated'] },
  { name: 'P4: untolerated NoExecute → (false,false)', taints: [taint('x', 'NoExecute')], expected: [false, false], codes: ['TaintNotTolerated'] },
  { name: 'P5: NoSchedule and NoExecute untolerated → (false,false)', taints: [taint('x', 'NoSchedule'), taint('y', 'NoExecute')], expected: [false, false], codes: ['TaintNotTolerated', 'TaintNotTolerated'] },
  { name: 'P5: PreferNoSchedule ignored → (true,true)', taints: [taint('x', 'PreferNoSchedule')], expected: [true, true] },
  // A: selection
  { name: 'A1: nodeSelector equal value', spec: { nodeSelector: { disk: 'ssd' } }, labels: { disk: 'ssd', extra: 'x' }, expected: [true, true] },
  { name: 'A1: nodeSelector different value', spec: { nodeSelector: { disk: 'ssd' } }, labels: { disk: 'hdd' }, expected: [false, false], codes: ['NodeSelectorMismatch'] },
  { name: 'A1: empty value requires the label with empty value', spec: { nodeSelector: { k: '' } }, labels: {}, expected: [false, false] },
  { name: 'A1: empty value matches label with empty value', spec: { nodeSelector: { k: '' } }, labels: { k: '' }, expected: [true, true] },
  { name: 'A2: nodeSelector and affinity ANDed', spec: { nodeSelector: { a: '1' }, ...required(term({ key: 'b', operator: 'Exists' })) }, labels: { a: '1' }, expected: [false, false], codes: ['NodeAffinityMismatch'] },
  { name: 'A3: preferred affinity never filters', spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: term({ key: 'x', operator: 'Exists' }) }] } } }, expected: [true, true] },
  { name: 'A4: terms ORed', spec: required(term({ key: 'a', operator: 'Exists' }), term({ key: 'b', operator: 'Exists' })), labels: { b: '' }, expected: [true, true] },
  { name: 'A4: empty nodeSelectorTerms matches no node', spec: required(), expected: [false, false], codes: ['NodeAffinityMismatch'] },
  { name: 'A4: null nodeSelectorTerms matches no node', spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: null } } } }, expected: [false, false] },
  { name: 'A5: an empty term selects nothing', spec: required({}), expected: [false, false] },
  { name: 'A5: an empty term next to a matching term', spec: required({}, term({ key: 'a', operator: 'Exists' })), labels: { a: 'x' }, expected: [true, true] },
  { name: 'A5: matchExpressions: [] is an empty term', spec: required({ matchExpressions: [] }), expected: [false, false] },
  { name: 'A6: expressions inside a term ANDed', spec: required(term({ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' })), labels: { a: '' }, expected: [false, false] },
  { name: 'A7: In', spec: required(term({ key: 'z', operator: 'In', values: ['a', 'b'] })), labels: { z: 'b' }, expected: [true, true] },
  { name: 'A7: NotIn matches a node without the label', spec: required(term({ key: 'z', operator: 'NotIn', values: ['a'] })), expected: [true, true] },
  { name: 'A7: NotIn with a listed value', spec: required(term({ key: 'z', operator: 'NotIn', values: ['a'] })), labels: { z: 'a' }, expected: [false, false] },
  { name: 'A7: Exists with empty value', spec: required(term({ key: 'z', operator: 'Exists' })), labels: { z: '' }, expected: [true, true] },
  { name: 'A7: DoesNotExist with empty value present', spec: required(term({ key: 'z', operator: 'DoesNotExist' })), labels: { z: '' }, expected: [false, false] },
  { name: 'A8: Gt strict', spec: required(term({ key: 'n', operator: 'Gt', values: ['5'] })), labels: { n: '5' }, expected: [false, false] },
  { name: 'A8: Gt with leading zeros', spec: required(term({ key: 'n', operator: 'Gt', values: ['0204'] })), labels: { n: '205' }, expected: [true, true] },
  { name: 'A8: Lt', spec: required(term({ key: 'n', operator: 'Lt', values: ['10'] })), labels: { n: '9' }, expected: [true, true] },
  { name: 'A8: Gt with non-integer label is false', spec: required(term({ key: 'n', operator: 'Gt', values: ['1'] })), labels: { n: 'x' }, expected: [false, false] },
  { name: 'A8: Gt with missing label is false', spec: required(term({ key: 'n', operator: 'Gt', values: ['1'] })), expected: [false, false] },
  { name: 'A8: Gt ["-1"] is unparsable (invalid label value)', spec: required(term({ key: 'n', operator: 'Gt', values: ['-1'] })), labels: { n: '5' }, expected: [false, false] },
  { name: 'A8: Gt beyond int64 in the label is false', spec: required(term({ key: 'n', operator: 'Gt', values: ['1'] })), labels: { n: '9223372036854775808' }, expected: [false, false] },
  { name: 'A9: In without values: term never matches, others still count', spec: required(term({ key: 'a', operator: 'In', values: [] }), term({ key: 'b', operator: 'Exists' })), labels: { a: 'x', b: 'y' }, expected: [true, true] },
  { name: 'A9: Exists with values never matches', spec: required(term({ key: 'a', operator: 'Exists', values: ['x'] })), labels: { a: 'x' }, expected: [false, false] },
  { name: 'A9: unknown operator never matches', spec: required(term({ key: 'a', operator: 'Equals', values: ['x'] })), labels: { a: 'x' }, expected: [false, false] },
  { name: 'A9: invalid key never matches', spec: required(term({ key: 'a b', operator: 'Exists' })), labels: { 'a b': 'x' }, expected: [false, false] },
  { name: 'A10: matchFields metadata.name In', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }), expected: [true, true] },
  { name: 'A10: matchFields metadata.name NotIn', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }), expected: [false, false] },
  { name: 'A10: matchFields In with two values never matches', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1', 'n2'] }] }), expected: [false, false] },
  { name: 'A10: matchFields Exists never matches', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'Exists', values: ['n1'] }] }), expected: [false, false] },
  { name: 'A11: metadata.name in matchExpressions is a label', spec: required(term({ key: 'metadata.name', operator: 'In', values: ['n1'] })), expected: [false, false] },
  // T: taints and tolerations
  { name: 'T1: Equal with same value', spec: { tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }] }, taints: [taint('k', 'NoSchedule', 'v')], expected: [true, true] },
  { name: 'T1: empty operator means Equal', spec: { tolerations: [{ key: 'k', value: 'v' }] }, taints: [taint('k', 'NoExecute', 'v')], expected: [true, true] },
  { name: 'T1: Equal with different value', spec: { tolerations: [{ key: 'k', operator: 'Equal', value: 'v' }] }, taints: [taint('k', 'NoSchedule', 'w')], expected: [false, true] },
  { name: 'T1: Exists ignores the value', spec: { tolerations: [{ key: 'k', operator: 'Exists' }] }, taints: [taint('k', 'NoExecute', 'w')], expected: [true, true] },
  { name: 'T1: empty key with Exists tolerates everything', spec: { tolerations: [{ operator: 'Exists' }] }, taints: [taint('a', 'NoExecute'), taint('b', 'NoSchedule', 'v')], expected: [true, true] },
  { name: 'T1: effect must match', spec: { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] }, taints: [taint('k', 'NoExecute')], expected: [false, false] },
  { name: 'T1: keys are case-sensitive', spec: { tolerations: [{ key: 'K', operator: 'Exists' }] }, taints: [taint('k', 'NoSchedule')], expected: [false, true] },
  { name: 'T1: unknown operator never matches', spec: { tolerations: [{ key: 'k', operator: 'Gt', value: '1' }] }, taints: [taint('k', 'NoSchedule', '2')], expected: [false, true] },
  { name: 'T2: tolerationSeconds plays no part', spec: { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }, taints: [taint('k', 'NoExecute')], expected: [true, true] },
  { name: 'T4: PreferNoSchedule untolerated is ignored', taints: [taint('k', 'PreferNoSchedule', 'v')], expected: [true, true] },
  // U: automatic tolerations
  { name: 'U1: unschedulable taint tolerated', taints: [taint('node.kubernetes.io/unschedulable', 'NoSchedule')], expected: [true, true] },
  { name: 'U1: pressure taints tolerated', taints: [taint('node.kubernetes.io/disk-pressure', 'NoSchedule'), taint('node.kubernetes.io/memory-pressure', 'NoSchedule'), taint('node.kubernetes.io/pid-pressure', 'NoSchedule')], expected: [true, true] },
  { name: 'U1: not-ready and unreachable NoExecute tolerated', taints: [taint('node.kubernetes.io/not-ready', 'NoExecute'), taint('node.kubernetes.io/unreachable', 'NoExecute')], expected: [true, true] },
  { name: 'U1: network-unavailable not tolerated without hostNetwork', taints: [taint('node.kubernetes.io/network-unavailable', 'NoSchedule')], expected: [false, true] },
  { name: 'U1: network-unavailable tolerated with hostNetwork', spec: { hostNetwork: true }, taints: [taint('node.kubernetes.io/network-unavailable', 'NoSchedule')], expected: [true, true] },
  { name: 'U3: not-ready NoSchedule is not tolerated', taints: [taint('node.kubernetes.io/not-ready', 'NoSchedule'), taint('node.kubernetes.io/not-ready', 'NoExecute')], expected: [false, true] },
  { name: 'U4: pressure key with NoExecute is not tolerated', taints: [taint('node.kubernetes.io/memory-pressure', 'NoExecute')], expected: [false, false] },
  { name: 'U5: control-plane taint not tolerated automatically', taints: [taint('node-role.kubernetes.io/control-plane', 'NoSchedule')], expected: [false, true] },
  { name: 'U5: out-of-service NoExecute evicts', taints: [taint('node.kubernetes.io/out-of-service', 'NoExecute', 'nodeshutdown')], expected: [false, false] },
  // N: node state
  { name: 'N1: Ready=False without taints still runs', ready: 'False', expected: [true, true] },
  { name: 'N2: cordoned node (unschedulable) runs daemons', unschedulable: true, taints: [taint('node.kubernetes.io/unschedulable', 'NoSchedule')], expected: [true, true] },
  { name: 'N4: real NotReady node (NoSchedule + NoExecute) → (false,true)', ready: 'False', taints: [taint('node.kubernetes.io/not-ready', 'NoSchedule'), taint('node.kubernetes.io/not-ready', 'NoExecute')], expected: [false, true] },
  { name: 'N4: broad Exists toleration runs on NotReady nodes', spec: { tolerations: [{ operator: 'Exists' }] }, ready: 'False', taints: [taint('node.kubernetes.io/not-ready', 'NoSchedule')], expected: [true, true] },
  { name: 'N5: control-plane toleration does not cover master', spec: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }, taints: [taint('node-role.kubernetes.io/master', 'NoSchedule')], expected: [false, true] },
];

describe('nodeShouldRunDaemonPod', () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = nodeShouldRunDaemonPod(
        daemonSet(c.spec),
        node(c.nodeName ?? 'n1', { labels: c.labels, taints: c.taints, unschedulable: c.unschedulable, ready: c.ready }),
      );
      assert.deepEqual([result.shouldRun, result.shouldContinueRunning], c.expected);
      if (c.codes) assert.deepEqual(result.reasons.map((r) => r.code), c.codes);
      if (result.shouldRun) assert.deepEqual(result.reasons, []);
      else assert.ok(result.reasons.length > 0, 'a node without a pod has a reason');
    });
  }

  it('P5: (true,false) never happens', () => {
    for (const c of cases) {
      const r = nodeShouldRunDaemonPod(daemonSet(c.spec), node('n1', { labels: c.labels, taints: c.taints }));
      assert.ok(!(r.shouldRun && !r.shouldContinueRunning));
    }
  });

  it('reasons name the exact label and taint', () => {
    const r1 = nodeShouldRunDaemonPod(daemonSet({ nodeSelector: { disktype: 'ssd' } }), node('n1', { labels: { disktype: 'hdd' } }));
    assert.match(r1.reasons[0].message, /disktype="ssd".*disktype="hdd"/);
    const r2 = nodeShouldRunDaemonPod(daemonSet(), node('n1', { taints: [taint('VIPOnly', 'NoExecute', 'true')] }));
    assert.match(r2.reasons[0].message, /VIPOnly=true:NoExecute/);
    const r3 = nodeShouldRunDaemonPod(daemonSet(required(term({ key: 'zone', operator: 'In', values: ['a'] }))), node('n1', { labels: { zone: 'b' } }));
    assert.match(r3.reasons[0].message, /zone In \[a\].*zone="b"/);
  });
});

describe('addOrUpdateDaemonPodTolerations', () => {
  it('U2: a user toleration equal on key, operator, value and effect is replaced (tolerationSeconds dropped)', () => {
    const merged = addOrUpdateDaemonPodTolerations([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], false);
    const notReady = merged.filter((t) => t.key === 'node.kubernetes.io/not-ready');
    assert.deepEqual(notReady, [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }]);
    assert.equal(merged.length, 6);
  });
  it('U2: a user toleration differing in operator is kept next to the automatic one', () => {
    const merged = addOrUpdateDaemonPodTolerations([{ key: 'node.kubernetes.io/not-ready', operator: 'Equal', effect: 'NoExecute', tolerationSeconds: 300 }], false);
    assert.equal(merged.filter((t) => t.key === 'node.kubernetes.io/not-ready').length, 2);
  });
  it('U1: seven tolerations with hostNetwork, six without', () => {
    assert.equal(addOrUpdateDaemonPodTolerations(undefined, true).length, 7);
    assert.equal(addOrUpdateDaemonPodTolerations(undefined, false).length, 6);
  });
});
