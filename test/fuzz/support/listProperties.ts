/**
 * The properties of a List read item by item (parseListInPieces, listItemDocuments.ts), shared by
 * the quick run (test/fuzz/lists.test.ts) and the long run (test/fuzz/run.ts):
 *
 * - read item by item, a List reads as the whole List does: each item's value is the whole
 *   parse's item, and the file's YAML problems are the whole parse's (codes, messages, offsets);
 *   the objects' view gives each item its own problems and the list the rest;
 * - an edit validated through the service's cache (ParsedFileCache: the items the edit left are
 *   taken over) gives the diagnostics of the new text validated from scratch.
 */
import assert from 'node:assert/strict';
import { objectDocuments } from '../../../server/src/model/listItemDocuments';
import { parseYamlFile, type ParsedYamlDocument, type YamlProblem } from '../../../server/src/model/yamlDocuments';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { ServiceDiagnostic } from '../../../server/src/service/languageService';
import { textDocument } from '../../support/textDocument';

const KIND_LINE = /^kind: (List|DaemonSetList)(?=\r?$)/m;
const TAG = '!!str ';

/**
 * The List read whole: its `kind` written with a tag, which the item-by-item reading does not take
 * (listItemLines wants one plain kind word); its problems placed in the text as it is.
 */
export function readWhole(text: string): { doc: ParsedYamlDocument; problems: YamlProblem[] } | undefined {
  const kind = KIND_LINE.exec(text);
  if (!kind) return undefined;
  const at = kind.index + 'kind: '.length;
  const whole = parseYamlFile(`${text.slice(0, at)}${TAG}${text.slice(at)}`);
  const doc = whole.documents[0];
  if (doc.items !== undefined) throw new Error('the whole List was read item by item');
  const back = (offset: number) => (offset > at ? offset - TAG.length : offset);
  return { doc, problems: doc.problems.map((p) => ({ ...p, start: back(p.start), end: back(p.end) })) };
}

/** The List of `text` read item by item reads as the whole List does. Whether it was read item by item. */
export function checkListReading(text: string, name: string): boolean {
  const file = parseYamlFile(text);
  const list = file.documents[0];
  if (!list.items) return false;
  const whole = readWhole(text);
  assert.ok(whole, `${name}: a List read item by item has a kind line`);
  // The design's exception (brokenListItem): a quote left open in an item ends in that item, where
  // in the whole List it runs on to the next such quote, in a later item. There, only what comes
  // before that item is compared.
  const openQuote = list.items.find((item) => item.problems.some((p) => p.code === 'MISSING_CHAR' && /closing .?quote/.test(p.message)));
  const quoteEnd = openQuote ? openQuote.offset + openQuote.text.length : Infinity;
  if (openQuote && whole.problems.some((p) => p.end > quoteEnd)) {
    const before = (problems: readonly YamlProblem[]) => problems.filter((p) => p.start < openQuote.offset);
    assert.deepEqual(before(list.problems), before(whole.problems), `${name}: the YAML problems before an open quote are the whole List's`);
    const wholeItems = (whole.doc.value as { items?: unknown[] } | null)?.items;
    list.items.slice(0, list.items.indexOf(openQuote)).forEach((item, i) => {
      if (item.problems.length === 0 && wholeItems !== undefined) assert.deepEqual(item.value, wholeItems[i], `${name}: items[${i}], before an open quote, is the whole List's`);
    });
    return true;
  }
  assert.deepEqual(list.problems, whole.problems, `${name}: the file's YAML problems are the whole List's`);
  const wholeItems = (whole.doc.value as { items?: unknown[] } | null)?.items;
  const broken = whole.problems.length > 0;
  if (!broken) assert.equal(list.items.length, wholeItems?.length, `${name}: as many items as the whole List`);
  list.items.forEach((item, i) => {
    // With YAML errors the whole List's value is what the yaml package made of it (none after a collection key): only the unbroken items are compared.
    // The whole List's recovery may also split a broken item into several (a `-` alone on its line), shifting the others: then nothing is compared.
    if (!broken || (item.problems.length === 0 && wholeItems?.length === list.items?.length)) assert.deepEqual(item.value, wholeItems?.[i], `${name}: items[${i}] is the whole List's`);
  });
  const view = objectDocuments(file);
  const items = view.documents.slice(1, 1 + list.items.length);
  items.forEach((item, i) => assert.deepEqual(item.value, list.items?.[i].value, `${name}: the view's item ${i}`));
  const sorted = (problems: readonly YamlProblem[]) => problems.map((p) => JSON.stringify([p.start, p.end, p.code, p.message])).sort();
  const viewProblems = [view.documents[0], ...items].flatMap((doc) => doc.problems);
  assert.deepEqual(sorted(viewProblems), sorted(list.problems), `${name}: the view's problems are the file's, once`);
  return true;
}

const comparable = (diagnostics: readonly ServiceDiagnostic[]) => JSON.parse(JSON.stringify(diagnostics)) as unknown;

/**
 * `edited` validated after `base` through one service (its cache takes over what the edit left)
 * gives the diagnostics of `edited` validated by a fresh service, and so does `base` after it.
 */
export function checkListEdit(base: string, edited: string, name: string): void {
  const service = getLanguageService();
  const uri = 'file:///fuzz/list-edit.yaml';
  const options = { inventory: { label: 'fuzz', nodes: [] } };
  service.doValidation(textDocument(base, uri, 1), options);
  const after = service.doValidation(textDocument(edited, uri, 2), options);
  const fresh = getLanguageService().doValidation(textDocument(edited, uri, 1), options);
  assert.deepEqual(comparable(after), comparable(fresh), `${name}: the edit's diagnostics are the new text's`);
  const back = service.doValidation(textDocument(base, uri, 3), options);
  const baseFresh = getLanguageService().doValidation(textDocument(base, uri, 1), options);
  assert.deepEqual(comparable(back), comparable(baseFresh), `${name}: undoing the edit gives the base's diagnostics`);
}
