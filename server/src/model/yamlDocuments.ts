/**
 * A YAML file split into its documents, each parsed with the `yaml` package
 * so that every key and value keeps its exact source range.
 *
 * Documents are split by a line scan for `---` / `...` markers rather than by
 * composing the whole stream at once: each document can then be parsed (and
 * cached by the caller) on its own, so an edit in one document of a large file
 * does not re-parse the others. Node ranges are relative to the document's
 * slice; `offset` converts them back to file offsets.
 */
import { constructFromEvents, YAMLException } from 'js-yaml';
import { Composer, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, Parser, YAMLParseError, type CST, type Document, type Node, type Pair } from 'yaml';
import { hasGoTemplates, maskGoTemplates, type BlockHole } from './goTemplates';
import type { FieldPath } from './fieldPath';
import { LineIndex, type Range } from './textPositions';
import { duplicateKeyOffsets } from './duplicateKeys';
import { locatePath } from './yamlEventLocator';
import type { IndexedText } from './yamlIndexRanges';
import { hasAnchors, readYamlEvents } from './yamlEvents';
import { readYamlFast } from './yamlFastReader';
import { listItemLines } from './listItemLines';
import { mayHoldNull, positionsOf, type YamlPositions } from './yamlPositions';

export interface YamlProblem {
  /** `yaml` package error code, e.g. DUPLICATE_KEY, BAD_INDENT, TAB_AS_INDENT. */
  code: string;
  message: string;
  severity: 'error' | 'warning';
  /** Offsets into the whole file. */
  start: number;
  end: number;
}

export interface YamlDocumentSlice {
  /** Offset of the slice's first character in the file. */
  offset: number;
  text: string;
}

export interface ParsedYamlDocument {
  /** Position of the document in the file, 0-based. */
  readonly index: number;
  /** Offset of the document's slice in the file. */
  readonly offset: number;
  /** The slice's text: the cache key for reuse across edits. */
  readonly text: string;
  /** The `yaml` package's AST with ranges; built on first use for documents read on the fast path. */
  readonly ast: Document.Parsed;
  /** Plain JavaScript value, or undefined when it cannot be built (e.g. too many aliases). */
  readonly value: unknown;
  readonly problems: YamlProblem[];
  /** Set for Helm/Go-template documents: what was masked to parse them. */
  readonly template?: DocumentTemplate;
  /**
   * A list document read item by item (parseListInPieces): each item's document, its offsets the
   * file's, numbered after the list's. Its items' paths (`items[n]…`) are placed in them.
   */
  readonly items?: readonly ParsedYamlDocument[];
}

export interface DocumentTemplate {
  /** Offsets [start, end), relative to the document's slice, of template actions that stand for values. */
  valueSpans: Array<[number, number]>;
  /** Whether whole lines were template actions, so content may be missing from what was parsed. */
  hasDirectiveLines: boolean;
  /** Actions alone on their line that emit YAML (offsets relative to the slice): unknown content there. */
  blockHoles: BlockHole[];
  /** Offsets [start, end), relative to the slice, of the kept bodies of conditional and range blocks. */
  branches: Array<[number, number]>;
}

/**
 * Holds what a document's one parse leaves for placing its findings, shared by
 * every re-based copy: the position index of its js-yaml events (fast path),
 * and its AST, composed at most once.
 */
interface AstHolder {
  ast?: Document.Parsed;
  /** Where the nodes of a document read on the fast path are (yamlPositions.ts). */
  positions?: YamlPositions;
  /** The text the AST is parsed from: the slice, with Go templates masked. */
  parseText: string;
  /** Whether parseText holds a `\r` that is not before a `\n`; computed on first use (rangeIndexOf). */
  loneCarriageReturn?: boolean;
}

class YamlDocument implements ParsedYamlDocument {
  constructor(
    readonly index: number,
    readonly offset: number,
    readonly text: string,
    readonly value: unknown,
    readonly problems: YamlProblem[],
    readonly holder: AstHolder,
    readonly template?: DocumentTemplate,
    readonly items?: readonly ParsedYamlDocument[],
  ) {}

  get ast(): Document.Parsed {
    return (this.holder.ast ??= parseAst(this.holder.parseText));
  }
}

export interface ParsedYamlFile {
  text: string;
  lines: LineIndex;
  documents: ParsedYamlDocument[];
}

/** Bounded alias expansion: a "billion laughs" document fails instead of exhausting memory. */
export const MAX_ALIAS_COUNT = 100;
/**
 * Deeper documents take the `yaml` path, whose errors carry ranges; deeper
 * than that, the `yaml` package does not compose them either (parseAst).
 */
const MAX_FAST_DEPTH = 1000;

const DOCUMENT_START = /^---(?:[ \t]|$)/;
const DOCUMENT_END = /^\.\.\.(?:[ \t]|$)/;

/**
 * Splits a YAML stream into document slices. A `---` line starts a new
 * document (unless only comments, directives or blank lines precede it since
 * the previous boundary); a `...` line ends one.
 */
export function splitYamlDocuments(text: string): YamlDocumentSlice[] {
  return splitScanningLines(text);
}

/** The split, noting each line's start offset in `lineStarts` on the way when given (one scan for both). */
function splitScanningLines(text: string, lineStarts?: number[]): YamlDocumentSlice[] {
  return scanSlices(text, 0, lineStarts).slices;
}

/**
 * The line scan of the split from `start`, a line where a document starts (0, a `---` line, or the
 * line after a `...` line): at any such line the scan's state is the same, whatever precedes it.
 * `stopAt` may end the scan at a line where a new slice starts; `stoppedAt` is then that offset.
 */
function scanSlices(
  text: string,
  start: number,
  lineStarts?: number[],
  stopAt?: (sliceStart: number) => boolean,
): { slices: YamlDocumentSlice[]; stoppedAt?: number } {
  const slices: YamlDocumentSlice[] = [];
  let sliceStart = start;
  let hasContent = false;
  let lineStart = start;
  const length = text.length;
  while (lineStart <= length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = length;
    const first = text.charCodeAt(lineStart);
    if (first === 45 /* - */ || first === 46 /* . */) {
      const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
      if (DOCUMENT_START.test(line)) {
        if (hasContent) {
          slices.push({ offset: sliceStart, text: text.slice(sliceStart, lineStart) });
          sliceStart = lineStart;
          if (stopAt?.(sliceStart)) return { slices, stoppedAt: sliceStart };
        }
        hasContent = true;
      } else if (DOCUMENT_END.test(line)) {
        const next = Math.min(lineEnd + 1, length);
        slices.push({ offset: sliceStart, text: text.slice(sliceStart, next) });
        sliceStart = next;
        hasContent = false;
        if (next < length && stopAt?.(sliceStart)) {
          lineStarts?.push(next);
          return { slices, stoppedAt: sliceStart };
        }
      } else {
        hasContent = true;
      }
    } else if (!hasContent && !isTrivialLine(text, lineStart, lineEnd)) {
      hasContent = true;
    }
    if (lineEnd === length) break;
    lineStart = lineEnd + 1;
    lineStarts?.push(lineStart);
  }
  if (sliceStart < length || slices.length === 0) {
    if (hasContent || slices.length === 0) {
      slices.push({ offset: sliceStart, text: text.slice(sliceStart) });
    } else {
      // Trailing comments after `...`: keep them with the last document.
      const last = slices[slices.length - 1];
      last.text += text.slice(sliceStart);
    }
  }
  return { slices };
}

/** Blank, comment-only or directive lines do not start a document by themselves. */
function isTrivialLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 0xfeff) continue;
    return c === 35 /* # */ || c === 37 /* % */;
  }
  return true;
}

/**
 * How many times documents were parsed since the process started: read on
 * the fast path (the fast reader's one pass, or js-yaml's events where it
 * declines) and `yaml` ASTs composed. Read by tests to prove that placing
 * findings never parses a document again.
 */
const parseCounts = { fast: 0, ast: 0 };

export function yamlParseCounts(): { fast: number; ast: number } {
  return { ...parseCounts };
}

// logLevel 'error': no process warnings (e.g. for collection keys) on a language server's stderr.
const AST_OPTIONS = { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, strict: true, logLevel: 'error' } as const;

/** The AST of a document nested too deeply to compose: empty, with the one error placed at `at`. */
function tooDeepAst(text: string, at: number): Document.Parsed {
  const empty = parseDocument('', AST_OPTIONS);
  empty.errors.push(new YAMLParseError([at, Math.min(at + 1, text.length)], 'RESOURCE_EXHAUSTION', 'Document is nested too deeply to be parsed'));
  return empty;
}

function parseAst(text: string): Document.Parsed {
  parseCounts.ast++;
  const options = AST_OPTIONS;
  const tooDeep = (at: number) => tooDeepAst(text, at);
  let tokens: CST.Token[];
  try {
    tokens = [...new Parser().parse(text)];
  } catch (error) {
    // The yaml package's parser recurses once per block level: thousands of levels exhaust the stack.
    // Such a document is reported as one problem on its first character instead of crashing the caller.
    if (!(error instanceof RangeError)) throw error;
    return tooDeep(0);
  }
  // Its composer recurses once per level of any kind, and at the edge of the stack V8 may abort the
  // whole process (a regular expression compiled there fails as "out of memory"): deep documents are
  // reported, never composed.
  const deep = firstTooDeepToken(tokens, MAX_FAST_DEPTH);
  if (deep !== undefined) return tooDeep(deep);
  // parseDocument, with the parser's tokens in hand.
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(options).compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  return doc ?? parseDocument('', options);
}

/**
 * The offset of a CST node inside `maxDepth` or more collections, if any; iterative. The bound
 * is js-yaml's (a node at depth `maxDepth` or more, counting from 0 at the root), so a document is
 * too deep whichever parser finds it so.
 */
function firstTooDeepToken(tokens: readonly CST.Token[], maxDepth: number): number | undefined {
  const stack: Array<[CST.Token | undefined, number]> = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token | undefined, number];
    if (!token) continue;
    if (token.type === 'document') stack.push([token.value, depth]);
    else if (depth >= maxDepth) return token.offset;
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) stack.push([item.key ?? undefined, depth + 1], [item.value, depth + 1]);
    }
  }
  return undefined;
}

/** Where js-yaml stopped a document for nesting deeper than its bound, if that is why it failed. */
function depthExceededAt(error: unknown): number | undefined {
  return error instanceof YAMLException && error.reason.startsWith('nesting exceeded maxDepth') ? (error.mark?.position ?? 0) : undefined;
}

/**
 * Parses one document slice. Pure: the same slice always gives an equal result.
 *
 * Most documents are valid YAML, and most of them never need ranges (only
 * those with a finding, or under the cursor, do). So the value is read first
 * with js-yaml, about nine times faster than composing the `yaml` AST, with
 * the same YAML 1.2 core schema and the same alias bound; the AST is built
 * lazily, and diagnostics are placed from js-yaml's events where they can be.
 * Duplicate keys, the commonest YAML mistake, are found in the events too.
 * Anything else js-yaml rejects (syntax errors, custom tags, alias bombs,
 * empty documents) takes the `yaml` path, which reports the problem with its
 * exact range.
 */
export function parseYamlDocument(slice: YamlDocumentSlice, index: number, previousItem?: PreviousListItem): ParsedYamlDocument {
  let parseText = slice.text;
  let template: DocumentTemplate | undefined;
  if (hasGoTemplates(slice.text)) {
    const mask = maskGoTemplates(slice.text);
    parseText = mask.text;
    template = { valueSpans: mask.valueSpans, hasDirectiveLines: mask.hasDirectiveLines, blockHoles: mask.blockHoles, branches: mask.branches };
  }
  const inPieces = template ? undefined : parseListInPieces(slice, index, previousItem);
  if (inPieces) return inPieces;
  if (isEmptyDocument(parseText)) {
    // Nothing but markers, comments and blank lines: null, as the yaml package reads it, with no
    // parse at all — a stream of thousands of `---` lines would compose thousands of empty ASTs.
    return new YamlDocument(index, slice.offset, slice.text, null, [], { parseText }, template);
  }
  let fast: ReturnType<typeof loadFast>;
  try {
    fast = loadFast(parseText);
  } catch (error) {
    const at = depthExceededAt(error);
    if (at === undefined) throw error;
    // Too deep for js-yaml is too deep for the yaml package (one bound, firstTooDeepToken): reported where
    // js-yaml stopped, never parsed again — the yaml package would lex and parse every level before the bound is checked.
    const problem: YamlProblem = { code: 'RESOURCE_EXHAUSTION', message: 'Document is nested too deeply to be parsed', severity: 'error', start: slice.offset + at, end: slice.offset + Math.min(at + 1, parseText.length) };
    return new YamlDocument(index, slice.offset, slice.text, null, [problem], { ast: tooDeepAst(parseText, at), parseText }, template);
  }
  if (fast) {
    const problems = fast.duplicateKeys.map((start): YamlProblem => ({
      code: 'DUPLICATE_KEY',
      message: 'Map keys must be unique',
      severity: 'error',
      start: slice.offset + start,
      end: slice.offset + start + 1,
    }));
    return new YamlDocument(index, slice.offset, slice.text, fast.value, problems, { parseText, positions: fast.positions }, template);
  }
  return parseWithAst(slice, index, parseText, template);
}

/**
 * An item of a list document read as a document of its own (listItemDocuments.ts): `slice` is the
 * item's lines in the file, `parseText` the same text with the item's `-` indicator blanked, so the
 * item is a block mapping indented as in the file and every offset is the file's. Its YAML problems
 * are the list document's, which reports them: the item has none. Undefined when the item does not
 * read as a document alone (e.g. an alias of an anchor in another item).
 */
export function parseListItemDocument(slice: YamlDocumentSlice, index: number, parseText: string): ParsedYamlDocument | undefined {
  let fast: ReturnType<typeof loadFast>;
  try {
    fast = loadFast(parseText);
  } catch {
    return undefined;
  }
  if (fast) return new YamlDocument(index, slice.offset, slice.text, fast.value, [], { parseText, positions: fast.positions });
  const parsed = parseWithAst(slice, index, parseText, undefined);
  if (hasYamlErrors(parsed) || parsed.value === undefined) return undefined;
  return new YamlDocument(index, slice.offset, slice.text, parsed.value, [], (parsed as YamlDocument).holder);
}

/**
 * The document of an item of the previous version's list documents with this text, if any (the
 * item's position among `count` items tells where to look first): what an edit leaves of a list.
 */
export type PreviousListItem = (text: string, position: number, count: number) => ParsedYamlDocument | undefined;

/**
 * A list document in kubectl's block layout (listItemLines.ts) read item by item: each item from
 * its own lines with its `-` blanked (a block mapping indented as in the file, so every offset is
 * the file's), by the fast reader alone, and the rest of the list (`apiVersion`, `kind`,
 * `metadata`) from the text with the items' lines blanked; its value is that mapping with the
 * items' values. The value is the whole document's: no line of an item the fast reader reads is at
 * or left of its `-`, and the fast reader's answer is js-yaml's or none. An item that is broken
 * YAML is read with its problems (brokenListItem), which are the list's too. Undefined — read
 * whole — when another item is not a mapping the fast reader reads (an alias of another item's
 * anchor, a multi-line scalar) or the rest does not read as a mapping with `items` empty.
 * A thousand DaemonSets of `kubectl get ds -A -o yaml` are read as a stream of a thousand
 * documents is, and an edit reads again the item it changed (`previousItem`, whose unchanged items
 * are taken over; the items read anew are read from a copy of their text, which keeps no version
 * of the file alive). The list has no position index: a path into an item is placed in the item's
 * document (offsetsOfPath), anything else in the AST, composed on demand.
 */
function parseListInPieces(slice: YamlDocumentSlice, index: number, previousItem: PreviousListItem | undefined): ParsedYamlDocument | undefined {
  const text = slice.text;
  const lines = listItemLines(text);
  if (!lines) return undefined;
  // The rest first (a text whose rest does not read is read whole, its items not read at all), the
  // items' lines as one comment line of the same length: the reader steps over it at once.
  const blanked = lines.end - lines.start;
  const blank = text.charCodeAt(lines.end - 1) === 10 ? `#${' '.repeat(blanked - 2)}\n` : `#${' '.repeat(blanked - 1)}`;
  let rest: ReturnType<typeof loadFast>;
  try {
    rest = loadFast(`${text.slice(0, lines.start)}${blank}${text.slice(lines.end)}`);
  } catch {
    return undefined;
  }
  if (!rest || !isPlainObject(rest.value) || !Object.prototype.hasOwnProperty.call(rest.value, 'items') || rest.value.items !== null) return undefined;
  const items: ParsedYamlDocument[] = [];
  const values: unknown[] = [];
  const itemProblems: YamlProblem[] = [];
  const count = lines.items.length;
  for (let i = 0; i < count; i++) {
    const { start, dash, end } = lines.items[i];
    const itemText = text.slice(start, end);
    const offset = slice.offset + start;
    const itemIndex = index + 1 + i;
    const previous = previousItem?.(itemText, i, count);
    let item: ParsedYamlDocument;
    if (previous) {
      item = previous.offset === offset && previous.index === itemIndex ? previous : rebaseDocument(previous, offset, itemIndex);
    } else {
      const own = previousItem ? detachedCopy(itemText) : itemText;
      const parseText = `${own.slice(0, dash - start)} ${own.slice(dash - start + 1)}`;
      parseCounts.fast++;
      const read = readYamlFast(parseText);
      if (read && isPlainObject(read.value)) item = new YamlDocument(itemIndex, offset, own, read.value, [], { parseText, positions: read.positions });
      else {
        const broken = brokenListItem({ offset, text: own }, itemIndex, parseText);
        if (!broken) return undefined;
        item = broken;
      }
    }
    items.push(item);
    values.push(item.value);
    if (item.problems.length > 0) itemProblems.push(...item.problems);
  }
  // js-yaml reads a list that is valid but for duplicate keys, and places each at its key; the
  // `yaml` package reads a list with other errors or with anchors, and places a duplicate after an
  // empty value at that value. With both in its items the list is read whole, as it places them.
  const otherErrors = itemProblems.some((problem) => problem.code !== 'DUPLICATE_KEY');
  const onlyDuplicates = items.some((item) => item.problems.length > 0 && item.problems.every((problem) => problem.code === 'DUPLICATE_KEY'));
  if (onlyDuplicates && (otherErrors || MAYBE_ANCHOR.test(text))) return undefined;
  if (rest.duplicateKeys.length > 0 && (otherErrors || MAYBE_ANCHOR.test(text))) return undefined;
  rest.value.items = values;
  const problems = rest.duplicateKeys.map((start): YamlProblem => ({ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', severity: 'error', start: slice.offset + start, end: slice.offset + start + 1 }));
  // The file's problems: the list's own and its broken items' (which report them in the objects' view).
  // Each item's in the order its parse gives them (the whole list's), the list's own among them by place.
  if (itemProblems.length > 0) {
    const own = problems.splice(0);
    for (const problem of itemProblems) {
      while (own.length > 0 && own[0].start < problem.start) problems.push(own.shift() as YamlProblem);
      problems.push(problem);
    }
    problems.push(...own);
    // A collection key is reported after the parse's errors, once, the first: so the whole list does.
    const keys = problems.filter((problem) => problem.code === 'COLLECTION_KEY');
    if (keys.length > 1) return undefined;
    if (keys.length === 1) problems.push(...problems.splice(problems.indexOf(keys[0]), 1));
  }
  return new YamlDocument(index, slice.offset, text, rest.value, problems, { parseText: text }, undefined, items);
}

/**
 * After the item's lines, as the parse reads them here: a comment holding both quotes. A quoted
 * scalar left open in an item then ends at its first line break the next line is not indented
 * past, as it does in the whole list, where a later item nearly always holds that quote; without
 * it, it would run to the item's end. A comment changes nothing else of what is read.
 */
const BROKEN_ITEM_TAIL = `#"'`;
const ITEMS_KEY = 'items:\n';

/**
 * An item of a list read item by item that the fast reader declines because it is broken (a
 * duplicate key, a half-typed line, a quote left open): read with the `yaml` package, its problems
 * its own, placed as the parse of the whole list places them, so that the list's other items are
 * read and linted as they are when it is valid, as a broken document leaves the others of its
 * file. Undefined — the list read whole — when the item is valid YAML the fast reader does not
 * take (a multi-line scalar, an anchor), when it may hold an alias, or when a problem lies past
 * the item's lines (what follows the item in the file would decide it).
 */
function brokenListItem(slice: YamlDocumentSlice, index: number, parseText: string): ParsedYamlDocument | undefined {
  // An alias may name another item's anchor: read alone, the item would be broken where the list is not.
  if (MAYBE_ALIAS.test(parseText)) return undefined;
  // A line left of the item's first key (between the `-` and it) is read by the whole list as an
  // item of the list's (`Sequence item without - indicator`), which the item's lines do not tell.
  const first = /^( *)[^ \r\n#]/m.exec(parseText);
  if (first && first[1].length > 0 && new RegExp(`\\n {0,${first[1].length - 1}}[^ \\r\\n#]`).test(parseText.slice(first.index))) return undefined;
  // Valid YAML but for duplicate keys: read as a document is (parseYamlDocument), by js-yaml, each
  // duplicate placed at its key as the whole list places it (the yaml package places one after a
  // key with no value at that key's line end).
  let fast: ReturnType<typeof loadFast> | undefined;
  try {
    fast = loadFast(parseText);
  } catch {
    fast = undefined;
  }
  if (fast) {
    // Valid YAML the fast reader does not take (a multi-line scalar, a line break it does not know): the list is read whole.
    if (fast.duplicateKeys.length === 0) return undefined;
    const problems = fast.duplicateKeys.map(
      (start): YamlProblem => ({ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', severity: 'error', start: slice.offset + start, end: slice.offset + start + 1 }),
    );
    return new YamlDocument(index, slice.offset, slice.text, fast.value, problems, { parseText, positions: fast.positions });
  }
  const tail = parseText.endsWith('\n') ? BROKEN_ITEM_TAIL : `\n${BROKEN_ITEM_TAIL}`;
  // The problems are those of the item with its `-` under `items:`, as in the list: the `yaml`
  // package recovers from some errors (a tab in a block scalar) differently there than in a mapping.
  const inList = parseWithAst({ offset: slice.offset - ITEMS_KEY.length, text: slice.text }, index, `${ITEMS_KEY}${slice.text}${tail}`, undefined);
  const problems = inList.problems;
  // A problem that reaches the item's last character may go on in what follows it (a plain scalar
  // read as a key with the next line): what follows decides it, so the list is read whole.
  const contentEnd = slice.offset + parseText.trimEnd().length;
  if (!hasYamlErrors(inList) || problems.some((problem) => problem.start < slice.offset || problem.end >= contentEnd)) return undefined;
  // An alias that cannot be expanded is reported at the document's start: the whole list's. A
  // stray `}` or `]` leaves the `yaml` package reading what follows the item as broken too.
  const stray = (problem: YamlProblem) => problem.code === 'UNEXPECTED_TOKEN' && /[}\]]/.test(parseText.charAt(problem.start - slice.offset));
  // A collection read as an implicit key far from the item's end: the whole list's next key, past
  // the item, may be more than 1024 characters after that key's start (KEY_OVER_1024_CHARS).
  const farKey = (problem: YamlProblem) => problem.code === 'COLLECTION_KEY' && slice.offset + slice.text.length - problem.start > 512;
  if (problems.some((problem) => problem.code === 'ALIAS_LIMIT' || stray(problem) || farKey(problem))) return undefined;
  // Its value and AST are the item's, read with its `-` blanked.
  const parsed = parseWithAst(slice, index, `${parseText}${tail}`, undefined);
  return new YamlDocument(index, slice.offset, slice.text, parsed.value, problems, (parsed as YamlDocument).holder);
}

/**
 * A list document read item by item as the objects' view shows it (listItemDocuments.ts), at
 * `index`: with its own problems, those of its items left to them.
 */
export function listWithOwnProblems(doc: ParsedYamlDocument, index: number): ParsedYamlDocument {
  const list = doc.index === index ? doc : rebaseDocument(doc, doc.offset, index);
  const items = list.items ?? [];
  if (!items.some((item) => item.problems.length > 0)) return list;
  const last = items[items.length - 1];
  const [start, end] = [items[0].offset, last.offset + last.text.length];
  const problems = list.problems.filter((problem) => problem.start < start || problem.start >= end);
  const holder: AstHolder = list instanceof YamlDocument ? list.holder : { ast: list.ast, parseText: list.text };
  return new YamlDocument(index, list.offset, list.text, list.value, problems, holder, list.template, items);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A line that is blank (spaces only), a comment, or a bare `---` / `...` marker with at most a comment. */
const EMPTY_LINE = /^(?:(?:---|\.\.\.)(?: +#.*| *)|(?: *#.*| *))$/;

/** Whether a document slice holds nothing: its value is null and it has no problems. */
export function isEmptyDocument(text: string): boolean {
  if (text.length > 10_000) return false; // an empty document is short; a long one is read in full
  // Line by line up to the first with content, which is the first or second of nearly every document.
  const lineBreak = /\r\n|\r|\n/g;
  let start = 0;
  for (;;) {
    const found = lineBreak.exec(text);
    if (!EMPTY_LINE.test(text.slice(start, found ? found.index : text.length))) return false;
    if (!found) return true;
    start = found.index + found[0].length;
  }
}

/**
 * js-yaml bounds the number of aliases, not what they expand to, and keeps
 * shared references that any walk over the value would expand: documents
 * with anchors that the fast reader declines (it takes only a few aliases,
 * none inside an anchored node) take the `yaml` path, whose bound counts
 * expanded nodes.
 * The pattern only says that there may be one: `sh -c "a && b"`, common in
 * manifests, matches it too, so the events decide (hasAnchors).
 */
const MAYBE_ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},]/;
/** The same for an alias, or an anchor. */
const MAYBE_ALIAS = /(?:^|[\s[{,])[&*][^\s[\]{},]/;

/**
 * The value of a document js-yaml can read, with the offsets of its duplicate
 * keys and the position index of its nodes; undefined otherwise.
 */
function loadFast(text: string): { value: unknown; duplicateKeys: number[]; positions: YamlPositions } | undefined {
  parseCounts.fast++;
  // Manifests' block YAML in one pass, value and index at once; js-yaml's events for the rest.
  const read = readYamlFast(text);
  if (read) return { value: read.value, duplicateKeys: [], positions: read.positions };
  try {
    const events = readYamlEvents(text, MAX_FAST_DEPTH);
    if (MAYBE_ANCHOR.test(text) && hasAnchors(events)) return undefined;
    const positions = positionsOf(events);
    let values: unknown[];
    let duplicateKeys: number[] = [];
    try {
      values = constructFromEvents(events, { source: text, maxAliases: MAX_ALIAS_COUNT });
    } catch (error) {
      if (!(error instanceof YAMLException) || !error.reason.startsWith('duplicated mapping key')) throw error;
      // js-yaml compares keys as strings, the `yaml` package by value (`1` and "1" differ): judge them as it does.
      const offsets = duplicateKeyOffsets(positions, text);
      if (!offsets) return undefined;
      duplicateKeys = offsets;
      // Later values win, as they do when the `yaml` package turns its AST into values.
      values = constructFromEvents(events, { source: text, maxAliases: MAX_ALIAS_COUNT, json: true });
    }
    // No value (an empty document) or several: the AST path gives null and its problems.
    return values.length === 1 && values[0] !== undefined ? { value: values[0], duplicateKeys, positions } : undefined;
  } catch (error) {
    // Nested past the bound: the caller reports it as such rather than parse it again (parseYamlDocument).
    if (depthExceededAt(error) !== undefined) throw error;
    return undefined;
  }
}

function parseWithAst(
  slice: YamlDocumentSlice,
  index: number,
  parseText: string,
  template: DocumentTemplate | undefined,
): ParsedYamlDocument {
  const ast = parseAst(parseText);
  const toProblem = (severity: YamlProblem['severity']) => (error: { code: string; message: string; pos: [number, number] }): YamlProblem => ({
    code: error.code,
    message: cleanMessage(error.message),
    severity,
    start: slice.offset + error.pos[0],
    end: slice.offset + Math.max(error.pos[1], error.pos[0] + 1),
  });
  const problems: YamlProblem[] = [...ast.errors.map(toProblem('error')), ...ast.warnings.map(toProblem('warning'))];
  let value: unknown;
  const complexKey = firstCollectionKey(ast);
  try {
    if (complexKey) {
      // toJS turns a collection key into a string, at a cost exponential in its nesting (`{[{[{…`).
      value = undefined;
      const [start, end] = complexKey.range ?? [0, 1];
      problems.push({ code: 'COLLECTION_KEY', message: 'A collection cannot be a key here: Kubernetes objects have only string keys', severity: 'error', start: slice.offset + start, end: slice.offset + Math.max(end, start + 1) });
    } else {
      value = ast.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
  } catch (error) {
    value = undefined;
    const contents = ast.contents;
    const start = contents?.range ? contents.range[0] : 0;
    problems.push({
      code: 'ALIAS_LIMIT',
      message: `Document cannot be expanded: ${error instanceof Error ? cleanMessage(error.message) : String(error)}`,
      severity: 'error',
      start: slice.offset + start,
      end: slice.offset + start + 1,
    });
  }
  return new YamlDocument(index, slice.offset, slice.text, value, problems, { ast, parseText }, template);
}

/** The first mapping key that is a collection; iterative, so deep documents cannot exhaust the stack. */
function firstCollectionKey(ast: Document.Parsed): Node | undefined {
  const stack: unknown[] = [ast.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      if (isCollection(node.key)) return node.key;
      stack.push(node.value);
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}

function cleanMessage(message: string): string {
  // The yaml package appends " at line N, column M" plus a code excerpt; ranges carry that information.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/** How an edit left a file's text: its first `prefix` and last `suffix` characters are as they were in `previous`'s. */
export interface UnchangedEnds {
  previous: ParsedYamlFile;
  prefix: number;
  suffix: number;
}

/**
 * Parses every document of a file. `reuse` lets a caller hand back the
 * previous parse of an unchanged slice (same text): it is then re-based to
 * its new offset instead of being parsed again. With `edited`, only the lines
 * around the edit are split again: the documents before it are kept, those
 * after it moved, and the line index is patched rather than built again.
 */
export function parseYamlFile(
  text: string,
  reuse?: (slice: YamlDocumentSlice, index: number, count: number) => ParsedYamlDocument | undefined,
  edited?: UnchangedEnds,
): ParsedYamlFile {
  const resplit = edited && splitAroundEdit(text, edited);
  if (resplit) {
    const { kept, slices, moved, delta } = resplit;
    const count = kept.length + slices.length + moved.length;
    const documents = [...kept];
    slices.forEach((slice, i) => documents.push(documentOf(slice, kept.length + i, count, reuse)));
    moved.forEach((doc, i) => {
      const index = kept.length + slices.length + i;
      documents.push(delta === 0 && doc.index === index ? doc : rebaseDocument(doc, doc.offset + delta, index));
    });
    return { text, lines: new LineIndex(text, resplit.lineStarts), documents };
  }
  // Without \r, the split's line scan is the line index's too: a large file is scanned once, not twice.
  const lineStarts = text.includes('\r') ? undefined : [0];
  const slices = splitScanningLines(text, lineStarts);
  const documents = slices.map((slice, index) => documentOf(slice, index, slices.length, reuse));
  return { text, lines: new LineIndex(text, lineStarts), documents };
}

/**
 * Parses only the documents of a file whose slice `wanted` accepts; the others are left out of
 * `documents` (each kept document has its index and offset in the whole file, and the line index
 * covers the whole text). For readers that need a few kinds from a large stream, such as a
 * rendered chart of thousands of documents: they tell from a slice's text which to skip.
 */
export function parseYamlFileDocuments(text: string, wanted: (slice: YamlDocumentSlice) => boolean): ParsedYamlFile {
  const lineStarts = text.includes('\r') ? undefined : [0];
  const slices = splitScanningLines(text, lineStarts);
  const documents: ParsedYamlDocument[] = [];
  slices.forEach((slice, index) => {
    if (wanted(slice)) documents.push(parseYamlDocument(slice, index));
  });
  return { text, lines: new LineIndex(text, lineStarts), documents };
}

function documentOf(
  slice: YamlDocumentSlice,
  index: number,
  count: number,
  reuse?: (slice: YamlDocumentSlice, index: number, count: number) => ParsedYamlDocument | undefined,
): ParsedYamlDocument {
  const cached = reuse?.(slice, index, count);
  if (cached) return cached.offset === slice.offset && cached.index === index ? cached : rebaseDocument(cached, slice.offset, index);
  return parseYamlDocument(slice, index);
}

/**
 * The split of an edited text from the previous one's: the documents wholly before the edit are
 * kept, except the last of them (its end depends on the line after it), the lines from there are
 * scanned until a document starts where one started before, in the unchanged end, and the
 * documents from there on are moved by `delta`. Undefined when a text holds a \r (the line
 * index then reads line breaks itself).
 */
function splitAroundEdit(
  text: string,
  { previous, prefix, suffix }: UnchangedEnds,
): { kept: ParsedYamlDocument[]; slices: YamlDocumentSlice[]; moved: ParsedYamlDocument[]; delta: number; lineStarts: number[] } | undefined {
  const old = previous.documents;
  const delta = text.length - previous.text.length;
  const unchangedEnd = Math.min(suffix, Math.min(text.length, previous.text.length) - prefix);
  if (old.length === 0 || prefix < 0 || unchangedEnd < 0) return undefined;
  if (previous.lines.hasCarriageReturn || text.slice(prefix, text.length - unchangedEnd).includes('\r')) return undefined;
  // The document holding the last unchanged character before the edit, and the one before it.
  const holding = prefix === 0 ? 0 : lastAtOrBefore(old.length, (i) => old[i].offset, prefix - 1);
  const first = Math.max(0, holding - 1);
  const start = old[first].offset;
  const oldLines = previous.lines.lineStarts;
  const before = lastAtOrBefore(oldLines.length, (i) => oldLines[i], start) + 1;
  const unchangedFrom = text.length - unchangedEnd;
  const oldDocumentAt = (offset: number): number | undefined => {
    const at = offset - delta;
    const i = lastAtOrBefore(old.length, (j) => old[j].offset, at);
    return i > first && old[i].offset === at ? i : undefined;
  };
  // The starts of the lines after `start` that the scan reads, up to the unchanged end's first line.
  const scannedLines: number[] = [];
  const scanned = scanSlices(text, start, scannedLines, (sliceStart) => sliceStart >= unchangedFrom && oldDocumentAt(sliceStart) !== undefined);
  const kept = old.slice(0, first);
  // Scanned to the end: no line after the scan is the previous text's.
  if (scanned.stoppedAt === undefined) return { kept, slices: scanned.slices, moved: [], delta, lineStarts: patchedLineStarts(oldLines, before, oldLines.length, scannedLines, delta) };
  const moved = old.slice(oldDocumentAt(scanned.stoppedAt) as number);
  const after = lastAtOrBefore(oldLines.length, (j) => oldLines[j], scanned.stoppedAt - delta) + 1;
  return { kept, slices: scanned.slices, moved, delta, lineStarts: patchedLineStarts(oldLines, before, after, scannedLines, delta) };
}

/**
 * The previous text's line starts with those in [before, after) replaced by `scanned` and those
 * from `after` on moved by `delta`: one copy of the array, patched in place. Built by pushing, a
 * file's array of hundreds of thousands of lines grew (and was copied) twice per edit.
 */
function patchedLineStarts(oldLines: readonly number[], before: number, after: number, scanned: readonly number[], delta: number): number[] {
  // Spread arguments are bounded by the stack: a paste of many lines is pushed.
  if (scanned.length > 8192) {
    const lineStarts = oldLines.slice(0, before);
    for (const start of scanned) lineStarts.push(start);
    for (let i = after; i < oldLines.length; i++) lineStarts.push(oldLines[i] + delta);
    return lineStarts;
  }
  const lineStarts = oldLines.slice();
  if (scanned.length === after - before) for (let i = 0; i < scanned.length; i++) lineStarts[before + i] = scanned[i];
  else lineStarts.splice(before, after - before, ...scanned);
  if (delta !== 0) for (let i = before + scanned.length; i < lineStarts.length; i++) lineStarts[i] += delta;
  return lineStarts;
}

/** The last index in [0, length) whose ascending key is at most `value` (0 when none is). */
function lastAtOrBefore(length: number, key: (index: number) => number, value: number): number {
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (key(mid) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The document at another offset and index, sharing its parse (its AST holder): nothing is parsed again. */
export function rebaseDocument(doc: ParsedYamlDocument, offset: number, index: number): ParsedYamlDocument {
  const delta = offset - doc.offset;
  const problems = doc.problems.map((p) => ({ ...p, start: p.start + delta, end: p.end + delta }));
  // Share the AST holder, so a document parsed once is never parsed again after it moves.
  const holder: AstHolder = doc instanceof YamlDocument ? doc.holder : { ast: doc.ast, parseText: doc.text };
  const items = doc.items?.map((item, i) => rebaseDocument(item, item.offset + delta, index + 1 + i));
  return new YamlDocument(index, offset, doc.text, doc.value, problems, holder, doc.template, items);
}

/** The same characters in a string of their own, which keeps no larger string alive (JSON.parse builds a new one). */
export function detachedCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** Whether the document has a YAML error (not just a warning): its value may be partial or missing. */
export function hasYamlErrors(doc: ParsedYamlDocument): boolean {
  return doc.problems.some((problem) => problem.severity === 'error');
}

/** The kind of a document's top-level value, for cheap content-based detection. */
export function topLevelString(doc: ParsedYamlDocument, key: string): string | undefined {
  const value = doc.value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const field = (value as Record<string, unknown>)[key];
    return typeof field === 'string' ? field : undefined;
  }
  return undefined;
}

export interface NodeAtPath {
  /** The key node of the last segment (absent for sequence items and the root). */
  key?: Node;
  /** The value node, absent when the key has no value or the path stops early. */
  value?: Node | null;
  /** How many segments of the path exist in the document. */
  depth: number;
}

/**
 * Walks a document's AST along a field path. Stops at the deepest existing
 * node, so a diagnostic about a missing field can land on its parent.
 */
export function findNodeAtPath(doc: ParsedYamlDocument, path: FieldPath): NodeAtPath {
  let current: Node | null | undefined = doc.ast.contents;
  let result: NodeAtPath = { value: current, depth: 0 };
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment === 'number' && isSeq(current)) {
      const item = current.items[segment] as Node | undefined;
      if (item === undefined) return result;
      current = item;
      result = { value: item, depth: i + 1 };
    } else if (typeof segment === 'string' && isMap(current)) {
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === segment) as
        | Pair<Node, Node | null>
        | undefined;
      if (!pair) return result;
      current = pair.value;
      result = { key: pair.key, value: pair.value, depth: i + 1 };
    } else {
      return result;
    }
  }
  return result;
}

/** File offsets [start, end) of a node, or undefined when it has no range. */
export function nodeOffsets(doc: ParsedYamlDocument, node: Node | null | undefined): [number, number] | undefined {
  if (!node || !node.range) return undefined;
  return [doc.offset + node.range[0], doc.offset + node.range[1]];
}

/**
 * The source range to report for a path: the value of the field, or its key
 * when the value is a block collection (so the squiggle stays on one line), or
 * the deepest existing ancestor's key when the path does not exist.
 */
export function rangeOfPath(
  file: ParsedYamlFile,
  doc: ParsedYamlDocument,
  path: FieldPath,
  prefer: 'key' | 'value' = 'value',
): Range {
  const offsets = offsetsOfPath(doc, path, prefer);
  return file.lines.rangeAt(offsets[0], offsets[1]);
}

/**
 * Whether the document's value may hold a null anywhere: false only when the
 * position index of its one parse says no node can read as null (mayHoldNull).
 */
export function documentMayHoldNull(doc: ParsedYamlDocument): boolean {
  return !(doc instanceof YamlDocument && doc.holder.positions) || mayHoldNull(doc.holder.positions, doc.holder.parseText);
}

/** The file offsets [start, end) rangeOfPath turns into a range; `doc.offset` away from a slice's own offsets. */
export function offsetsOfPath(doc: ParsedYamlDocument, path: FieldPath, prefer: 'key' | 'value' = 'value'): [number, number] {
  // A list read item by item: a path into an item is placed in the item's document.
  const item = doc.items && path.length > 1 && path[0] === 'items' && typeof path[1] === 'number' ? doc.items[path[1]] : undefined;
  if (item) return offsetsOfPath(item, path.slice(2), path.length === 2 ? 'value' : prefer);
  return offsetsFromEvents(doc, path, prefer) ?? offsetsFromAst(doc, path, prefer);
}

function offsetsFromAst(doc: ParsedYamlDocument, path: FieldPath, prefer: 'key' | 'value'): [number, number] {
  const found = findNodeAtPath(doc, path);
  const preferKey = prefer === 'key' || found.depth < path.length || isMap(found.value) || isSeq(found.value);
  let offsets: [number, number] | undefined;
  if (preferKey && found.key) {
    offsets = nodeOffsets(doc, found.key);
  } else if (!found.key && isMap(found.value) && found.value.items.length > 0) {
    // A sequence item that is a map (`- key: a`): underline its first entry, not every line of it.
    const first = found.value.items[0];
    const start = nodeOffsets(doc, first.key as Node | null);
    const end = nodeOffsets(doc, (first.value as Node | null) ?? (first.key as Node | null));
    if (start && end) offsets = [start[0], isMap(first.value) || isSeq(first.value) ? start[1] : end[1]];
  } else {
    offsets = nodeOffsets(doc, found.value ?? found.key);
  }
  return offsets ?? firstContentOffsets(doc);
}

/**
 * The same offsets from the position index of a document read on the fast
 * path whose AST was never needed, kept from its one parse: composing the AST
 * costs far more. Undefined when the index cannot tell.
 */
function offsetsFromEvents(doc: ParsedYamlDocument, path: FieldPath, prefer: 'key' | 'value'): [number, number] | undefined {
  const index = positionIndexOf(doc);
  const local = index && locatePath(index.positions, index.text, path, prefer);
  return local && [doc.offset + local[0], doc.offset + local[1]];
}

/**
 * The position index of a document read on the fast path whose AST was
 * never composed, with the text it indexes (Go templates masked, offsets as
 * in the slice): what places its nodes without composing the AST
 * (yamlEventLocator.ts, yamlIndexRanges.ts). Undefined once the AST is
 * composed: walking it is then as cheap, and it is the reference.
 */
export function positionIndexOf(doc: ParsedYamlDocument): IndexedText | undefined {
  if (!(doc instanceof YamlDocument) || doc.holder.ast || !doc.holder.positions) return undefined;
  return { positions: doc.holder.positions, text: doc.holder.parseText };
}

/**
 * positionIndexOf for what yamlIndexRanges.ts reads (outline, code lens,
 * field under the cursor, setKey): not for a text with a lone `\r`, where
 * js-yaml and the `yaml` package end a plain scalar at different places.
 */
export function rangeIndexOf(doc: ParsedYamlDocument): IndexedText | undefined {
  const index = positionIndexOf(doc);
  if (!index) return undefined;
  const holder = (doc as YamlDocument).holder;
  holder.loneCarriageReturn ??= /\r(?!\n)/.test(holder.parseText);
  return holder.loneCarriageReturn ? undefined : index;
}

/** The range of the document's first line of content: where whole-document problems go. */
export function firstContentOffsets(doc: ParsedYamlDocument): [number, number] {
  const contents = doc.ast.contents;
  if (contents && contents.range) {
    if (isMap(contents) && contents.items.length > 0) {
      const first = contents.items[0];
      if (isPair(first) && isScalar(first.key) && first.key.range) {
        return [doc.offset + first.key.range[0], doc.offset + first.key.range[1]];
      }
    }
    return [doc.offset + contents.range[0], doc.offset + Math.min(contents.range[1], contents.range[0] + 1)];
  }
  return [doc.offset, doc.offset];
}
