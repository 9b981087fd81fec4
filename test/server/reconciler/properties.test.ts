import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { NodeSelectorRequirement, Taint, Toleration } from '../../../server/src/model/kubeTypes';
import { compilePlacement, evaluatePlacement, nodeShouldRunDaemonPod, placementFlags, tolerationsTolerateTaint } from '../../../server/src/reconciler';
import { daemonSet, node } from './builders';

const keys = fc.constantFrom('a', 'b', 'zone', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unschedulable');
const values = fc.constantFrom('', '1', '5', 'x', 'true');
const effects = fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute');
const taintArb: fc.Arbitrary<Taint> = fc.record({ key: keys, value: values, effect: effects });
const tolerationArb: fc.Arbitrary<Toleration> = fc.record(
  { key: fc.oneof(keys, fc.constant('')), operator: fc.constantFrom('Equal', 'Exists', ''), value: values, effect: fc.oneof(effects, fc.constant('')) },
  { requiredKeys: [] },
).map((t) => (t.operator === 'Exists' ? { ...t, value: undefined } : t));
const labelsArb = fc.dictionary(fc.constantFrom('a', 'b', 'zone', 'rack'), values, { maxKeys: 4 });

/** Rank of the flags: (false,false) < (false,true) < (true,true). */
function rank(result: { shouldRun: boolean; shouldContinueRunning: boolean }): number {
  return result.shouldRun ? 2 : result.shouldContinueRunning ? 1 : 0;
}

describe('placement properties', () => {
  it('T3: adding a toleration never removes a node from the result', () => {
    fc.assert(
      fc.property(fc.array(taintArb, { maxLength: 4 }), fc.array(tolerationArb, { maxLength: 3 }), tolerationArb, (taints, tolerations, extra) => {
        const n = node('n', { taints });
        const before = nodeShouldRunDaemonPod(daemonSet({ tolerations }), n);
        const after = nodeShouldRunDaemonPod(daemonSet({ tolerations: [...tolerations, extra] }), n);
        assert.ok(rank(after) >= rank(before));
      }),
      { numRuns: 500 },
    );
  });

  it('T4: removing a taint never removes a node from the result', () => {
    fc.assert(
      fc.property(fc.array(taintArb, { minLength: 1, maxLength: 4 }), fc.array(tolerationArb, { maxLength: 3 }), fc.nat(), (taints, tolerations, which) => {
        const ds = daemonSet({ tolerations });
        const before = nodeShouldRunDaemonPod(ds, node('n', { taints }));
        const fewer = taints.filter((_, i) => i !== which % taints.length);
        const after = nodeShouldRunDaemonPod(ds, node('n', { taints: fewer }));
        assert.ok(rank(after) >= rank(before));
      }),
      { numRuns: 500 },
    );
  });

  it('P3/P4: the fast flags and the explained result agree, and the untolerated taints are the blocking ones', () => {
    fc.assert(
      fc.property(fc.array(taintArb, { maxLength: 4 }), fc.array(tolerationArb, { maxLength: 3 }), labelsArb, fc.option(values), (taints, tolerations, labels, zone) => {
        const compiled = compilePlacement(daemonSet(zone === null ? { tolerations } : { tolerations, nodeSelector: { zone } }));
        const n = node('n', { taints, labels });
        const flags = placementFlags(compiled, n);
        const result = evaluatePlacement(compiled, n);
        assert.deepEqual({ ...flags }, { shouldRun: result.shouldRun, shouldContinueRunning: result.shouldContinueRunning });
        assert.ok(!flags.shouldRun || flags.shouldContinueRunning);
        const selected = zone === null || labels.zone === zone;
        const blocking = taints.filter((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(compiled.tolerations, t));
        assert.deepEqual(result.untoleratedTaints, selected ? blocking : []);
        assert.equal(flags.shouldRun, selected && blocking.length === 0);
        assert.equal(flags.shouldContinueRunning, selected && blocking.every((t) => t.effect !== 'NoExecute'));
      }),
      { numRuns: 500 },
    );
  });

  const requirementArb: fc.Arbitrary<NodeSelectorRequirement> = fc.record({
    key: fc.constantFrom('a', 'b', 'zone', 'rack'),
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'),
    values: fc.array(fc.constantFrom('1', '5', 'x', '007', ''), { maxLength: 3 }),
  });

  /** Straight from the rulebook (A4–A9), with no shared code. */
  function bruteForce(terms: NodeSelectorRequirement[][], labels: Record<string, string>): boolean {
    const valid = (r: NodeSelectorRequirement): boolean => {
      const vs = r.values ?? [];
      if (vs.some((v) => v !== '' && !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(v))) return false;
      if (r.operator === 'In' || r.operator === 'NotIn') return vs.length > 0;
      if (r.operator === 'Exists' || r.operator === 'DoesNotExist') return vs.length === 0;
      return vs.length === 1 && /^\d+$/.test(vs[0]);
    };
    const holds = (r: NodeSelectorRequirement): boolean => {
      const has = r.key in labels;
      const v = labels[r.key];
      const vs = r.values ?? [];
      switch (r.operator) {
        case 'In': return has && vs.includes(v);
        case 'NotIn': return !has || !vs.includes(v);
        case 'Exists': return has;
        case 'DoesNotExist': return !has;
        default: {
          if (!has || !/^[+-]?\d+$/.test(v)) return false;
          return r.operator === 'Gt' ? BigInt(v) > BigInt(vs[0]) : BigInt(v) < BigInt(vs[0]);
        }
      }
    };
    return terms.some((term) => term.length > 0 && term.every(valid) && term.every(holds));
  }

  it('A4–A9: a required node affinity result equals a brute-force evaluation', () => {
    fc.assert(
      fc.property(fc.array(fc.array(requirementArb, { maxLength: 3 }), { maxLength: 3 }), labelsArb, (terms, labels) => {
        const ds = daemonSet({
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })) } } },
        });
        const result = nodeShouldRunDaemonPod(ds, node('n', { labels }));
        assert.equal(result.shouldRun, bruteForce(terms, labels));
      }),
      { numRuns: 1000 },
    );
  });

  it('A1: a nodeSelector result equals a brute-force evaluation', () => {
    fc.assert(
      fc.property(labelsArb, labelsArb, (selector, labels) => {
        const expected = Object.entries(selector).every(([k, v]) => k in labels && labels[k] === v);
        assert.equal(nodeShouldRunDaemonPod(daemonSet({ nodeSelector: selector }), node('n', { labels })).shouldRun, expected);
      }),
      { numRuns: 500 },
    );
  });
});
