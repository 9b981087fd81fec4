import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { nodeInventoryDump } from '../../../bench/hardCorpus';
import { loadInventoryFromParsed, loadInventoryFromText } from '../../../server/src/model/inventory';
import { withoutUnreadInventoryFields } from '../../../server/src/model/inventoryText';
import { readInventoryValue } from '../../../server/src/model/inventoryValue';
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';
import { repoRoot } from '../../support/golden';
import { exampleAndFixtureYamlFiles } from '../../support/yamlFiles';

/** The parser's value of the text with its unread fields cut: what the one-pass reader must give. */
const parsedLean = (text: string) => parseYamlFile(withoutUnreadInventoryFields(text)).documents[0]?.value;
/** The inventory as it was read before any cut: every byte parsed. */
const readInFull = (text: string, file: string) => loadInventoryFromParsed(parseYamlFile(text), file);

/** Keys and list entries in a value: how much of the text became values. */
function countValues(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, entry) => sum + 1 + countValues(entry), 0);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((sum: number, entry) => sum + 1 + countValues(entry), 0);
  return 0;
}

describe('readInventoryValue', () => {
  it('gives the parser’s value of the cut text for every fixture and example it reads, and the same inventory as reading in full', () => {
    const read: string[] = [];
    for (const file of exampleAndFixtureYamlFiles()) {
      const text = readFileSync(file, 'utf8');
      const fast = readInventoryValue(text);
      if (!fast) continue;
      read.push(relative(repoRoot, file).split('\\').join('/'));
      assert.deepEqual(fast.value, parsedLean(text), file);
      assert.deepEqual(loadInventoryFromText(text, file), readInFull(text, file), file);
    }
    assert.ok(read.length >= 40, `only ${read.length} files read in one pass`);
    for (const inventory of ['examples/nodes/mixed-pool.nodes.yaml', 'test/fixtures/inventory/archived-cluster.yaml', 'test/fixtures/reconciler/bad-nodes.yaml', 'test/fixtures/inventoryEdits/crlf-list.nodes.yaml']) {
      assert.ok(read.includes(inventory), `${inventory} is not read in one pass`);
    }
  });

  it('reads a generated kubectl dump in one pass without its images, addresses, managed fields, heartbeats and node details', () => {
    const text = nodeInventoryDump(200);
    const fast = readInventoryValue(text);
    assert.ok(fast, 'the dump is in kubectl’s shape');
    assert.deepEqual(fast.value, parsedLean(text));
    const full = parseYamlFile(text).documents[0].value;
    // What the readers never look at is never built: well under half of the dump's values.
    assert.ok(countValues(fast.value) < countValues(full) * 0.4, `${countValues(fast.value)} of ${countValues(full)} values built`);
    const node = (fast.value as { items: Array<Record<string, Record<string, unknown>>> }).items[0];
    assert.deepEqual(Object.keys(node.status), ['allocatable', 'capacity', 'conditions', 'nodeInfo']);
    assert.deepEqual(node.status.nodeInfo, { kubeletVersion: 'v1.31.2-eks-7f9249a' });
    assert.equal('managedFields' in node.metadata, false);
    assert.deepEqual(loadInventoryFromText(text, 'nodes.yaml'), readInFull(text, 'nodes.yaml'));
  });

  it('places problems where reading in full places them, parsing only when one is found', () => {
    const text = nodeInventoryDump(20).replace('cpu: 3910m', 'cpu: lots').replace(/effect: NoSchedule/, 'effect: Sometimes');
    assert.ok(readInventoryValue(text));
    const loaded = loadInventoryFromText(text, 'nodes.yaml');
    assert.ok(loaded.problems.length >= 1);
    assert.deepEqual(loaded, readInFull(text, 'nodes.yaml'));
  });

  it('keeps an item whose every field is cut as an empty mapping, in one pass and in the cut text', () => {
    const text = 'status:\n  conditions:\n  - lastHeartbeatTime: x\n    message: y\n  - message: z\n    type: Ready\n';
    const expected = { status: { conditions: [{}, { type: 'Ready' }] } };
    assert.deepEqual(readInventoryValue(text)?.value, expected);
    assert.deepEqual(parsedLean(text), expected);
  });

  it('resolves scalars as the YAML 1.2 core schema does', () => {
    const text = [
      'items:',
      '- a: 1',
      '  b: -2',
      '  c: 0x1F',
      '  d: 1e3',
      '  e: .inf',
      '  f: true',
      '  g: False',
      '  h: null',
      '  i: ~',
      '  j: "58"',
      "  k: 'it''s'",
      '  l: 3910m # a comment',
      '  m: a#b',
      '  n: {}',
      '  o: []',
      '  p:',
      '  q: 2026-11-01T08:00:00Z',
      '  r: yes',
      '  s: 012',
      '  t: http://example.com/x',
      '  u:   spaced   ',
      'kind: List',
      '',
    ].join('\r\n');
    const fast = readInventoryValue(text);
    assert.ok(fast);
    assert.deepEqual(fast.value, parseYamlFile(text).documents[0].value);
  });

  it('gives undefined for what is not kubectl’s shape, and the inventory is then read by the parser', () => {
    const node = 'kind: Node\nmetadata:\n  name: a\n';
    for (const text of [
      `${node}---\n${node}`,
      `---\n${node}`,
      `\ufeff${node}`,
      `${node}  labels: {a: b}\n`,
      `${node}  labels:\n    a: |\n      b\n`,
      `${node}  labels: &x\n    a: b\n`,
      `${node}  annotations: *x\n`,
      `${node}  labels: !!map\n    a: b\n`,
      `${node}  name: b\n`,
      `${node}  labels:\n    a: one\n      two\n`,
      `${node}  labels:\n    a: "one\n      two"\n`,
      `${node}  labels:\n    a: "tab\\t"\n`,
      `${node}  labels:\n\t  a: b\n`,
      `${node}  "quoted": x\n`,
      `${node}  ? complex\n  : x\n`,
      `${node}  true: x\n`,
      `${node}  __proto__: x\n`,
      'items:\n-\n  kind: Node\n',
      'items:\n- - a\n',
      `${node}  a: b: c\n`,
      `${node}  a: [x]\n`,
    ]) {
      assert.equal(readInventoryValue(text), undefined, JSON.stringify(text));
      assert.deepEqual(loadInventoryFromText(text, 'nodes.yaml'), readInFull(text, 'nodes.yaml'), JSON.stringify(text));
    }
  });
});
