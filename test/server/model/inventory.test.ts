import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDaemonSetsFromText, setDefaultsDaemonSet } from '../../../server/src/model/daemonSet';
import { loadInventoryFromText, mergeInventories } from '../../../server/src/model/inventory';
import { formatLoadProblem } from '../../../server/src/model/objectReader';
import { compareQuantities, parseQuantity } from '../../../server/src/model/quantity';
import { fixturesDir, repoRoot } from '../../support/golden';

describe('loadInventoryFromText', () => {
  it('reads kubectl get nodes -o yaml output (kind: List) with taints, conditions and allocatable', () => {
    const file = join(repoRoot, 'examples/nodes/kind-cluster.nodes.yaml');
    const inventory = loadInventoryFromText(readFileSync(file, 'utf8'), 'kind.yaml');
    assert.deepEqual(inventory.problems, []);
    assert.deepEqual(inventory.nodes.map((n) => n.metadata.name), ['kind-control-plane', 'kind-worker', 'kind-worker2', 'kind-worker3']);
    assert.deepEqual(inventory.nodes[0].spec.taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    assert.equal(inventory.nodes[0].status.allocatable.cpu, '8');
    assert.equal(inventory.nodes[0].status.conditions.find((c) => c.type === 'Ready')?.status, 'True');
    assert.deepEqual(inventory.nodes[1].source?.basePath, ['items', 1]);
    assert.equal(inventory.nodes[0].source?.line, 7);
  });

  it('a bad node is reported with file, line and field; the good ones are kept', () => {
    const inventory = loadInventoryFromText(readFileSync(join(fixturesDir, 'reconciler/bad-nodes.yaml'), 'utf8'), 'bad-nodes.yaml');
    assert.deepEqual(inventory.nodes.map((n) => n.metadata.name), ['good-1', 'good-2']);
    assert.equal(inventory.problems.length, 1);
    assert.equal(
      formatLoadProblem(inventory.problems[0]),
      'bad-nodes.yaml:18:15: items[1].spec.taints[0].effect: unsupported taint effect "NoScheduled": must be NoSchedule, PreferNoSchedule or NoExecute',
    );
  });

  it('NodeList items without kind, and Pods in other documents', () => {
    const inventory = loadInventoryFromText(readFileSync(join(fixturesDir, 'reconciler/nodes-and-pods.yaml'), 'utf8'), 'x.yaml');
    assert.deepEqual(inventory.problems, []);
    assert.deepEqual(inventory.nodes.map((n) => n.metadata.name), ['w1', 'w2', 'w3']);
    assert.deepEqual(inventory.pods.map((p) => [p.metadata.name, p.spec.nodeName]), [['nginx-daemon-set-a1', 'w1'], ['nginx-daemon-set-b2', 'w3']]);
  });

  it('a support-bundle JSON dump: no kind on the list nor on its items, Nodes told by their status', () => {
    const inventory = loadInventoryFromText(readFileSync(join(fixturesDir, 'inventory/support-bundle-nodes.json'), 'utf8'), 'nodes.json');
    assert.deepEqual(inventory.problems, []);
    assert.deepEqual(
      inventory.nodes.map((n) => n.metadata.name),
      ['ip-10-0-1-12.eu-west-1.compute.internal', 'ip-10-0-2-37.eu-west-1.compute.internal', 'ip-10-0-3-91.eu-west-1.compute.internal'],
    );
    assert.deepEqual(inventory.nodes[2].spec.taints, [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
    assert.equal(inventory.nodes[0].status.allocatable.cpu, '3920m');
    assert.equal(inventory.nodes[0].metadata.labels?.['topology.kubernetes.io/zone'], 'eu-west-1a');
    assert.deepEqual(inventory.nodes[1].source?.basePath, ['items', 1]);
  });

  it('a kind: List archive of kindless items: Nodes are Nodes, a Pod is a Pod, a PersistentVolumeClaim is neither', () => {
    const inventory = loadInventoryFromText(readFileSync(join(fixturesDir, 'inventory/archived-cluster.yaml'), 'utf8'), 'archive.yaml');
    assert.deepEqual(inventory.problems, []);
    assert.deepEqual(inventory.nodes.map((n) => n.metadata.name), ['pool-a-7f6c9', 'pool-b-x2k4d']);
    assert.deepEqual(inventory.nodes[1].spec.taints, [{ key: 'workload', value: 'batch', effect: 'NoSchedule' }]);
    assert.deepEqual(inventory.pods.map((p) => [p.metadata.name, p.spec.nodeName]), [['node-exporter-5qv8n', 'pool-a-7f6c9']]);
    assert.equal(inventory.nodes[0].source?.line, 10);
  });

  it('a Pod-like object with node-looking status is still not a Node', () => {
    const text = 'items:\n- metadata: {name: p}\n  spec: {containers: [{name: c, image: busybox}]}\n  status: {capacity: {cpu: "1"}}\n';
    const inventory = loadInventoryFromText(text, 'p.yaml');
    assert.deepEqual(inventory.nodes, []);
    assert.deepEqual(inventory.pods.map((p) => p.metadata.name), ['p']);
  });

  it('a file from which no node could be read is a warning in that file, not a silent empty cluster', () => {
    for (const [file, text] of [
      ['configmaps.json', readFileSync(join(fixturesDir, 'inventory/support-bundle-configmaps.json'), 'utf8')],
      ['empty.yaml', ''],
      ['deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n'],
    ]) {
      const inventory = loadInventoryFromText(text, file);
      assert.equal(inventory.nodes.length, 0);
      assert.equal(inventory.problems.length, 1, file);
      assert.equal(inventory.problems[0].severity, 'warning');
      assert.match(formatLoadProblem(inventory.problems[0]), new RegExp(`^${file.replace('.', '\\.')}:1:1: warning: no node could be read from this file`));
    }
    // Errors already say why: no warning on top of them.
    const broken = loadInventoryFromText('kind: Node\nmetadata:\n  name: n\n  labels:\n    rack: 3\n', 'n.yaml');
    assert.deepEqual(broken.problems.map((p) => p.severity), [undefined]);
  });

  it('a file of Pods is fine next to a file of Nodes; alone, it is a warning', () => {
    const pods = loadInventoryFromText('kind: PodList\nitems:\n- metadata: {name: p}\n  spec: {nodeName: n, containers: [{name: c}]}\n', 'pods.yaml');
    const nodes = loadInventoryFromText('kind: Node\nmetadata: {name: n}\n', 'nodes.yaml');
    assert.deepEqual(pods.problems, []);
    assert.deepEqual(mergeInventories([nodes, pods]).problems, []);
    const alone = mergeInventories([pods]);
    assert.deepEqual(alone.problems.map((p) => [p.file, p.severity]), [['pods.yaml', 'warning']]);
    assert.match(alone.problems[0].message, /has Pods but no Node/);
  });

  it('YAML syntax errors are problems with a line', () => {
    const inventory = loadInventoryFromText(readFileSync(join(fixturesDir, 'reconciler/not-yaml.yaml'), 'utf8'), 'not-yaml.yaml');
    assert.equal(inventory.nodes.length, 0);
    assert.ok(inventory.problems.length > 0);
    assert.equal(inventory.problems[0].file, 'not-yaml.yaml');
  });

  it('an unquoted number as a label value is an error naming the field', () => {
    const inventory = loadInventoryFromText('kind: Node\nmetadata:\n  name: n\n  labels:\n    rack: 3\n', 'n.yaml');
    assert.equal(inventory.nodes.length, 0);
    assert.equal(formatLoadProblem(inventory.problems[0]), 'n.yaml:5:11: metadata.labels.rack: expected a string, got number 3 (quote it)');
  });

  it('a label key with dots and a slash is named as Kubernetes names a map key', () => {
    const inventory = loadInventoryFromText('kind: Node\nmetadata:\n  name: n\n  labels:\n    topology.kubernetes.io/zone: 3\n', 'n.yaml');
    assert.equal(
      formatLoadProblem(inventory.problems[0]),
      'n.yaml:5:34: metadata.labels[topology.kubernetes.io/zone]: expected a string, got number 3 (quote it)',
    );
  });
});

describe('loadDaemonSetsFromText', () => {
  it('D1/R1: apps/v1 defaults to RollingUpdate, maxUnavailable 1, maxSurge 0', () => {
    const { daemonSets } = loadDaemonSetsFromText(readFileSync(join(repoRoot, 'examples/datastore-shard.yaml'), 'utf8'), 'd.yaml');
    const ds = setDefaultsDaemonSet(daemonSets[0]);
    assert.deepEqual(ds.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    assert.equal(ds.spec.revisionHistoryLimit, 10);
    assert.equal(ds.deprecated, false);
  });

  it('extensions/v1beta1 is deprecated, defaults to OnDelete and its selector to the template labels', () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  template:\n    metadata:\n      labels:\n        a: b\n    spec:\n      containers:\n      - name: c\n        image: i\n';
    const { daemonSets, problems } = loadDaemonSetsFromText(text, 'x.yaml');
    assert.deepEqual(problems, []);
    const ds = setDefaultsDaemonSet(daemonSets[0]);
    assert.equal(ds.deprecated, true);
    assert.equal(ds.spec.updateStrategy?.type, 'OnDelete');
    assert.deepEqual(ds.spec.selector, { matchLabels: { a: 'b' } });
  });
});

describe('parseQuantity', () => {
  const cases: Array<[string, bigint | undefined]> = [
    ['100m', 100_000_000n],
    ['1', 1_000_000_000n],
    ['1.5Gi', 1_610_612_736_000_000_000n],
    ['1Ki', 1_024_000_000_000n],
    ['1e3', 1_000_000_000_000n],
    ['1E', 10n ** 27n],
    ['1n', 1n],
    ['0.1n', 1n],
    ['.5', 500_000_000n],
    ['-2k', -2_000_000_000_000n],
    ['abc', undefined],
    ['1.2.3', undefined],
    ['1Gb', undefined],
    ['', undefined],
  ];
  for (const [text, nanos] of cases) {
    it(`${JSON.stringify(text)}`, () => assert.equal(parseQuantity(text)?.nanos, nanos));
  }
  it('compares exactly', () => assert.equal(compareQuantities(parseQuantity('1Gi')!, parseQuantity('1073741824')!), 0));
});
