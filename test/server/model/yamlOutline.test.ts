import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser } from 'yaml';
import type { FieldPath } from '../../../server/src/model/fieldPath';
import { findNodeAtPath, nodeOffsets, parseYamlFile, type ParsedYamlDocument } from '../../../server/src/model/yamlDocuments';
import { pathAtOffset, pathAtOffsetIn } from '../../../server/src/model/yamlNavigation';
import { isLeftOut, outlineHolds, outlineOf } from '../../../server/src/model/yamlOutline';
import { getLanguageService } from '../../../server/src/service/languageService';
import { DAEMONSET } from '../../fuzz/support/inputs';
import { textDocument } from '../../support/textDocument';

const ITEMS = 20_000;
const longList = (item: string) => `[${Array(ITEMS).fill(item).join(', ')}]`;

/** DaemonSets with long flow collections in several places: values, lists of maps, nested, multi-line, commented. */
const documents: Record<string, string> = {
  'one-line args': DAEMONSET + `  args: ${longList('"x"')}\n`,
  'flow list of maps': DAEMONSET.replace('spec:\n  selector', `spec:\n  extra: ${longList('{a: 1, b: [c, "d"]}')}\n  selector`),
  'multi-line with comments': DAEMONSET + `  command: [\n${Array(ITEMS).fill("    'it''s', # a comment\n").join('')}    last\n    ]\n`,
  'flow metadata': DAEMONSET.replace(/metadata:\n {2}name: agent\n {2}namespace: kube-system\n {2}labels: \{app: agent\}\n/, `metadata: {name: agent, namespace: kube-system, labels: {${Array.from({ length: ITEMS }, (_, i) => `k${i}: v`).join(', ')}}}\n`),
  'empty and nested': DAEMONSET + `  args: [[], {}, [[[${Array(ITEMS).fill('123').join(',')}]]], {a: }]\n`,
};

function documentOf(text: string): ParsedYamlDocument {
  const parsed = parseYamlFile(text);
  assert.equal(parsed.documents.length, 1);
  return parsed.documents[0];
}

/** Every path of a value, collections' entries included, up to `limit` of them. */
function pathsOf(value: unknown, limit = 400): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (node: unknown, path: FieldPath) => {
    if (out.length >= limit) return;
    out.push(path);
    if (Array.isArray(node)) node.slice(0, 5).forEach((entry, index) => walk(entry, [...path, index]));
    else if (node !== null && typeof node === 'object') Object.entries(node).slice(0, 20).forEach(([key, entry]) => walk(entry, [...path, key]));
  };
  walk(value, []);
  return out;
}

describe('outlineOf', () => {
  for (const [name, text] of Object.entries(documents)) {
    it(`${name}: every node the outline holds has the full AST's range, and every offset outside what it leaves out the same path`, () => {
      const doc = documentOf(text);
      const outline = outlineOf(doc);
      assert.ok(outline.leftOut.length > 0, 'a long collection is left out');
      assert.notEqual(outline.doc, doc);
      let held = 0;
      for (const path of pathsOf(doc.value)) {
        if (!outlineHolds(outline, doc.value, path)) continue;
        held++;
        const inOutline = findNodeAtPath(outline.doc, path);
        const inFull = findNodeAtPath(doc, path);
        assert.equal(inOutline.depth, inFull.depth, JSON.stringify(path));
        assert.deepEqual(nodeOffsets(outline.doc, inOutline.key), nodeOffsets(doc, inFull.key), JSON.stringify(path));
        assert.deepEqual(nodeOffsets(outline.doc, inOutline.value), nodeOffsets(doc, inFull.value), JSON.stringify(path));
      }
      assert.ok(held >= 10, `${held} paths held`);
      for (let offset = 0; offset <= text.length; offset += offset < 2000 ? 1 : 997) {
        if (isLeftOut(outline, offset)) continue;
        assert.deepEqual(pathAtOffsetIn(outline.doc, offset), pathAtOffsetIn(doc, offset), `offset ${offset}`);
      }
    });
  }

  it('leaves short documents, short collections, templates and anchored collections whole', () => {
    for (const text of [
      DAEMONSET + '  args: ["x"]\n',
      DAEMONSET + `  args: ${longList('"x"')}\n`.slice(0, 10_000) + ']\n',
      DAEMONSET + `  args: [{{ .Values.x }}, ${Array(ITEMS).fill('"x"').join(', ')}]\n`,
      DAEMONSET + `  args: &a ${longList('"x"')}\n`,
      DAEMONSET + `  args: [!!str a, ${Array(ITEMS).fill('"x"').join(', ')}]\n`,
      DAEMONSET + `  args: [a: b, ${Array(ITEMS).fill('"x"').join(', ')}]\n`,
    ]) {
      const doc = parseYamlFile(text).documents[0];
      assert.equal(outlineOf(doc).doc, doc, text.slice(-80));
    }
  });

  it('symbols, the code lens, hover and quick fixes on a 1 MB flow line never give its items to the yaml parser', () => {
    const text = DAEMONSET + `  args: [${Array(100_000).fill('"x"').join(',')}]\n`;
    const parse = Parser.prototype.parse;
    const parsed: string[] = [];
    Parser.prototype.parse = function* (source: string, incomplete?: boolean) {
      parsed.push(source);
      yield* parse.call(this, source, incomplete);
    };
    try {
      const ls = getLanguageService({});
      const document = textDocument(text);
      const diagnostics = ls.doValidation(document, { inventory: { label: 'nodes', nodes: [] } });
      const symbols = ls.findDocumentSymbols(document);
      assert.deepEqual(
        symbols[0].children?.map((child) => child.name),
        ['container agent', 'toleration every taint'],
      );
      assert.equal(ls.getCodeLenses(document).length, 1);
      assert.ok(ls.doHover(document, { line: 0, character: 0 }));
      assert.ok(ls.getCodeActions(document, { diagnostics }).length > 0);
      assert.ok(parsed.length > 0, 'the outline is parsed');
      assert.ok(!parsed.some((source) => source.includes('"x","x"')), 'the items are never parsed by the yaml package');
      // Inside the collection, the position index tells the field (yamlIndexRanges.ts): still no item parsed, and the field the whole AST gives.
      const inside = { line: text.split('\n').length - 2, character: 20_000 };
      ls.doHover(document, inside);
      assert.ok(!parsed.some((source) => source.includes('"x","x"')));
      const offset = text.split('\n').slice(0, inside.line).join('\n').length + 1 + inside.character;
      const found = pathAtOffset(parseYamlFile(text).documents[0], offset);
      assert.equal(typeof found?.path[found.path.length - 1], 'number');
      assert.deepEqual(found, pathAtOffsetIn(parseYamlFile(text).documents[0], offset));
      assert.ok(parsed.some((source) => source.includes('"x","x"')), 'the reference AST is the whole document');
    } finally {
      Parser.prototype.parse = parse;
    }
  });
});
