/**
 * The server's text documents: the library's text, and what every
 * incremental change since a version left as it was at the start and end.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mulberry32 } from '../../../bench/corpus';
import { editedTextDocuments, type EditedTextDocument } from '../../../server/src/lsp/editedTextDocument';
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';
import { LineIndex } from '../../../server/src/model/textPositions';

describe('EditedTextDocument', () => {
  it('holds the text the library holds, and tells truly what changes since any version left unchanged', () => {
    const random = mulberry32(3);
    const document = editedTextDocuments.create('file:///a.yaml', 'yaml', 1, 'kind: DaemonSet\n---\nmetadata:\n  name: a\n') as EditedTextDocument;
    const reference = TextDocument.create('file:///a.yaml', 'yaml', 1, document.getText());
    const texts = new Map<number, string>([[1, document.getText()]]);
    for (let version = 2; version < 120; version++) {
      const changes = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        if (random() < 0.03) return { text: `full: ${version}\n` };
        const line = () => Math.floor(random() * (reference.lineCount + 2));
        const at = () => ({ line: line(), character: Math.floor(random() * 12) });
        return { range: { start: at(), end: at() }, text: ['', 'x', '\n', '---\n', 'ab\ncd'][Math.floor(random() * 5)] };
      });
      editedTextDocuments.update(document, changes, version);
      TextDocument.update(reference, changes, version);
      assert.equal(document.getText(), reference.getText());
      texts.set(version, document.getText());
      for (const [since, before] of texts) {
        const unchanged = document.unchangedSince(since);
        if (!unchanged) continue;
        const now = document.getText();
        assert.equal(now.slice(0, unchanged.prefix), before.slice(0, unchanged.prefix), `prefix since ${since} at ${version}`);
        assert.equal(now.slice(now.length - unchanged.suffix), before.slice(before.length - unchanged.suffix), `suffix since ${since} at ${version}`);
        assert.ok(unchanged.prefix + unchanged.suffix <= Math.min(now.length, before.length) || since === version, `no overlap since ${since}`);
      }
    }
  });

  it('knows nothing from before a change that replaced the whole text', () => {
    const document = editedTextDocuments.create('file:///b.yaml', 'yaml', 1, 'a: 1\n') as EditedTextDocument;
    editedTextDocuments.update(document, [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, text: '2' }], 2);
    assert.deepEqual(document.unchangedSince(1), { prefix: 3, suffix: 1 });
    editedTextDocuments.update(document, [{ text: 'b: 3\n' }], 3);
    assert.equal(document.unchangedSince(2), undefined);
    assert.deepEqual(document.unchangedSince(3), { prefix: 5, suffix: 0 });
  });

  describe("line offsets taken from the parse's line index", () => {
    const texts = [
      'kind: DaemonSet\n---\nmetadata:\n  name: a\n',
      'a: 1\r\nb: 2\r\n---\r\nc: 3',
      'a: 1\rb: 2\r\n\nc: é🚀\n\r',
      '',
      '\n\n',
      'no line break',
      'a: 1\n...\n# after the end\n---\nb: 2\n...\n',
      '--- # c\n---\n\n...\n...',
    ];
    const libraryOffsets = (document: EditedTextDocument) => (document as unknown as { document: { _lineOffsets?: number[] } }).document._lineOffsets;

    for (const text of texts) {
      it(`are the offsets the library computes, and positions and edits stay the library's (${JSON.stringify(text)})`, () => {
        const lines = parseYamlFile(text).lines;
        const starts = [...lines.lineStarts];
        const document = editedTextDocuments.create('file:///a.yaml', 'yaml', 1, text) as EditedTextDocument;
        const reference = TextDocument.create('file:///a.yaml', 'yaml', 1, text);
        assert.equal(document.adoptLineIndex(() => lines), true);
        assert.deepEqual(libraryOffsets(document), starts, 'the library holds the parse\'s line starts');
        assert.equal(document.lineCount, reference.lineCount);
        for (let offset = 0; offset <= text.length + 1; offset++) assert.deepEqual(document.positionAt(offset), reference.positionAt(offset), `offset ${offset}`);
        for (let line = 0; line <= reference.lineCount; line++) {
          for (const character of [0, 1, 3, 100]) assert.equal(document.offsetAt({ line, character }), reference.offsetAt({ line, character }));
        }
        const random = mulberry32(text.length + 1);
        for (let version = 2; version < 40; version++) {
          const at = () => ({ line: Math.floor(random() * (reference.lineCount + 1)), character: Math.floor(random() * 6) });
          const changes = [{ range: { start: at(), end: at() }, text: ['', 'x', '\n', '\r\n', 'ab\ncd'][Math.floor(random() * 5)] }];
          editedTextDocuments.update(document, changes, version);
          TextDocument.update(reference, changes, version);
          assert.equal(document.getText(), reference.getText());
          for (let offset = 0; offset <= reference.getText().length; offset += 3) assert.deepEqual(document.positionAt(offset), reference.positionAt(offset));
        }
        assert.deepEqual(lines.lineStarts, starts, 'the parse\'s line index is left as it was');
      });
    }

    it('are not taken for another text, or once the library has its own', () => {
      const document = editedTextDocuments.create('file:///a.yaml', 'yaml', 1, 'a: 1\nb: 2\n') as EditedTextDocument;
      assert.equal(document.adoptLineIndex(() => new LineIndex('a: 1\nb: 22\n')), false);
      assert.equal(libraryOffsets(document), undefined);
      document.positionAt(0);
      const own = libraryOffsets(document);
      assert.equal(document.adoptLineIndex(() => assert.fail('not asked for once the library has its own')), false);
      assert.equal(libraryOffsets(document), own);
    });
  });
});
