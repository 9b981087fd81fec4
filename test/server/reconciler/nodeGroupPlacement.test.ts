import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { NodeSelectorRequirement, NodeSelectorTerm, Taint } from '../../../server/src/model/kubeTypes';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import type { GroupLabelRequirement, GroupRequirementOperator, NodeGroup } from '../../../server/src/model/nodeGroup';
import { expandNodeGroup } from '../../../server/src/model/nodeGroupNodes';
import { compilePlacement, evaluateGroupPlacement, formatGroupPlacement, placementSelectsNode, type GroupVerdict } from '../../../server/src/reconciler';
import { assertGolden, readFixture } from '../../support/golden';
import { daemonSet, node } from './builders';

function group(options: Partial<NodeGroup> = {}): NodeGroup {
  return {
    sourceKind: 'karpenter',
    name: 'pool',
    labels: {},
    requirements: [],
    taints: [],
    startupTaints: [],
    count: { kind: 'unknown' },
    notes: [],
    source: { file: 'pool.yaml', documentIndex: 0, basePath: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
    ...options,
  };
}

const arch = (values: string[]): GroupLabelRequirement => ({ key: 'kubernetes.io/arch', operator: 'In', values });

describe('evaluateGroupPlacement: always, sometimes, never over a group', () => {
  it('sometimes: the group leaves the arch open and the nodeSelector needs one', () => {
    const result = evaluateGroupPlacement(compilePlacement(daemonSet({ nodeSelector: { 'kubernetes.io/arch': 'amd64' } })), group({ requirements: [arch(['amd64', 'arm64'])] }));
    assert.equal(formatGroupPlacement(result), 'sometimes: kubernetes.io/arch In [amd64, arm64] — the nodeSelector needs amd64');
  });

  it('always when every value the group admits is selected, even across several terms', () => {
    const terms: NodeSelectorTerm[] = [
      { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] },
      { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }] },
    ];
    const ds = daemonSet({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
    assert.equal(evaluateGroupPlacement(compilePlacement(ds), group({ requirements: [arch(['amd64', 'arm64'])] })).verdict, 'always');
  });

  it('never when no admitted value is selected, naming the requirement', () => {
    const result = evaluateGroupPlacement(compilePlacement(daemonSet({ nodeSelector: { 'kubernetes.io/arch': 'ppc64le' } })), group({ requirements: [arch(['amd64', 'arm64'])] }));
    assert.equal(formatGroupPlacement(result), 'never: kubernetes.io/arch In [amd64, arm64] — the nodeSelector needs ppc64le');
  });

  it('Gte/Lte group bounds against a Gt affinity', () => {
    const cpu = (operator: GroupRequirementOperator, value: string): GroupLabelRequirement => ({ key: 'cpu', operator, values: [value] });
    const ds = daemonSet({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cpu', operator: 'Gt', values: ['4'] }] }] } } } });
    const compiled = compilePlacement(ds);
    assert.equal(evaluateGroupPlacement(compiled, group({ requirements: [cpu('Gte', '5')] })).verdict, 'always');
    assert.equal(evaluateGroupPlacement(compiled, group({ requirements: [cpu('Lte', '4')] })).verdict, 'never');
    assert.equal(evaluateGroupPlacement(compiled, group({ requirements: [cpu('Gte', '4')] })).verdict, 'sometimes');
  });

  it('an untolerated group taint is never, with the toleration to add; a startup taint only delays', () => {
    const taint: Taint = { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' };
    const startup: Taint = { key: 'node.cilium.io/agent-not-ready', value: 'true', effect: 'NoSchedule' };
    const result = evaluateGroupPlacement(compilePlacement(daemonSet()), group({ taints: [taint], startupTaints: [startup] }));
    assert.equal(result.verdict, 'never');
    assert.deepEqual(result.untoleratedTaints, [taint]);
    assert.equal(
      formatGroupPlacement(result),
      'never: taint nvidia.com/gpu=true:NoSchedule is not tolerated; add toleration {key: nvidia.com/gpu, operator: Equal, value: "true", effect: NoSchedule}\n' +
        'starts only once startup taint node.cilium.io/agent-not-ready=true:NoSchedule is removed (the pod does not tolerate it)',
    );
    const tolerating = daemonSet({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] });
    assert.equal(evaluateGroupPlacement(compilePlacement(tolerating), group({ taints: [taint], startupTaints: [startup] })).verdict, 'always');
  });

  it('matchFields metadata.name against the names a kind node has', () => {
    const ds = daemonSet({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['kind-worker'] }] }] } } } });
    const compiled = compilePlacement(ds);
    assert.equal(evaluateGroupPlacement(compiled, group({ nodeNames: ['kind-worker'] })).verdict, 'always');
    assert.equal(evaluateGroupPlacement(compiled, group({ nodeNames: ['kind-worker2'] })).verdict, 'never');
    assert.equal(evaluateGroupPlacement(compiled, group()).verdict, 'sometimes');
  });

  it('a group whose own requirements contradict each other has no node', () => {
    const result = evaluateGroupPlacement(compilePlacement(daemonSet()), group({ requirements: [arch(['amd64']), { key: 'kubernetes.io/arch', operator: 'NotIn', values: ['amd64'] }] }));
    assert.equal(result.verdict, 'never');
  });

  it('the fixture pools against a DaemonSet for amd64 that tolerates nothing (golden)', () => {
    const lines: string[] = [];
    const compiled = compilePlacement(daemonSet({ nodeSelector: { 'kubernetes.io/arch': 'amd64' } }));
    for (const fixture of ['kind-multi-node', 'karpenter-nodepools', 'eksctl-cluster']) {
      for (const each of loadInventoryFromText(readFixture(`inventory/pools/${fixture}.yaml`), `${fixture}.yaml`).groups) {
        lines.push(`${each.name}: ${formatGroupPlacement(evaluateGroupPlacement(compiled, each)).replace(/\n/g, '\n  ')}`);
      }
    }
    assertGolden('reconciler/pools-amd64.txt', lines.join('\n'));
  });
});

describe('expandNodeGroup', () => {
  it('a group of known size is that many Nodes with its labels, taints and allocatable; unknown and ranges are not invented', () => {
    const taint: Taint = { key: 'dedicated', effect: 'NoSchedule' };
    const nodes = expandNodeGroup(group({ name: 'ng', count: { kind: 'exact', count: 2 }, labels: { role: 'worker' }, requirements: [arch(['arm64']), { key: 'kubernetes.io/hostname', operator: 'Exists', values: [] }], taints: [taint], allocatable: { cpu: '2' } }));
    assert.deepEqual(nodes?.map((n) => [n.metadata.name, n.metadata.labels, n.spec.taints, n.status.allocatable]), [
      ['ng-1', { 'kubernetes.io/arch': 'arm64', role: 'worker', 'kubernetes.io/hostname': 'ng-1' }, [taint], { cpu: '2' }],
      ['ng-2', { 'kubernetes.io/arch': 'arm64', role: 'worker', 'kubernetes.io/hostname': 'ng-2' }, [taint], { cpu: '2' }],
    ]);
    assert.equal(expandNodeGroup(group({ count: { kind: 'unknown' } })), undefined);
    assert.equal(expandNodeGroup(group({ count: { kind: 'range', min: 1, max: 3 } })), undefined);
    const kindNodes = loadInventoryFromText(readFixture('inventory/pools/kind-multi-node.yaml'), 'kind.yaml').groups.flatMap((each) => expandNodeGroup(each) ?? []);
    assert.deepEqual(kindNodes.map((n) => n.metadata.name), ['dev-control-plane', 'dev-worker', 'dev-worker2']);
  });
});

// Brute force over a value universe that holds a value of every class the generated constants and bounds make.
const KEYS = ['a', 'b', 'c'];
const VALUES = ['x', 'y', '0', '1', '2', '3', '4', '5', '6'];
const UNIVERSE: Array<string | undefined> = [undefined, 'x', 'y', 'z', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

function groupAdmitsLabels(requirements: GroupLabelRequirement[], definite: Record<string, string>, labels: Record<string, string>): boolean {
  for (const key of KEYS) {
    const value = labels[key];
    if (key in definite && value !== definite[key]) return false;
    if (!(key in definite) && !requirements.some((r) => r.key === key) && value !== undefined) return false;
  }
  return requirements.every((requirement) => {
    const value = labels[requirement.key];
    const number = value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
    const bound = Number(requirement.values[0]);
    switch (requirement.operator) {
      case 'In': return value !== undefined && requirement.values.includes(value);
      case 'NotIn': return value === undefined || !requirement.values.includes(value);
      case 'Exists': return value !== undefined;
      case 'DoesNotExist': return value === undefined;
      case 'Gt': return number !== undefined && number > bound;
      case 'Lt': return number !== undefined && number < bound;
      case 'Gte': return number !== undefined && number >= bound;
      case 'Lte': return number !== undefined && number <= bound;
    }
  });
}

function bruteForce(requirements: GroupLabelRequirement[], definite: Record<string, string>, spec: Parameters<typeof daemonSet>[0]): GroupVerdict {
  const compiled = compilePlacement(daemonSet(spec));
  let selected = 0;
  let rejected = 0;
  const labels: Record<string, string> = {};
  const visit = (depth: number): void => {
    if (depth === KEYS.length) {
      if (!groupAdmitsLabels(requirements, definite, labels)) return;
      if (placementSelectsNode(compiled, node('n', { labels: { ...labels } }))) selected++;
      else rejected++;
      return;
    }
    for (const value of UNIVERSE) {
      if (value === undefined) delete labels[KEYS[depth]];
      else labels[KEYS[depth]] = value;
      visit(depth + 1);
    }
    delete labels[KEYS[depth]];
  };
  visit(0);
  return rejected === 0 && selected > 0 ? 'always' : selected === 0 ? 'never' : 'sometimes';
}

const key = fc.constantFrom(...KEYS);
const value = fc.constantFrom(...VALUES);
const integer = fc.constantFrom('0', '1', '2', '3', '4', '5', '6');
const groupRequirement: fc.Arbitrary<GroupLabelRequirement> = fc.oneof(
  fc.record({ key, operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.uniqueArray(value, { minLength: 1, maxLength: 3 }) }),
  fc.record({ key, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const), values: fc.constant([] as string[]) }),
  fc.record({ key, operator: fc.constantFrom('Gt' as const, 'Lt' as const, 'Gte' as const, 'Lte' as const), values: integer.map((v) => [v]) }),
);
const daemonRequirement: fc.Arbitrary<NodeSelectorRequirement> = fc.oneof(
  fc.record({ key, operator: fc.constantFrom('In', 'NotIn'), values: fc.uniqueArray(value, { minLength: 1, maxLength: 3 }) }),
  fc.record({ key, operator: fc.constantFrom('Exists', 'DoesNotExist'), values: fc.constant([] as string[]) }),
  fc.record({ key, operator: fc.constantFrom('Gt', 'Lt'), values: integer.map((v) => [v]) }),
);
const spec = fc.record(
  {
    nodeSelector: fc.dictionary(key, value, { maxKeys: 2 }),
    affinity: fc.array(fc.array(daemonRequirement, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((terms) => ({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })) } },
    })),
  },
  { requiredKeys: [] },
);

describe('evaluateGroupPlacement agrees with brute force', () => {
  it('over every label assignment of a small universe that the group admits', () => {
    const seen = new Set<GroupVerdict>();
    fc.assert(
      fc.property(fc.array(groupRequirement, { maxLength: 4 }), fc.dictionary(key, value, { maxKeys: 2 }), spec, (requirements, definite, podSpec) => {
        const expected = bruteForce(requirements, definite, podSpec);
        const actual = evaluateGroupPlacement(compilePlacement(daemonSet(podSpec)), group({ labels: definite, requirements }));
        assert.equal(actual.verdict, expected);
        seen.add(expected);
      }),
      { numRuns: 400 },
    );
    assert.deepEqual([...seen].sort(), ['always', 'never', 'sometimes']);
  });
});
