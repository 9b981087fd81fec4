import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadInventoryFromText, mergeInventories } from '../../../../server/src/model/inventory';
import type { Node } from '../../../../server/src/model/kubeTypes';
import { formatNodeGroupCount } from '../../../../server/src/model/nodeGroup';
import { nodesWithGroupNodes } from '../../../../server/src/model/nodeGroupNodes';
import { inventoryEdits, type InventoryFile } from '../../../../server/src/model/yamlEdits/inventoryEdits';
import { applyOffsetEdits, composeEdit, type OffsetEdit } from '../../../../server/src/model/yamlEdits/offsetEdit';
import { applyNodeMutation, type NodeMutation } from '../../../../server/src/reconciler';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNSCHEDULABLE } from '../../../../server/src/reconciler/daemonPodTolerations';
import {
  TAINT_NODE_NOT_READY as MODEL_TAINT_NODE_NOT_READY,
  TAINT_NODE_UNSCHEDULABLE as MODEL_TAINT_NODE_UNSCHEDULABLE,
} from '../../../../server/src/model/wellKnownTaints';
import { assertGolden, fixturesDir, repoRoot } from '../../../support/golden';

const examplesDir = join(repoRoot, 'examples', 'nodes');
const inventories: Array<{ name: string; files: InventoryFile[] }> = [
  ...readdirSync(examplesDir)
    .filter((f) => f.endsWith('.nodes.yaml'))
    .map((f) => ({ name: f, files: [{ uri: `file:///${f}`, text: readFileSync(join(examplesDir, f), 'utf8') }] })),
  ...['node-documents.yaml', 'crlf-list.nodes.yaml'].map((f) => ({
    name: f,
    files: [{ uri: `file:///${f}`, text: readFileSync(join(fixturesDir, 'inventoryEdits', f), 'utf8') }],
  })),
  { name: 'nodes-and-pods.yaml', files: [{ uri: 'file:///nodes-and-pods.yaml', text: readFileSync(join(fixturesDir, 'reconciler', 'nodes-and-pods.yaml'), 'utf8') }] },
  {
    name: 'two files',
    files: [
      { uri: 'file:///a.yaml', text: readFileSync(join(fixturesDir, 'inventoryEdits', 'node-documents.yaml'), 'utf8') },
      { uri: 'file:///b.yaml', text: readFileSync(join(fixturesDir, 'inventoryEdits', 'crlf-list.nodes.yaml'), 'utf8') },
    ],
  },
];

function load(files: readonly InventoryFile[]): Node[] {
  const merged = mergeInventories(files.map((file) => loadInventoryFromText(file.text, file.uri)));
  assert.deepEqual(merged.problems, []);
  return merged.nodes;
}

function summary(node: Node): unknown {
  return {
    name: node.metadata.name,
    labels: node.metadata.labels,
    taints: node.spec.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
    unschedulable: node.spec.unschedulable,
    ready: node.status.conditions.find((c) => c.type === 'Ready')?.status ?? null,
  };
}

/** Applies the mutations as the preview does (skipping what no longer applies). */
function expectedNodes(nodes: readonly Node[], mutations: readonly NodeMutation[]): Node[] {
  let current = [...nodes];
  for (const mutation of mutations) {
    try {
      current = applyNodeMutation(current, mutation);
    } catch {
      // skipped, as in the webview
    }
  }
  return current;
}

/** Edits the files, re-loads them and checks they hold exactly the reconciler's nodes; returns the edited texts. */
function saveAndCheck(files: readonly InventoryFile[], mutations: readonly NodeMutation[]): string[] {
  const expected = expectedNodes(load(files), mutations);
  const result = inventoryEdits(files, mutations);
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  const texts = files.map((file) => {
    const edits = result.files.find((f) => f.uri === file.uri)?.edits ?? [];
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].end <= edits[i].start, 'edits are sorted and do not overlap');
    return applyOffsetEdits(file.text, edits);
  });
  const after = load(files.map((file, i) => ({ uri: file.uri, text: texts[i] })));
  assert.deepEqual(after.map(summary), expected.map(summary), JSON.stringify(mutations));
  // The self-check agrees.
  assert.ok(!('error' in inventoryEdits(files, mutations, expected)));
  return texts;
}

function mutationsFor(node: Node, other: Node): NodeMutation[] {
  const name = node.metadata.name;
  const label = Object.keys(node.metadata.labels)[0];
  const taint = node.spec.taints[0];
  const copy: Node = structuredClone({ ...node, source: undefined });
  delete copy.source;
  copy.metadata.name = `${name}-copy`;
  const list: NodeMutation[] = [
    { kind: 'setLabel', node: name, key: 'example.com/new', value: 'yes' },
    { kind: 'setLabel', node: name, key: 'example.com/empty', value: '' },
    { kind: 'addTaint', node: name, taint: { key: 'dedicated', value: '1', effect: 'NoExecute' } },
    { kind: 'addTaint', node: name, taint: { key: 'bare', effect: 'PreferNoSchedule' } },
    { kind: 'removeTaint', node: name, key: 'nope' },
    { kind: 'cordon', node: name },
    { kind: 'uncordon', node: name },
    { kind: 'markNotReady', node: name },
    { kind: 'markNotReady', node: name, withTaints: false },
    { kind: 'removeNode', node: name },
    { kind: 'addNode', node: copy },
    { kind: 'removeLabel', node: name, key: 'absent' },
  ];
  if (label) list.push({ kind: 'setLabel', node: name, key: label, value: 'changed' }, { kind: 'removeLabel', node: name, key: label });
  if (taint) list.push({ kind: 'removeTaint', node: name, key: taint.key }, { kind: 'removeTaint', node: name, key: taint.key, effect: taint.effect });
  list.push({ kind: 'setLabel', node: other.metadata.name, key: 'then', value: 'other' });
  return list;
}

/** A small seeded PRNG (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('inventoryEdits', () => {
  it('uses the reconciler’s taint keys', () => {
    assert.equal(MODEL_TAINT_NODE_UNSCHEDULABLE, TAINT_NODE_UNSCHEDULABLE);
    assert.equal(MODEL_TAINT_NODE_NOT_READY, TAINT_NODE_NOT_READY);
  });

  for (const inventory of inventories) {
    it(`${inventory.name}: every single mutation on every node loads as applyNodeMutation’s result`, () => {
      const nodes = load(inventory.files);
      for (const node of nodes) {
        const other = nodes[(nodes.indexOf(node) + 1) % nodes.length];
        for (const mutation of mutationsFor(node, other)) saveAndCheck(inventory.files, [mutation]);
      }
    });

    it(`${inventory.name}: random sequences of mutations`, () => {
      const next = random(inventory.name.length * 7919);
      for (let round = 0; round < 30; round++) {
        const mutations: NodeMutation[] = [];
        let nodes = load(inventory.files);
        const count = 1 + Math.floor(next() * 6);
        for (let i = 0; i < count && nodes.length > 0; i++) {
          const node = nodes[Math.floor(next() * nodes.length)];
          const choices = mutationsFor(node, nodes[Math.floor(next() * nodes.length)]);
          const mutation = choices[Math.floor(next() * choices.length)];
          mutations.push(mutation);
          nodes = expectedNodes(nodes, [mutation]);
        }
        saveAndCheck(inventory.files, mutations);
      }
    });
  }

  it('writes taint keys, label keys and values that look like numbers or booleans so they read back as strings', () => {
    const flow = { uri: 'file:///flow.yaml', text: 'apiVersion: v1\nkind: Node\nmetadata: {name: n1, labels: {a: b}}\nspec: {taints: [{key: k, effect: NoSchedule}]}\n' };
    for (const files of [inventories[0].files, [flow]]) {
      const node = load(files)[0].metadata.name;
      for (const tricky of ['1e3', '0x1F', '0o17', '.inf', '-.Inf', '.nan', '1_000', '1:20', 'yes', 'off', 'y', 'null', '~', '']) {
        const taint: NodeMutation = { kind: 'addTaint', node, taint: { key: tricky || 'empty', value: tricky, effect: 'NoSchedule' } };
        const label: NodeMutation = { kind: 'setLabel', node, key: tricky || 'empty', value: tricky };
        saveAndCheck(files, [taint]);
        saveAndCheck(files, [label]);
      }
    }
  });

  it('skips mutations of nodes that are not there, as the preview does', () => {
    const files = inventories[0].files;
    const result = inventoryEdits(files, [{ kind: 'cordon', node: 'ghost' }]);
    assert.deepEqual(result, { files: [], skipped: [0], notes: [] });
  });

  it('edits the file that holds the node', () => {
    const files = inventories.find((i) => i.name === 'two files')!.files;
    const result = inventoryEdits(files, [{ kind: 'cordon', node: 'c2' }]);
    assert.ok(!('error' in result));
    assert.deepEqual(
      result.files.map((f) => f.uri),
      ['file:///b.yaml'],
    );
  });

  it('keeps CRLF line ends', () => {
    const files = inventories.find((i) => i.name === 'crlf-list.nodes.yaml')!.files;
    const [text] = saveAndCheck(files, [{ kind: 'setLabel', node: 'c2', key: 'a', value: 'b' }, { kind: 'cordon', node: 'c2' }]);
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
  });

  it('refuses a file with problems instead of guessing', () => {
    const result = inventoryEdits([{ uri: 'x', text: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n\nspec:\n  taints: 3\n' }], [{ kind: 'cordon', node: 'n' }]);
    assert.ok('error' in result);
    assert.match(result.error, /cannot save to the inventory/);
  });

  it('refuses when the result would not match the preview', () => {
    const files = inventories[0].files;
    const nodes = load(files);
    const result = inventoryEdits(files, [{ kind: 'cordon', node: nodes[0].metadata.name }], nodes);
    assert.ok('error' in result);
    assert.match(result.error, /would differ from the preview/);
  });

  it('composes overlapping edits into edits of the original text', () => {
    const original = 'abcdefghij';
    let text = original;
    let composed: OffsetEdit[] = [];
    const steps = [
      { start: 2, end: 4, newText: 'XYZ' }, // abXYZefghij
      { start: 8, end: 8, newText: '!' }, //  abXYZefg!hij
      { start: 4, end: 7, newText: '' }, //   abXYfg!hij  (cuts into the first edit)
      { start: 0, end: 1, newText: '' }, //   bXYfg!hij
    ];
    for (const step of steps) {
      composed = composeEdit(composed, text, step);
      text = text.slice(0, step.start) + step.newText + text.slice(step.end);
    }
    assert.equal(applyOffsetEdits(original, composed), text);
  });

  it('golden: cordon, label, taint, NotReady, remove and add nodes in kubectl output', () => {
    const files = inventories[0].files;
    const nodes = load(files);
    const copy = structuredClone({ ...nodes[1] });
    delete copy.source;
    copy.metadata.name = 'kind-worker4';
    const [text] = saveAndCheck(files, [
      { kind: 'cordon', node: 'kind-worker' },
      { kind: 'setLabel', node: 'kind-worker', key: 'topology.kubernetes.io/zone', value: 'eu-1a' },
      { kind: 'removeLabel', node: 'kind-worker', key: 'beta.kubernetes.io/os' },
      { kind: 'removeTaint', node: 'kind-control-plane', key: 'node-role.kubernetes.io/control-plane' },
      { kind: 'addTaint', node: 'kind-worker3', taint: { key: 'gpu', value: 'true', effect: 'NoSchedule' } },
      { kind: 'markNotReady', node: 'kind-worker2' },
      { kind: 'addNode', node: copy },
    ]);
    assertGolden(`model/inventoryEdits/${inventories[0].name}`, text);
  });

  it('golden: hand-written documents, indented sequences and flow collections', () => {
    const files = inventories.find((i) => i.name === 'node-documents.yaml')!.files;
    const [text] = saveAndCheck(files, [
      { kind: 'cordon', node: 'a1' },
      { kind: 'removeTaint', node: 'a1', key: 'dedicated' },
      { kind: 'setLabel', node: 'a2', key: 'zone', value: 'z2' },
      { kind: 'addTaint', node: 'a2', taint: { key: 'k', effect: 'NoSchedule' } },
      { kind: 'setLabel', node: 'a3', key: 'pool', value: 'b' },
      { kind: 'markNotReady', node: 'a3', withTaints: false },
      { kind: 'uncordon', node: 'a1' },
    ]);
    assertGolden('model/inventoryEdits/node-documents.yaml', text);
  });

  it('golden: uncordon and removal in a CRLF list', () => {
    const files = inventories.find((i) => i.name === 'crlf-list.nodes.yaml')!.files;
    const [text] = saveAndCheck(files, [
      { kind: 'uncordon', node: 'c1' },
      { kind: 'addTaint', node: 'c2', taint: { key: 'k', value: 'v', effect: 'NoExecute' } },
      { kind: 'removeNode', node: 'c1' },
    ]);
    assertGolden('model/inventoryEdits/crlf-list.nodes.yaml', text.replace(/\r\n/g, '\n'));
  });
});

describe('inventoryEdits: removing a node of a node group lowers the count in its source', () => {
  const pools = (name: string): InventoryFile => ({ uri: `file:///pools/${name}`, text: readFileSync(join(fixturesDir, 'inventory', 'pools', name), 'utf8') });
  const loadAll = (files: readonly InventoryFile[]) => {
    const merged = mergeInventories(files.map((file) => loadInventoryFromText(file.text, file.uri)));
    assert.deepEqual(merged.problems, []);
    return merged;
  };

  /** Saves as the preview does (its nodes as `expected`), re-loads, and returns the texts, the groups' counts and the notes. */
  function saveGroups(files: readonly InventoryFile[], mutations: readonly NodeMutation[]) {
    const before = loadAll(files);
    const expected = expectedNodes(nodesWithGroupNodes(before.nodes, before.groups), mutations);
    const result = inventoryEdits(files, mutations, expected);
    assert.ok(!('error' in result), 'error' in result ? result.error : '');
    const texts = files.map((file) => applyOffsetEdits(file.text, result.files.find((f) => f.uri === file.uri)?.edits ?? []));
    const after = loadAll(files.map((file, i) => ({ uri: file.uri, text: texts[i] })));
    assert.equal(nodesWithGroupNodes(after.nodes, after.groups).length, expected.length);
    const counts = Object.fromEntries(after.groups.map((group) => [group.name, formatNodeGroupCount(group.count)]));
    return { texts, counts, notes: result.notes };
  }

  /** The lines of `after` that are not in `before`, and those gone. */
  function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
    const a = before.split('\n');
    const b = after.split('\n');
    return { added: b.filter((line) => !a.includes(line)), removed: a.filter((line) => !b.includes(line)) };
  }

  it('kind: removes that node\'s `nodes` entry, and says kind renames the workers after it', () => {
    const file = pools('kind-multi-node.yaml');
    const { texts, counts, notes } = saveGroups([file], [{ kind: 'removeNode', node: 'dev-worker' }]);
    // The entry of dev-worker (tier: frontend) is gone, whole lines, nothing else touched.
    assert.equal(texts[0], file.text.replace(/- role: worker\n {2}image: [^\n]*\n {2}labels:\n {4}tier: frontend\n/, ''));
    assert.deepEqual(Object.keys(counts), ['dev-control-plane', 'dev-worker']);
    assert.deepEqual(notes, ['kind names nodes by role and position: dev-worker2 is now dev-worker']);
  });

  it('kind: refuses to remove the only control-plane node or the only node, with why', () => {
    const file = pools('kind-multi-node.yaml');
    const nodes = nodesWithGroupNodes([], loadAll([file]).groups);
    const controlPlane = inventoryEdits([file], [{ kind: 'removeNode', node: 'dev-control-plane' }], expectedNodes(nodes, [{ kind: 'removeNode', node: 'dev-control-plane' }]));
    assert.ok('error' in controlPlane);
    assert.match(controlPlane.error, /the `dev-control-plane` kind node in file:\/\/\/pools\/kind-multi-node\.yaml is the cluster's only control-plane node: kind cannot create a cluster without one/);
    const single = pools('kind-single-node.yaml');
    const name = loadAll([single]).groups[0].name;
    const only = inventoryEdits([single], [{ kind: 'removeNode', node: name }]);
    assert.ok('error' in only);
    assert.match(only.error, /a kind cluster has at least one node/);
  });

  it('eksctl: lowers desiredCapacity, and minSize when it would be above it; writes eksctl\'s default count when none is set', () => {
    const file = pools('eksctl-cluster.yaml');
    const once = saveGroups([file], [{ kind: 'removeNode', node: 'managed-ng-1-2' }]);
    assert.deepEqual(lineDiff(file.text, once.texts[0]), { added: ['    desiredCapacity: 2'], removed: ['    desiredCapacity: 3'] });
    assert.equal(once.counts['managed-ng-1'], '2');
    const twice = saveGroups([file], [{ kind: 'removeNode', node: 'managed-ng-1-1' }, { kind: 'removeNode', node: 'managed-ng-1-3' }]);
    assert.equal(twice.texts[0], file.text.replace('  - name: managed-ng-1\n    minSize: 2\n    maxSize: 4\n    desiredCapacity: 3\n', '  - name: managed-ng-1\n    minSize: 1\n    maxSize: 4\n    desiredCapacity: 1\n'));
    assert.notEqual(twice.texts[0], file.text);
    const legacy = saveGroups([file], [{ kind: 'removeNode', node: 'ng2-legacy-taints-1' }]);
    assert.equal(legacy.counts['ng2-legacy-taints'], '0');
    const defaulted = loadAll([file]).groups.find((group) => group.notes.some((note) => /no desiredCapacity/.test(note)));
    assert.ok(defaulted, 'the fixture has a node group without a size');
    const fromDefault = saveGroups([file], [{ kind: 'removeNode', node: `${defaulted.name}-2` }]);
    assert.equal(fromDefault.counts[defaulted.name], '1');
    assert.deepEqual(lineDiff(file.text, fromDefault.texts[0]).removed, []);
  });

  it('Cluster API: lowers the MachineDeployment\'s spec.replicas', () => {
    const file = pools('cluster-api.yaml');
    const { texts, counts } = saveGroups([file], [{ kind: 'removeNode', node: 'capi-quickstart-md-0-3' }]);
    assert.equal(texts[0], file.text.replace(/\n {2}replicas: 3\n/, '\n  replicas: 2\n'));
    assert.equal(counts['capi-quickstart-md-0'], '2');
  });

  it('Karpenter: lowers a static NodePool\'s spec.replicas', () => {
    const file = pools('karpenter-nodepools.yaml');
    const { texts, counts } = saveGroups([file], [{ kind: 'removeNode', node: 'gpu-1' }]);
    assert.equal(texts[0], file.text.replace(/\n {2}replicas: 3\n/, '\n  replicas: 2\n'));
    assert.equal(counts.gpu, '2');
    assert.equal(counts['general-purpose'], 'unknown (Karpenter launches nodes on demand)');
  });

  it('refuses any other what-if edit of a node group\'s node, naming the group, never dropping it', () => {
    const file = pools('karpenter-nodepools.yaml');
    for (const mutation of [{ kind: 'cordon', node: 'gpu-2' }, { kind: 'setLabel', node: 'gpu-2', key: 'a', value: 'b' }] as NodeMutation[]) {
      const result = inventoryEdits([file], [mutation]);
      assert.ok('error' in result);
      assert.match(result.error, /node gpu-2 is a node of the `gpu` NodePool in file:\/\/\/pools\/karpenter-nodepools\.yaml, which has no Node object to hold a (cordon|label change): of a node group's nodes only a removal can be saved/);
    }
  });

  it('saves a Node beside the node groups: the groups\' nodes are compared as the preview counts them', () => {
    const nodesFile = { uri: 'file:///kind.nodes.yaml', text: readFileSync(join(examplesDir, 'kind-cluster.nodes.yaml'), 'utf8') };
    const { texts } = saveGroups([nodesFile, pools('karpenter-nodepools.yaml')], [{ kind: 'cordon', node: 'kind-worker' }, { kind: 'removeNode', node: 'gpu-3' }]);
    assert.match(texts[0], /unschedulable: true/);
    assert.match(texts[1], /\n {2}replicas: 2\n/);
  });
});
