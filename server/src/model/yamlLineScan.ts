/**
 * Primitives of the line scanners that read block YAML without a parser:
 * the inventory's cut (inventoryText.ts) and one-pass reader
 * (inventoryValue.ts), and the manifests' fast reader (yamlFastReader.ts).
 * Each works on a text and offsets, a line being [start, end) without its
 * `\n`; what they tell follows YAML 1.2 as js-yaml reads it.
 */

/** Character codes the scanners compare with. */
export const SPACE = 32;
export const DASH = 45;
export const HASH = 35;
export const CR = 13;
export const TAB = 9;
export const COLON = 58;
export const LINE_FEED = 10;

/**
 * 1 for the ASCII characters that never start a plain scalar: YAML's indicators and quotes, `:` (left to
 * the parser), spaces and line breaks; `-` and `?` are judged by what follows. A table, not a Set: one
 * load instead of a call per scalar in a fresh server's interpreter.
 */
const NOT_PLAIN_START = new Uint8Array(128);
for (const c of '#&*!|>\'"%@`,[]{}: \t\r\n') NOT_PLAIN_START[c.charCodeAt(0)] = 1;

function isFlowIndicator(code: number): boolean {
  return code === 44 /* , */ || code === 91 /* [ */ || code === 93 /* ] */ || code === 123 /* { */ || code === 125 /* } */;
}

export function isLineBreakOrSpace(code: number): boolean {
  return code === SPACE || code === TAB || code === CR || Number.isNaN(code) || code === LINE_FEED;
}

/** A line's end: the offset of its `\n`, or the text's length. */
export function endOfLine(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}

/**
 * Where a line's content ends: `end` (the line's end as endOfLine answers it: its `\n`, or the text's
 * end) less the `\r` just before it, when that `\r` is at or after `start`. `start` is the offset the
 * line is read from (its start, or an offset on it, past which a `\r` is no longer the line's end), or 0:
 * a `\r` before `end` is on the line. With `crlfOnly`, a `\r` is a line break only before a `\n`: one
 * that ends the text is content, for scans that leave a lone `\r` to the parser (yamlIndexRanges.ts).
 */
export function lineContentEnd(text: string, start: number, end: number, crlfOnly = false): number {
  if (end <= start || text.charCodeAt(end - 1) !== CR) return end;
  return crlfOnly && text.charCodeAt(end) !== LINE_FEED ? end : end - 1;
}

/** Spaces before the line's first other character; -1 for blank and comment-only lines. */
export function indentOf(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  const first = text.charCodeAt(i);
  if (i === end || first === HASH || (first === CR && i + 1 === end)) return -1;
  return i - start;
}

/** Whether the line at `start` (indented by `indent`) is a `- ` item. */
export function isDashItem(text: string, start: number, indent: number): boolean {
  return text.charCodeAt(start + indent) === DASH && isLineBreakOrSpace(text.charCodeAt(start + indent + 1));
}

/**
 * Whether a plain scalar may start at `at` (js-yaml's canStartPlainScalar,
 * but for `:`, which starts one only in cases a scanner leaves to the
 * parser): not an indicator, and `-` or `?` not followed by a space (or,
 * inside a flow collection, a flow indicator).
 */
export function canStartPlainScalar(text: string, at: number, inFlow = false): boolean {
  const code = text.charCodeAt(at);
  // Past the text's end the code is NaN, which is not below 128 and not equal to itself.
  if (code < 128 ? NOT_PLAIN_START[code] === 1 : code !== code) return false;
  if (code === DASH || code === 63 /* ? */) {
    const following = text.charCodeAt(at + 1);
    return !(isLineBreakOrSpace(following) || (inFlow && isFlowIndicator(following)));
  }
  return true;
}

/**
 * The offset of the `:` that ends a plain key starting at `start` on the
 * line ending at `end`: the first `:` followed by a space, a tab or the
 * line's end. -1 when the line holds no plain key there: no plain scalar
 * starts there, or a comment (`#` after a space) or the line's end comes
 * first.
 */
export function plainKeyColon(text: string, start: number, end: number): number {
  if (!canStartPlainScalar(text, start)) return -1;
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === COLON) {
      const following = text.charCodeAt(at + 1);
      if (at + 1 === end || following === SPACE || following === TAB) return at;
    } else if (code === HASH) {
      const before = text.charCodeAt(at - 1);
      if (before === SPACE || before === TAB) return -1;
    }
  }
  return -1;
}

const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
/** The escapes js-yaml reads after `\` in a double-quoted scalar, but for the hexadecimal ones. */
const SIMPLE_ESCAPES = new Set([...'0abtnvfre "/\\N_LP'].map((c) => c.charCodeAt(0)));
const HEX_ESCAPE_LENGTH = new Map([
  [120 /* x */, 2],
  [117 /* u */, 4],
  [85 /* U */, 8],
]);
const HEX_DIGITS = /^[0-9A-Fa-f]+$/;

/**
 * The offset of the quote that closes the single- or double-quoted scalar
 * opened at `start`, on its line (before `end`); -1 when it is not closed
 * there (a multi-line scalar, or an error) or holds an escape js-yaml
 * rejects. `''` is a quote inside a single-quoted scalar.
 */
export function closingQuoteOnLine(text: string, start: number, end: number): number {
  const quote = text.charCodeAt(start);
  for (let at = start + 1; at < end; at++) {
    const code = text.charCodeAt(at);
    if (quote === DOUBLE_QUOTE && code === BACKSLASH) {
      const escaped = text.charCodeAt(at + 1);
      const hexLength = HEX_ESCAPE_LENGTH.get(escaped);
      if (hexLength !== undefined) {
        if (at + 2 + hexLength > end || !HEX_DIGITS.test(text.slice(at + 2, at + 2 + hexLength))) return -1;
        at += 1 + hexLength;
      } else if (SIMPLE_ESCAPES.has(escaped) && at + 1 < end) at++;
      else return -1;
    } else if (code === quote) {
      if (quote === SINGLE_QUOTE && at + 1 < end && text.charCodeAt(at + 1) === SINGLE_QUOTE) at++;
      else return at;
    }
  }
  return -1;
}

/** Whether the quoted scalar [start, close] has escapes (`\`, or `''` in single quotes): its value is not its text. */
export function hasQuoteEscapes(text: string, start: number, close: number): boolean {
  // A scan bounded by the closing quote: indexOf would search on to the end of the text when the
  // scalar has no escape, which made reading a file of many quoted scalars quadratic (a 46 MB node dump: 50 s).
  if (text.charCodeAt(start) === SINGLE_QUOTE) {
    for (let at = start + 1; at < close; at++) if (text.charCodeAt(at) === SINGLE_QUOTE && text.charCodeAt(at + 1) === SINGLE_QUOTE) return true;
    return false;
  }
  for (let at = start + 1; at < close; at++) if (text.charCodeAt(at) === BACKSLASH) return true;
  return false;
}

/** Whether [from, end) holds nothing but spaces and tabs, then perhaps a comment after at least one of them. */
export function onlyCommentFollows(text: string, from: number, end: number): boolean {
  let at = from;
  while (at < end && (text.charCodeAt(at) === SPACE || text.charCodeAt(at) === TAB)) at++;
  return at >= end || (text.charCodeAt(at) === HASH && at > from);
}

/**
 * The end of a key's block: the start of the first line, after the key's
 * line, that is less indented than the key, or as indented and not one of
 * the key's `- ` items (a block key's list may sit at its own indentation).
 * Blank and comment lines inside belong to it.
 */
export function endOfBlock(text: string, next: number, keyColumn: number, itemsAtKeyColumn: boolean): number {
  let position = next;
  while (position < text.length) {
    const end = endOfLine(text, position);
    const indent = indentOf(text, position, end);
    if (indent >= 0 && (indent < keyColumn || (indent === keyColumn && !(itemsAtKeyColumn && isDashItem(text, position, indent))))) break;
    position = end + 1;
  }
  return Math.min(position, text.length);
}

/**
 * The first offset from `from` that is not a space, tab, line break, `,`,
 * `:` or part of a comment: what may come between a flow collection's last
 * node and its closing bracket.
 */
export function skipFlowSeparators(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === SPACE || code === TAB || code === LINE_FEED || code === CR || code === 44 /* , */ || code === COLON) i++;
    else if (code === HASH) i = endOfLine(text, i);
    else break;
  }
  return i;
}
