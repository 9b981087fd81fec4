/**
 * A recompute given the previous view or schedule (a what-if that removes,
 * adds or reorders nodes) gives exactly what a full computation gives: on
 * seeded random clusters with pods, own daemon pods, host ports, priorities
 * and preemption, and with the edits that must not reuse anything (another
 * pods list, edited DaemonSets, other PriorityClasses).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../bench/corpus';
import type { Container, DaemonSet, Node, Pod, PriorityClass, Taint } from '../../../server/src/model/kubeTypes';
import { computeClusterView, scheduleDaemonPods, type DaemonPodsSchedule } from '../../../server/src/reconciler';
import { daemonSet, node } from './builders';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const POOLS = ['system', 'general', 'gpu', 'tiny'];

function randomNode(random: Random, name: string): Node {
  const pool = pick(random, POOLS);
  const taints: Taint[] = [];
  if (pool === 'gpu') taints.push({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' });
  if (random() < 0.1) taints.push({ key: 'maintenance', value: 'true', effect: 'NoExecute' });
  if (random() < 0.1) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  const allocatable: Record<string, string> = random() < 0.1 ? {} : { cpu: pool === 'tiny' ? '300m' : pick(random, ['2', '3920m', '8']), memory: pick(random, ['1Gi', '4Gi', '16Gi']), pods: pick(random, ['4', '29', '110']) };
  return node(name, { labels: { 'eks.amazonaws.com/nodegroup': pool, zone: pick(random, ['a', 'b']) }, taints, allocatable });
}

function randomPod(random: Random, nodeName: string, index: number, daemonSetNames: readonly string[]): Pod {
  const own = random() < 0.15 ? pick(random, daemonSetNames) : undefined;
  const container: Container = {
    name: 'c',
    image: 'img:1',
    resources: { requests: { cpu: `${pick(random, [50, 100, 250, 500, 1000])}m`, memory: `${pick(random, [64, 256, 512, 1024])}Mi` } },
    ...(random() < 0.1 ? { ports: [{ containerPort: 9100, hostPort: pick(random, [9100, 9101]) }] } : {}),
  };
  return {
    metadata: {
      name: `p-${nodeName}-${index}`,
      namespace: own ? 'default' : 'apps',
      labels: own ? { app: own } : {},
      annotations: {},
      ownerReferences: own ? [{ kind: 'DaemonSet', name: own, controller: true }] : [],
    },
    spec: { nodeName, priority: pick(random, [0, 0, 1000, 2_000_000_000]), containers: [container] },
    status: { phase: random() < 0.05 ? 'Succeeded' : 'Running', conditions: [], startTime: new Date(Date.UTC(2026, 0, 1 + Math.floor(random() * 9))).toISOString() },
  };
}

function randomDaemonSet(random: Random, name: string): DaemonSet {
  const container: Container = {
    name: 'agent',
    image: 'agent:1',
    resources: { requests: { cpu: pick(random, ['50m', '200m', '1', '3']), memory: pick(random, ['64Mi', '512Mi', '2Gi']) } },
    ...(random() < 0.3 ? { ports: [{ containerPort: 9100, hostPort: pick(random, [9100, 9101]) }] } : {}),
  };
  return daemonSet(
    {
      containers: [container],
      ...(random() < 0.4 ? { tolerations: [{ operator: 'Exists' as const }] } : {}),
      ...(random() < 0.2 ? { nodeSelector: { zone: pick(random, ['a', 'b']) } } : {}),
      ...(random() < 0.4 ? { priorityClassName: pick(random, ['system-node-critical', 'high', 'missing']) } : {}),
      ...(random() < 0.1 ? { preemptionPolicy: 'Never' } : {}),
    },
    {},
    name,
  );
}

const priorityClass = (name: string, value: number): PriorityClass => ({ metadata: { name }, value, globalDefault: false }) as PriorityClass;

interface Cluster {
  daemonSets: DaemonSet[];
  nodes: Node[];
  pods: Pod[];
  priorityClasses: PriorityClass[];
}

function randomCluster(seed: number): Cluster {
  const random = mulberry32(seed);
  const names = Array.from({ length: 2 + Math.floor(random() * 6) }, (_, index) => `ds-${index}`);
  const nodes = Array.from({ length: 10 + Math.floor(random() * 40) }, (_, index) => randomNode(random, `n-${index}`));
  const pods: Pod[] = [];
  for (const each of nodes) {
    if (random() < 0.2) continue; // no pod data for this node
    const count = Math.floor(random() * 8);
    for (let index = 0; index < count; index++) pods.push(randomPod(random, each.metadata.name, index, names));
  }
  return { daemonSets: names.map((name) => randomDaemonSet(random, name)), nodes, pods, priorityClasses: [priorityClass('high', 100_000)] };
}

/** What-if node edits: some nodes removed, some added (a few under the name of a removed node with pods), the order shuffled. */
function editedNodes(random: Random, nodes: readonly Node[]): Node[] {
  const kept = nodes.filter(() => random() >= 0.3);
  const removed = nodes.filter((each) => !kept.includes(each));
  const added = Array.from({ length: Math.floor(random() * 5) }, (_, index) => randomNode(random, removed.length > 0 && random() < 0.5 ? pick(random, removed).metadata.name : `added-${index}`));
  const next = [...kept, ...added];
  for (let index = next.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [next[index], next[other]] = [next[other], next[index]];
  }
  return next;
}

/** The schedule without its compiled placements (functions and caches): what a view reads. */
function comparable(schedule: DaemonPodsSchedule): unknown {
  return {
    daemonSets: schedule.daemonSets.map(({ key, priority, requests, cells, counts }) => ({ key, priority, requests, cells, counts })),
    competitionOrder: schedule.competitionOrder,
    basis: schedule.basis,
  };
}

const SEEDS = Array.from({ length: 40 }, (_, index) => 1000 + index);

describe('scheduleDaemonPods given the previous schedule', () => {
  it('takes the cells of the nodes it judged and gives what a full computation gives', () => {
    for (const seed of SEEDS) {
      const cluster = randomCluster(seed);
      const random = mulberry32(seed * 7);
      const first = { daemonSets: cluster.daemonSets, nodes: cluster.nodes, pods: cluster.pods, priorityClasses: cluster.priorityClasses };
      const previous = [{ input: first, schedule: scheduleDaemonPods(first) }];
      const next = { ...first, nodes: editedNodes(random, cluster.nodes) };
      assert.deepEqual(comparable(scheduleDaemonPods(next, previous)), comparable(scheduleDaemonPods(next)), `seed ${seed}`);
    }
  });

  it('reuses nothing when the pods, the DaemonSets or the PriorityClasses are other objects', () => {
    for (const seed of SEEDS) {
      const cluster = randomCluster(seed);
      const random = mulberry32(seed * 11);
      const first = { daemonSets: cluster.daemonSets, nodes: cluster.nodes, pods: cluster.pods, priorityClasses: cluster.priorityClasses };
      const previous = [{ input: first, schedule: scheduleDaemonPods(first) }];
      const edits = [
        { ...first, pods: cluster.pods.filter(() => random() >= 0.5) },
        { ...first, daemonSets: cluster.daemonSets.map((each, index) => (index === 0 ? randomDaemonSet(random, each.metadata.name) : each)) },
        { ...first, priorityClasses: [priorityClass('high', -5), priorityClass('missing', 3_000_000)] },
      ];
      for (const next of edits) assert.deepEqual(comparable(scheduleDaemonPods(next, previous)), comparable(scheduleDaemonPods(next)), `seed ${seed}`);
    }
  });

  it('takes cells only from the earlier schedules of the same inputs', () => {
    for (const seed of SEEDS) {
      const cluster = randomCluster(seed);
      const random = mulberry32(seed * 17);
      const first = { daemonSets: cluster.daemonSets, nodes: cluster.nodes, pods: cluster.pods, priorityClasses: cluster.priorityClasses };
      const otherPods = { ...first, pods: cluster.pods.filter(() => random() >= 0.5) };
      const fewer = { ...first, nodes: editedNodes(random, cluster.nodes) };
      const previous = [
        { input: otherPods, schedule: scheduleDaemonPods(otherPods) },
        { input: fewer, schedule: scheduleDaemonPods(fewer) },
        { input: first, schedule: scheduleDaemonPods(first) },
      ];
      const next = { ...first, nodes: editedNodes(random, [...cluster.nodes, ...fewer.nodes]) };
      assert.deepEqual(comparable(scheduleDaemonPods(next, previous)), comparable(scheduleDaemonPods(next)), `seed ${seed}`);
    }
  });
});

describe('computeClusterView given the previous view', () => {
  it('gives the view a full computation gives, over node edits and DaemonSet edits', () => {
    for (const seed of SEEDS) {
      const cluster = randomCluster(seed);
      const random = mulberry32(seed * 13);
      const first = { daemonSets: cluster.daemonSets, nodes: cluster.nodes, pods: cluster.pods, priorityClasses: cluster.priorityClasses };
      let previous = computeClusterView(first);
      const removed = { ...first, nodes: editedNodes(random, cluster.nodes) };
      const edited = { ...first, daemonSets: cluster.daemonSets.map((each, index) => (index === 0 ? randomDaemonSet(random, each.metadata.name) : each)) };
      const regrouped = { ...first, groupBy: 'zone' };
      // Remove, restore (the nodes the removal left out come from the view before it), remove again, edit a DaemonSet, regroup.
      for (const next of [removed, first, removed, first, edited, regrouped, first]) {
        const view = computeClusterView(next, previous);
        assert.deepEqual(view, computeClusterView(next), `seed ${seed}`);
        previous = view;
      }
    }
  });
});
