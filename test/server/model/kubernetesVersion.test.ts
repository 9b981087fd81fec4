import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from '../../../server/src/model/kubeTypes';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import {
  compareVersions,
  describeVersionInForce,
  NEWEST_SUPPORTED_VERSION,
  parseKubernetesVersion,
  resolveKubernetesVersion,
} from '../../../server/src/model/kubernetesVersion';

function node(name: string, kubeletVersion?: string): Node {
  return {
    metadata: { name, labels: {}, annotations: {}, ownerReferences: [] },
    spec: { taints: [], unschedulable: false },
    status: { conditions: [], allocatable: {}, capacity: {}, ...(kubeletVersion ? { nodeInfo: { kubeletVersion } } : {}) },
  };
}

describe('parseKubernetesVersion', () => {
  it('reads what settings, kubelets and managed clusters write', () => {
    for (const [text, minor] of [
      ['1.29', 29],
      ['v1.29', 29],
      ['1.29.3', 29],
      ['v1.31.2', 31],
      ['v1.31.2-eks-94953ac', 31],
      ['v1.30.5-gke.1014001', 30],
      ['v1.28.4+k3s1', 28],
      [' 1.36 ', 36],
    ] as const) {
      assert.deepEqual(parseKubernetesVersion(text), { major: 1, minor }, text);
    }
  });

  it('refuses what is not a version', () => {
    for (const text of ['', '1', 'latest', 'v1', '1.x', '1.29.3.4', 'master', '1.29 beta']) {
      assert.equal(parseKubernetesVersion(text), undefined, text);
    }
  });

  it('compares by minor, not as text', () => {
    assert.ok(compareVersions({ major: 1, minor: 9 }, { major: 1, minor: 10 }) < 0);
    assert.equal(compareVersions({ major: 1, minor: 29 }, { major: 1, minor: 29 }), 0);
  });
});

describe('resolveKubernetesVersion', () => {
  const inventory = { label: 'nodes.yaml', nodes: [node('new', 'v1.31.2'), node('old', 'v1.29.8-eks-a1b2c3'), node('none')] };

  it('takes the setting first', () => {
    const inForce = resolveKubernetesVersion({ setting: { value: '1.25', label: 'the daemonset.kubernetesVersion setting' }, inventory });
    assert.equal(describeVersionInForce(inForce), '1.25 (from the daemonset.kubernetesVersion setting)');
  });

  it('else the oldest kubelet of the inventory, naming its node and file', () => {
    const inForce = resolveKubernetesVersion({ inventory });
    assert.equal(describeVersionInForce(inForce), '1.29 (from status.nodeInfo.kubeletVersion of node old in nodes.yaml)');
  });

  it('ignores a setting it cannot read', () => {
    assert.deepEqual(resolveKubernetesVersion({ setting: { value: 'latest', label: 'x' }, inventory }).version, { major: 1, minor: 29 });
  });

  it('else the lowest version the inventory\'s node groups declare (kind node image, eksctl version)', () => {
    const kind = loadInventoryFromText(readFileSync('test/fixtures/inventory/pools/kind-multi-node.yaml', 'utf8'), 'pools/kind.yaml');
    const eksctl = loadInventoryFromText(readFileSync('test/fixtures/inventory/pools/eksctl-cluster.yaml', 'utf8'), 'pools/eksctl.yaml');
    const groups = [...kind.groups, ...eksctl.groups];
    const inForce = resolveKubernetesVersion({ inventory: { label: 'pools', nodes: [node('a')], groups } });
    assert.deepEqual(inForce.version, { major: 1, minor: 30 });
    assert.match(describeVersionInForce(inForce), /^1\.30 \(declared by the `[^`]+` .+ in pools\/eksctl\.yaml\)$/);
    // A kubelet that reports a version wins over what a group declares.
    assert.equal(resolveKubernetesVersion({ inventory: { label: 'n', nodes: [node('k', 'v1.33.1')], groups } }).source.kind, 'inventory');
  });

  it('else the newest supported version', () => {
    const inForce = resolveKubernetesVersion({ inventory: { label: 'nodes.yaml', nodes: [node('a')] } });
    assert.deepEqual(inForce.version, NEWEST_SUPPORTED_VERSION);
    assert.equal(inForce.source.kind, 'newest-supported');
    assert.deepEqual(resolveKubernetesVersion({}).version, NEWEST_SUPPORTED_VERSION);
  });

  it('reads kubeletVersion from kubectl output, and a node with a malformed one is still a node', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata: {name: a}
    status: {nodeInfo: {kubeletVersion: v1.27.16, osImage: Ubuntu}}
  - apiVersion: v1
    kind: Node
    metadata: {name: b}
    status: {nodeInfo: {kubeletVersion: 127}}
`;
    const loaded = loadInventoryFromText(text, 'nodes.yaml');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.nodes.map((n) => n.metadata.name), ['a', 'b']);
    assert.equal(describeVersionInForce(resolveKubernetesVersion({ inventory: { label: 'nodes.yaml', nodes: loaded.nodes } })), '1.27 (from status.nodeInfo.kubeletVersion of node a in nodes.yaml)');
  });
});
