import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
});
