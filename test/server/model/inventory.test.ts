import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDaemonSetsFromText, setDefaultsDaemonSet } from '../../../server/src/model/daemonSet';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
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
