/**
 * findDocumentSymbols: the outline. Each Kubernetes object of the file as
 * `Kind namespace/name`; a DaemonSet's containers, tolerations and volumes
 * as its children.
 */
import { isMap, type Node } from 'yaml';
import { abbreviateLongWords } from './messageText';
import { findNodeAtPath, nodeOffsets, rangeIndexOf, type ParsedYamlDocument, type ParsedYamlFile } from '../model/yamlDocuments';
import { indexedNodeAtPath, nodeRange } from '../model/yamlIndexRanges';
import { isMappingNode } from '../model/yamlPositions';
import { POD_SPEC_PATH, valueAt, type FieldPath } from '../model/fieldPath';
import { asRecord, resourceIdentity, type ResourceIdentity } from './kubernetesResource';
import { outlineHolds, outlineOf } from '../model/yamlOutline';
import type { DocumentFactsCache } from './documentFactsCache';
import type { DocumentSymbol, Position, Range, SymbolKind } from './types';
import { isExpandedList, objectDocuments } from '../model/listItemDocuments';

/**
 * With `facts`, each document's symbol is read once per text and moved to where the document now
 * starts: after an edit only the edited document is read again.
 */
export function findDocumentSymbols(parsed: ParsedYamlFile, facts?: DocumentFactsCache): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  // A list's items have a symbol each, the list none (listItemDocuments.ts).
  const file = objectDocuments(parsed);
  for (const whole of file.documents) {
    if (isExpandedList(file, whole)) continue;
    if (!facts) {
      const symbol = symbolOf(file, whole);
      if (symbol) symbols.push(symbol);
      continue;
    }
    const entry = facts.of(whole);
    const start = file.lines.positionAt(whole.offset);
    const kept = (entry.symbol ??= { value: moveSymbol(symbolOf(file, whole), start, -1) });
    if (!kept.value) continue;
    // An edit within a line moves no document: the symbol of the last version serves as it is.
    if (kept.placed?.start.line !== start.line || kept.placed.start.character !== start.character) {
      kept.placed = { start, symbol: moveSymbol(kept.value, start, 1) as DocumentSymbol };
    }
    symbols.push(kept.placed.symbol);
  }
  return symbols;
}

function symbolOf(file: ParsedYamlFile, whole: ParsedYamlDocument): DocumentSymbol | undefined {
  const identity = resourceIdentity(whole);
  if (!identity) return undefined; // before the AST: documents that are no object need none
  const podSpec = podSpecPath(identity.kind);
  // From the position index where it tells every range; else from the AST.
  const fromIndex = indexRanges(whole);
  let symbol = fromIndex && documentSymbol(file, whole, identity, podSpec, fromIndex);
  if (!fromIndex || fromIndex.unsure) symbol = documentSymbol(file, whole, identity, podSpec, astRanges(whole, podSpec));
  return symbol;
}

/** The symbol with its positions made relative to `start` (direction -1) or back from relative to it (1), as a copy. */
function moveSymbol(symbol: DocumentSymbol | undefined, start: Position, direction: 1 | -1): DocumentSymbol | undefined {
  if (!symbol) return undefined;
  const move = (position: Position): Position => {
    const onFirstLine = direction < 0 ? position.line === start.line : position.line === 0;
    return { line: position.line + direction * start.line, character: onFirstLine ? position.character + direction * start.character : position.character };
  };
  const moveRange = (range: Range): Range => ({ start: move(range.start), end: move(range.end) });
  const moved: DocumentSymbol = { ...symbol, range: moveRange(symbol.range), selectionRange: moveRange(symbol.selectionRange) };
  if (symbol.children) moved.children = symbol.children.map((child) => moveSymbol(child, start, direction) as DocumentSymbol);
  return moved;
}

/** Where the outline's nodes are: file offsets [start, end) as the `yaml` AST ranges them, the end up to whitespace. */
interface OutlineRanges {
  /** The document's root, when it is a mapping. */
  root(): [number, number] | undefined;
  /** The value at the path (its key when it has none), when the whole path exists. */
  at(path: FieldPath): [number, number] | undefined;
}

/** The ranges from the AST: the outline's where it holds every node the symbols need, so a long flow collection is never composed for them. */
function astRanges(whole: ParsedYamlDocument, podSpec: FieldPath | undefined): OutlineRanges {
  const outline = outlineOf(whole);
  const needed: FieldPath[] = [['metadata', 'name'], ['kind'], ...(podSpec ? SYMBOL_LISTS.map((field) => [...podSpec, field]) : [])];
  const doc = needed.every((path) => outlineHolds(outline, whole.value, path)) ? outline.doc : whole;
  return {
    root: () => {
      const contents = doc.ast.contents as Node | null;
      return isMap(contents) ? nodeOffsets(doc, contents) : undefined;
    },
    at: (path) => {
      const found = findNodeAtPath(doc, path);
      return found.depth === path.length ? nodeOffsets(doc, found.value ?? found.key) : undefined;
    },
  };
}

/** The ranges from the position index (yamlIndexRanges.ts); `unsure` once it could not tell one, and the AST must. */
function indexRanges(doc: ParsedYamlDocument): (OutlineRanges & { unsure: boolean }) | undefined {
  // A template's masked lines are blank to the parser but not in the text the ranges are trimmed in.
  const index = doc.template ? undefined : rangeIndexOf(doc);
  if (!index) return undefined;
  const ranges = {
    unsure: false,
    root: () => (isMappingNode(index.positions, 0) ? ranged(nodeRange(index, 0)) : undefined),
    at: (path: FieldPath) => {
      const found = indexedNodeAtPath(index, path);
      if (!found) return ranged(undefined);
      if (found.depth !== path.length) return undefined;
      return ranged(found.value !== undefined ? nodeRange(index, found.value) : found.key);
    },
  };
  const ranged = (local: [number, number] | undefined): [number, number] | undefined => {
    if (!local) ranges.unsure = true;
    return local && [doc.offset + local[0], doc.offset + local[1]];
  };
  return ranges;
}

function documentSymbol(
  file: ParsedYamlFile,
  doc: ParsedYamlDocument,
  identity: ResourceIdentity,
  podSpec: FieldPath | undefined,
  ranges: OutlineRanges,
): DocumentSymbol | undefined {
  const offsets = ranges.root();
  if (!offsets) return undefined;
  const range = file.lines.rangeAt(offsets[0], endOfContent(file.text, offsets[0], offsets[1]));
  const nameAt = rangeOf(file, ranges, ['metadata', 'name']) ?? rangeOf(file, ranges, ['kind']) ?? range;
  const symbol: DocumentSymbol = {
    name: abbreviateLongWords(`${identity.kind} ${identity.namespace ? `${identity.namespace}/` : ''}${identity.name ?? '(unnamed)'}`),
    detail: abbreviateLongWords(identity.apiVersion),
    kind: 'class',
    range,
    selectionRange: nameAt,
  };
  const children = podTemplateChildren(file, doc, ranges, podSpec);
  if (children.length > 0) symbol.children = children;
  return symbol;
}

/** The pod spec's lists whose items are symbols. */
const SYMBOL_LISTS = ['initContainers', 'containers', 'tolerations', 'volumes'];

function podSpecPath(kind: string): FieldPath | undefined {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', ...POD_SPEC_PATH];
  if (['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet', 'Job'].includes(kind)) return POD_SPEC_PATH;
  return undefined;
}

function endOfContent(text: string, start: number, end: number): number {
  let last = end;
  while (last > start && /\s/.test(text[last - 1])) last--;
  return last;
}

function rangeOf(file: ParsedYamlFile, ranges: OutlineRanges, path: FieldPath): Range | undefined {
  const offsets = ranges.at(path);
  return offsets ? file.lines.rangeAt(offsets[0], endOfContent(file.text, offsets[0], offsets[1])) : undefined;
}

function podTemplateChildren(file: ParsedYamlFile, doc: ParsedYamlDocument, ranges: OutlineRanges, podSpec: FieldPath | undefined): DocumentSymbol[] {
  if (!podSpec) return [];
  const spec = asRecord(valueAt(doc.value, podSpec));
  if (!spec) return [];
  const out: DocumentSymbol[] = [];
  const list = (field: string, kind: SymbolKind, name: (item: Record<string, unknown>, index: number) => string, detail: (item: Record<string, unknown>) => string | undefined) => {
    const items = spec[field];
    if (!Array.isArray(items)) return;
    items.forEach((raw, index) => {
      const item = asRecord(raw);
      if (!item) return;
      const range = rangeOf(file, ranges, [...podSpec, field, index]);
      if (!range) return;
      const symbol: DocumentSymbol = { name: abbreviateLongWords(name(item, index)), kind, range, selectionRange: range };
      const text = detail(item);
      if (text) symbol.detail = abbreviateLongWords(text);
      out.push(symbol);
    });
  };
  const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  list('initContainers', 'object', (c, i) => `init container ${str(c.name) ?? `#${i + 1}`}`, (c) => str(c.image));
  list('containers', 'object', (c, i) => `container ${str(c.name) ?? `#${i + 1}`}`, (c) => str(c.image));
  list(
    'tolerations',
    'key',
    (t) => {
      const key = str(t.key);
      const value = str(t.value);
      const effect = str(t.effect);
      const what = key ? `${key}${value ? `=${value}` : ''}` : 'every taint';
      return `toleration ${what}${effect ? `:${effect}` : ''}`;
    },
    (t) => str(t.operator),
  );
  list('volumes', 'field', (v, i) => `volume ${str(v.name) ?? `#${i + 1}`}`, (v) => Object.keys(v).find((k) => k !== 'name'));
  return out;
}

