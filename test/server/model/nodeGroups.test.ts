import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadInventoryFromText, mergeInventories } from '../../../server/src/model/inventory';
import { formatNodeGroup, type NodeGroup } from '../../../server/src/model/nodeGroup';
import { formatLoadProblem } from '../../../server/src/model/objectReader';
import { ec2InstanceArch } from '../../../server/src/model/nodeGroups/eksctlClusterConfig';
import { kubeletLabelRestriction } from '../../../server/src/model/nodeGroups/groupReading';
import { assertGolden, readFixture } from '../../support/golden';

const FIXTURES = ['kind-multi-node', 'kind-single-node', 'kind-worker-role-label', 'karpenter-nodepools', 'eksctl-cluster', 'malformed', 'cluster-api', 'cluster-api-malformed'];

/** One fixture as the inventory loader sees it: read, then merged (Cluster API groups meet their bootstrap configs there). */
function load(name: string) {
  return mergeInventories([loadInventoryFromText(readFixture(`inventory/pools/${name}.yaml`), `pools/${name}.yaml`)]);
}

describe('node groups from kind, Karpenter, eksctl and Cluster API sources', () => {
  for (const name of FIXTURES) {
    it(`${name}.yaml: groups and problems match the golden`, () => {
      const inventory = load(name);
      const text = [...inventory.groups.map(formatNodeGroup), ...inventory.problems.map(formatLoadProblem)].join('\n\n');
      assertGolden(`model/pools/${name}.txt`, text);
    });
  }

  it('kind names nodes by role and count, and a node-labels patch and register-with-taints reach the node', () => {
    const { groups, problems, nodes } = load('kind-multi-node');
    assert.deepEqual(problems, []);
    assert.deepEqual(nodes, []);
    assert.deepEqual(groups.map((group) => group.name), ['dev-control-plane', 'dev-worker', 'dev-worker2']);
    assert.deepEqual(groups[0].taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    assert.equal(groups[1].labels.tier, 'frontend');
    assert.equal(groups[2].labels['my-label2'], 'true');
    assert.deepEqual(groups[2].taints, [{ key: 'my-taint', value: 'presence', effect: 'NoSchedule' }]);
    assert.equal(groups[0].kubernetesVersion, 'v1.31.0');
    assert.deepEqual(groups[2].source.range.start, { line: 12, character: 2 });
  });

  it('a single-node kind cluster has no control-plane taint and no exclude-from-external-load-balancers label', () => {
    const { groups, problems } = load('kind-single-node');
    assert.deepEqual(problems, []);
    assert.equal(groups.length, 1);
    assert.equal(groups[0].name, 'kind-control-plane');
    assert.deepEqual(groups[0].taints, []);
    assert.equal('node.kubernetes.io/exclude-from-external-load-balancers' in groups[0].labels, false);
    assert.equal(groups[0].kubernetesVersion, undefined);
  });

  it('a node-role label in a kind node`s labels is reported at the label: kind create cluster fails on it', () => {
    const { problems } = load('kind-worker-role-label');
    assert.equal(problems.length, 1);
    assert.match(formatLoadProblem(problems[0]), /^pools\/kind-worker-role-label\.yaml:8:37: nodes\[1\]\.labels\[node-role\.kubernetes\.io\/worker\]: kind create cluster fails/);
  });

  it('Karpenter: startup taints kept apart, replicas an exact count, no replicas an unknown one', () => {
    const { groups, problems } = load('karpenter-nodepools');
    assert.deepEqual(problems, []);
    const byName = new Map(groups.map((group) => [group.name, group]));
    assert.deepEqual(byName.get('default')?.startupTaints, [{ key: 'example.com/another-taint', effect: 'NoSchedule' }]);
    assert.deepEqual(byName.get('default')?.taints, [{ key: 'example.com/special-taint', effect: 'NoSchedule' }]);
    assert.equal(byName.get('default')?.count.kind, 'unknown');
    assert.deepEqual(byName.get('gpu')?.count, { kind: 'exact', count: 3 });
    assert.equal(byName.get('general-purpose')?.labels['karpenter.k8s.aws/ec2nodeclass'], 'default');
  });

  it('eksctl: list and legacy map taints, capacity, version and the labels eksctl adds', () => {
    const { groups, problems } = load('eksctl-cluster');
    assert.deepEqual(problems, []);
    assert.deepEqual(groups.map((group) => [group.name, group.count]), [
      ['ng1-public', { kind: 'range', min: 2, max: 8 }],
      ['ng2-legacy-taints', { kind: 'exact', count: 1 }],
      ['managed-ng-1', { kind: 'exact', count: 3 }],
      ['managed-spot', { kind: 'exact', count: 2 }],
    ]);
    assert.deepEqual(groups[1].taints, [
      { key: 'special', value: 'true', effect: 'NoSchedule' },
      { key: 'dedicated', effect: 'NoExecute' },
    ]);
    assert.equal(groups[1].labels['kubernetes.io/arch'], 'arm64');
    assert.equal(groups[0].kubernetesVersion, '1.30');
    assert.equal(groups[2].labels['eks.amazonaws.com/nodegroup'], 'managed-ng-1');
    assert.equal(groups[3].labels['eks.amazonaws.com/capacityType'], 'SPOT');
  });

  it('malformed sources are problems at their fields; the good groups of the file are kept', () => {
    const { groups, problems } = load('malformed');
    assert.deepEqual(groups.map((group) => group.name), ['ng-ok']);
    assert.deepEqual(
      problems.map((problem) => `${problem.line}:${problem.column} ${problem.path}`),
      ['11:21 spec.template.spec.requirements[0].operator', '15:20 spec.template.spec.requirements[1].values[0]', '24:16 nodeGroups[0].taints.special', '33:5 nodes[0].kubeadmConfigPatches[0]'],
    );
  });

  it('groups merge across files beside nodes, and a file of groups is no "no node" warning', () => {
    const merged = mergeInventories([load('kind-single-node'), load('eksctl-cluster')]);
    assert.deepEqual(merged.problems, []);
    assert.equal(merged.groups.length, 5);
  });

  it('Cluster API: replicas or the autoscaler range, bootstrap labels and taints in both kubeletExtraArgs forms, scale-from-zero annotations', () => {
    const { groups, problems } = load('cluster-api');
    assert.deepEqual(problems, []);
    assert.deepEqual(groups.map((group) => [group.name, group.count]), [
      ['capi-quickstart-md-0', { kind: 'exact', count: 3 }],
      ['capi-quickstart-gpu', { kind: 'range', min: 0, max: 5 }],
      ['capi-quickstart-mp-0', { kind: 'exact', count: 2 }],
    ]);
    const [md, gpu, pool] = groups;
    // Only node-role.kubernetes.io (and the node-restriction / node.cluster.x-k8s.io domains) sync from Machine to Node.
    assert.deepEqual(md.labels, { 'node-role.kubernetes.io/worker': '', tier: 'backend', disktype: 'ssd' });
    assert.equal(md.kubernetesVersion, 'v1.32.0');
    assert.equal(gpu.labels.accelerator, 'nvidia');
    assert.equal(gpu.labels['gpu-type'], 'nvidia-a100');
    assert.deepEqual(gpu.taints, [
      { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'gpu', effect: 'NoExecute' },
    ]);
    assert.deepEqual(gpu.capacity, { cpu: '16', memory: '128G', pods: '200' });
    assert.equal(gpu.requirements.some((requirement) => requirement.key === 'kubernetes.io/arch'), false);
    assert.deepEqual(pool.taints, [{ key: 'dedicated', value: 'logging', effect: 'NoSchedule' }]);
  });

  it('Cluster API: a bootstrap config in another file of the inventory is found; the per-file results stay as read', () => {
    const documents = readFixture('inventory/pools/cluster-api.yaml').split(/^---$/m);
    const machines = loadInventoryFromText(documents.filter((text) => /^kind: Machine/m.test(text)).join('---'), 'capi/machines.yaml');
    const bootstrap = loadInventoryFromText(documents.filter((text) => /^kind: Kubeadm/m.test(text)).join('---'), 'capi/bootstrap.yaml');
    assert.deepEqual(bootstrap.problems, [], 'a file of bootstrap configs is no "no node" warning');
    const merged = mergeInventories([machines, bootstrap]);
    assert.deepEqual(merged.problems, []);
    const sameFile = load('cluster-api').groups;
    const facts = (group: NodeGroup) => [group.name, group.labels, group.taints, group.requirements, group.count, group.notes];
    assert.deepEqual(merged.groups.map(facts), sameFile.map(facts));
    assert.equal(machines.groups[0].labels.tier, undefined);
    assert.equal(merged.clusterApi, undefined);
    const alone = mergeInventories([machines]);
    assert.match(alone.groups[0].notes.join('\n'), /the KubeadmConfigTemplate capi-quickstart-md-0 is not in the inventory/);
  });

  it('Cluster API: malformed annotations and a node-role kubelet label are problems at their fields; a missing template is a note', () => {
    const { groups, problems } = load('cluster-api-malformed');
    assert.deepEqual(groups.map((group) => group.name), ['missing-template']);
    assert.deepEqual(
      problems.map((problem) => `${problem.line}:${problem.column} ${problem.path}`),
      [
        '7:66 metadata.annotations[cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size]',
        '9:55 metadata.annotations[capacity.cluster-autoscaler.kubernetes.io/taints]',
        '23:26 spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs.node-labels',
      ],
    );
  });

  it('Graviton instance types are arm64', () => {
    for (const type of ['m6g.large', 'c7gn.xlarge', 't4g.micro', 'r8gd.2xlarge', 'g5g.xlarge', 'im4gn.large']) assert.equal(ec2InstanceArch(type), 'arm64', type);
    for (const type of ['m5.large', 'g4dn.xlarge', 'c5n.large', 'p4d.24xlarge', 'm7i-flex.large']) assert.equal(ec2InstanceArch(type), 'amd64', type);
  });

  it('the kubelet may set only its allowed labels in the kubernetes.io namespaces', () => {
    for (const key of ['node-role.kubernetes.io/worker', 'node-role.kubernetes.io/control-plane', 'example.k8s.io/x']) assert.ok(kubeletLabelRestriction(key), key);
    for (const key of ['tier', 'kubernetes.io/arch', 'node.kubernetes.io/lifecycle', 'foo.kubelet.kubernetes.io/x', 'example.com/role']) assert.equal(kubeletLabelRestriction(key), undefined, key);
  });
});
