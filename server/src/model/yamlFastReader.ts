/**
 * One pass over a document written the way manifests are — block mappings
 * and sequences, one-line plain and quoted scalars, short one-line flow
 * collections (`{cpu: 100m}`, `["a", "b"]`, `{drop: [ALL]}`), literal and folded block
 * scalars, comments, a `%YAML 1.2` directive, a closing `...`, anchors
 * with their aliases in block context, and a document that is one flow
 * collection over any number of lines, as JSON is (`kubectl get -o json`,
 * `jq -c`) — that builds its value and its position index
 * (yamlPositions.ts) at once, without js-yaml's event objects. A document's
 * first parse is most of the time to first diagnostics, and js-yaml's
 * general parser, cold at that point, does far more per byte.
 *
 * The value and the index must be exactly what js-yaml's events give
 * (parseEvents, constructFromEvents with the YAML 1.2 core schema, then
 * positionsOf), including each scalar's source range, style, chomping,
 * indentation and "fast" flag, and each collection's start. So the reader
 * takes only what it reads exactly as js-yaml does and answers undefined on
 * anything else — tags, `?` keys, other directives, anchors on keys, empty
 * values or block scalars, aliases inside anchored nodes or as keys, multi-line
 * plain or quoted scalars, multi-line flow collections but at the document's
 * root (and there comments, a key and its `:` on different lines, a value on
 * the line after its `:`, a line starting with `-`, `.` or `%`), tabs (but in the content of block scalars), a carriage
 * return but in `\r\n`, a byte-order mark, characters js-yaml rejects, duplicate
 * or `__proto__` keys, and every syntax error — and the caller parses the
 * document with js-yaml (yamlDocuments.loadFast).
 *
 * A document with anchors must also read as the `yaml` package's AST gives
 * it (yamlDocuments.loadFast sends such documents there when js-yaml reads
 * them): an alias is the anchored node's own value, as in both, and the
 * reader declines any alias inside an anchored node and more than
 * MAX_ALIASES aliases, so that no bound on alias expansion (js-yaml's count,
 * the `yaml` package's count times nesting) could have stopped the document.
 * test/server/model/yamlFastReader.test.ts compares both on every fixture,
 * example, bench corpus shape and on generated documents.
 */
import { CHOMPING_MODE, COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, type ChompingMode, type ScalarStyle } from 'js-yaml';
import { canStartPlainScalar, closingQuoteOnLine, COLON, CR, DASH, endOfLine, HASH, hasQuoteEscapes, indentOf, isDashItem, LINE_FEED, lineContentEnd, onlyCommentFollows, SPACE, TAB } from './yamlLineScan';
import { decodeScalar, resolvePlainScalar } from './yamlEvents';
import { PositionsBuilder, type YamlPositions } from './yamlPositions';

const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const COMMA = 44;

/**
 * Characters the reader leaves to js-yaml: a lone `\r` (a line break), a
 * byte-order mark, null bytes, and what js-yaml rejects as non-printable or
 * treats apart (control characters, U+FFFE, U+FFFF, a surrogate that is not
 * half of a pair; a pair — an emoji, a character past the BMP — is one
 * character js-yaml reads as any other: onlyReadableCharacters). Tabs, whose
 * rules on indentation and separation differ, are left to js-yaml too but in
 * the content of block scalars (a script's tab-indented lines), where they
 * are characters like any other: the reader counts the tabs of the block
 * scalars it read and declines a document that has any other.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LEFT_TO_JS_YAML = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/g;
const TAB_CHARACTER = '\t';

/** Whether the text has none of LEFT_TO_JS_YAML's characters but surrogate pairs: one scan of the class where there are none. */
function onlyReadableCharacters(text: string): boolean {
  LEFT_TO_JS_YAML.lastIndex = 0;
  for (let match = LEFT_TO_JS_YAML.exec(text); match; match = LEFT_TO_JS_YAML.exec(text)) {
    const high = text.charCodeAt(match.index);
    const low = text.charCodeAt(match.index + 1);
    if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) LEFT_TO_JS_YAML.lastIndex = match.index + 2;
    else return false;
  }
  return true;
}
/** A carriage return outside `\r\n`; looked for apart, as one class alone scans fastest. */
const LONE_CR = /\r(?!\n)/;

/** Deeper documents are left to js-yaml, which bounds depth with its own error. */
const MAX_DEPTH = 200;
/**
 * Documents with more aliases are left to the other paths, whose bounds
 * (js-yaml's 100 aliases, the `yaml` package's 100 expansions of one anchor)
 * decide; half of them, so neither bound can be reached here.
 */
const MAX_ALIASES = 50;
/** Anchor names the reader takes: what both parsers read alike, up to a space or the line's end. */
const ANCHOR_NAME = /[A-Za-z0-9_.-]/;
/** The one directive the reader takes (the version the `yaml` package and js-yaml read by default), alone on its line. */
const YAML_12_DIRECTIVE = /^%YAML 1\.2\r?$/;

/**
 * 1 for the characters a plain scalar inside a flow collection is judged at: flow indicators, `:`, `#`
 * and spaces; any other only extends it, told by one table load (flowScalar's loop, per character).
 */
const FLOW_PLAIN_SPECIAL = new Uint8Array(128);
for (const c of ',[]{}:# ') FLOW_PLAIN_SPECIAL[c.charCodeAt(0)] = 1;

/** Object.prototype.hasOwnProperty, looked up once rather than per key. */
const hasOwn = Object.prototype.hasOwnProperty;

/** Thrown (and caught below) when the text leaves the shape this reader takes. */
class OutsideShape extends Error {}
const OUTSIDE = new OutsideShape();

/** How many documents the reader read, and how many it left to js-yaml; read by tests. */
const counts = { read: 0, declined: 0 };

export function fastReaderCounts(): { read: number; declined: number } {
  return { ...counts };
}

/**
 * The value and position index of a one-document slice (markers, comments
 * and blank lines around it allowed), or undefined when the reader cannot
 * tell them exactly as js-yaml would; then nothing is known about the text,
 * not even that it is invalid.
 */
export function readYamlFast(text: string): { value: unknown; positions: YamlPositions } | undefined {
  if (onlyReadableCharacters(text) && !(text.includes('\r') && LONE_CR.test(text))) {
    try {
      const reader = new FastReader(text);
      const value = reader.document();
      if (reader.tabsInBlockScalars === tabsIn(text, 0, text.length)) {
        counts.read++;
        return { value, positions: reader.builder.finish() };
      }
    } catch (error) {
      if (!(error instanceof OutsideShape)) throw error;
    }
  }
  counts.declined++;
  return undefined;
}

/** How many tabs [start, end) of the text holds. */
function tabsIn(text: string, start: number, end: number): number {
  let count = 0;
  for (let at = text.indexOf(TAB_CHARACTER, start); at >= 0 && at < end; at = text.indexOf(TAB_CHARACTER, at + 1)) count++;
  return count;
}

/** What a value follows: a mapping key's `:`, or a sequence item's `-` (where a `key: value` starts a mapping). */
type Context = 'mapping' | 'sequence';

class FastReader {
  readonly builder = new PositionsBuilder();
  /** The text's length, or the start of its `...` line: what follows that marker is only trivia. */
  private readonly length: number;
  /** After a node is read: the start of the next content line (or the text's length). */
  private next = 0;
  private depth = 0;
  /** The values of the anchors read so far, by name. */
  private readonly anchors = new Map<string, unknown>();
  /** How many anchored nodes are being read: an alias inside one is left to the other paths. */
  private anchoring = 0;
  private aliases = 0;
  /** The tabs in the content of the block scalars read: the document's only tabs the reader takes. */
  tabsInBlockScalars = 0;
  /**
   * Whether a key resolved to something else than a string (`~`, `1`,
   * `true`): the `yaml` package names such keys otherwise (`~` is "", not
   * "null"), so a document with anchors, which it would read, is declined.
   */
  private nonStringKey = false;
  /**
   * The line whose end and indentation were scanned last (its start, -1 for
   * none), and those: reading a node asks for the next content line's end and
   * indentation three or four times (skipTrivia finds it, afterNode checks its
   * indentation, the collection's loop reads it, the next key's reader looks
   * for its end), and scanning each line once is most of a cold read's work.
   */
  private scannedLine = -1;
  private scannedEnd = -1;
  private scannedIndent = -1;

  /**
   * The first `:` (and `#`) at or after colonFrom (hashFrom), the text's length for none: plainKeyColon's
   * searches, remembered because the next key's search starts before the found one most of the time
   * (a key's `:` is the first on its line), and `#` is rare, so one indexOf over the whole text answers
   * every later line; a native search instead of a loop per character in a cold server's interpreter.
   */
  private colonFrom = 0;
  private colonFound = -1;
  private hashFrom = 0;
  private hashFound = -1;

  constructor(private readonly text: string) {
    this.length = this.documentEnd();
  }

  /**
   * Where the document's content ends: at its `...` marker, with nothing but
   * comments after it on its line and blank or comment lines after that
   * (more would be another document), or at the text's end.
   */
  private documentEnd(): number {
    const text = this.text;
    // Each line starting with `...`, from the first (-1: none left).
    for (let line = text.startsWith('...') ? 0 : text.indexOf('\n...') + 1 || -1; line >= 0; line = text.indexOf('\n...', line) + 1 || -1) {
      if (this.isMarkerIn(line, 46 /* . */)) {
        let end = endOfLine(text, line);
        if (!onlyCommentFollows(text, line + 3, end > line + 3 && text.charCodeAt(end - 1) === CR ? end - 1 : end)) throw OUTSIDE;
        while (end < text.length) {
          const next = end + 1;
          end = endOfLine(text, next);
          if (indentOf(text, next, end) >= 0) throw OUTSIDE;
        }
        return line;
      }
    }
    return text.length;
  }

  /** isMarker, before the document's end is known. */
  private isMarkerIn(at: number, marker: number): boolean {
    const text = this.text;
    if (text.charCodeAt(at) !== marker || text.charCodeAt(at + 1) !== marker || text.charCodeAt(at + 2) !== marker) return false;
    const after = at + 3 < text.length ? text.charCodeAt(at + 3) : 0;
    return after === 0 || after === SPACE || after === LINE_FEED || after === CR;
  }

  /** The end of the line at `line`'s content: its `\r\n` or `\n`, or the text's end; `line` may be any offset on it, and the line scanned last is not searched again. */
  private contentEnd(line: number): number {
    const end = line >= this.scannedLine && line <= this.scannedEnd ? this.scannedEnd : endOfLine(this.text, line);
    return lineContentEnd(this.text, line, end);
  }

  /** The start of the line after the one whose content ends at `end`. */
  private afterLine(end: number): number {
    return end + (this.text.charCodeAt(end) === CR ? 2 : 1);
  }

  /** indentOf the line starting at `line`, scanning it (and remembering it) only when it is not the line scanned last. */
  private indentAt(line: number): number {
    if (line !== this.scannedLine) {
      const end = endOfLine(this.text, line);
      this.scannedLine = line;
      this.scannedEnd = end;
      this.scannedIndent = indentOf(this.text, line, end);
    }
    return this.scannedIndent;
  }

  private code(at: number): number {
    return at < this.length ? this.text.charCodeAt(at) : 0;
  }

  document(): unknown {
    let line = this.skipTrivia(0, true);
    if (this.code(line) === 37 /* % */) {
      // `%YAML 1.2`, the version both parsers read anyway; a directive needs the `---` after it.
      if (!YAML_12_DIRECTIVE.test(this.text.slice(line, endOfLine(this.text, line)))) throw OUTSIDE;
      line = this.skipTrivia(endOfLine(this.text, line) + 1, true);
      if (!this.isMarker(line, 45)) throw OUTSIDE;
    }
    if (this.isMarker(line, 45 /* - */)) {
      // `---`, with at most a comment after it: content on the marker's line is left to js-yaml.
      const end = this.contentEnd(line);
      this.assertTrailingComment(line + 3, end);
      line = this.skipTrivia(this.afterLine(end), false);
    }
    // The root is a block collection at any indentation (a list's item read alone is indented as in
    // its list: listItemLines.ts), or a flow collection at column 0.
    const indent = line < this.length ? this.indentAt(line) : -1;
    if (indent < 0) throw OUTSIDE;
    const first = this.text.charCodeAt(line + indent);
    const flow = first === 91 /* [ */ || first === 123; /* { */
    if (flow && indent !== 0) throw OUTSIDE;
    const value = flow ? this.rootFlowCollection(line) : this.collectionAt(line, indent);
    if (this.next < this.length || (this.nonStringKey && this.anchors.size > 0)) throw OUTSIDE;
    return value;
  }

  /** Whether a `---` (or `...`) marker starts the line at `at`. */
  private isMarker(at: number, marker: number): boolean {
    if (this.code(at) !== marker || this.code(at + 1) !== marker || this.code(at + 2) !== marker) return false;
    const after = this.code(at + 3);
    return after === 0 || after === SPACE || after === LINE_FEED || after === CR;
  }

  /**
   * The start of the first line at or after `from` with content (not blank,
   * not a comment), or the text's length. A document marker there is left
   * to js-yaml, but for the leading `---` (and a directive before it, for
   * the caller to judge) when `markerAllowed`.
   */
  private skipTrivia(from: number, markerAllowed: boolean): number {
    let line = from;
    while (line < this.length) {
      const indent = this.indentAt(line);
      if (indent >= 0) {
        // Markers and directives start a line: an indented one (most lines) is neither.
        if (!markerAllowed && indent === 0) {
          const first = this.text.charCodeAt(line);
          if (first === 37 /* % */ || ((first === 45 /* - */ || first === 46) /* . */ && this.isMarker(line, first))) throw OUTSIDE;
        }
        return line;
      }
      line = this.scannedEnd + 1;
    }
    return this.length;
  }

  /** What may follow a node on its line: spaces, then a comment after at least one space. */
  private assertTrailingComment(from: number, end: number): void {
    if (!onlyCommentFollows(this.text, from, end)) throw OUTSIDE;
  }

  /** The block collection whose first line starts at `line`, its content at `column`. */
  private collectionAt(line: number, column: number, anchored = false): unknown {
    return isDashItem(this.text, line, column) ? this.sequence(line, column, anchored) : this.mapping(line + column, column, anchored);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw OUTSIDE;
  }

  /** A block mapping whose first key starts at `keyStart`, its keys at `column`. */
  private mapping(keyStart: number, column: number, anchored = false): Record<string, unknown> {
    this.enter();
    const map: Record<string, unknown> = {};
    const node = this.builder.openCollection(EVENT_ID.MAPPING, COLLECTION_STYLE.BLOCK, keyStart, false, anchored);
    let start = keyStart;
    for (;;) {
      const end = this.contentEnd(start);
      // A key's line lies before the document's end: its characters need no bound (code).
      if (this.text.charCodeAt(start) === DASH && (start + 1 >= end || this.text.charCodeAt(start + 1) === SPACE)) throw OUTSIDE;
      const afterColon = this.key(start, end);
      const key = this.lastKey;
      if (key === '__proto__' || hasOwn.call(map, key)) throw OUTSIDE;
      map[key] = this.valueAfter(afterColon, end, column, 'mapping');
      const line = this.next;
      if (line >= this.length) break;
      const indent = this.indentAt(line);
      if (indent < column) break;
      if (indent > column) throw OUTSIDE;
      start = line + column;
    }
    this.builder.close(node);
    this.depth--;
    return map;
  }

  /** A block sequence whose first `-` starts the line at `line`, at `column`. */
  private sequence(line: number, column: number, anchored = false): unknown[] {
    this.enter();
    const list: unknown[] = [];
    const node = this.builder.openCollection(EVENT_ID.SEQUENCE, COLLECTION_STYLE.BLOCK, line + column, false, anchored);
    let start = line;
    for (;;) {
      list.push(this.valueAfter(start + column + 1, this.contentEnd(start), column, 'sequence'));
      const next = this.next;
      if (next >= this.length) break;
      const indent = this.indentAt(next);
      if (indent < column) break;
      if (indent > column) throw OUTSIDE;
      if (!isDashItem(this.text, next, column)) break;
      start = next;
    }
    this.builder.close(node);
    this.depth--;
    return list;
  }

  /** The first `:` at or after `from`, or the text's length. */
  private colonAtOrAfter(from: number): number {
    if (from < this.colonFrom || from > this.colonFound) {
      const found = this.text.indexOf(':', from);
      this.colonFrom = from;
      this.colonFound = found < 0 ? this.text.length : found;
    }
    return this.colonFound;
  }

  /** The first `#` at or after `from`, or the text's length. */
  private hashAtOrAfter(from: number): number {
    if (from < this.hashFrom || from > this.hashFound) {
      const found = this.text.indexOf('#', from);
      this.hashFrom = from;
      this.hashFound = found < 0 ? this.text.length : found;
    }
    return this.hashFound;
  }

  /**
   * yamlLineScan's plainKeyColon (the same answer: the first `:` followed by a space, a tab or the
   * line's end, -1 when no plain scalar starts at `start` or a comment or the line's end comes first),
   * told by the remembered searches above.
   */
  private plainKeyColon(start: number, end: number): number {
    const text = this.text;
    if (!canStartPlainScalar(text, start)) return -1;
    let colon = this.colonAtOrAfter(start);
    for (;;) {
      if (colon >= end) return -1;
      const following = text.charCodeAt(colon + 1);
      if (colon + 1 === end || following === SPACE || following === TAB) break;
      colon = this.colonAtOrAfter(colon + 1);
    }
    // A `#` after a space or tab before the colon starts a comment (one at `start` cannot start a plain scalar).
    for (let hash = this.hashAtOrAfter(start); hash < colon; hash = this.hashAtOrAfter(hash + 1)) {
      const before = text.charCodeAt(hash - 1);
      if (before === SPACE || before === TAB) return -1;
    }
    return colon;
  }

  /** The key last read by `key`. */
  private lastKey = '';

  /**
   * A mapping key at `start` (plain or quoted, on one line, then `:` and a
   * space or the line's end): writes its node, sets lastKey, and returns the
   * offset after the `:`.
   */
  private key(start: number, end: number): number {
    const first = this.text.charCodeAt(start);
    let colon: number;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const value = this.quoted(start, end);
      colon = this.quotedEnd;
      while (colon < end && this.text.charCodeAt(colon) === SPACE) colon++;
      if (this.code(colon) !== COLON) throw OUTSIDE;
      this.lastKey = value;
    } else {
      colon = this.plainKeyColon(start, end);
      if (colon < 0) throw OUTSIDE;
      let last = colon;
      while (this.text.charCodeAt(last - 1) === SPACE) last--;
      this.builder.plainScalar(true, start, last);
      // js-yaml's object maps key by String(key): `1: a` and `0x1: a` both have the key "1".
      const resolved = resolvePlainScalar(this.text.slice(start, last));
      if (typeof resolved === 'string') this.lastKey = resolved;
      else {
        this.nonStringKey = true;
        this.lastKey = String(resolved);
      }
    }
    if (colon + 1 < end && this.text.charCodeAt(colon + 1) !== SPACE) throw OUTSIDE;
    return colon + 1;
  }

  /**
   * The value after a mapping's `:` or a sequence's `-` at `from` on the
   * line ending at `end`; `column` is the mapping's keys' or the dashes'
   * column. Sets `next`.
   */
  private valueAfter(from: number, end: number, column: number, context: Context): unknown {
    let at = from;
    while (at < end && this.text.charCodeAt(at) === SPACE) at++;
    if (at >= end) return this.valueBelow(end, column, context);
    // Before the line's end, so before the document's: no bound needed (code).
    const first = this.text.charCodeAt(at);
    if (first === HASH) return this.valueBelow(end, column, context);
    if (first === 38 /* & */) return this.anchoredValue(at, end, column);
    if (first === 42 /* * */) return this.alias(at, end, column, context);
    if (first === 124 /* | */ || first === 62 /* > */) return this.blockScalar(at, end, column + 1, column);
    let value: unknown;
    let after: number;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      if (context === 'sequence' && this.isQuotedKey(at, end)) return this.compactMapping(at);
      value = this.quoted(at, end);
      after = this.quotedEnd;
    } else if (first === 91 /* [ */ || first === 123 /* { */) {
      value = this.flowCollection(at, end);
      after = this.flowEnd;
    } else {
      if (context === 'sequence' && this.plainKeyColon(at, end) >= 0) return this.compactMapping(at);
      return this.plainValue(at, end, column);
    }
    this.assertTrailingComment(after, end);
    this.next = this.afterNode(this.afterLine(end), column);
    return value;
  }

  /**
   * A value after its anchor at `at`: a block collection on the lines below
   * (more indented than `column`), a one-line flow collection, or a one-line
   * quoted or plain scalar that is not a key. Anything else with an anchor
   * (an empty value, a block scalar, a key, a tag) is left to the other paths.
   */
  private anchoredValue(at: number, end: number, column: number): unknown {
    const nameEnd = this.anchorNameEnd(at + 1, end);
    const name = this.text.slice(at + 1, nameEnd);
    if (this.anchors.has(name)) throw OUTSIDE;
    const valueAt = this.skipSpaces(nameEnd, end);
    const first = this.code(valueAt);
    this.anchoring++;
    let value: unknown;
    if (valueAt >= end || first === HASH) {
      const line = this.skipTrivia(this.afterLine(end), false);
      if (line >= this.length) throw OUTSIDE;
      const indent = this.indentAt(line);
      if (indent <= column) throw OUTSIDE;
      value = this.collectionAt(line, indent, true);
    } else {
      let after: number;
      if (first === 91 /* [ */ || first === 123 /* { */) {
        value = this.flowCollection(valueAt, end, true);
        after = this.flowEnd;
      } else if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
        if (this.isQuotedKey(valueAt, end)) throw OUTSIDE;
        value = this.quoted(valueAt, end, true);
        after = this.quotedEnd;
      } else {
        if (this.plainKeyColon(valueAt, end) >= 0) throw OUTSIDE;
        value = this.plainValue(valueAt, end, column, true);
        after = -1;
      }
      if (after >= 0) {
        this.assertTrailingComment(after, end);
        this.next = this.afterNode(this.afterLine(end), column);
      }
    }
    this.anchoring--;
    // An anchor redefined, even inside its own node: the parsers differ on which one an alias means.
    if (this.anchors.has(name)) throw OUTSIDE;
    this.anchors.set(name, value);
    return value;
  }

  /**
   * An alias at `at`, alone on its line but for a comment: the anchored
   * node's own value, as both parsers give it. Declined inside an anchored
   * node, past MAX_ALIASES, and as the value of a `<<` key.
   */
  private alias(at: number, end: number, column: number, context: Context): unknown {
    if (this.anchoring > 0 || ++this.aliases > MAX_ALIASES || (context === 'mapping' && this.lastKey === '<<')) throw OUTSIDE;
    const nameEnd = this.anchorNameEnd(at + 1, end);
    const name = this.text.slice(at + 1, nameEnd);
    if (!this.anchors.has(name)) throw OUTSIDE;
    this.assertTrailingComment(nameEnd, end);
    this.builder.alias(at + 1, nameEnd);
    this.next = this.afterNode(this.afterLine(end), column);
    return this.anchors.get(name);
  }

  /** The end of an anchor's or alias's name starting at `start`: one or more of ANCHOR_NAME's characters, then a space or the line's end. */
  private anchorNameEnd(start: number, end: number): number {
    let at = start;
    while (at < end && ANCHOR_NAME.test(this.text[at])) at++;
    if (at === start || (at < end && this.text.charCodeAt(at) !== SPACE)) throw OUTSIDE;
    return at;
  }

  /** `- key: value`: the mapping that starts on the item's line, its keys at their column there. */
  private compactMapping(keyStart: number): unknown {
    return this.mapping(keyStart, keyStart - (this.text.lastIndexOf('\n', keyStart) + 1));
  }

  /** Whether a quoted scalar at `at` is a key: a `:` and a space (or the line's end) follow it. */
  private isQuotedKey(at: number, end: number): boolean {
    const close = closingQuoteOnLine(this.text, at, end);
    if (close < 0) return false;
    let colon = close + 1;
    while (colon < end && this.text.charCodeAt(colon) === SPACE) colon++;
    return this.code(colon) === COLON && (colon + 1 >= end || this.text.charCodeAt(colon + 1) === SPACE);
  }

  /**
   * A value on the lines below its key or dash: a block collection more
   * indented (or a sequence at a mapping key's own column), else empty.
   */
  private valueBelow(end: number, column: number, context: Context): unknown {
    const line = this.skipTrivia(this.afterLine(end), false);
    if (line < this.length) {
      const indent = this.indentAt(line);
      if (indent > column) return this.collectionAt(line, indent);
      if (indent === column && context === 'mapping' && isDashItem(this.text, line, indent)) return this.sequence(line, indent);
    }
    this.builder.scalar(SCALAR_STYLE.PLAIN, CHOMPING_MODE.CLIP, false, -1, -1, -1);
    this.next = line;
    return null;
  }

  /** The next content line after a node whose line ends before `from`; a line more indented than `column` is an error. */
  private afterNode(from: number, column: number): number {
    const line = this.skipTrivia(from, false);
    if (line < this.length && this.indentAt(line) > column) throw OUTSIDE;
    return line;
  }

  /** A one-line plain scalar in block context at `start`, in a collection at `column`. */
  private plainValue(start: number, end: number, column: number, anchored = false): unknown {
    if (!canStartPlainScalar(this.text, start)) throw OUTSIDE;
    let stop = start;
    let last = start;
    for (; stop < end; stop++) {
      const code = this.text.charCodeAt(stop);
      if (code === HASH && this.text.charCodeAt(stop - 1) === SPACE) break;
      // `key: a: b` is an error.
      if (code === COLON && (stop + 1 === end || this.text.charCodeAt(stop + 1) === SPACE)) throw OUTSIDE;
      if (code !== SPACE) last = stop + 1;
    }
    // A comment ends the scalar on its line; otherwise js-yaml looks at the next lines for its continuation.
    const fast = stop < end || this.plainEndsOnItsLine(end, column);
    this.builder.plainScalar(fast, start, last, anchored);
    this.next = this.afterNode(this.afterLine(end), column);
    return resolvePlainScalar(this.text.slice(start, last));
  }

  /**
   * Whether js-yaml reads a plain scalar ending the line at `end` as one
   * line: the first non-blank line below is not more indented than the
   * collection. A more indented one continues the scalar (left to js-yaml),
   * but for a comment, which ends it and still marks it multi-line.
   */
  private plainEndsOnItsLine(end: number, column: number): boolean {
    let line = this.afterLine(end);
    while (line < this.length) {
      // A content line, told by the scan afterNode then reuses: it ends the scalar or, more indented, continues it.
      const indent = this.indentAt(line);
      if (indent >= 0) {
        if (indent <= column) return true;
        throw OUTSIDE;
      }
      let at = line;
      while (this.code(at) === SPACE) at++;
      const code = this.code(at);
      if (code === LINE_FEED || code === CR) {
        line = endOfLine(this.text, at) + 1;
        continue;
      }
      if (at - line <= column) return true;
      if (code === HASH || code === 0) return false;
      throw OUTSIDE;
    }
    return true;
  }

  /** Offset after the closing quote of the last quoted scalar read. */
  private quotedEnd = 0;

  /** A one-line single- or double-quoted scalar at `start`: writes its node, returns its value. */
  private quoted(start: number, end: number, anchored = false): string {
    const close = closingQuoteOnLine(this.text, start, end);
    // Not closed on its line: a multi-line scalar, or an error.
    if (close < 0) throw OUTSIDE;
    const simple = !hasQuoteEscapes(this.text, start, close);
    const style: ScalarStyle = this.text.charCodeAt(start) === SINGLE_QUOTE ? SCALAR_STYLE.SINGLE_QUOTED : SCALAR_STYLE.DOUBLE_QUOTED;
    this.builder.scalar(style, CHOMPING_MODE.CLIP, simple, -1, start + 1, close, false, anchored);
    this.quotedEnd = close + 1;
    if (simple) return this.text.slice(start + 1, close);
    return style === SCALAR_STYLE.SINGLE_QUOTED ? this.text.slice(start + 1, close).replace(/''/g, "'") : decodeScalar(this.text, style, CHOMPING_MODE.CLIP, -1, start + 1, close);
  }

  /** Offset after the closing bracket of the last flow collection read. */
  private flowEnd = 0;

  /**
   * Whether the flow collection being read is the document's root, whose
   * separators may be line breaks (JSON's shape); its scalars, and each key
   * with its `:` and the value's start, are still on one line.
   */
  private flowLines = false;

  /**
   * The document's root flow collection at `line` (column 0), and nothing
   * after it but a comment: the reader's one multi-line shape, so that a JSON
   * document is read here rather than by js-yaml.
   */
  private rootFlowCollection(line: number): unknown {
    this.flowLines = true;
    const value = this.flowCollection(line, this.length);
    this.flowLines = false;
    const end = this.contentEnd(this.flowEnd);
    this.assertTrailingComment(this.flowEnd, end);
    this.next = this.skipTrivia(this.afterLine(end), false);
    return value;
  }

  /**
   * A flow collection closed on its line (`[a, "b"]`, `{cpu: 100m}`, `{drop: [ALL]}`), with scalar keys,
   * or (flowLines) the document's root collection closed on any line before `end`, the document's end.
   * It and its nodes read characters up to `end` and its line break at most, all before the document's
   * end but the text's end (NaN there), so without code()'s bound: no character compared with is one
   * either could be.
   */
  private flowCollection(start: number, end: number, anchored = false): unknown {
    this.enter();
    const isMapping = this.text.charCodeAt(start) === 123;
    const terminator = isMapping ? 125 : 93;
    const node = this.builder.openCollection(isMapping ? EVENT_ID.MAPPING : EVENT_ID.SEQUENCE, COLLECTION_STYLE.FLOW, start, false, anchored);
    const map: Record<string, unknown> = {};
    const list: unknown[] = [];
    let at = this.flowSeparation(start + 1, end);
    if (at >= end) throw OUTSIDE;
    while (this.text.charCodeAt(at) !== terminator) {
      // The line the node starts on: a scalar, and a key with its `:` and the value's start, keep to it.
      const lineEnd = this.flowLines ? this.contentEnd(at) : end;
      if (isMapping) {
        const quotedKey = this.text.charCodeAt(at) === DOUBLE_QUOTE || this.text.charCodeAt(at) === SINGLE_QUOTE;
        const resolved = this.flowScalar(at, lineEnd);
        if (typeof resolved !== 'string') this.nonStringKey = true;
        const key = String(resolved);
        at = this.skipSpaces(this.flowScalarEnd, lineEnd);
        // JSON's `"key":value`: after a quoted key, a value may follow its `:` at once.
        if (this.text.charCodeAt(at) !== COLON || (!quotedKey && this.text.charCodeAt(at + 1) !== SPACE)) throw OUTSIDE;
        at = this.skipSpaces(at + 1, lineEnd);
        if (at >= lineEnd) throw OUTSIDE;
        if (key === '__proto__' || hasOwn.call(map, key)) throw OUTSIDE;
        map[key] = this.flowNode(at, lineEnd, end);
      } else {
        list.push(this.flowNode(at, lineEnd, end));
      }
      at = this.flowSeparation(this.flowScalarEnd, end);
      const code = this.text.charCodeAt(at);
      if (code === COMMA) {
        at = this.flowSeparation(at + 1, end);
        if (this.text.charCodeAt(at) === COMMA) throw OUTSIDE;
      } else if (code !== terminator) throw OUTSIDE;
      if (at >= end) throw OUTSIDE;
    }
    this.builder.close(node);
    this.flowEnd = at + 1;
    this.depth--;
    return isMapping ? map : list;
  }

  private skipSpaces(from: number, end: number): number {
    let at = from;
    while (at < end && this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  /**
   * Spaces between the nodes of a flow collection, and (flowLines) line breaks. A line whose first
   * character could start a document marker or a directive, and a comment, are left to js-yaml.
   */
  private flowSeparation(from: number, end: number): number {
    let at = this.skipSpaces(from, end);
    if (!this.flowLines) return at;
    for (;;) {
      const code = this.text.charCodeAt(at);
      if (code === HASH) throw OUTSIDE;
      const lineStart = code === LINE_FEED ? at + 1 : code === CR && this.text.charCodeAt(at + 1) === LINE_FEED ? at + 2 : -1;
      if (lineStart < 0 || lineStart >= end) return at;
      const first = this.text.charCodeAt(lineStart);
      if (first === DASH || first === 46 /* . */ || first === 37 /* % */) throw OUTSIDE;
      at = this.skipSpaces(lineStart, end);
    }
  }

  /** Offset after the last node read inside a flow collection. */
  private flowScalarEnd = 0;

  /** A value inside a flow collection: a scalar (on its line, which ends at `lineEnd`) or a nested collection (before `end`). */
  private flowNode(start: number, lineEnd: number, end: number): unknown {
    const first = this.text.charCodeAt(start);
    if (first !== 91 && first !== 123) return this.flowScalar(start, lineEnd);
    const value = this.flowCollection(start, end);
    this.flowScalarEnd = this.flowEnd;
    return value;
  }

  /**
   * A quoted or plain scalar inside a flow collection, on the line that ends at `end`. In a root
   * collection (flowLines), a plain scalar may end with its line when a `,` or the collection's end
   * comes next: js-yaml would fold anything else on the next lines into it.
   */
  private flowScalar(start: number, end: number): unknown {
    const first = this.text.charCodeAt(start);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const value = this.quoted(start, end);
      this.flowScalarEnd = this.quotedEnd;
      return value;
    }
    if (!canStartPlainScalar(this.text, start, true)) throw OUTSIDE;
    let at = start;
    let last = start;
    for (; at < end; at++) {
      const code = this.text.charCodeAt(at);
      if (code >= 128 || FLOW_PLAIN_SPECIAL[code] === 0) {
        last = at + 1;
        continue;
      }
      if (code === COMMA || code === 91 || code === 93 || code === 123 || code === 125) break;
      if (code === HASH && this.text.charCodeAt(at - 1) === SPACE) throw OUTSIDE;
      if (code === COLON) {
        const following = this.text.charCodeAt(at + 1);
        if (at + 1 >= end || following === SPACE || following === COMMA || following === 91 || following === 93 || following === 123 || following === 125) break;
      }
      if (code !== SPACE) last = at + 1;
    }
    // Ended by its line: js-yaml looked for more on the next line, and marks it so (not "fast").
    const endedByLine = at >= end;
    if (endedByLine) {
      if (!this.flowLines) throw OUTSIDE;
      const next = this.text.charCodeAt(this.flowSeparation(at, this.length));
      if (next !== COMMA && next !== 93 && next !== 125) throw OUTSIDE;
    }
    this.builder.plainScalar(!endedByLine, start, last);
    this.flowScalarEnd = last;
    return resolvePlainScalar(this.text.slice(start, last));
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at
   * `header`: js-yaml's readBlockScalar, step for step, so that its range
   * and content indentation are the same; `parentIndent` is js-yaml's (one
   * more than `column`, the collection's).
   */
  private blockScalar(header: number, end: number, parentIndent: number, column: number): string {
    const style: ScalarStyle = this.text.charCodeAt(header) === 124 ? SCALAR_STYLE.LITERAL_BLOCK : SCALAR_STYLE.FOLDED_BLOCK;
    let chomping: ChompingMode = CHOMPING_MODE.CLIP;
    let indent = -1;
    let detectedIndent = false;
    let at = header + 1;
    for (;;) {
      const code = this.code(at);
      if (code === 43 /* + */ || code === DASH) {
        if (chomping !== CHOMPING_MODE.CLIP) throw OUTSIDE;
        chomping = code === 43 ? CHOMPING_MODE.KEEP : CHOMPING_MODE.STRIP;
        at++;
      } else if (code >= 49 && code <= 57) {
        if (detectedIndent) throw OUTSIDE;
        indent = parentIndent + (code - 48) - 1;
        detectedIndent = true;
        at++;
      } else break;
    }
    this.assertTrailingComment(at, end);
    let position = this.afterLine(end);
    let contentIndent = detectedIndent ? indent : -1;
    let maxLeadingIndent = 0;
    const valueStart = Math.min(position, this.length);
    let valueEnd = valueStart;
    while (position < this.length) {
      const linePosition = position;
      let lineColumn = 0;
      while (this.code(linePosition + lineColumn) === SPACE) lineColumn++;
      const first = this.code(linePosition + lineColumn);
      const blank = first === LINE_FEED || first === CR;
      if (first === 0) {
        if (contentIndent >= 0) {
          if (lineColumn > contentIndent) valueEnd = linePosition + lineColumn;
        } else if (lineColumn > 0) valueEnd = linePosition + lineColumn;
        position = this.length;
        break;
      }
      if (this.isMarker(linePosition, 45) || this.isMarker(linePosition, 46)) break;
      if (!detectedIndent && contentIndent === -1) {
        if (blank) maxLeadingIndent = Math.max(maxLeadingIndent, lineColumn);
        else if (lineColumn >= parentIndent && lineColumn < maxLeadingIndent) throw OUTSIDE;
      }
      if (contentIndent === -1 && !blank && lineColumn < parentIndent) break;
      if (!detectedIndent && !blank && contentIndent === -1) contentIndent = lineColumn;
      const requiredIndent = contentIndent === -1 ? parentIndent + 1 : contentIndent;
      if (!blank && lineColumn < requiredIndent) break;
      const lineEnd = endOfLine(this.text, linePosition);
      position = lineEnd < this.length ? lineEnd + 1 : lineEnd;
      valueEnd = position;
    }
    this.builder.scalar(style, chomping, false, contentIndent, valueStart, valueEnd);
    // Every line of [valueStart, valueEnd) is indented by spaces to the content's column at least: a tab there is content.
    this.tabsInBlockScalars += tabsIn(this.text, valueStart, valueEnd);
    this.next = this.afterNode(position, column);
    return decodeScalar(this.text, style, chomping, contentIndent, valueStart, valueEnd);
  }
}
