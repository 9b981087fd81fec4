/**
 * The incremental rollout simulation (IncrementalSync under simulateRollout)
 * against the reference, one full controller sync per step
 * (fullSyncRollout.ts): on hundreds of seeded random clusters, the plans —
 * steps, create and delete order, pending, stuck, complete, error — are
 * equal.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../bench/corpus';
import { setDefaultsDaemonSet } from '../../../server/src/model/daemonSetDefaults';
import type { Container, DaemonSet, IntOrString, Node, Pod, PodSpec, PriorityClass, Taint, Toleration } from '../../../server/src/model/kubeTypes';
import { daemonSetRevisionHash, simulateRollout, type RolloutOptions, type RolloutPlan } from '../../../server/src/reconciler';
import { PositionSet } from '../../../server/src/reconciler/positionSet';
import { daemonSet, node, pod, taint } from './builders';
import { simulateRolloutByFullSyncs } from './fullSyncRollout';

const NOW = Date.parse('2024-06-01T00:00:00Z');

type Random = () => number;
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)];
const chance = (random: Random, p: number): boolean => random() < p;

const TAINTS: Taint[] = [
  taint('gpu', 'NoSchedule', 'true'),
  taint('maintenance', 'NoExecute', 'true'),
  taint('node.kubernetes.io/unschedulable', 'NoSchedule'),
  taint('node.kubernetes.io/not-ready', 'NoSchedule'),
  taint('node.kubernetes.io/not-ready', 'NoExecute'),
  taint('soft', 'PreferNoSchedule'),
];

function randomNodes(random: Random, count: number): Node[] {
  const nodes: Node[] = [];
  // Now and then an inventory that repeats a name (the syncs may then churn forever: maxSteps ends them).
  const repeatAt = count > 1 && chance(random, 0.06) ? 1 + Math.floor(random() * (count - 1)) : -1;
  for (let i = 0; i < count; i++) {
    const name = i === repeatAt ? nodes[Math.floor(random() * i)].metadata.name : `n${i}`;
    const labels: Record<string, string> = { pool: pick(random, ['a', 'b', 'c']), zone: pick(random, ['z1', 'z2']) };
    if (chance(random, 0.2)) labels.gpu = 'true';
    const taints = TAINTS.filter(() => chance(random, 0.08));
    nodes.push(
      node(name, {
        labels,
        taints,
        unschedulable: chance(random, 0.08),
        ready: pick(random, ['True', 'True', 'True', 'False', undefined]),
        allocatable: chance(random, 0.9) ? { cpu: pick(random, ['1', '2', '1500m']), memory: pick(random, ['2Gi', '8Gi']), pods: pick(random, ['110', '110', '3']) } : {},
      }),
    );
  }
  return nodes;
}

function randomPlacement(random: Random, nodeCount: number): Partial<PodSpec> {
  const spec: Partial<PodSpec> = {};
  if (chance(random, 0.25)) spec.nodeSelector = { pool: pick(random, ['a', 'b']) };
  if (chance(random, 0.25)) {
    spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: pick(random, ['In', 'NotIn']), values: ['z1'] }] }, ...(chance(random, 0.5) ? [{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }] : [])],
        },
      },
    };
  }
  const tolerations: Toleration[] = [];
  if (chance(random, 0.3)) tolerations.push({ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' });
  if (chance(random, 0.15)) tolerations.push({ key: 'maintenance', operator: 'Equal', value: 'true', effect: 'NoExecute' });
  if (chance(random, 0.05)) tolerations.push({ operator: 'Exists' });
  if (tolerations.length > 0) spec.tolerations = tolerations;
  if (chance(random, 0.03) && nodeCount > 0) spec.nodeName = `n${Math.floor(random() * nodeCount)}`;
  return spec;
}

function randomContainer(random: Random, image: string): Container {
  const container: Container = { name: 'agent', image };
  if (chance(random, 0.5)) container.resources = { requests: { cpu: pick(random, ['100m', '300m', '600m', '900m']), memory: pick(random, ['64Mi', '1Gi']) } };
  if (chance(random, 0.2)) container.ports = [{ containerPort: 9100, hostPort: pick(random, [9100, 9101]) }];
  return container;
}

const INT_OR_PERCENT: ReadonlyArray<IntOrString | undefined> = [undefined, 0, 1, 1, 2, 3, -1, '0%', '10%', '25%', '50%', '100%', '5', 'abc'];

function randomDaemonSet(random: Random, nodeCount: number, image: string): DaemonSet {
  const spec: Partial<PodSpec> = { ...randomPlacement(random, nodeCount), containers: [randomContainer(random, image)] };
  if (chance(random, 0.1)) spec.hostNetwork = true;
  if (chance(random, 0.3)) spec.priorityClassName = pick(random, ['high', 'low', 'system-node-critical', 'missing']);
  const ds = daemonSet(spec);
  const type = pick(random, ['RollingUpdate', 'RollingUpdate', 'RollingUpdate', 'OnDelete', undefined]);
  const rollingUpdate: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } = {};
  const maxUnavailable = pick(random, INT_OR_PERCENT);
  const maxSurge = chance(random, 0.5) ? pick(random, INT_OR_PERCENT) : undefined;
  if (maxUnavailable !== undefined) rollingUpdate.maxUnavailable = maxUnavailable;
  if (maxSurge !== undefined) rollingUpdate.maxSurge = maxSurge;
  if (type !== undefined) ds.spec.updateStrategy = { type, rollingUpdate };
  const minReadySeconds = pick(random, [undefined, 0, 0, 5, 30, -3]); // negative: invalid, and the clock goes back
  if (minReadySeconds !== undefined) ds.spec.minReadySeconds = minReadySeconds;
  return ds;
}

/** The next version: a new image (mostly), sometimes new placement or strategy, sometimes the same template. */
function changedDaemonSet(random: Random, previous: DaemonSet, nodeCount: number): DaemonSet {
  if (chance(random, 0.3)) return randomDaemonSet(random, nodeCount, 'agent:2');
  const next = structuredClone(previous);
  if (chance(random, 0.9)) next.spec.template.spec.containers[0].image = 'agent:2';
  next.rawTemplate = next.spec.template;
  return next;
}

function isoAgo(ms: number): string {
  return new Date(NOW - ms).toISOString();
}

/** Starting pods: missing, unready, duplicated, terminating, finished, pinned and not bound, on vanished nodes, of the new revision, orphans and strangers. */
function randomPods(random: Random, nodes: readonly Node[], template: DaemonSet, newHash: string): Pod[] {
  const names = [...new Set(nodes.map((each) => each.metadata.name)), 'gone-1', 'gone-2'];
  const pods: Pod[] = [];
  let serial = 0;
  for (const nodeName of names) {
    const vanished = nodeName.startsWith('gone');
    let count = vanished ? (chance(random, 0.3) ? 1 : 0) : chance(random, 0.15) ? 0 : 1;
    if (chance(random, 0.12)) count++;
    for (let i = 0; i < count; i++) {
      const result = pod(`p${serial++}`, nodeName, {
        hash: chance(random, 0.2) ? newHash : chance(random, 0.9) ? 'old' : undefined,
        ready: !chance(random, 0.15),
        readySince: chance(random, 0.2) ? isoAgo(pick(random, [2_000, 5_000, 20_000, 30_000, 60_000, -1_000])) : chance(random, 0.03) ? 'not a time' : undefined,
        created: pick(random, ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z', isoAgo(1_000)]),
        phase: pick(random, ['Running', 'Running', 'Running', 'Running', 'Pending', 'Failed', 'Succeeded']),
        deleting: chance(random, 0.07),
        app: chance(random, 0.05) ? 'other' : 'ds',
      });
      if (chance(random, 0.5)) result.spec.containers = structuredClone(template.spec.template.spec.containers).map((container) => ({ ...container, image: 'agent:1' }));
      if (chance(random, 0.1)) result.spec.priority = pick(random, [0, 1_000_000, 2_000_001_000]);
      if (chance(random, 0.1)) {
        // Created by the controller and not bound yet: pinned by node affinity (A12).
        delete result.spec.nodeName;
        result.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } };
      }
      if (chance(random, 0.03)) result.metadata.ownerReferences = []; // an orphan the DaemonSet adopts
      pods.push(result);
    }
  }
  if (chance(random, 0.2)) pods.reverse();
  return pods;
}

/** Other workloads' pods that fill nodes (so surge pods stay Pending) or hold host ports, at several priorities. */
function randomOtherPods(random: Random, nodes: readonly Node[], given: readonly Pod[]): Pod[] {
  const pods: Pod[] = [];
  for (const each of nodes) {
    const count = Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      const spec: PodSpec = {
        nodeName: each.metadata.name,
        priority: pick(random, [0, 0, 100, 2_000_000_000]),
        containers: [{ name: 'app', resources: { requests: { cpu: pick(random, ['200m', '500m', '800m']) } }, ports: chance(random, 0.1) ? [{ containerPort: 9100, hostPort: 9100 }] : [] }],
      };
      if (chance(random, 0.1)) spec.preemptionPolicy = 'Never';
      pods.push({
        metadata: { name: `o-${each.metadata.name}-${i}`, namespace: 'team', labels: { app: 'web' }, annotations: {}, ownerReferences: [] },
        spec,
        status: { phase: chance(random, 0.05) ? 'Succeeded' : 'Running', conditions: [] },
      });
    }
  }
  // A pod also in `pods` counts once; the DaemonSet's own are left out.
  if (given.length > 0 && chance(random, 0.3)) pods.push(structuredClone(given[0]));
  return pods;
}

const PRIORITY_CLASSES: PriorityClass[] = [
  { metadata: { name: 'high', labels: {}, annotations: {}, ownerReferences: [] }, value: 1_000_000, globalDefault: false },
  { metadata: { name: 'low', labels: {}, annotations: {}, ownerReferences: [] }, value: -10, globalDefault: false, preemptionPolicy: 'Never' },
];

interface RolloutCase {
  previous: DaemonSet;
  next: DaemonSet;
  nodes: Node[];
  options: RolloutOptions;
}

function randomCase(seed: number): RolloutCase {
  const random = mulberry32(seed);
  const nodeCount = Math.floor(random() * 61);
  const nodes = randomNodes(random, nodeCount);
  const previous = randomDaemonSet(random, nodeCount, 'agent:1');
  const next = changedDaemonSet(random, previous, nodeCount);
  const currentHash = chance(random, 0.2) ? 'live-hash' : undefined;
  const newHash = currentHash ?? daemonSetRevisionHash(setDefaultsDaemonSet(next));
  // maxSteps: 200 is more than any rollout over 60 nodes takes, and ends a churn sooner than the default.
  const options: RolloutOptions = { nowMs: NOW, maxSteps: chance(random, 0.05) ? 3 : 200 };
  if (currentHash) options.currentHash = currentHash;
  if (chance(random, 0.7)) options.pods = randomPods(random, nodes, previous, newHash);
  if (chance(random, 0.5)) options.otherPods = randomOtherPods(random, nodes, options.pods ?? []);
  if (chance(random, 0.6)) options.priorityClasses = PRIORITY_CLASSES;
  return { previous, next, nodes, options };
}

function planOf({ previous, next, nodes, options }: RolloutCase, simulate: typeof simulateRollout): RolloutPlan {
  // Each run gets its own copies: neither may see what the other did to the pods.
  return simulate(structuredClone(previous), structuredClone(next), structuredClone(nodes), structuredClone(options));
}

const CASES = 400;

describe('simulateRollout, incremental, against one full sync per step (R7–R11, C2–C7)', () => {
  it(`gives the same plan on ${CASES} random clusters`, () => {
    const reached = { steps: 0, pending: 0, stuck: 0, error: 0, incomplete: 0, onDelete: 0, surge: 0, long: 0 };
    for (let seed = 1; seed <= CASES; seed++) {
      const rolloutCase = randomCase(seed);
      const plan = planOf(rolloutCase, simulateRollout);
      assert.deepStrictEqual(plan, planOf(rolloutCase, simulateRolloutByFullSyncs), `seed ${seed}`);
      if (plan.steps.length > 0) reached.steps++;
      if (plan.steps.some((step) => step.pending)) reached.pending++;
      if (plan.stuck) reached.stuck++;
      if (plan.error) reached.error++;
      if (!plan.complete) reached.incomplete++;
      if (plan.strategy === 'OnDelete') reached.onDelete++;
      if (plan.maxSurge > 0) reached.surge++;
      if (plan.steps.length >= 20) reached.long++;
    }
    // The generator reaches every kind of plan, so equality means something for each.
    for (const [kind, count] of Object.entries(reached)) assert.ok(count >= 5, `only ${count} of ${CASES} plans with ${kind}`);
  });
});

describe('PositionSet', () => {
  it('answers the first members in order after any additions and removals', () => {
    const random = mulberry32(5);
    for (const capacity of [0, 1, 2, 3, 7, 8, 9, 64, 100]) {
      const set = new PositionSet(capacity);
      const model = new Set<number>();
      for (let i = 0; i < 300 && capacity > 0; i++) {
        const position = Math.floor(random() * capacity);
        if (chance(random, 0.6)) {
          set.add(position);
          model.add(position);
        } else {
          set.delete(position);
          model.delete(position);
        }
        const sorted = [...model].sort((a, b) => a - b);
        const limit = Math.floor(random() * (capacity + 2));
        assert.deepEqual(set.first(limit), sorted.slice(0, limit));
        assert.equal(set.size, model.size);
        assert.equal(set.has(position), model.has(position));
      }
      assert.deepEqual(set.first(), [...model].sort((a, b) => a - b));
    }
  });
});
