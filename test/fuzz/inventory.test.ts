/**
 * Inventory abuse: huge, duplicated, malformed and non-YAML node inventories
 * load with one clear problem per fault, keep every good node, and still
 * drive the reconciler and the inventory-aware diagnostics.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadInventoryFromText, mergeInventories } from '../../server/src/model/inventory';
import { loadDaemonSetsFromText } from '../../server/src/model/daemonSet';
import { previewDaemonSet } from '../../server/src/reconciler/preview';
import { getLanguageService } from '../../server/src/service/languageService';
import { textDocument } from '../support/textDocument';
import { DAEMONSET, loadCorpus, mutatedManifest } from './support/inputs';

function nodeYaml(name: string, extra = ''): string {
  return `- apiVersion: v1
  kind: Node
  metadata:
    name: ${name}
    labels: {kubernetes.io/hostname: ${name}, pool: p${name.length % 3}}
  spec:${extra || ' {}'}
  status:
    allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
    conditions: [{type: Ready, status: "True"}]
`;
}

function list(items: string[]): string {
  return `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
}

describe('inventory abuse', () => {
  it('loads 100,000 nodes, places a DaemonSet on them and checks a manifest against them', () => {
    const text = list(Array.from({ length: 100_000 }, (_, i) => nodeYaml(`node-${i}`)));
    const inventory = loadInventoryFromText(text, 'big.nodes.yaml');
    assert.deepEqual(inventory.problems, []);
    assert.equal(inventory.nodes.length, 100_000);
    const [daemonSet] = loadDaemonSetsFromText(DAEMONSET, 'ds.yaml').daemonSets;
    const preview = previewDaemonSet(daemonSet, inventory.nodes);
    assert.equal(preview.nodes.length, 100_000);
    assert.equal(preview.status.desiredNumberScheduled, 100_000);
    const diagnostics = getLanguageService().doValidation(textDocument(DAEMONSET), { inventory: { label: 'big', nodes: inventory.nodes } });
    assert.ok(Array.isArray(diagnostics));
  });

  it('reports duplicate node names once each and keeps the first', () => {
    const inventory = loadInventoryFromText(list([nodeYaml('a'), nodeYaml('b'), nodeYaml('a'), nodeYaml('a')]), 'dup.yaml');
    assert.deepEqual(inventory.nodes.map((n) => n.metadata.name), ['a', 'b']);
    assert.equal(inventory.problems.length, 2);
    assert.match(inventory.problems[0].message, /duplicate node "a"/);
    const merged = mergeInventories([inventory, loadInventoryFromText(list([nodeYaml('b'), nodeYaml('c')]), 'other.yaml')]);
    assert.ok(merged.nodes.length >= 3);
  });

  it('names the field of a taint with an empty key, a malformed quantity or a wrong type, and keeps the other nodes', () => {
    const text = list([
      nodeYaml('good'),
      nodeYaml('empty-taint-key', '\n    taints: [{key: "", effect: NoSchedule}]'),
      nodeYaml('bad-effect', '\n    taints: [{key: a, effect: Sometimes}]'),
      nodeYaml('good-2').replace('cpu: "4"', 'cpu: "four"'),
      nodeYaml('good-3').replace('memory: 16Gi', 'memory: 16GiB'),
      nodeYaml('wrong-type').replace('labels: {kubernetes.io/hostname: wrong-type, pool: p1}', 'labels: [a, b]'),
    ]);
    const inventory = loadInventoryFromText(text, 'bad.yaml');
    assert.ok(inventory.nodes.some((n) => n.metadata.name === 'good'), 'good nodes are kept');
    for (const problem of inventory.problems) {
      assert.ok(problem.line >= 1 && problem.column >= 1, JSON.stringify(problem));
      assert.ok(problem.message.length > 0 && problem.message.length < 400, problem.message);
    }
    const messages = inventory.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
    assert.match(messages, /taints/);
    assert.match(messages, /cpu|memory|quantity/i);
  });

  it('reports a file that is not YAML, or not an inventory, with a position and no nodes', () => {
    for (const text of ['{{{ not yaml', '\u0000\u0001\u0002', 'just a string', '- 1\n- 2\n', '<html><body>nodes</body></html>', 'kind: Node\nmetadata: 5\n']) {
      const inventory = loadInventoryFromText(text, 'junk.yaml');
      assert.equal(inventory.nodes.length, 0, text);
      assert.ok(inventory.problems.length > 0, `a problem for ${JSON.stringify(text)}`);
      for (const problem of inventory.problems) assert.ok(problem.line >= 1 && problem.message.length > 0);
    }
    assert.deepEqual(loadInventoryFromText('', 'empty.yaml').nodes, []);
  });

  it('never throws on mutated inventories, and what it loads places a DaemonSet', () => {
    const inventories = loadCorpus().filter((c) => /kind:\s*(Node|NodeList|List)\b/.test(c.text) && c.text.length < 20_000);
    const [daemonSet] = loadDaemonSetsFromText(DAEMONSET, 'ds.yaml').daemonSets;
    fc.assert(
      fc.property(mutatedManifest(inventories), (input) => {
        const inventory = loadInventoryFromText(input.text, input.name);
        previewDaemonSet(daemonSet, inventory.nodes);
        for (const problem of inventory.problems) assert.ok(problem.line >= 1 && typeof problem.message === 'string');
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20240607), numRuns: 200 },
    );
  });
});
