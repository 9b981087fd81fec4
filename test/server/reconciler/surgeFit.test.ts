import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Container, DaemonSet, IntOrString, PodSpec, PriorityClass } from '../../../server/src/model/kubeTypes';
import { simulateRollout } from '../../../server/src/reconciler';
import { inventoryPodDemands } from '../../../server/src/reconciler/scheduling/scheduleDaemonPods';
import { daemonSet, node, pod } from './builders';

const NOW = Date.parse('2024-06-01T00:00:00Z');
const HOST_PORT_MESSAGE =
  "new pod Pending on a: node(s) didn't have free ports for the requested pod ports (hostPort 9100/TCP held by the old pod); " +
  'the old pod is kept until the new one is available — use maxUnavailable instead of maxSurge with host ports';

function agent(container: Partial<Container>, spec: Partial<PodSpec>, rollingUpdate: { maxUnavailable?: IntOrString; maxSurge?: IntOrString }): DaemonSet {
  const ds = daemonSet({ containers: [{ name: 'agent', image: 'agent:1', ...container }], ...spec });
  return { ...ds, spec: { ...ds.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate } } };
}

/** The same DaemonSet with a new image: a template change. */
function newImage(ds: DaemonSet): DaemonSet {
  const containers = ds.spec.template.spec.containers.map((container) => ({ ...container, image: 'agent:2' }));
  const template = { ...ds.spec.template, spec: { ...ds.spec.template.spec, containers } };
  return { ...ds, spec: { ...ds.spec, template }, rawTemplate: template };
}

const SURGE = { maxUnavailable: 0, maxSurge: 1 };
const hostPort = { ports: [{ containerPort: 9100, hostPort: 9100 }] };
const nodes = [node('a'), node('b')];

describe('simulateRollout: a surge pod the scheduler leaves Pending (R11)', () => {
  const cases: Array<{ name: string; old: DaemonSet; next?: DaemonSet; nodes?: typeof nodes; stuck: Array<{ node: string; plugin: string; blockedByOldPod: boolean }> }> = [
    { name: 'surge with a hostPort stalls on the first node', old: agent(hostPort, {}, SURGE), stuck: [{ node: 'a', plugin: 'NodePorts', blockedByOldPod: true }] },
    { name: 'surge without a hostPort proceeds', old: agent({ ports: [{ containerPort: 9100 }] }, {}, SURGE), stuck: [] },
    { name: 'surge with hostNetwork container ports stalls', old: agent({ ports: [{ containerPort: 9100 }] }, { hostNetwork: true }, SURGE), stuck: [{ node: 'a', plugin: 'NodePorts', blockedByOldPod: true }] },
    { name: 'maxSurge 100% with a hostPort stalls on every node', old: agent(hostPort, {}, { maxUnavailable: 0, maxSurge: '100%' }), stuck: [{ node: 'a', plugin: 'NodePorts', blockedByOldPod: true }, { node: 'b', plugin: 'NodePorts', blockedByOldPod: true }] },
    { name: 'maxUnavailable with a hostPort proceeds (the old pod goes first)', old: agent(hostPort, {}, { maxUnavailable: 1 }), stuck: [] },
    {
      name: 'surge proceeds when the new template moves to another hostPort',
      old: agent(hostPort, {}, SURGE),
      next: newImage(agent({ ports: [{ containerPort: 9101, hostPort: 9101 }] }, {}, SURGE)),
      stuck: [],
    },
    {
      name: 'surge stalls where the node has no room for both pods\u2019 requests',
      old: agent({ resources: { requests: { cpu: '600m' } } }, {}, SURGE),
      nodes: [node('a', { allocatable: { cpu: '1', pods: '110' } }), node('b', { allocatable: { cpu: '2', pods: '110' } })],
      stuck: [{ node: 'a', plugin: 'NodeResourcesFit', blockedByOldPod: true }],
    },
    {
      name: 'surge proceeds where the node has room for both pods\u2019 requests',
      old: agent({ resources: { requests: { cpu: '400m' } } }, {}, SURGE),
      nodes: [node('a', { allocatable: { cpu: '1', pods: '110' } }), node('b', { allocatable: { cpu: '1', pods: '110' } })],
      stuck: [],
    },
  ];
  for (const { name, old, next, nodes: onNodes, stuck } of cases) {
    it(name, () => {
      const plan = simulateRollout(old, next ?? newImage(old), onNodes ?? nodes, { nowMs: NOW });
      assert.deepEqual(
        (plan.stuck ?? []).map(({ node: nodeName, plugin, blockedByOldPod }) => ({ node: nodeName, plugin, blockedByOldPod })),
        stuck,
      );
      assert.equal(plan.complete, stuck.length === 0);
      if (stuck.length === 0) assert.ok(plan.steps.every((step) => step.pending === undefined));
    });
  }

  it('the step that creates the surge pod says it stays Pending, and nothing follows', () => {
    const old = agent(hostPort, {}, SURGE);
    const plan = simulateRollout(old, newImage(old), nodes, { nowMs: NOW });
    assert.equal(plan.steps.length, 1);
    assert.deepEqual(plan.steps[0].create, ['a']);
    assert.deepEqual(plan.steps[0].delete, []);
    assert.deepEqual(plan.steps[0].pending?.map((pending) => pending.message), [HOST_PORT_MESSAGE]);
    assert.deepEqual(plan.stuck?.map((pending) => pending.message), [HOST_PORT_MESSAGE]);
    assert.equal(plan.complete, false);
  });

  it('the resource shortfall names the numbers and the old pod', () => {
    const old = agent({ resources: { requests: { cpu: '600m' } } }, {}, SURGE);
    const plan = simulateRollout(old, newImage(old), [node('a', { allocatable: { cpu: '1', pods: '110' } })], { nowMs: NOW });
    assert.deepEqual(plan.stuck?.map((pending) => pending.message), [
      "new pod Pending on a: Insufficient cpu (needs 600m, 400m free of 1); the old pod's requests still count on the node; " +
        "the old pod is kept until the new one is available — leave room on the node for both pods' requests, or use maxUnavailable instead of maxSurge",
    ]);
  });

  it('given pods: the old pod holds the port its own spec binds, and other workloads count', () => {
    const old = agent(hostPort, {}, SURGE);
    const oldPod = (name: string, nodeName: string) => {
      const result = pod(name, nodeName, { hash: 'old' });
      result.spec = { ...old.spec.template.spec, nodeName };
      return result;
    };
    const other = pod('exporter', 'b', { app: 'other' });
    other.spec = { nodeName: 'b', containers: [{ name: 'exporter', image: 'x', ports: [{ containerPort: 9100, hostPort: 9100 }] }] };
    // The old pod on a binds no host port (an older template): only b, where another workload holds 9100, stalls.
    const plain = pod('p-a', 'a', { hash: 'old' });
    plain.spec = { nodeName: 'a', containers: [{ name: 'agent', image: 'agent:0' }] };
    const plan = simulateRollout(old, newImage(old), nodes, { nowMs: NOW, pods: [plain, oldPod('p-b', 'b'), other] });
    assert.deepEqual(plan.steps.map((step) => step.create), [['a'], ['b']]);
    assert.deepEqual(plan.stuck?.map((pending) => pending.message), [
      // Another workload's port would keep even a pod without surge out: no advice about maxSurge.
      "new pod Pending on b: node(s) didn't have free ports for the requested pod ports (hostPort 9100/TCP held by default/exporter); the old pod is kept until the new one is available",
    ]);
  });

  it('otherPods: an inventory\'s pods count beside the steady state, with their PriorityClasses, and the DaemonSet\'s own among them are not its start', () => {
    const old = agent({ resources: { requests: { cpu: '300m' } } }, { priorityClassName: 'node-agent' }, SURGE);
    const onA = [node('a', { allocatable: { cpu: '1', pods: '110' } })];
    const batch = (priorityClassName: string) => {
      const result = pod('report', 'a', { app: 'report' });
      result.spec = { nodeName: 'a', priorityClassName, containers: [{ name: 'report', image: 'r', resources: { requests: { cpu: '600m' } } }] };
      return result;
    };
    // The DaemonSet's own pod in the inventory (kubectl get pods -A) on a node it must not be counted on twice.
    const ownInInventory = pod('ds-live', 'a', { hash: 'live' });
    ownInInventory.spec = { ...old.spec.template.spec, nodeName: 'a' };
    const classes = [
      { metadata: { name: 'node-agent' }, value: 1_000_000 },
      { metadata: { name: 'batch-low' }, value: 100 },
      { metadata: { name: 'batch-high' }, value: 2_000_000 },
    ].map((pc): PriorityClass => ({ ...pc, metadata: { ...pc.metadata, labels: {}, annotations: {}, ownerReferences: [] }, globalDefault: false }));
    const roll = (otherPods: Parameters<typeof simulateRollout>[3]['otherPods'], priorityClasses = classes) => simulateRollout(old, newImage(old), onA, { nowMs: NOW, otherPods, priorityClasses });

    assert.equal(roll(undefined).complete, true, 'without pod data the node holds the two daemon pods only');
    const blocked = roll([batch('batch-high'), ownInInventory]);
    assert.deepEqual(blocked.stuck?.map((entry) => [entry.node, entry.plugin, entry.blockedByOldPod]), [['a', 'NodeResourcesFit', true]], 'the batch pod outranks the surge pod');
    assert.match(blocked.stuck?.[0].message ?? '', /Insufficient cpu \(needs 300m, 100m free of 1\)/, 'old pod 300m + batch 600m: the inventory\'s own pod of the DaemonSet is not counted again');
    const preempts = roll([batch('batch-low'), ownInInventory]);
    assert.equal(preempts.stuck, undefined, 'node-agent preempts batch-low');
    assert.deepEqual(preempts.steps.map((step) => [step.create, step.delete]), [[['a'], []], [[], ['a']]]);
    assert.ok(roll([batch('batch-low')], []).stuck, 'without the classes node-agent is unknown (0) and cannot preempt batch-low (100)');

    // A pod given in both counts once, as `pods` has it.
    const oldPod = pod('ds-a', 'a', { hash: 'old' });
    oldPod.spec = { ...old.spec.template.spec, nodeName: 'a' };
    const plan = simulateRollout(old, newImage(old), onA, { nowMs: NOW, pods: [oldPod, batch('batch-low')], otherPods: [batch('batch-high')], priorityClasses: classes });
    assert.equal(plan.stuck, undefined);
  });

  it('remembers the other workloads\' pods\' demands with the list they came in: a second simulation over the same pods reads none again', () => {
    const old = agent({ resources: { requests: { cpu: '300m' } } }, {}, SURGE);
    const batch = pod('report', 'a', { app: 'report' });
    batch.spec = { nodeName: 'a', containers: [{ name: 'report', image: 'r', resources: { requests: { cpu: '600m' } } }] };
    const pods = [pod('ds-a', 'a', { hash: 'old' }), batch];
    const first = simulateRollout(old, newImage(old), nodes, { nowMs: NOW, pods });
    const demand = inventoryPodDemands(pods)[1];
    assert.ok(demand, 'the batch pod\'s demand is remembered at its place in `pods`');
    assert.equal(inventoryPodDemands(pods)[0], undefined, 'the DaemonSet\'s own pod is not another workload\'s');
    assert.deepEqual(simulateRollout(old, newImage(old), nodes, { nowMs: NOW, pods }), first);
    assert.equal(inventoryPodDemands(pods)[1], demand, 'and read from there by the next simulation');
  });
});
