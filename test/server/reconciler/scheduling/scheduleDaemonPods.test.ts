/** scheduleDaemonPods: placement from nodeShouldRunDaemonPod, then NodePorts, NodeResourcesFit and preemption per node. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, PodSpec, PriorityClass } from '../../../../server/src/model/kubeTypes';
import { scheduleDaemonPods } from '../../../../server/src/reconciler';
import { inventoryPodDemands } from '../../../../server/src/reconciler/scheduling/scheduleDaemonPods';
import { daemonSet, node, taint } from '../builders';

const NODE_ALLOCATABLE = { cpu: '1', memory: '4Gi', pods: '110' };

function boundPod(name: string, nodeName: string, cpu: string, options: { priority?: number; startTime?: string; ownerDaemonSet?: string; phase?: string; hostPort?: number } = {}): Pod {
  const spec: PodSpec = { nodeName, containers: [{ name: 'c', resources: { requests: { cpu } }, ...(options.hostPort ? { ports: [{ containerPort: options.hostPort, hostPort: options.hostPort }] } : {}) }] };
  if (options.priority !== undefined) spec.priority = options.priority;
  return {
    metadata: {
      name,
      namespace: 'apps',
      labels: {},
      annotations: {},
      ownerReferences: options.ownerDaemonSet ? [{ kind: 'DaemonSet', name: options.ownerDaemonSet, controller: true }] : [],
    },
    spec,
    status: { phase: options.phase ?? 'Running', conditions: [], ...(options.startTime ? { startTime: options.startTime } : {}) },
  };
}

const agent = (cpu: string, extra: Partial<PodSpec> = {}, name = 'agent') => daemonSet({ containers: [{ name: 'a', resources: { requests: { cpu } } }], ...extra }, {}, name);

test('a daemon pod that fits runs; one that does not stays Pending with the numbers', () => {
  const nodes = [node('roomy', { allocatable: NODE_ALLOCATABLE }), node('full', { allocatable: NODE_ALLOCATABLE })];
  const pods = [boundPod('web-1', 'roomy', '100m', { priority: 0 }), boundPod('web-2', 'full', '900m', { priority: 0 })];
  const [schedule] = scheduleDaemonPods({ daemonSets: [agent('200m')], nodes, pods }).daemonSets;
  assert.equal(schedule.cells[0].outcome, 'runs');
  assert.equal(schedule.cells[0].scheduling?.fits, true);
  const full = schedule.cells[1];
  assert.equal(full.outcome, 'pending');
  assert.equal(full.scheduling?.plugin, 'NodeResourcesFit');
  assert.deepEqual(full.scheduling?.reasons, ['Insufficient cpu (needs 200m, 100m free of 1)']);
  assert.equal(full.scheduling?.preemption?.message, 'stays Pending: only pods of equal or higher priority (0 or more) on the node');
  assert.deepEqual(schedule.counts, { runs: 1, pending: 1, excluded: 0, taintNotTolerated: 0, preempting: 0 });
});

test('system-node-critical preempts the fewest, least important pods', () => {
  const nodes = [node('n', { allocatable: NODE_ALLOCATABLE })];
  const pods = [
    boundPod('batch-old', 'n', '300m', { priority: 0, startTime: '2026-01-01T00:00:00Z' }),
    boundPod('batch-new', 'n', '300m', { priority: 0, startTime: '2026-02-01T00:00:00Z' }),
    boundPod('important', 'n', '300m', { priority: 1000 }),
    boundPod('critical', 'n', '50m', { priority: 2_000_000_000 }),
  ];
  const [schedule] = scheduleDaemonPods({ daemonSets: [agent('250m', { priorityClassName: 'system-node-critical' })], nodes, pods }).daemonSets;
  const cell = schedule.cells[0];
  assert.equal(cell.outcome, 'runs');
  assert.equal(cell.scheduling?.fits, false);
  assert.equal(cell.scheduling?.preemption?.message, 'fits after preempting 1 pod of priority 0');
  assert.deepEqual(cell.scheduling?.preemption?.victims.map((victim) => victim.name), ['batch-new'], 'the later-started of equal priority goes');
  assert.equal(schedule.counts.preempting, 1);
});

test('even preempting every lower-priority pod may not be enough', () => {
  const nodes = [node('n', { allocatable: NODE_ALLOCATABLE })];
  const pods = [boundPod('low', 'n', '100m', { priority: 0 }), boundPod('high', 'n', '800m', { priority: 2_000_001_000 })];
  const [schedule] = scheduleDaemonPods({ daemonSets: [agent('300m', { priorityClassName: 'system-cluster-critical' })], nodes, pods }).daemonSets;
  assert.equal(schedule.cells[0].outcome, 'pending');
  assert.equal(schedule.cells[0].scheduling?.preemption?.message, 'stays Pending: even preempting all 1 pod of lower priority leaves Insufficient cpu (needs 300m, 200m free of 1)');
});

test('priority classes from the workspace, globalDefault, preemptionPolicy Never and unknown classes', () => {
  const classes: PriorityClass[] = [
    { metadata: { name: 'daemons', labels: {}, annotations: {}, ownerReferences: [] }, value: 100_000, globalDefault: false },
    { metadata: { name: 'polite', labels: {}, annotations: {}, ownerReferences: [] }, value: 100_000, globalDefault: false, preemptionPolicy: 'Never' },
    { metadata: { name: 'default', labels: {}, annotations: {}, ownerReferences: [] }, value: 10, globalDefault: true },
  ];
  const nodes = [node('n', { allocatable: NODE_ALLOCATABLE })];
  const pods = [boundPod('web', 'n', '900m', { priority: 10 })];
  const result = scheduleDaemonPods({
    daemonSets: [agent('200m', { priorityClassName: 'daemons' }, 'a'), agent('200m', { priorityClassName: 'polite' }, 'b'), agent('10m', { priorityClassName: 'missing' }, 'c'), agent('10m', {}, 'd')],
    nodes,
    pods,
    priorityClasses: classes,
  });
  const [a, b, c, d] = result.daemonSets;
  assert.deepEqual([a.priority.value, b.priority.value, c.priority.source, d.priority.value], [100_000, 100_000, 'unknownClass', 10]);
  assert.equal(a.cells[0].scheduling?.preemption?.message, 'fits after preempting 1 pod of priority 10');
  // a evicted web; b then fits beside a
  assert.equal(b.cells[0].outcome, 'runs');
  assert.deepEqual(result.competitionOrder, [0, 1, 3, 2]);
});

test('two DaemonSets on one host port: the one that comes first binds it, the other stays Pending', () => {
  const nodes = [node('n', { allocatable: NODE_ALLOCATABLE })];
  const exporter = (name: string, priorityClassName?: string) =>
    daemonSet({ hostNetwork: true, ...(priorityClassName ? { priorityClassName } : {}), containers: [{ name: 'x', ports: [{ containerPort: 9100 }] }] }, {}, name);
  const result = scheduleDaemonPods({ daemonSets: [exporter('z-exporter', 'system-node-critical'), exporter('a-exporter')], nodes });
  const [first, second] = result.daemonSets;
  assert.equal(first.cells[0].outcome, 'runs');
  assert.equal(second.cells[0].outcome, 'pending');
  assert.equal(second.cells[0].scheduling?.plugin, 'NodePorts');
  assert.deepEqual(second.cells[0].scheduling?.reasons, ["node(s) didn't have free ports for the requested pod ports (9100/TCP is bound by DaemonSet default/z-exporter)"]);
  assert.equal(second.cells[0].scheduling?.basis, 'daemonsets');
});

test("the DaemonSet's own old pod is replaced, terminal pods do not count, and excluded nodes keep the controller's answer", () => {
  const nodes = [
    node('n', { allocatable: NODE_ALLOCATABLE }),
    node('tainted', { allocatable: NODE_ALLOCATABLE, taints: [taint('dedicated', 'NoSchedule')] }),
    node('evicting', { allocatable: NODE_ALLOCATABLE, taints: [taint('dedicated', 'NoExecute')] }),
    node('other', { labels: { pool: 'x' }, allocatable: NODE_ALLOCATABLE }),
  ];
  const ds = agent('600m', { nodeSelector: { pool: 'x' } });
  const pods = [boundPod('agent-old', 'other', '600m', { ownerDaemonSet: 'agent' }), boundPod('done', 'other', '900m', { phase: 'Succeeded' })];
  ds.metadata.namespace = 'apps';
  const [schedule] = scheduleDaemonPods({ daemonSets: [{ ...ds, spec: { ...ds.spec, template: { ...ds.spec.template, spec: { ...ds.spec.template.spec, nodeSelector: undefined } } } }], nodes, pods }).daemonSets;
  assert.deepEqual(schedule.cells.map((cell) => cell.outcome), ['runs', 'taintNotTolerated', 'taintNotTolerated', 'runs']);
  const [selective] = scheduleDaemonPods({ daemonSets: [ds], nodes, pods }).daemonSets;
  assert.deepEqual(selective.cells.map((cell) => cell.outcome), ['excluded', 'excluded', 'excluded', 'runs']);
  assert.equal(selective.cells[3].scheduling?.basis, 'pods');
});

test('a node without allocatable: ports judged, resources not', () => {
  const [schedule] = scheduleDaemonPods({ daemonSets: [agent('64')], nodes: [node('bare')] }).daemonSets;
  assert.equal(schedule.cells[0].outcome, 'runs');
  assert.equal(schedule.cells[0].scheduling?.resourcesJudged, false);
});

test('a request above the whole allocatable stays Pending whatever the priority', () => {
  const nodes = [node('small', { allocatable: NODE_ALLOCATABLE })];
  const pods = [boundPod('batch', 'small', '100m', { priority: 0 })];
  const [schedule] = scheduleDaemonPods({ daemonSets: [agent('1500m', { priorityClassName: 'system-node-critical' })], nodes, pods }).daemonSets;
  assert.equal(schedule.cells[0].outcome, 'pending');
  assert.equal(schedule.cells[0].scheduling?.preemption?.outcome, 'exceedsAllocatable');
  assert.equal(schedule.cells[0].scheduling?.preemption?.message, "stays Pending: the node's whole allocatable is too small (cpu: needs 1500m, has 1)");
});

test("an inventory's pods are read once per pods list: one remembered entry per list, filled only for bound pods that still run", () => {
  const nodes = [node('a', { allocatable: NODE_ALLOCATABLE })];
  const pods = [boundPod('web-1', 'a', '100m'), boundPod('done', 'a', '900m', { phase: 'Succeeded' }), { ...boundPod('unbound', '', '100m') }];
  const first = scheduleDaemonPods({ daemonSets: [agent('200m')], nodes, pods });
  const demands = inventoryPodDemands(pods);
  assert.equal(demands.length, 3);
  assert.deepEqual([...demands[0]!.requests], [['cpu', 100]]);
  assert.equal(demands[1], undefined, 'a finished pod is never read');
  assert.equal(demands[2], undefined, 'an unbound pod is never read');
  const again = scheduleDaemonPods({ daemonSets: [agent('200m')], nodes, pods });
  assert.equal(inventoryPodDemands(pods), demands, 'the same list keeps its entry');
  assert.equal(inventoryPodDemands(pods)[0], demands[0], 'and its pods are not read again');
  assert.deepEqual(again, first);
  // A new list is a new inventory: its own entry, not one per pod.
  assert.notEqual(inventoryPodDemands([...pods]), demands);
});
