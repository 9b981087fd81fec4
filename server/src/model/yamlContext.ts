/**
 * The field path at a cursor, read from the text alone: indentation, `- `
 * item markers and the keys of the enclosing lines. Completion runs where
 * people type, in documents the YAML parser cannot fully read (`image:`
 * without a value, a half-typed key, a stray flow bracket below), so this
 * does not use the AST. Pure and line based; block scalars and flow
 * collections are recognised enough to stay silent inside them.
 */
import type { PathSegment } from './fieldPath';
import { lineStartOf } from './textPositions';

export interface YamlCursorContext {
  /**
   * `key`: the cursor is where a key goes; `path` is the mapping's path.
   * `value`: the cursor is on the value of a key; `path` ends with that key.
   */
  on: 'key' | 'value';
  path: PathSegment[];
  /** Offsets in the text of the word a completion replaces (the key or the value typed so far). */
  wordStart: number;
  wordEnd: number;
  /** The part of the word before the cursor. */
  prefix: string;
  /** Column of the keys of the mapping the cursor is in. */
  keyColumn: number;
  /** Keys of that mapping besides the one at the cursor, with their inline scalar values ('' for a block). */
  siblings: Map<string, string>;
  /**
   * Aligned with `path`: for a key segment, the other keys (above the cursor) of the mapping that holds it,
   * e.g. the `key` of a node-selector expression while completing one of its `values`.
   */
  levels: Map<string, string>[];
  /** The word follows a `- ` on the cursor line: it may be a sequence item's scalar rather than a key. */
  afterDash: boolean;
  /** A `:` follows the key at the cursor already (key position only). */
  hasColon: boolean;
  /** Value position right after the colon, without the separating space yet. */
  needsSpace: boolean;
}

interface Entry {
  column: number;
  /** Undefined for a `- ` item marker. */
  key?: string;
  /** The inline value after `key:`, comment stripped, '' when none. */
  value?: string;
}

const KEY_AND_VALUE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],][^#]*?)[ \t]*:(?:[ \t]+(.*))?$/;
const KEY_WORD = /^[^\s:#'"{}[\],]*$/;
const BLOCK_SCALAR = /^[|>][0-9+-]*$/;

function unquote(key: string): string {
  if (key.startsWith('"') && key.endsWith('"') && key.length >= 2) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'") && key.endsWith("'") && key.length >= 2) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

function stripComment(value: string): string {
  if (value.startsWith('"') || value.startsWith("'")) {
    const quote = value[0];
    const close = value.indexOf(quote, 1);
    return close > 0 ? value.slice(0, close + 1) : value;
  }
  const hash = value.search(/(^|[ \t])#/);
  return (hash < 0 ? value : value.slice(0, hash)).trim();
}

/**
 * Whether the line [start, end) is indented past `column` (by spaces or tabs,
 * counted as lineEntries counts them): every entry of it is right of
 * `column`, so a walk that looks for entries at or left of it can skip the
 * line without reading it. Walking up to the top of a `kind: List` of a
 * thousand objects is then a look at each line's first characters.
 */
function indentedPast(text: string, start: number, end: number, column: number): boolean {
  if (end - start <= column) return false;
  for (let i = start; i <= start + column; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/** The `- ` markers and the key of one line; undefined for blank and comment lines, 'boundary' for `---`. */
export function lineEntries(line: string): Entry[] | 'boundary' | undefined {
  let p = 0;
  while (p < line.length && (line[p] === ' ' || line[p] === '\t')) p++;
  if (p === line.length || line[p] === '#' || line[p] === '\r') return undefined;
  if (p === 0 && /^(---|\.\.\.)(\s|$)/.test(line)) return 'boundary';
  if (p === 0 && line[0] === '%') return undefined;
  const entries: Entry[] = [];
  while (line[p] === '-' && (p + 1 === line.length || line[p + 1] === ' ' || line[p + 1] === '\t' || line[p + 1] === '\r')) {
    entries.push({ column: p });
    p++;
    while (p < line.length && (line[p] === ' ' || line[p] === '\t')) p++;
  }
  const rest = line.slice(p).replace(/\r$/, '');
  const match = KEY_AND_VALUE.exec(rest);
  if (match) entries.push({ column: p, key: unquote(match[1]), value: stripComment(match[2] ?? '') });
  return entries;
}

/**
 * The context of the cursor at `offset` in `text` (one YAML document), or
 * undefined where nothing sensible can be completed: in a comment, a block
 * scalar, a flow collection or a quoted key.
 */
export function yamlContextAt(text: string, offset: number): YamlCursorContext | undefined {
  const lineStart = lineStartOf(text, offset);
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const column = offset - lineStart;
  const before = line.slice(0, column);
  const after = line.slice(column);

  // Item markers on the cursor line, then a key or a value.
  const lead = /^([ \t]*)((?:-[ \t]+)*)/.exec(before) as RegExpExecArray;
  const dashes: number[] = [];
  {
    let p = lead[1].length;
    while (p < lead[0].length) {
      if (before[p] === '-') dashes.push(p);
      p++;
    }
  }
  const wordColumn = lead[0].length;
  const rest = before.slice(wordColumn);
  if (rest.startsWith('#') || /[ \t]#/.test(rest)) return undefined;

  let on: 'key' | 'value';
  let keyColumn: number;
  let key: string | undefined;
  let wordStart: number;
  let wordEnd: number;
  let prefix: string;
  let hasColon = false;
  let needsSpace = false;
  if (KEY_WORD.test(rest)) {
    on = 'key';
    keyColumn = wordColumn;
    prefix = rest;
    const tail = /^[^\s:#'"{}[\],]*/.exec(after)?.[0] ?? '';
    wordStart = lineStart + wordColumn;
    wordEnd = offset + tail.length;
    hasColon = /^[ \t]*:/.test(after.slice(tail.length));
  } else {
    const match = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],][^#]*?)[ \t]*:([ \t]*)(.*)$/.exec(rest);
    if (!match) return undefined;
    const typed = match[3];
    if (/^[[{&*!|>]/.test(typed) || /^["']/.test(typed)) return undefined;
    on = 'value';
    key = unquote(match[1]);
    keyColumn = wordColumn;
    needsSpace = match[2].length === 0;
    if (needsSpace && typed.length > 0) return undefined;
    prefix = typed;
    wordStart = offset - typed.length;
    const value = stripComment(after);
    wordEnd = offset + (after.startsWith(value) ? value.length : (/^[^\s#]*/.exec(after)?.[0].length ?? 0));
  }

  // Walk up: the mapping keys and item markers to the left of the cursor are its ancestors.
  const path: PathSegment[] = [];
  const siblings = new Map<string, string>();
  const levels: Map<string, string>[] = [];
  let limit = keyColumn;
  let limitIsDash = false;
  let atCursorLevel = true;
  let insideBlockScalar = false;
  const visit = (entry: Entry): void => {
    if (entry.key === undefined) {
      if (limitIsDash && entry.column === limit) {
        path[0] = (path[0] as number) + 1;
      } else if (entry.column < limit) {
        path.unshift(0);
        levels.unshift(new Map());
        limit = entry.column;
        limitIsDash = true;
        atCursorLevel = false;
      }
      return;
    }
    if (entry.column < limit || (limitIsDash && entry.column === limit)) {
      if (atCursorLevel && BLOCK_SCALAR.test(entry.value ?? '')) insideBlockScalar = true;
      path.unshift(entry.key);
      levels.unshift(new Map());
      limit = entry.column;
      limitIsDash = false;
      atCursorLevel = false;
    } else if (atCursorLevel && entry.column === limit && !limitIsDash && entry.key !== key) {
      siblings.set(entry.key, entry.value ?? '');
    } else if (!atCursorLevel && entry.column === limit && !limitIsDash && !levels[0].has(entry.key)) {
      levels[0].set(entry.key, entry.value ?? '');
    }
  };
  for (let i = dashes.length - 1; i >= 0; i--) visit({ column: dashes[i] });
  let cursor = lineStart - 1;
  while (cursor >= 0 && (limit > 0 || limitIsDash) && !insideBlockScalar) {
    const start = lineStartOf(text, cursor);
    const entries = indentedPast(text, start, cursor, limit) ? undefined : lineEntries(text.slice(start, cursor));
    cursor = start - 1;
    if (entries === 'boundary') break;
    if (!entries) continue;
    for (let i = entries.length - 1; i >= 0; i--) visit(entries[i]);
  }
  // Reached the top with limit 0: the remaining lines above hold siblings of top-level keys.
  if (limit === 0 && atCursorLevel) {
    while (cursor >= 0) {
      const start = lineStartOf(text, cursor);
      const entries = indentedPast(text, start, cursor, 0) ? undefined : lineEntries(text.slice(start, cursor));
      cursor = start - 1;
      if (entries === 'boundary') break;
      const first = entries?.[0];
      if (first?.key !== undefined && first.column === 0 && first.key !== key) siblings.set(first.key, first.value ?? '');
    }
  }
  if (insideBlockScalar) return undefined;
  // Siblings below the cursor, until the mapping ends.
  let next = lineEnd + 1;
  while (next <= text.length) {
    let end = text.indexOf('\n', next);
    if (end < 0) end = text.length;
    const entries = indentedPast(text, next, end, keyColumn) ? undefined : lineEntries(text.slice(next, end));
    next = end + 1;
    if (entries === 'boundary') break;
    if (entries && entries.length > 0) {
      const first = entries[0];
      if (first.column < keyColumn) break;
      if (first.column === keyColumn && first.key !== undefined && first.key !== key) siblings.set(first.key, first.value ?? '');
    }
    if (end === text.length) break;
  }
  if (on === 'value' && key !== undefined) {
    path.push(key);
    levels.push(siblings);
  }
  return {
    on,
    path,
    wordStart,
    wordEnd,
    prefix,
    keyColumn,
    siblings,
    levels,
    afterDash: dashes.length > 0 && dashes[dashes.length - 1] < wordColumn && on === 'key',
    hasColon,
    needsSpace,
  };
}
