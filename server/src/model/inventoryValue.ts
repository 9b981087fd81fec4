/**
 * The value of an inventory file written the way `kubectl get nodes -o yaml`
 * writes it, read straight from its lines, without what nothing reads
 * (inventoryText.ts says what that is).
 *
 * kubectl prints one document of block mappings and sequences, one
 * `key: value` per line, with plain, single- and double-quoted one-line
 * scalars. For that shape a line scan builds the value in one pass and steps
 * over each unread block (a Node's images, addresses, managed fields, …)
 * without looking inside it: no parser events, no second pass over a cut
 * text, and a fraction of the garbage. Plain scalars are resolved by js-yaml's
 * own YAML 1.2 core schema tags, as the parser's value would be.
 *
 * Anything outside that shape — several documents, flow collections other
 * than `{}` and `[]`, block scalars, multi-line scalars, escapes, anchors,
 * aliases, tags, complex or duplicate keys, tabs, a byte-order mark — gives
 * undefined, and the caller parses the file (inventory.ts): this reader only
 * ever answers where the parser would give the same value for every field
 * that is read (test/server/model/inventoryValue.test.ts compares both on
 * every fixture and example).
 */
import { childRole, isUnreadField, type Role } from './inventoryText';
import { canStartPlainScalar, closingQuoteOnLine, endOfBlock, endOfLine, HASH, hasQuoteEscapes, indentOf, isDashItem, lineContentEnd, onlyCommentFollows, plainKeyColon, SPACE, TAB } from './yamlLineScan';
import { resolvePlainScalar } from './yamlEvents';

const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** The characters of a plain key the reader takes. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/** Thrown (and caught below) when the text leaves the shape this reader takes. */
class OutsideShape extends Error {}
const OUTSIDE = new OutsideShape();

interface Frame {
  /** Column of the mapping's keys or of the sequence's dashes. */
  column: number;
  map?: Record<string, unknown>;
  list?: unknown[];
  role: Role;
  /** A top-level object, or an item of a top-level list (its `status` is an object's status). */
  objectLevel: boolean;
  /** The sequence under the top-level `items` key: its items are objects. */
  holdsObjects: boolean;
  /**
   * The block key whose mapping this is, until its first field is read: a
   * mapping whose every field is cut stays null, as the cut text reads.
   */
  owner?: { frame: Frame; key: string };
}

/** A block key waiting for its value on the following lines. */
interface Pending {
  frame: Frame;
  key: string;
  keyColumn: number;
  role: Role;
}

/**
 * The value of the file's one document without its unread fields, or
 * undefined when the text is not in the shape this reader takes.
 */
export function readInventoryValue(text: string): { value: unknown } | undefined {
  try {
    return { value: readValue(text) };
  } catch (error) {
    if (error instanceof OutsideShape) return undefined;
    throw error;
  }
}

function readValue(text: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) throw OUTSIDE;
  const frames: Frame[] = [];
  let root: unknown = null;
  let pending: Pending | undefined;
  let position = 0;
  while (position < text.length) {
    const lineStart = position;
    const lineEnd = endOfLine(text, lineStart);
    position = lineEnd + 1;
    const indent = indentOf(text, lineStart, lineEnd);
    if (indent < 0) continue;
    const first = text.charCodeAt(lineStart + indent);
    if (first === TAB) throw OUTSIDE;
    // Directives and document markers: the file has more than one plain document.
    if (indent === 0 && (first === 37 /* % */ || text.startsWith('---', lineStart) || text.startsWith('...', lineStart))) throw OUTSIDE;
    const dash = isDashItem(text, lineStart, indent);
    const end = lineContentEnd(text, lineStart, lineEnd);

    if (frames.length === 0 && pending === undefined) {
      if (root !== null || indent !== 0) throw OUTSIDE;
      const top: Frame = dash
        ? { column: 0, list: [], role: 'other', objectLevel: false, holdsObjects: true }
        : { column: 0, map: {}, role: 'other', objectLevel: true, holdsObjects: false };
      root = top.list ?? top.map;
      frames.push(top);
    } else if (pending !== undefined) {
      const { frame, key, keyColumn, role } = pending;
      pending = undefined;
      if (indent > keyColumn || (indent === keyColumn && dash)) {
        // The key's value: a sequence (possibly at the key's own column) or a mapping.
        const child: Frame = dash
          ? { column: indent, list: [], role, objectLevel: false, holdsObjects: frame === frames[0] && frame.map !== undefined && key === 'items' }
          : { column: indent, map: {}, role, objectLevel: false, holdsObjects: false, owner: { frame, key } };
        put(frame, key, child.list ?? null);
        frames.push(child);
      } else {
        put(frame, key, null);
      }
    }

    // Close the collections this line is outside of.
    for (;;) {
      const top = frames[frames.length - 1];
      if (top === undefined) throw OUTSIDE;
      if (top.column > indent) frames.pop();
      else if (top.column === indent && top.list !== undefined && !dash) frames.pop();
      else break;
    }
    const frame = frames[frames.length - 1];
    // A line deeper than its collection (a scalar's continuation), or a dash among keys, or a key among dashes.
    if (frame.column !== indent || (frame.list !== undefined) !== dash) throw OUTSIDE;

    let keyStart = lineStart + indent;
    let into = frame;
    if (dash) {
      keyStart += 1;
      while (keyStart < end && text.charCodeAt(keyStart) === SPACE) keyStart++;
      const list = frame.list as unknown[];
      const itemColon = plainKeyColon(text, keyStart, end);
      if (itemColon === -1) {
        // `- scalar` (a bare `-` would hold a block on the next lines: not kubectl's shape).
        if (keyStart >= end) throw OUTSIDE;
        list.push(scalarAt(text, keyStart, end));
        continue;
      }
      // `- key: value` opens the item's mapping at the key's column.
      const item: Record<string, unknown> = {};
      list.push(item);
      into = { column: keyStart - lineStart, map: item, role: frame.role, objectLevel: frame.holdsObjects, holdsObjects: false };
      frames.push(into);
    }

    const colon = plainKeyColon(text, keyStart, end);
    if (colon === -1) throw OUTSIDE;
    const key = text.slice(keyStart, colon);
    if (!isPlainStringKey(key)) throw OUTSIDE;
    const map = into.map as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(map, key)) throw OUTSIDE;
    let valueStart = colon + 1;
    while (valueStart < end && (text.charCodeAt(valueStart) === SPACE || text.charCodeAt(valueStart) === TAB)) valueStart++;
    const keyColumn = keyStart - lineStart;
    const isBlockKey = valueStart >= end || text.charCodeAt(valueStart) === HASH;
    if (isUnreadField(into.role, key)) {
      // Not read: step over the field and everything below it.
      position = endOfBlock(text, lineEnd + 1, keyColumn, isBlockKey);
      continue;
    }
    if (isBlockKey) {
      pending = { frame: into, key, keyColumn, role: childRole(into.objectLevel, into.role, key, text, lineEnd + 1, keyColumn) };
      continue;
    }
    put(into, key, scalarAt(text, valueStart, end));
  }
  if (pending !== undefined) put(pending.frame, pending.key, null);
  return root;
}

/** Sets a field of a mapping, and the mapping into its owner on its first field. */
function put(frame: Frame, key: string, value: unknown): void {
  if (frame.owner !== undefined) {
    put(frame.owner.frame, frame.owner.key, frame.map);
    frame.owner = undefined;
  }
  (frame.map as Record<string, unknown>)[key] = value;
}

/** A one-line scalar at [start, end) with at most a comment after it. */
function scalarAt(text: string, start: number, end: number): unknown {
  const first = text.charCodeAt(start);
  if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
    const close = closingQuote(text, start, end, first);
    assertOnlyComment(text, close + 1, end);
    const inner = text.slice(start + 1, close);
    return first === SINGLE_QUOTE ? inner.replace(/''/g, "'") : inner;
  }
  if (first === 91 /* [ */ || first === 123 /* { */) {
    // Only the empty flow collections kubectl prints.
    const close = start + 1;
    if (text.charCodeAt(close) !== (first === 91 ? 93 : 125)) throw OUTSIDE;
    assertOnlyComment(text, close + 1, end);
    return first === 91 ? [] : {};
  }
  if (!canStartPlainScalar(text, start)) throw OUTSIDE;
  // A plain scalar ends at a comment (` #`); a `: ` inside it would be a second key.
  let stop = start;
  while (stop < end && !(text.charCodeAt(stop) === HASH && (text.charCodeAt(stop - 1) === SPACE || text.charCodeAt(stop - 1) === TAB))) stop++;
  let last = stop;
  while (last > start && (text.charCodeAt(last - 1) === SPACE || text.charCodeAt(last - 1) === TAB)) last--;
  const raw = text.slice(start, last);
  if (raw.includes(': ') || raw.includes(':\t') || raw.endsWith(':')) throw OUTSIDE;
  return resolvePlainScalar(raw);
}

/** The offset of the quote closing the scalar opened at `start`; only escape-free one-line scalars. */
function closingQuote(text: string, start: number, end: number, quote: number): number {
  const close = closingQuoteOnLine(text, start, end);
  if (close < 0 || (quote === DOUBLE_QUOTE && hasQuoteEscapes(text, start, close))) throw OUTSIDE;
  return close;
}

function assertOnlyComment(text: string, from: number, end: number): void {
  if (!onlyCommentFollows(text, from, end)) throw OUTSIDE;
}


/** Keys already found plain: a dump repeats the same few thousand. */
const plainKeys = new Set<string>();

/** A plain key the reader takes as it is: it resolves to a string, and means nothing special to an object. */
function isPlainStringKey(key: string): boolean {
  if (plainKeys.has(key)) return true;
  if (!PLAIN_KEY.test(key) || key === '__proto__' || typeof resolvePlainScalar(key) !== 'string') return false;
  if (plainKeys.size >= 10_000) plainKeys.clear();
  plainKeys.add(key);
  return true;
}
