/** The cluster view's aggregation: pools, the daemon tax, the matrix, coverage gaps and host-port collisions (table tests). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Container, Node, Pod } from '../../../server/src/model/kubeTypes';
import {
  computeClusterView,
  nodePoolOf,
  OUTCOME_NOT_SELECTED,
  OUTCOME_RUNS,
  OUTCOME_TAINT,
  UNPOOLED,
} from '../../../server/src/reconciler';
import { daemonSet, node, taint } from './builders';

const container = (cpu?: string, memory?: string, limits?: Record<string, string>, ports?: Container['ports']): Container => ({
  name: 'c',
  image: 'img:1',
  resources: { ...(cpu || memory ? { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } } : {}), ...(limits ? { limits } : {}) },
  ...(ports ? { ports } : {}),
});

const pooled = (name: string, pool: string, type: string, extra: Parameters<typeof node>[1] = {}): Node =>
  node(name, {
    ...extra,
    labels: { 'eks.amazonaws.com/nodegroup': pool, 'node.kubernetes.io/instance-type': type, ...(extra.labels ?? {}) },
    allocatable: extra.allocatable ?? { cpu: '1930m', memory: '7291536Ki', pods: '29' },
  });

describe('nodePoolOf', () => {
  const cases: Array<[string, Record<string, string>, string | undefined, string, string | undefined]> = [
    ['EKS node group before the instance type', { 'eks.amazonaws.com/nodegroup': 'system', 'node.kubernetes.io/instance-type': 'm6i.large' }, undefined, 'system', 'eks.amazonaws.com/nodegroup'],
    ['GKE node pool', { 'cloud.google.com/gke-nodepool': 'default-pool', 'node.kubernetes.io/instance-type': 'e2-standard-4' }, undefined, 'default-pool', 'cloud.google.com/gke-nodepool'],
    ['Karpenter NodePool', { 'karpenter.sh/nodepool': 'arm-spot', 'node.kubernetes.io/instance-type': 'm7g.large' }, undefined, 'arm-spot', 'karpenter.sh/nodepool'],
    ['AKS agent pool', { 'kubernetes.azure.com/agentpool': 'nodepool1' }, undefined, 'nodepool1', 'kubernetes.azure.com/agentpool'],
    ['the instance type alone', { 'node.kubernetes.io/instance-type': 'm5.xlarge' }, undefined, 'm5.xlarge', 'node.kubernetes.io/instance-type'],
    ['a kind control plane: its role', { 'node-role.kubernetes.io/control-plane': '' }, undefined, 'control-plane', 'node-role.kubernetes.io/control-plane'],
    ['no pool label', { 'kubernetes.io/os': 'linux' }, undefined, UNPOOLED, undefined],
    ['a label the user picks', { 'eks.amazonaws.com/nodegroup': 'system', 'topology.kubernetes.io/zone': 'eu-west-1a' }, 'topology.kubernetes.io/zone', 'eu-west-1a', 'topology.kubernetes.io/zone'],
    ['the picked label missing', { 'eks.amazonaws.com/nodegroup': 'system' }, 'topology.kubernetes.io/zone', '(no topology.kubernetes.io/zone)', undefined],
  ];
  for (const [title, labels, groupBy, name, label] of cases) {
    it(title, () => {
      assert.deepEqual(nodePoolOf(node('n', { labels }), groupBy), label === undefined ? { name } : { name, label });
    });
  }
});

describe('computeClusterView: the daemon tax per pool', () => {
  const nodes = [
    pooled('s1', 'system', 'm6i.large'),
    pooled('s2', 'system', 'm6i.large'),
    pooled('g1', 'gpu', 'g5.xlarge', { taints: [taint('nvidia.com/gpu', 'NoSchedule', 'present')], allocatable: { cpu: '3920m', memory: '15218344Ki' } }),
  ];
  const cni = daemonSet({ containers: [container('100m', '64Mi', { memory: '128Mi' })], tolerations: [{ operator: 'Exists' }] }, {}, 'cni');
  const logs = daemonSet({ containers: [container('1', '1Gi', { cpu: '2', memory: '1Gi' })] }, {}, 'logs');
  const view = computeClusterView({ daemonSets: [cni, logs], nodes });

  it('groups the nodes into pools in inventory order', () => {
    assert.deepEqual(
      view.pools.map((pool) => [pool.name, pool.nodeCount, pool.instanceTypes]),
      [
        ['system', 2, ['m6i.large']],
        ['gpu', 1, ['g5.xlarge']],
      ],
    );
  });

  it('sums what the daemons placed on a node request, against its allocatable', () => {
    const system = view.pools[0];
    assert.equal(system.daemonSets, 2);
    assert.equal(system.tax.requests.cpu, 1_100_000_000n);
    assert.equal(system.tax.requests.memory, (1024n + 64n) * 1024n * 1024n * 1_000_000_000n);
    assert.equal(system.headline, 'on m6i.large (system): 2 daemons, 1.1 CPU = 57% of allocatable, 1.1 GiB memory = 15% of allocatable');
    assert.deepEqual(system.share.cpu, { min: 0.569948, max: 0.569948 });
  });

  it('counts only the daemons the controller places there (the untolerated taint keeps the log agent off the GPU pool)', () => {
    const gpu = view.pools[1];
    assert.equal(gpu.daemonSets, 1);
    assert.equal(gpu.tax.requests.cpu, 100_000_000n);
    assert.equal(gpu.headline, 'on g5.xlarge (gpu): 1 daemon, 100m CPU = 3% of allocatable, 64 MiB memory = 0% of allocatable');
  });

  it('sums limits, and a pod without a limit makes the sum no bound', () => {
    assert.equal(view.pools[0].tax.limits.memory, (128n + 1024n) * 1024n * 1024n * 1_000_000_000n);
    assert.equal(view.pools[0].tax.unlimited.memory, false);
    assert.equal(view.pools[0].tax.unlimited.cpu, true, 'the CNI sets no cpu limit');
  });

  it('a pool where no daemon runs says so', () => {
    const only = computeClusterView({ daemonSets: [logs], nodes: [nodes[2]] });
    assert.equal(only.pools[0].headline, 'on g5.xlarge (gpu): 0 daemons');
  });
});

describe('computeClusterView: the matrix', () => {
  const nodes = [pooled('a1', 'a', 'm6i.large'), pooled('a2', 'a', 'm6i.large', { labels: { disk: 'ssd' } }), pooled('b1', 'b', 'm6i.large', { taints: [taint('dedicated', 'NoSchedule', 'db')] })];
  const ssd = daemonSet({ nodeSelector: { disk: 'ssd' } }, {}, 'ssd');
  const all = daemonSet({}, {}, 'all');
  const view = computeClusterView({ daemonSets: [ssd, all], nodes });

  const cases: Array<[string, number, number, { state: string; runs: number; notSelected: number; taint: number }]> = [
    ['selected on some nodes of a pool: partial', 0, 0, { state: 'partial', runs: 1, notSelected: 1, taint: 0 }],
    ['selected nowhere in a pool: excluded', 0, 1, { state: 'excluded', runs: 0, notSelected: 1, taint: 0 }],
    ['every node: runs', 1, 0, { state: 'runs', runs: 2, notSelected: 0, taint: 0 }],
    ['an untolerated taint: excluded by the taint', 1, 1, { state: 'excluded', runs: 0, notSelected: 0, taint: 1 }],
  ];
  for (const [title, d, p, expected] of cases) {
    it(title, () => {
      const cell = view.cells[d][p];
      assert.deepEqual({ state: cell.state, runs: cell.runs, notSelected: cell.notSelected, taint: cell.taint }, expected);
    });
  }

  it('tells why in the controller\'s words, once per kind of reason and cell', () => {
    assert.deepEqual(view.cells[0][0].reasons, ['nodeSelector requires disk="ssd"; node has no label disk']);
    assert.match(view.cells[1][1].reasons[0], /^taint dedicated=db:NoSchedule is not tolerated/);
  });

  it('keeps every node\'s outcome for the × nodes matrix', () => {
    const n = nodes.length;
    assert.deepEqual([...view.outcomes.slice(0, n)], [OUTCOME_NOT_SELECTED, OUTCOME_RUNS, OUTCOME_NOT_SELECTED]);
    assert.deepEqual([...view.outcomes.slice(n, 2 * n)], [OUTCOME_RUNS, OUTCOME_RUNS, OUTCOME_TAINT]);
    assert.deepEqual(
      view.daemonSets.map((d) => [d.name, d.desired, d.runs]),
      [
        ['ssd', 1, 1],
        ['all', 2, 2],
      ],
    );
  });
});

describe('computeClusterView: coverage gaps', () => {
  const nodes = [
    pooled('a1', 'a', 'm6i.large'),
    pooled('a2', 'a', 'm6i.large'),
    pooled('b1', 'b', 'm6i.large'),
    pooled('gpu1', 'gpu', 'g5.xlarge', { taints: [taint('nvidia.com/gpu', 'NoSchedule', 'present')] }),
  ];
  it('the GPU pool without the log agent that runs on most of the cluster', () => {
    const view = computeClusterView({ daemonSets: [daemonSet({}, {}, 'log-agent')], nodes });
    assert.deepEqual(
      view.gaps.map((gap) => [view.daemonSets[gap.daemonSet].name, view.pools[gap.pool].name, gap.missing, gap.of, gap.coverage]),
      [['log-agent', 'gpu', 1, 1, 0.75]],
    );
    assert.match(view.gaps[0].reason, /nvidia\.com\/gpu=present:NoSchedule is not tolerated/);
  });

  it('a DaemonSet meant for a few nodes (the GPU plugin) leaves no gap', () => {
    const plugin = daemonSet({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }], nodeSelector: { 'eks.amazonaws.com/nodegroup': 'gpu' } }, {}, 'gpu-plugin');
    assert.deepEqual(computeClusterView({ daemonSets: [plugin], nodes }).gaps, []);
  });

  it('nodes of a pool left out by a selector count as missing there', () => {
    const some = daemonSet({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['a2'] }] }] } } } }, {}, 'some');
    const view = computeClusterView({ daemonSets: [some], nodes: nodes.slice(0, 3) });
    assert.deepEqual(view.gaps.map((gap) => [view.pools[gap.pool].name, gap.missing, gap.of]), [['a', 1, 2]]);
  });
});

describe('computeClusterView: host-port collisions', () => {
  const nodes = [pooled('a1', 'general', 'm6i.xlarge'), pooled('a2', 'general', 'm6i.xlarge'), pooled('s1', 'system', 'm6i.large')];
  const port = (hostPort: number, protocol?: string, containerPort = hostPort) => [{ containerPort, hostPort, ...(protocol ? { protocol } : {}) }];
  const general = { nodeSelector: { 'eks.amazonaws.com/nodegroup': 'general' } };

  it('two DaemonSets binding one host port on the nodes they share, once per port with the pools', () => {
    const nginx = daemonSet({ ...general, containers: [container('100m', undefined, undefined, [...port(80), ...port(443)])] }, {}, 'nginx');
    const haproxy = daemonSet({ containers: [container('100m', undefined, undefined, [...port(80), ...port(443)])] }, {}, 'haproxy');
    const view = computeClusterView({ daemonSets: [nginx, haproxy], nodes });
    assert.deepEqual(
      view.collisions.map((c) => [c.port, c.protocol, c.daemonSets, c.nodes, c.pools, c.exampleNodes]),
      [
        [80, 'TCP', [0, 1], 2, ['general'], ['a1', 'a2']],
        [443, 'TCP', [0, 1], 2, ['general'], ['a1', 'a2']],
      ],
    );
  });

  const none: Array<[string, Container['ports'], Container['ports'], object, object]> = [
    ['different protocols', port(53, 'UDP'), port(53, 'TCP'), {}, {}],
    ['no shared node', port(80), port(80), general, { nodeSelector: { 'eks.amazonaws.com/nodegroup': 'system' } }],
    ['different ports', port(80), port(8080), {}, {}],
  ];
  for (const [title, a, b, specA, specB] of none) {
    it(`none for ${title}`, () => {
      const view = computeClusterView({
        daemonSets: [daemonSet({ ...specA, containers: [container(undefined, undefined, undefined, a)] }, {}, 'a'), daemonSet({ ...specB, containers: [container(undefined, undefined, undefined, b)] }, {}, 'b')],
        nodes,
      });
      assert.deepEqual(view.collisions, []);
    });
  }
});

describe('computeClusterView: Pending cells from the scheduler', () => {
  const full = pooled('full', 'a', 'm6i.large', { allocatable: { cpu: '1', memory: '4Gi', pods: '110' } });
  const roomy = pooled('roomy', 'a', 'm6i.large', { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } });
  const appPod = (name: string, nodeName: string, cpu: string, priority: number): Pod => ({
    metadata: { name, namespace: 'apps', labels: {}, annotations: {}, ownerReferences: [] },
    spec: { nodeName, priority, containers: [{ name: 'app', resources: { requests: { cpu } } }] },
    status: { phase: 'Running', conditions: [] },
  });
  const agent = (priorityClassName?: string) => daemonSet({ ...(priorityClassName ? { priorityClassName } : {}), containers: [container('300m', '64Mi')] }, {}, 'agent');

  const cases: Array<[string, Pod[], string | undefined, { state: string; runs: number; pending: number; preempting: number }, RegExp]> = [
    ['Insufficient cpu against pods of equal priority: Pending on that node', [appPod('web', 'full', '800m', 0)], undefined, { state: 'pending', runs: 1, pending: 1, preempting: 0 }, /^Pending on full \(NodeResourcesFit\): Insufficient cpu .*stays Pending: only pods of equal or higher priority/],
    ['with system-node-critical it preempts instead', [appPod('web', 'full', '800m', 0)], 'system-node-critical', { state: 'runs', runs: 2, pending: 0, preempting: 1 }, /^full: Insufficient cpu .*; fits after preempting 1 pod of priority 0$/],
  ];
  for (const [title, pods, priorityClassName, expected, reason] of cases) {
    it(title, () => {
      const view = computeClusterView({ daemonSets: [agent(priorityClassName)], nodes: [full, roomy], pods });
      const cell = view.cells[0][0];
      assert.deepEqual({ state: cell.state, runs: cell.runs, pending: cell.pending, preempting: cell.preempting }, expected);
      assert.match(cell.reasons.join('\n'), reason);
      assert.equal(view.daemonSetsOnlyNodes, 1, 'roomy has no pod: judged against the DaemonSets only');
    });
  }

  it('a pool where the pod stays Pending is a coverage gap, told with the scheduler\'s reason', () => {
    const other = pooled('b1', 'b', 'm6i.large', { allocatable: { cpu: '1', memory: '4Gi', pods: '110' } });
    const view = computeClusterView({ daemonSets: [agent()], nodes: [roomy, pooled('a2', 'a', 'm6i.large', { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } }), other], pods: [appPod('web', 'b1', '800m', 0)] });
    assert.deepEqual(view.gaps.map((gap) => [view.pools[gap.pool].name, gap.missing, gap.of]), [['b', 1, 1]]);
    assert.match(view.gaps[0].reason, /^Pending on b1 \(NodeResourcesFit\): Insufficient cpu/);
  });

  it('a host port two DaemonSets bind: one of them Pending (NodePorts), and the pool counts its Pending nodes', () => {
    const ports = [{ containerPort: 80, hostPort: 80 }];
    const view = computeClusterView({
      daemonSets: [daemonSet({ containers: [container('10m', undefined, undefined, ports)] }, {}, 'a'), daemonSet({ containers: [container('10m', undefined, undefined, ports)] }, {}, 'b')],
      nodes: [roomy],
    });
    assert.deepEqual(view.cells.map((row) => row[0].state), ['runs', 'pending']);
    assert.match(view.cells[1][0].reasons[0], /\(NodePorts\): node\(s\) didn't have free ports/);
    assert.equal(view.pools[0].pendingNodes, 1);
    assert.match(view.pools[0].headline, /; 1 node with a Pending daemon pod$/);
    assert.equal(view.collisions.length, 1);
  });
});
