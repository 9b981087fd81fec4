/**
 * The kind a YAML document's text declares on its top-level `kind:` line, read without parsing it:
 * the workspace index's pre-scan (which documents may give a summary, `mayBeSummarized`), and the
 * editing features of a document the parser cannot read yet (`looksLikeDaemonSet`, completion).
 *
 * A top-level line starts at column 0, so a `kind:` of a nested object, a list item or a block
 * scalar's text (always indented under its key) is not one. The value is read only when it is one
 * plain or quoted word (`DaemonSet`, `"DaemonSet"`, `'DaemonSet'`), optionally followed by a
 * comment, on a line ending in LF or CRLF; anything else (flow, an anchor or a tag, two words, an
 * unclosed quote) leaves the kind to the parse.
 */

export interface KindLineScan {
  /** How many top-level `kind:` lines the text has, counted up to two (two or more: only a parse can tell). */
  lines: 0 | 1 | 2;
  /** The first such line's value when it is one word; undefined otherwise. */
  kind: string | undefined;
}

const TOP_LEVEL_KIND_LINE = /^kind:/gm;
/** The rest of a kind line (from after `kind:`) when its value is a single plain or quoted word. */
const ONE_WORD_VALUE = /[ \t]*(["']?)([A-Za-z][A-Za-z0-9]*)\1[ \t]*(?:#.*)?\r?$/my;
const NO_KIND_LINE: KindLineScan = { lines: 0, kind: undefined };

export function scanKindLines(documentText: string): KindLineScan {
  TOP_LEVEL_KIND_LINE.lastIndex = 0;
  const first = TOP_LEVEL_KIND_LINE.exec(documentText);
  if (!first) return NO_KIND_LINE;
  const lines = TOP_LEVEL_KIND_LINE.test(documentText) ? 2 : 1;
  ONE_WORD_VALUE.lastIndex = first.index + first[0].length;
  return { lines, kind: ONE_WORD_VALUE.exec(documentText)?.[2] };
}
