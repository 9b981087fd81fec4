/**
 * Placement benchmarks: 65,536 nodes × 1 DaemonSet and 5,000 nodes × 200
 * DaemonSets; scheduler fit: 30 DaemonSets × 5,000 nodes with 20 pods per
 * node (scheduleDaemonPods); a rolling update's simulation over 1,000, 2,000 and
 * 5,000 nodes (simulateRollout); on synthetic inventories from a seeded PRNG. Each figure is one
 * JSON line on stdout. Runnable alone: node --import tsx bench/reconciler.bench.ts
 */
import { mulberry32 } from './corpus';
import type { DaemonSet, Node, Pod, PodSpec, Taint } from '../server/src/model/kubeTypes';
import { compilePlacement, evaluatePlacement, scheduleDaemonPods, simulateRollout } from '../server/src/reconciler';

export interface BenchFigure {
  name: string;
  unit: 'ms';
  median: number;
  p95: number;
  runs: number;
  /** None where the figure is tracked before a target is set. */
  target?: number;
}

const ZONES = ['us-east1-a', 'us-east1-b', 'us-east1-c', 'us-west1-a'];
const POOLS = ['default', 'highmem', 'gpu', 'arm', 'win'];

export function syntheticNodes(count: number, seed: number): Node[] {
  const random = mulberry32(seed);
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) {
    const pool = POOLS[Math.floor(random() * POOLS.length)];
    const labels: Record<string, string> = {
      'kubernetes.io/hostname': `node-${i}`,
      'kubernetes.io/os': pool === 'win' ? 'windows' : 'linux',
      'kubernetes.io/arch': pool === 'arm' ? 'arm64' : 'amd64',
      'topology.kubernetes.io/zone': ZONES[Math.floor(random() * ZONES.length)],
      'cloud.google.com/gke-nodepool': pool,
      'node.kubernetes.io/instance-type': `n2-standard-${2 ** Math.floor(random() * 5)}`,
      rack: String(Math.floor(random() * 64)),
    };
    const taints: Taint[] = [];
    if (pool === 'gpu') taints.push({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' });
    if (pool === 'win') taints.push({ key: 'node.kubernetes.io/os', value: 'windows', effect: 'NoSchedule' });
    if (random() < 0.02) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
    if (random() < 0.01) taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' });
    if (random() < 0.01) taints.push({ key: 'maintenance', value: 'true', effect: 'NoExecute' });
    nodes.push({
      metadata: { name: `node-${i}`, labels, annotations: {}, ownerReferences: [] },
      spec: { taints, unschedulable: false },
      status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { cpu: '8', memory: '32Gi', pods: '110' }, capacity: {} },
    });
  }
  return nodes;
}

function syntheticDaemonSet(index: number, random: () => number): DaemonSet {
  const spec: PodSpec = { containers: [{ name: 'agent', image: `agent:${index}`, resources: { requests: { cpu: '50m', memory: '64Mi' } } }] };
  const shape = index % 5;
  if (shape === 1) spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
  if (shape === 2) {
    spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ZONES.slice(0, 1 + Math.floor(random() * 3)) }, { key: 'kubernetes.io/arch', operator: 'NotIn', values: ['arm64'] }] },
            { matchExpressions: [{ key: 'rack', operator: 'Gt', values: [String(Math.floor(random() * 60))] }] },
          ],
        },
      },
    };
  }
  if (shape === 3) spec.tolerations = [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }];
  if (shape === 4) spec.tolerations = [{ operator: 'Exists' }];
  const template = { metadata: { labels: { app: `ds-${index}` }, annotations: {} }, spec };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    deprecated: false,
    metadata: { name: `ds-${index}`, namespace: 'kube-system', labels: {}, annotations: {}, ownerReferences: [] },
    spec: { selector: { matchLabels: { app: `ds-${index}` } }, template },
    rawTemplate: template,
  };
}

const CPU_REQUESTS = ['10m', '25m', '50m', '100m', '100m', '250m', '500m'];
const MEMORY_REQUESTS = ['32Mi', '64Mi', '128Mi', '256Mi', '512Mi', '1Gi'];
const INSTANCE_CPU: Record<string, [string, string]> = {
  'n2-standard-1': ['1930', '6Gi'],
  'n2-standard-2': ['1930', '6Gi'],
  'n2-standard-4': ['3920', '13Gi'],
  'n2-standard-8': ['7910', '28Gi'],
  'n2-standard-16': ['15890', '58Gi'],
};

/** The synthetic nodes with the allocatable of their instance type, so small nodes run out first. */
export function sizedNodes(nodes: readonly Node[]): Node[] {
  return nodes.map((node) => {
    const [cpu, memory] = INSTANCE_CPU[node.metadata.labels['node.kubernetes.io/instance-type']] ?? ['7910', '28Gi'];
    return { ...node, status: { ...node.status, allocatable: { cpu: `${cpu}m`, memory, pods: '110', 'ephemeral-storage': '95Gi' } } };
  });
}

/**
 * `perNode` pods per node, as `kubectl get pods -A -o yaml` reads: together they request about 60% of the node
 * (some nodes fuller than others), a few bind host ports, a tenth run at system priority, some have finished.
 */
export function syntheticPods(nodes: readonly Node[], perNode: number, seed: number): Pod[] {
  const random = mulberry32(seed);
  const pods: Pod[] = [];
  for (const node of nodes) {
    const cpuShare = (parseFloat(node.status.allocatable.cpu) * 0.6) / perNode; // millicores
    const memoryShare = (parseFloat(node.status.allocatable.memory) * 1024 * 0.6) / perNode;
    for (let i = 0; i < perNode; i++) {
      const spread = 0.5 + random();
      // Requests are round numbers in real manifests: multiples of 50m and 64Mi.
      const cpu = `${Math.max(1, Math.round((cpuShare * spread) / 50)) * 50}m`;
      const memory = `${Math.max(1, Math.round((memoryShare * spread) / 64)) * 64}Mi`;
      const spec: PodSpec = {
        nodeName: node.metadata.name,
        priority: random() < 0.1 ? 2_000_000_000 : random() < 0.3 ? 1000 : 0,
        containers: [{ name: 'app', resources: { requests: { cpu, memory }, limits: { memory } }, ports: random() < 0.05 ? [{ containerPort: 8080, hostPort: 8080 + (i % 3) }] : [{ containerPort: 8080 }] }],
      };
      pods.push({
        metadata: { name: `pod-${node.metadata.name}-${i}`, namespace: `team-${i % 7}`, labels: {}, annotations: {}, ownerReferences: [] },
        spec,
        status: { phase: random() < 0.03 ? 'Succeeded' : 'Running', conditions: [], startTime: '2026-01-01T00:00:00Z' },
      });
    }
  }
  return pods;
}

/** Common daemons: most with requests, a few with host ports (0, 12 and 24 collide on 9100) and a system priority class. */
export function schedulingDaemonSet(index: number, random: () => number): DaemonSet {
  const daemonSet = syntheticDaemonSet(index, random);
  const spec = daemonSet.spec.template.spec;
  spec.containers = [{ name: 'agent', resources: { requests: { cpu: CPU_REQUESTS[index % 4], memory: MEMORY_REQUESTS[index % 3] } }, ports: index % 6 === 0 ? [{ containerPort: 9100 + (index % 4), hostPort: 9100 + (index % 4) }] : [] }];
  if (index % 3 === 0) spec.priorityClassName = 'system-node-critical';
  return daemonSet;
}

/** The whole preview computation: compile each DaemonSet once, then flags and reasons for every node. */
function placeAll(daemonSets: readonly DaemonSet[], nodes: readonly Node[]): number {
  let running = 0;
  for (const daemonSet of daemonSets) {
    const compiled = compilePlacement(daemonSet);
    for (const node of nodes) if (evaluatePlacement(compiled, node).shouldRun) running++;
  }
  return running;
}

/** Median and p95 of `runs` timed runs after one warm-up, each after an untimed setup. */
function measureEach<T>(name: string, target: number | undefined, runs: number, setup: () => T, body: (input: T) => number): BenchFigure {
  body(setup()); // warm-up: JIT and inline caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = setup();
    const start = performance.now();
    body(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return { name, unit: 'ms', median: round(times[Math.floor(times.length / 2)]), p95: round(times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]), runs, target };
}

function measure(name: string, target: number | undefined, runs: number, body: () => number): BenchFigure {
  return measureEach(name, target, runs, () => undefined, body);
}

export async function runReconcilerBenchmarks(print: (line: string) => void = (line) => process.stdout.write(line + '\n')): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const bigInventory = syntheticNodes(65_536, 1);
  const oneDaemonSet = [syntheticDaemonSet(2, mulberry32(7))];
  figures.push(measure('placement 65536 nodes x 1 DaemonSet', 50, 15, () => placeAll(oneDaemonSet, bigInventory)));
  print(JSON.stringify(figures[figures.length - 1]));
  const inventory = syntheticNodes(5_000, 2);
  const random = mulberry32(11);
  const daemonSets = Array.from({ length: 200 }, (_, index) => syntheticDaemonSet(index, random));
  figures.push(measure('placement 5000 nodes x 200 DaemonSets', 1000, 7, () => placeAll(daemonSets, inventory)));
  print(JSON.stringify(figures[figures.length - 1]));
  const schedulingRandom = mulberry32(13);
  const daemons = Array.from({ length: 30 }, (_, index) => schedulingDaemonSet(index, schedulingRandom));
  const sized = sizedNodes(inventory);
  const pods = syntheticPods(sized, 20, 17);
  // First sight of an inventory: fresh Pod objects each run (cloned outside the timing), so nothing is remembered.
  figures.push(
    measureEach('scheduler fit 30 DaemonSets x 5000 nodes x 20 pods, new inventory', 300, 7, () => structuredClone(pods), (fresh) => {
      const schedule = scheduleDaemonPods({ daemonSets: daemons, nodes: sized, pods: fresh });
      return schedule.daemonSets.reduce((total, entry) => total + entry.counts.pending, 0);
    }),
  );
  print(JSON.stringify(figures[figures.length - 1]));
  // Every later edit of a manifest over the same inventory objects (the editor, the panel).
  figures.push(
    measure('scheduler fit 30 DaemonSets x 5000 nodes x 20 pods, same inventory', 300, 7, () => {
      const schedule = scheduleDaemonPods({ daemonSets: daemons, nodes: sized, pods });
      return schedule.daemonSets.reduce((total, entry) => total + entry.counts.pending, 0);
    }),
  );
  print(JSON.stringify(figures[figures.length - 1]));
  // A rolling update one node at a time (the default maxUnavailable 1): one step of the plan per node, each a
  // controller sync that revisits only the nodes the step before changed (a full sync per step made it quadratic:
  // 1.5 s at 1,000 nodes, about 40 s at 5,000).
  const template = syntheticDaemonSet(3, mulberry32(19));
  const updated: DaemonSet = structuredClone(template);
  updated.spec.template.spec.containers[0].image = `${updated.spec.template.spec.containers[0].image}-next`;
  for (const [size, target] of [[1_000, 100], [2_000, undefined], [5_000, 1_000]] as const) {
    const nodes = syntheticNodes(size, 23);
    figures.push(measure(`rollout simulation, ${size} nodes, maxUnavailable 1 (one sync per step)`, target, 5, () => simulateRollout(template, updated, nodes, { nowMs: 0 }).steps.length));
    print(JSON.stringify(figures[figures.length - 1]));
  }
  return figures;
}

export default runReconcilerBenchmarks;

if (require.main === module) {
  void runReconcilerBenchmarks();
}
