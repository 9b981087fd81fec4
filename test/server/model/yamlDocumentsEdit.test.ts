/**
 * parseYamlFile after an edit, told how much of the text the edit left at
 * its start and end: it splits only the lines around the edit, and the
 * result equals a parse from scratch, document for document and line for line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../bench/corpus';
import { nodeAgentCorpus } from '../../../bench/hardCorpus';
import { parseYamlFile, yamlParseCounts, type ParsedYamlFile } from '../../../server/src/model/yamlDocuments';

function shape(file: ParsedYamlFile) {
  return { documents: file.documents.map((doc) => ({ index: doc.index, offset: doc.offset, text: doc.text, problems: doc.problems })), lines: file.lines.lineStarts };
}

/** Replaces [start, end) of `previous`'s text and parses the result knowing what was left as it was. */
function edit(previous: ParsedYamlFile, start: number, end: number, insert: string, reuse?: Parameters<typeof parseYamlFile>[1]): ParsedYamlFile {
  const text = previous.text.slice(0, start) + insert + previous.text.slice(end);
  return parseYamlFile(text, reuse, { previous, prefix: start, suffix: previous.text.length - end });
}

describe('parseYamlFile after an edit', () => {
  const pieces = ['---\n', '--- # c\n', '...\n', '# note\n', '%YAML 1.2\n', '\n', 'a: 1\n', 'b: [1, 2]\n', '  - x\n', 'kind: DaemonSet\n', '-', '.', 'x', ':', ' '];

  it('equals a parse from scratch across random edits, markers and comments included', () => {
    const random = mulberry32(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    for (let round = 0; round < 40; round++) {
      let file = parseYamlFile(Array.from({ length: 12 }, () => pick(pieces)).join(''));
      for (let step = 0; step < 25; step++) {
        const start = Math.floor(random() * (file.text.length + 1));
        const end = Math.min(file.text.length, start + Math.floor(random() * 12));
        const insert = Array.from({ length: Math.floor(random() * 3) }, () => pick(pieces)).join('');
        const before = file.text;
        file = edit(file, start, end, insert);
        assert.deepEqual(shape(file), shape(parseYamlFile(file.text)), JSON.stringify({ before, start, end, insert }));
      }
    }
  });

  it('parses only the edited document of a large file and keeps the others', () => {
    const opened = parseYamlFile(nodeAgentCorpus(60));
    const at = opened.text.indexOf('terminationGracePeriodSeconds:', opened.documents[30].offset);
    const before = yamlParseCounts();
    // As the parse cache does: an unchanged slice's previous parse is handed back.
    const edited = edit(opened, at, at, '# typed\n      ', (slice) => opened.documents.find((doc) => doc.text === slice.text));
    const parses = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
    assert.equal(parses(yamlParseCounts()) - parses(before), 1, 'one document parsed');
    assert.equal(edited.documents[10], opened.documents[10], 'a document before the edit is the same object');
    assert.notEqual(edited.documents[40], opened.documents[40], 'one after it is moved');
    assert.equal(edited.documents[40].text, opened.documents[40].text);
    assert.deepEqual(shape(edited), shape(parseYamlFile(edited.text)));
  });

  it('patches the line index for a paste of thousands of lines, and for their removal', () => {
    const opened = parseYamlFile(nodeAgentCorpus(40));
    const at = opened.documents[20].offset;
    const pasted = edit(opened, at, at, nodeAgentCorpus(100));
    assert.ok(pasted.lines.lineCount - opened.lines.lineCount > 10_000);
    assert.deepEqual(shape(pasted), shape(parseYamlFile(pasted.text)));
    const removed = edit(pasted, at, pasted.text.length - (opened.text.length - at), '');
    assert.deepEqual(shape(removed), shape(opened));
  });

  it('splits from scratch when a text holds a carriage return', () => {
    const crlf = parseYamlFile('a: 1\r\n---\r\nb: 2\r\n');
    const edited = edit(crlf, 4, 4, 'x');
    assert.deepEqual(shape(edited), shape(parseYamlFile(edited.text)));
    const plain = parseYamlFile('a: 1\n---\nb: 2\n');
    const withCr = edit(plain, 4, 4, '\r');
    assert.deepEqual(shape(withCr), shape(parseYamlFile(withCr.text)));
  });
});
