/**
 * getFoldingRanges: one range per YAML document of a multi-document file,
 * one per block (a key or sequence item with more-indented lines below),
 * and one per run of comment lines. Read from the text by indentation, so
 * broken documents fold too.
 *
 * A `---` or `...` line closes every block and ends every comment run, so the
 * blocks and comments of each stretch of lines between two such lines are a
 * function of that stretch's text alone: they are read per stretch, relative
 * to its first line, and a FoldingStretches remembers them by text, so after
 * an edit only the edited stretch is read again (the others are moved to
 * their new first line). On the 1,000-document bench file, reading every
 * line took 100–280 ms per request.
 */
import type { ParsedYamlFile } from '../model/yamlDocuments';
import type { LineIndex } from '../model/textPositions';
import { lineContentEnd } from '../model/yamlLineScan';
import type { FoldingRange } from './types';

/**
 * The block and comment ranges of stretches, by text, relative to the stretch's first line. Keeps those
 * of the last file read and of the one before only, so it never holds more than two versions of a text.
 */
export class FoldingStretches {
  private previous = new Map<string, Stretch>();
  private current = new Map<string, Stretch>();
  /** How many stretches were read rather than found (what an edit cost). */
  readCount = 0;

  /** Starts reading a new version: what the last one read stays available to it, older ones are dropped. */
  beginVersion(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** The stretch's ranges where it starts at line `from`. */
  get(text: string, from: number): readonly FoldingRange[] {
    let stretch = this.current.get(text);
    if (!stretch) {
      stretch = this.previous.get(text);
      if (!stretch) {
        stretch = { relative: stretchRanges(text) };
        this.readCount++;
      }
      this.current.set(text, stretch);
    }
    // An edit within a line moves no stretch: the ranges of the last version serve as they are.
    if (stretch.placed?.from !== from) stretch.placed = { from, ranges: stretch.relative.map((range) => movedBy(range, from)) };
    return stretch.placed.ranges;
  }
}

interface Stretch {
  /** Its ranges, lines counted from its first. */
  relative: readonly FoldingRange[];
  /** Where it last started, and its ranges there. */
  placed?: { from: number; ranges: readonly FoldingRange[] };
}

function movedBy(range: FoldingRange, lines: number): FoldingRange {
  return range.kind ? { startLine: range.startLine + lines, endLine: range.endLine + lines, kind: range.kind } : { startLine: range.startLine + lines, endLine: range.endLine + lines };
}

/** Sorted by start line, the longer first; a document's range before a block's of the same lines. */
export function getFoldingRanges(file: ParsedYamlFile, stretches?: FoldingStretches): FoldingRange[] {
  const documents: FoldingRange[] = [];
  const { text, lines } = file;
  const lineCount = lines.lineCount;

  if (file.documents.length > 1) {
    for (const doc of file.documents) {
      const start = lines.positionAt(doc.offset).line;
      let end = lines.positionAt(doc.offset + doc.text.length).line;
      while (end > start && (end >= lineCount || indentOf(lineAt(lines, end)) < 0 || isBoundary(lineAt(lines, end)))) end--;
      if (end > start) documents.push({ startLine: start, endLine: end });
    }
  }
  documents.sort(byPosition);

  const reader = stretches ?? new FoldingStretches();
  if (!stretches) reader.beginVersion();
  // Each stretch's ranges are sorted and lie within its lines, so their concatenation is sorted too.
  const ranges: FoldingRange[] = [];
  let from = 0;
  const addStretch = (to: number) => {
    if (to <= from) return;
    const stretch = text.slice(lines.lineStarts[from], to < lineCount ? lines.lineStarts[to] : text.length);
    for (const range of reader.get(stretch, from)) ranges.push(range);
  };
  for (let line = 0; line < lineCount; line++) {
    if (!startsWithBoundary(text, lines.lineStarts[line])) continue;
    addStretch(line);
    from = line + 1;
  }
  addStretch(lineCount);
  return merged(documents, ranges);
}

const byPosition = (a: FoldingRange, b: FoldingRange) => a.startLine - b.startLine || b.endLine - a.endLine;

/** Two sorted lists as one, `first`'s range before `second`'s of the same lines (as a stable sort of their concatenation). */
function merged(first: FoldingRange[], second: FoldingRange[]): FoldingRange[] {
  if (first.length === 0) return second;
  const out: FoldingRange[] = new Array<FoldingRange>(first.length + second.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < first.length && j < second.length) out[k++] = byPosition(first[i], second[j]) <= 0 ? first[i++] : second[j++];
  while (i < first.length) out[k++] = first[i++];
  while (j < second.length) out[k++] = second[j++];
  return out;
}

const indentOf = (line: string) => {
  const match = /^[ \t]*/.exec(line) as RegExpExecArray;
  return match[0].length === line.length ? -1 : match[0].length;
};
const isBoundary = (line: string) => /^(---|\.\.\.)(\s|$)/.test(line);

/** Line `line` of the text, without its line break. */
function lineAt(lines: LineIndex, line: number): string {
  const start = lines.lineStarts[line];
  if (start === undefined) return '';
  const next = lines.lineStarts[line + 1];
  const text = lines.text;
  const end = next === undefined ? text.length : text.charCodeAt(next - 1) === 10 ? next - 1 : next;
  return text.slice(start, lineContentEnd(text, start, end));
}

/** isBoundary of the line starting at `start`, read in the file's text (a line break is whitespace there, as the end of the line is in isBoundary). */
function startsWithBoundary(text: string, start: number): boolean {
  const first = text.charCodeAt(start);
  if (first !== 45 && first !== 46) return false; // '-' or '.'
  if (text.charCodeAt(start + 1) !== first || text.charCodeAt(start + 2) !== first) return false;
  return start + 3 >= text.length || /\s/.test(text[start + 3]);
}

/** The blocks and comment runs of a stretch with no `---`/`...` line, its lines counted from 0. */
function stretchRanges(stretch: string): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const lines = stretch.split(/\r\n|\r|\n/);
  // One pass with a stack of open blocks, so deep nesting costs O(lines), not O(lines × depth).
  const open: { line: number; indent: number; opensSequence: boolean; isItem: boolean }[] = [];
  let previousContent = -1;
  const close = (keep: (block: (typeof open)[number]) => boolean) => {
    while (open.length > 0 && !keep(open[open.length - 1])) {
      const block = open.pop() as (typeof open)[number];
      if (previousContent > block.line) ranges.push({ startLine: block.line, endLine: previousContent });
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = blanksBefore(line);
    if (indent === line.length) continue;
    if (isCommentLine(line, indent)) {
      // Only the first line of a comment run scans it: a run of n lines costs O(n), not O(n²).
      if (i > 0 && isCommentLine(lines[i - 1], blanksBefore(lines[i - 1]))) continue;
      let end = i;
      while (end + 1 < lines.length && isCommentLine(lines[end + 1], blanksBefore(lines[end + 1]))) end++;
      if (end > i) ranges.push({ startLine: i, endLine: end, kind: 'comment' });
      continue;
    }
    const first = line.charCodeAt(indent);
    const plain = !isUnusual(first);
    const isItem = plain ? first === DASH && (indent + 1 === line.length || WHITESPACE.test(line[indent + 1])) : /^\s*-(\s|$)/.test(line);
    // A sequence under its key at the same column (`key:\n- a`) belongs to the key.
    close((block) => indent > block.indent || (block.opensSequence && indent === block.indent && isItem && !block.isItem));
    open.push({ line: i, indent, opensSequence: opensSequence(line), isItem: plain ? first === DASH : /^\s*-/.test(line) });
    previousContent = i;
  }
  close(() => false);
  return Object.freeze(ranges.sort(byPosition)) as FoldingRange[];
}

// The per-line tests are those of regular expressions (`/^\s*#/`, `/^\s*-(\s|$)/`, `/:\s*(#.*)?$/`), read
// from character codes where the characters are plain ASCII: most lines of a large file hold no
// whitespace but spaces and tabs, and the expressions were most of a fold's time. Any other character
// where it matters goes to the expression.
const DASH = 0x2d;
const HASH = 0x23;
const COLON = 0x3a;
const WHITESPACE = /\s/;

/** A code that may be whitespace other than a space or a tab (or no character at all). */
function isUnusual(code: number): boolean {
  return !(code > 0x20 && code < 0x80);
}

/** The spaces and tabs the line starts with. */
function blanksBefore(line: string): number {
  let i = 0;
  for (let code = line.charCodeAt(0); code === 0x20 || code === 0x09; code = line.charCodeAt(++i));
  return i;
}

/** `/^\s*#/`, given the spaces and tabs before the line's first other character. */
function isCommentLine(line: string, blanks: number): boolean {
  const first = line.charCodeAt(blanks);
  if (first === HASH) return true;
  return blanks < line.length && isUnusual(first) && /^\s*#/.test(line);
}

/** `/:\s*(#.*)?$/`: a colon followed by nothing but whitespace, or by a comment, to the end of the line. */
function opensSequence(line: string): boolean {
  let last = line.length - 1;
  while (last >= 0 && (line.charCodeAt(last) === 0x20 || line.charCodeAt(last) === 0x09)) last--;
  const code = line.charCodeAt(last);
  if (code === COLON) return true;
  // Else only a comment after a colon can end the line so.
  if (!isUnusual(code) && !line.includes('#')) return false;
  return /:\s*(#.*)?$/.test(line);
}
