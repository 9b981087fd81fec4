import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from 'js-yaml';
import { objectDocuments } from '../../../server/src/model/listItemDocuments';
import { offsetsOfPath, parseYamlFile, yamlParseCounts, type ParsedYamlDocument } from '../../../server/src/model/yamlDocuments';
import { documentAtOffset } from '../../../server/src/model/yamlNavigation';
import type { FieldPath } from '../../../server/src/model/fieldPath';
import { ParsedFileCache } from '../../../server/src/service/parsedFileCache';
import { readFixture } from '../../support/golden';
import { textDocument } from '../../support/textDocument';

const FIXTURES = ['service/list/kubectl-get-ds.yaml', 'service/list/kubectl-get-ds-deploy.yaml', 'service/codeActions/list-selector-drift.yaml'];

/** Every path of a value: each key and item, depth first. */
function pathsOf(value: unknown, path: FieldPath = []): FieldPath[] {
  const paths: FieldPath[] = [path];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...path, i])));
  else if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) paths.push(...pathsOf(child, [...path, key]));
  return paths;
}

/**
 * The same list read whole: its trailing `kind: List` written with a tag, which no item's offsets
 * follow, so the parse does not read it item by item (listItemLines wants one plain kind word).
 */
function readWhole(text: string): ParsedYamlDocument {
  const whole = parseYamlFile(text.replace(/^kind: List(?=\r?$)/m, 'kind: !!str List'));
  assert.equal(whole.documents[0].items, undefined);
  return whole.documents[0];
}

describe('list items as documents', () => {
  for (const [fixture, crlf] of FIXTURES.flatMap((fixture) => [[fixture, false], [fixture, true]] as const)) {
    it(`reads ${fixture}${crlf ? ' with CRLF line ends' : ''} item by item, as the whole document reads it, each item placed as in the list`, () => {
      const text = crlf ? readFixture(fixture).replace(/\n/g, '\r\n') : readFixture(fixture);
      const file = parseYamlFile(text);
      const [list] = file.documents;
      assert.deepEqual(list.value, load(text));
      assert.deepEqual(list.problems, []);
      const whole = readWhole(text);
      const items = list.items ?? [];
      assert.equal(items.length, (load(text) as { items: unknown[] }).items.length);
      const view = objectDocuments(file);
      assert.deepEqual(view.documents, [list, ...items]);
      // The list read whole gives the same items through the objects' view (read again from their nodes' ranges).
      const wholeItems = objectDocuments({ ...file, documents: [whole] }).documents.slice(1);
      items.forEach((item, i) => {
        assert.equal(item.index, i + 1);
        assert.equal(item.text, wholeItems[i].text);
        assert.equal(item.offset, wholeItems[i].offset);
        assert.deepEqual(item.value, wholeItems[i].value);
        for (const path of pathsOf(item.value)) {
          for (const prefer of ['key', 'value'] as const) {
            const expected = offsetsOfPath(whole, ['items', i, ...path], prefer);
            assert.deepEqual(offsetsOfPath(item, path, prefer), expected, `items[${i}] ${path.join('.')} ${prefer}`);
            assert.deepEqual(offsetsOfPath(wholeItems[i], path, prefer), expected, `read whole: items[${i}] ${path.join('.')} ${prefer}`);
            assert.deepEqual(offsetsOfPath(list, ['items', i, ...path], prefer), expected);
          }
        }
      });
    });
  }

  it('points a diagnostic on an item at its line: items[0]…containers[0].bogus at `bogus`', () => {
    const text = readFixture('service/list/kubectl-get-ds.yaml');
    const file = parseYamlFile(text);
    const item = objectDocuments(file).documents[2];
    const range = file.lines.rangeAt(...offsetsOfPath(item, ['spec', 'template', 'spec', 'containers', 0, 'bogus'], 'key'));
    assert.deepEqual(range, { start: { line: 107, character: 10 }, end: { line: 107, character: 15 } });
    assert.equal(text.split('\n')[107].trim(), 'bogus: 1');
  });

  it('finds the item under an offset, and the list outside its items', () => {
    const text = readFixture('service/list/kubectl-get-ds.yaml');
    const view = objectDocuments(parseYamlFile(text));
    assert.equal(documentAtOffset(view, text.indexOf('name: log-agent')), view.documents[2]);
    assert.equal(documentAtOffset(view, text.indexOf('name: node-exporter')), view.documents[1]);
    assert.equal(documentAtOffset(view, text.indexOf('kind: List')), view.documents[0]);
    assert.equal(documentAtOffset(view, 0), view.documents[0]);
  });

  it('reads the items of a JSON list (kubectl get -o json) from their nodes', () => {
    const list = load(readFixture('service/list/kubectl-get-ds.yaml')) as { items: unknown[] };
    const text = `${JSON.stringify(list, null, 4)}\n`;
    const file = parseYamlFile(text);
    assert.equal(file.documents[0].items, undefined);
    const view = objectDocuments(file);
    assert.equal(view.documents.length, 3);
    view.documents.slice(1).forEach((item, i) => {
      assert.deepEqual(item.value, list.items[i]);
      const [start, end] = offsetsOfPath(item, ['metadata', 'name']);
      assert.equal(text.slice(start, end), JSON.stringify((list.items[i] as { metadata: { name: string } }).metadata.name));
    });
  });

  it('leaves a list whose items do not stand on lines of their own, and other documents, as they are', () => {
    for (const text of ['apiVersion: v1\nkind: List\nitems: [{apiVersion: apps/v1, kind: DaemonSet, metadata: {name: a}}]\n', 'apiVersion: apps/v1\nkind: DaemonSet\n', 'kind: List\nitems:\n- a: &x 1\n- b: *x\n']) {
      const file = parseYamlFile(text);
      assert.equal(objectDocuments(file), file, text);
    }
  });

  it('numbers the items after their list and the documents after it in order', () => {
    const list = readFixture('service/list/kubectl-get-ds-deploy.yaml');
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: before}\n---\n${list}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\n`;
    const view = objectDocuments(parseYamlFile(text));
    assert.deepEqual(
      view.documents.map((doc) => [doc.index, (doc.value as { kind: string }).kind]),
      [[0, 'ConfigMap'], [1, 'List'], [2, 'DaemonSet'], [3, 'Deployment'], [4, 'ConfigMap']],
    );
    assert.ok(view.documents.every((doc, i) => i === 0 || doc.offset > view.documents[i - 1].offset));
  });

  it('reads a list with a broken item item by item: the item reports the YAML problems the whole list reads, the others read as when it is valid', () => {
    const valid = readFixture('service/list/kubectl-get-ds.yaml');
    const lines = valid.split('\n');
    const edited = (edit: (lines: string[]) => void) => {
      const copy = [...lines];
      edit(copy);
      return copy.join('\n');
    };
    const cases: Array<[string, string, number, string]> = [
      ['a duplicate key (fixture)', readFixture('service/list/kubectl-get-ds-duplicate-key.yaml'), 1, 'DUPLICATE_KEY'],
      ['a quote left open (fixture)', readFixture('service/list/kubectl-get-ds-open-quote.yaml'), 0, 'MISSING_CHAR'],
      ['a line indented past its mapping', edited((l) => l.splice(109, 0, '         hostPID: true')), 1, 'BLOCK_AS_IMPLICIT_KEY'],
      ['a half-typed key', edited((l) => l.splice(57, 0, '        host')), 0, 'MULTILINE_IMPLICIT_KEY'],
      ['a flow sequence left open', edited((l) => (l[108] = l[108].replace('ClusterFirst', '[ClusterFirst'))), 1, 'BAD_INDENT'],
    ];
    const validItems = parseYamlFile(valid).documents[0].items ?? [];
    for (const [name, text, broken, code] of cases) {
      const file = parseYamlFile(text);
      const [list] = file.documents;
      const whole = readWhole(text);
      assert.ok(list.items, name);
      // The file's problems are those of the list read whole, at the same places.
      assert.deepEqual(list.problems, whole.problems, name);
      assert.equal(list.problems[0].code, code, name);
      const view = objectDocuments(file);
      assert.deepEqual(view.documents.map((doc) => doc.problems.length > 0), [false, broken === 0, broken === 1], name);
      assert.deepEqual(view.documents[1 + broken].problems, whole.problems, name);
      const other = 1 - broken;
      assert.deepEqual(view.documents[1 + other].value, validItems[other].value, name);
      assert.equal(view.documents[1 + other].text, validItems[other].text, name);
    }
  });

  it('reads again only the item an edit breaks, and the one it mends', () => {
    const text = readFixture('service/list/kubectl-get-ds.yaml');
    const cache = new ParsedFileCache();
    const first = cache.get(textDocument(text, 'file:///broken-list.yaml', 1));
    const before = yamlParseCounts();
    const broken = text.replace('        dnsPolicy: ClusterFirst\n        priorityClassName', '        dnsPolicy: ClusterFirst\n        dnsPolicy: \n        priorityClassName');
    const second = cache.get(textDocument(broken, 'file:///broken-list.yaml', 2));
    const after = yamlParseCounts();
    // The rest of the list and the edited item, which the fast reader declines and js-yaml reads with its duplicate key.
    assert.deepEqual([after.fast - before.fast, after.ast - before.ast], [3, 0]);
    // The second item is broken; the first is taken over.
    assert.equal(second.documents[0].items?.[0], first.documents[0].items?.[0]);
    assert.deepEqual(second.documents[0].items?.[1].problems.map((p) => p.code), ['DUPLICATE_KEY']);
    const third = cache.get(textDocument(text, 'file:///broken-list.yaml', 3));
    assert.deepEqual(yamlParseCounts().fast - after.fast, 2);
    assert.equal(third.documents[0].items?.[0], first.documents[0].items?.[0]);
    assert.deepEqual(third.documents[0].problems, []);
  });

  it('reads a list whole when a broken item may name another item’s anchor', () => {
    const text = 'kind: List\nitems:\n- a: &x 1\n- b: *x\n  b: 2\n';
    const file = parseYamlFile(text);
    assert.equal(file.documents[0].items, undefined);
    assert.equal(objectDocuments(file), file);
  });

  it('reads again only the edited item of a list', () => {
    const text = readFixture('service/list/kubectl-get-ds.yaml');
    const cache = new ParsedFileCache();
    const first = cache.get(textDocument(text, 'file:///list.yaml', 1));
    const before = yamlParseCounts().fast;
    const edited = text.replace('name: log-agent', 'name: log-agent-2');
    const second = cache.get(textDocument(edited, 'file:///list.yaml', 2));
    // The rest of the list and the edited item.
    assert.equal(yamlParseCounts().fast - before, 2);
    const [oldItems, newItems] = [first.documents[0].items ?? [], second.documents[0].items ?? []];
    assert.equal(newItems[0], oldItems[0]);
    assert.notEqual(newItems[1], oldItems[1]);
    assert.equal((newItems[1].value as { metadata: { name: string } }).metadata.name, 'log-agent-2');
    assert.deepEqual(second.documents[0].value, load(edited));
    // An edit that moves the list moves its items.
    const third = cache.get(textDocument(`# exported\n${edited}`, 'file:///list.yaml', 3));
    assert.equal(third.documents[0].items?.[1].offset, newItems[1].offset + '# exported\n'.length);
    assert.deepEqual(third.documents[0].items?.[1].value, newItems[1].value);
  });
});
