/**
 * The documents of a file's Kubernetes objects: each YAML document, and after a list document
 * (`kubectl get ds -A -o yaml`'s `kind: List`, a `DaemonSetList`, a `kubectl get ds,deploy`
 * List of several kinds) each of its items as a document of its own. An item's document is read
 * from the item's own lines with its `-` blanked, so its offsets are the file's and its value, its
 * position index and its AST are rooted at the item: every rule, range, quick fix, symbol, code
 * lens and workload summary that works on a document works on an item unchanged. The parse reads
 * a list in kubectl's block layout item by item (`ParsedYamlDocument.items`, parseListInPieces in
 * yamlDocuments.ts); any other list (JSON, flow items) is read whole and its items read again
 * here (parseListItemDocument), from the item nodes' ranges.
 *
 * The list document stays in the view, before its items: it reports the file's YAML problems (its
 * items have none of their own), except a list read item by item with broken items, whose problems
 * those items report (listWithOwnProblems); no rule reads a list. The view's documents are numbered in
 * order (`index`), so a list's items and the documents after it are numbered differently from the
 * file's own parse; every service feature takes the same view of a parse (objectDocuments is
 * remembered per parse), and the loaders that report `['items', n]` paths read the file's documents.
 */
import { listItems } from './kubernetesList';
import { detachedCopy, findNodeAtPath, hasYamlErrors, listWithOwnProblems, parseListItemDocument, positionIndexOf, rebaseDocument, type ParsedYamlDocument, type ParsedYamlFile } from './yamlDocuments';
import { findNodesAtPath } from './yamlEventLocator';
import { nodeRange } from './yamlIndexRanges';
import { isMappingNode, isSequenceNode, nextNode } from './yamlPositions';
import { isMap, isSeq } from 'yaml';

const ITEMS_PATH = ['items'];
const ITEM_LEAD = /^( *)(?:(-) +)?$/;

/** Per parse, its view; a view is its own. */
const views = new WeakMap<ParsedYamlFile, ParsedYamlFile>();

/** Per list document (by its parse), its items' documents at that document's place. */
interface Expanded {
  list: ParsedYamlDocument;
  items: ParsedYamlDocument[];
}
const expandedOf = new WeakMap<ParsedYamlFile, Expanded[]>();

/**
 * The view of `file` with each list document's items after it (the file itself when it has no
 * list document). `previous`, the parse of the version before an edit: its items' documents whose
 * text is unchanged are taken over rather than parsed again, and the others are parsed from a copy
 * of their text, which keeps no version of the file alive.
 */
export function objectDocuments(file: ParsedYamlFile, previous?: ParsedYamlFile): ParsedYamlFile {
  const known = views.get(file);
  if (known) return known;
  let view: ParsedYamlFile = file;
  if (file.documents.some((doc) => doc.items !== undefined || mayBeList(doc))) {
    const reuse = previous && views.has(previous) ? previousItems(previous) : undefined;
    const documents: ParsedYamlDocument[] = [];
    const expanded: Expanded[] = [];
    for (const doc of file.documents) {
      const at = documents.length;
      documents.push(doc.items ? listWithOwnProblems(doc, at) : at === doc.index ? doc : rebaseDocument(doc, doc.offset, at));
      const items = doc.items ? numbered(doc.items, at + 1) : mayBeList(doc) ? itemDocuments(doc, at + 1, reuse) : undefined;
      if (!items) continue;
      for (const item of items) documents.push(item);
      expanded.push({ list: documents[at], items });
    }
    if (expanded.length > 0) {
      view = { text: file.text, lines: file.lines, documents };
      expandedOf.set(view, expanded);
      views.set(view, view);
    }
  }
  views.set(file, view);
  return view;
}

/** Whether a document of a view is a list whose items follow it as documents of their own. */
export function isExpandedList(view: ParsedYamlFile, doc: ParsedYamlDocument): boolean {
  return expandedOf.get(view)?.some((expanded) => expanded.list === doc) ?? false;
}

/** Whether a document the parse read whole (parseListInPieces declined it) is a list to read the items of. */
function mayBeList(doc: ParsedYamlDocument): boolean {
  return doc.template === undefined && listItems(doc.value) !== undefined && !hasYamlErrors(doc);
}

/** A list's items read by the parse, numbered from `first` (as the parse numbers them unless a list comes before). */
function numbered(items: readonly ParsedYamlDocument[], first: number): ParsedYamlDocument[] {
  return items.map((item, i) => (item.index === first + i ? item : rebaseDocument(item, item.offset, first + i)));
}

/** The item documents of the previous version's view, by text. */
function previousItems(previous: ParsedYamlFile): Map<string, ParsedYamlDocument[]> {
  const byText = new Map<string, ParsedYamlDocument[]>();
  for (const { items } of expandedOf.get(views.get(previous) as ParsedYamlFile) ?? []) {
    for (const item of items) {
      const list = byText.get(item.text);
      if (list) list.push(item);
      else byText.set(item.text, [item]);
    }
  }
  return byText;
}

/**
 * The documents of a list document's items, numbered from `firstIndex`; undefined (the list stays
 * one document) when an item is not a mapping on lines of its own (`items: [{…}]` on one line) or
 * does not read alone.
 */
function itemDocuments(list: ParsedYamlDocument, firstIndex: number, reuse: Map<string, ParsedYamlDocument[]> | undefined): ParsedYamlDocument[] | undefined {
  const ranges = itemRanges(list);
  if (!ranges || ranges.length === 0) return undefined;
  const text = list.text;
  const documents: ParsedYamlDocument[] = [];
  for (const [start, nodeEnd] of ranges) {
    // With its line break when nothing follows the item on its last line, as the parse's items end (listItemLines.ts).
    const after = /^ *\r?\n/.exec(text.slice(nodeEnd, nodeEnd + 80));
    const end = after ? nodeEnd + after[0].length : nodeEnd;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    // Before the item on its line: indentation and its `-`, or only indentation (a flow or JSON item).
    const found = ITEM_LEAD.exec(text.slice(lineStart, start));
    if (!found) return undefined;
    const index = firstIndex + documents.length;
    const offset = list.offset + lineStart;
    const itemText = text.slice(lineStart, end);
    const taken = reuse?.get(itemText)?.pop();
    if (taken) {
      documents.push(taken.offset === offset && taken.index === index ? taken : rebaseDocument(taken, offset, index));
      continue;
    }
    const ownText = reuse ? detachedCopy(itemText) : itemText;
    const dash = found[2] === undefined ? -1 : found[1].length;
    const parseText = dash < 0 ? ownText : `${ownText.slice(0, dash)} ${ownText.slice(dash + 1)}`;
    const item = parseListItemDocument({ offset, text: ownText }, index, parseText);
    if (!item) return undefined;
    documents.push(item);
  }
  return documents;
}

/** Offsets [start, end) in the list document's text of each item, which must be a mapping; undefined when one is not. */
function itemRanges(list: ParsedYamlDocument): Array<[number, number]> | undefined {
  const index = positionIndexOf(list);
  if (index) {
    const found = findNodesAtPath(index.positions, index.text, ITEMS_PATH);
    const sequence = found?.depth === 1 ? found.value : undefined;
    if (sequence === undefined || !isSequenceNode(index.positions, sequence)) return undefined;
    const ranges: Array<[number, number]> = [];
    const end = nextNode(index.positions, sequence);
    for (let item = sequence + 1; item < end; item = nextNode(index.positions, item)) {
      if (!isMappingNode(index.positions, item)) return undefined;
      const range = nodeRange(index, item);
      if (!range) return undefined;
      ranges.push(range);
    }
    return ranges;
  }
  const found = findNodeAtPath(list, ITEMS_PATH);
  if (found.depth !== 1 || !isSeq(found.value)) return undefined;
  const ranges: Array<[number, number]> = [];
  for (const item of found.value.items) {
    if (!isMap(item) || !item.range) return undefined;
    ranges.push([item.range[0], item.range[1]]);
  }
  return ranges;
}
