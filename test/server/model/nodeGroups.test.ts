import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadInventoryFromText, mergeInventories } from '../../../server/src/model/inventory';
import { formatNodeGroup } from '../../../server/src/model/nodeGroup';
import { formatLoadProblem } from '../../../server/src/model/objectReader';
import { ec2InstanceArch } from '../../../server/src/model/nodeGroups/eksctlClusterConfig';
import { kubeletLabelRestriction } from '../../../server/src/model/nodeGroups/groupReading';
import { assertGolden, readFixture } from '../../support/golden';

const FIXTURES = ['kind-multi-node', 'kind-single-node', 'kind-worker-role-label', 'karpenter-nodepools', 'eksctl-cluster', 'malformed'];

function load(name: string) {
  return loadInventoryFromText(readFixture(`inventory/pools/${name}.yaml`), `pools/${name}.yaml`);
}

describe('node groups from kind, Karpenter and eksctl sources', () => {
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

  it('Graviton instance types are arm64', () => {
    for (const type of ['m6g.large', 'c7gn.xlarge', 't4g.micro', 'r8gd.2xlarge', 'g5g.xlarge', 'im4gn.large']) assert.equal(ec2InstanceArch(type), 'arm64', type);
    for (const type of ['m5.large', 'g4dn.xlarge', 'c5n.large', 'p4d.24xlarge', 'm7i-flex.large']) assert.equal(ec2InstanceArch(type), 'amd64', type);
  });

  it('the kubelet may set only its allowed labels in the kubernetes.io namespaces', () => {
    for (const key of ['node-role.kubernetes.io/worker', 'node-role.kubernetes.io/control-plane', 'example.k8s.io/x']) assert.ok(kubeletLabelRestriction(key), key);
    for (const key of ['tier', 'kubernetes.io/arch', 'node.kubernetes.io/lifecycle', 'foo.kubelet.kubernetes.io/x', 'example.com/role']) assert.equal(kubeletLabelRestriction(key), undefined, key);
  });
});
