/**
 * What the editor asks again after every edit, the outline and the folding
 * ranges: read per YAML document (per stretch between `---` lines for
 * folding), reused for unchanged ones after an edit and kept per version.
 * The results are those of a fresh reading, and the folding those of the
 * whole-file scan it replaced (test/support/foldingReference.ts), on every
 * example and fixture and on slices of the three bench corpora.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { nodeAgentCorpus, pathologicalCorpus, realChartCorpus } from '../../../bench/hardCorpus';
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';
import { DocumentFactsCache } from '../../../server/src/service/documentFactsCache';
import { FoldingStretches, getFoldingRanges } from '../../../server/src/service/folding';
import { getLanguageService } from '../../../server/src/service/languageService';
import { findDocumentSymbols } from '../../../server/src/service/symbols';
import { referenceFoldingRanges } from '../../support/foldingReference';
import { repoRoot } from '../../support/golden';
import { textDocument } from '../../support/textDocument';
import { exampleAndFixtureYamlFiles } from '../../support/yamlFiles';

const corpora = [
  { name: 'node-agent corpus (50 documents)', text: nodeAgentCorpus(50) },
  { name: 'public-chart corpus (50 documents)', text: realChartCorpus(50) },
  { name: 'pathological corpus (50 documents)', text: pathologicalCorpus(50) },
];
const texts = [
  ...exampleAndFixtureYamlFiles().map((file) => ({ name: relative(repoRoot, file), text: readFileSync(file, 'utf8') })),
  ...corpora,
  { name: 'CRLF line breaks', text: corpora[0].text.replace(/\n/g, '\r\n') },
  { name: 'lone CR line breaks', text: 'a:\r  b: 1\r---\r# one\r# two\rc:\r  - d\r...\r' },
  {
    name: 'whitespace other than spaces and tabs, colons and comments',
    text: 'a:\n\u00a0# nbsp\n\u00a0# nbsp\n  b: # c: d\n  - e\n  -\n  -x\n\f- f\n  g:\u3000\n    h: 1 # i\n  j: k#l\n    m: [1,\n      2]\n  n: # o\u2028p\n    q: 1\n\t- r\n\t  s: 1\n',
  },
  { name: 'markers with text after them', text: '--- # first\na:\n  b: 1\n--- |\n  x\n...  \nc:\n  d: 2\n---' },
];

/** Edits that keep, shift, split and join the documents after them. */
function editsOf(text: string): Array<{ name: string; text: string }> {
  const middle = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  const lineEnd = text.indexOf('\n', middle);
  const at = (offset: number, remove: number, insert: string) => text.slice(0, offset) + insert + text.slice(offset + remove);
  return [
    { name: 'a line changed in place', text: at(middle, Math.max(0, lineEnd - middle), 'changed: true') },
    { name: 'a line inserted', text: at(middle, 0, 'inserted: 1\n') },
    { name: 'lines removed', text: at(middle, Math.max(0, text.indexOf('\n', lineEnd + 1) - middle), '') },
    { name: 'a document split', text: at(middle, 0, '---\nkind: ConfigMap\n# a\n# b\n') },
    { name: 'the first line changed', text: at(0, 0, '# top\n') },
  ];
}

describe('outline and folding per document', () => {
  for (const { name, text } of texts) {
    it(`are those of a fresh reading and of the whole-file scan: ${name}`, () => {
      const file = parseYamlFile(text);
      assert.deepEqual(getFoldingRanges(file), referenceFoldingRanges(file));
      assert.deepEqual(getFoldingRanges(file, new FoldingStretches()), referenceFoldingRanges(file));
      const facts = new DocumentFactsCache();
      assert.deepEqual(findDocumentSymbols(file, facts), findDocumentSymbols(file));
      // A second file of the same documents at other lines: read from the cache, moved.
      const moved = parseYamlFile(`# moved\n\n${text}`);
      assert.deepEqual(findDocumentSymbols(moved, facts), findDocumentSymbols(moved));
    });
  }

  for (const { name, text } of corpora) {
    it(`after each edit, the service answers as a fresh one does: ${name}`, () => {
      const service = getLanguageService();
      const uri = 'file:///edited.yaml';
      service.findDocumentSymbols(textDocument(text, uri, 1));
      service.getFoldingRanges(textDocument(text, uri, 1));
      let version = 1;
      for (const edit of editsOf(text)) {
        const document = textDocument(edit.text, uri, ++version);
        const fresh = getLanguageService();
        assert.deepEqual(service.getFoldingRanges(document), fresh.getFoldingRanges(textDocument(edit.text)), edit.name);
        assert.deepEqual(service.findDocumentSymbols(document), fresh.findDocumentSymbols(textDocument(edit.text)), edit.name);
        assert.deepEqual(service.getFoldingRanges(document), referenceFoldingRanges(parseYamlFile(edit.text)), edit.name);
      }
    });
  }

  it('reads again only the stretch an edit changed', () => {
    const text = corpora[0].text;
    const stretches = new FoldingStretches();
    stretches.beginVersion();
    getFoldingRanges(parseYamlFile(text), stretches);
    const first = stretches.readCount;
    assert.ok(first >= 50);
    const [edit] = editsOf(text);
    stretches.beginVersion();
    const ranges = getFoldingRanges(parseYamlFile(edit.text), stretches);
    assert.equal(stretches.readCount - first, 1);
    assert.deepEqual(ranges, referenceFoldingRanges(parseYamlFile(edit.text)));
  });

  it('reuses the outline symbol of each unchanged document, moved to its new lines', () => {
    const text = corpora[0].text;
    const facts = new DocumentFactsCache();
    const before = parseYamlFile(text);
    findDocumentSymbols(before, facts);
    // Mark what the cache holds for the last document: it must come back, not be read again.
    const last = before.documents[before.documents.length - 1];
    const kept = facts.get(last.text, () => assert.fail('the last document was not kept')).symbol?.value;
    assert.ok(kept);
    kept.name = 'kept';
    const edited = editsOf(text)[1].text;
    const symbols = findDocumentSymbols(parseYamlFile(edited), facts);
    const fresh = findDocumentSymbols(parseYamlFile(edited));
    assert.equal(symbols[symbols.length - 1].name, 'kept');
    assert.deepEqual(symbols[symbols.length - 1].range, fresh[fresh.length - 1].range);
    assert.deepEqual(symbols.slice(0, -1), fresh.slice(0, -1));
  });

  it('answers a repeated request for the same version from what it read', () => {
    const service = getLanguageService();
    const document = textDocument(corpora[0].text);
    const folding = service.getFoldingRanges(document);
    const symbols = service.findDocumentSymbols(document);
    assert.equal(service.getFoldingRanges(document)[0], folding[0]);
    assert.equal(service.findDocumentSymbols(document)[0], symbols[0]);
  });
});
