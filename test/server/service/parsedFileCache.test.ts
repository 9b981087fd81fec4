import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ParsedYamlDocument } from '../../../server/src/model/yamlDocuments';
import { ParsedFileCache } from '../../../server/src/service/parsedFileCache';
import { textDocument } from '../../support/textDocument';

const doc = (name: string) => `kind: DaemonSet\nmetadata:\n  name: ${name}\n`;

describe('ParsedFileCache', () => {
  // The first document has no `---` line, the others do: moving into or out of first place changes a text.
  const cases: Array<[string, string[], string[], number]> = [
    ['an edit in the middle', ['a', 'b', 'c', 'd'], ['a', 'b2', 'c', 'd'], 3],
    ['a document inserted at the start', ['a', 'b', 'c'], ['z', 'a', 'b', 'c'], 2],
    ['a document removed from the middle', ['a', 'b', 'c'], ['a', 'c'], 2],
    ['documents swapped', ['a', 'b', 'c', 'd'], ['a', 'd', 'c', 'b'], 4],
    ['identical documents, one more', ['a', 'a'], ['a', 'a', 'a'], 2],
  ];
  for (const [name, before, after, reused] of cases) {
    it(`reuses unchanged documents: ${name}`, () => {
      const cache = new ParsedFileCache();
      const first = cache.get(textDocument(before.map(doc).join('---\n'), 'file:///c.yaml', 1));
      const text = after.map(doc).join('---\n');
      const second = cache.get(textDocument(text, 'file:///c.yaml', 2));
      const previous = new Set(first.documents.map((d) => d.ast)); // the AST holder is shared by re-based copies
      assert.equal(second.documents.filter((d) => previous.has(d.ast)).length, reused);
      // Each previous document serves one new document at most, and every document sits where its text is.
      assert.equal(new Set(second.documents.map((d) => d.ast)).size, second.documents.length);
      for (const d of second.documents) assert.equal(text.slice(d.offset, d.offset + d.text.length), d.text);
      assert.deepEqual(second.documents.map((d) => d.value), after.map((n) => ({ kind: 'DaemonSet', metadata: { name: n } })));
    });
  }

  it('keeps no whole version of the file alive through a document re-parsed after an edit', () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const heapAfterCollection = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const padding = 'x'.repeat(400);
    const docs = Array.from({ length: 2000 }, (_, i) => `${doc(`agent-${i}`)}  annotations: {note: ${padding}}\n`);
    const cache = new ParsedFileCache();
    let text = docs.join('---\n');
    cache.get(textDocument(text, 'file:///big.yaml', 1));
    // What caches keyed by a document's text keep: the edited document of every version.
    const kept: ParsedYamlDocument[] = [];
    const before = heapAfterCollection();
    const edits = 20;
    for (let version = 2; version <= edits + 1; version++) {
      docs[1000] = `${doc(`edited-${version}`)}  annotations: {note: ${padding}}\n`;
      text = docs.join('---\n');
      const parsed = cache.get(textDocument(text, 'file:///big.yaml', version));
      kept.push(parsed.documents[1000]);
    }
    const grown = heapAfterCollection() - before;
    assert.equal(kept.length, edits);
    // Kept as views into their file's text, the edited documents would hold one ~1 MB text per edit.
    assert.ok(grown < 4 * text.length, `the heap grew by ${grown} bytes over ${edits} edits of a ${text.length}-character file`);
  });
});

