/**
 * Helm and other Go-template YAML (`{{ … }}`): masked so the YAML around the
 * templates can still be parsed and checked, without false errors from the
 * templates themselves. Offsets are kept: every masked character is replaced
 * by one character, so ranges in the masked text are ranges in the original.
 *
 * - A line holding only template actions (`{{- if .Values.x }}`,
 *   `{{- include "labels" . | nindent 4 }}`, `{{- end }}`) becomes blank.
 *   Among those, an action that emits YAML (`include`, `template`, `toYaml`,
 *   `tpl`, …) is a block hole: an unknown mapping or sequence at its indent.
 * - An action inside a line (`image: {{ .Values.image }}`) becomes a plain
 *   scalar placeholder of the same length: a typed hole for any scalar.
 * - The alternatives of `if`/`else if`/`else`, `with`/`else` and `range`/`else`
 *   are alternatives, not siblings: the first is kept and the others are
 *   blanked, so a key set in two branches is not a duplicate. `define` bodies
 *   are named templates, not content of this file: blanked.
 */

export interface TemplateMask {
  /** The text with templates masked, as long as the original. */
  text: string;
  /** Offsets [start, end) of masked actions that stood for values inside lines. */
  valueSpans: Array<[number, number]>;
  /** Whether whole lines were template actions (content may come from includes or conditionals). */
  hasDirectiveLines: boolean;
  /** Actions alone on their line that emit YAML there. */
  blockHoles: BlockHole[];
  /** Offsets [start, end) of the kept bodies of `if`/`with`/`range` blocks, in the order they close. */
  branches: Array<[number, number]>;
}

export interface BlockHole {
  /** Offset of the action's `{{`. */
  offset: number;
  /** The column the emitted YAML starts at: `indent N`/`nindent N`, else the action's own column. */
  indent: number;
}

const ACTION = /\{\{[\s\S]*?\}\}/g;
/** Keywords of actions that control the template and emit nothing themselves. */
const CONTROL = /^(?:if|else|end|with|range|define|block|break|continue)\b/;
const OPENS_BODY = /^(?:if|with|range|define|block)\b/;
/** `indent N` or `nindent N`, the last one in the pipeline deciding the column. */
const INDENT = /\bn?indent\s+(\d+)/g;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const HASH = 35;
const UNDERSCORE = 95;

/**
 * The masked text: the original's characters, but in the spans that were written (`changed`, in any
 * order, overlapping), whose code units are read from `codes`.
 */
function maskedText(original: string, codes: Uint16Array, changed: Array<[number, number]>): string {
  if (changed.length === 0) return original;
  const spans = [...changed].sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    parts.push(original.slice(at, from));
    for (let i = from; i < end; i += 4096) parts.push(String.fromCharCode.apply(null, codes.subarray(i, Math.min(end, i + 4096)) as unknown as number[]));
    at = end;
  }
  parts.push(original.slice(at));
  return parts.join('');
}

/** A block scalar header ending a line: `key: |`, `- >-`, `key: |2 # comment`. */
const BLOCK_SCALAR_HEADER = /(?:^\s*-|:)\s+[|>][-+1-9]{0,2}\s*(?:#.*)?$/;

export function hasGoTemplates(text: string): boolean {
  return text.includes('{{');
}

interface OpenBlock {
  keyword: string;
  /** Offset just past the opening action. */
  bodyStart: number;
  /** Offset of the first `else`, from which the other alternatives are blanked. */
  elseStart?: number;
}

export function maskGoTemplates(text: string): TemplateMask {
  let valueSpans: Array<[number, number]> = [];
  const blockHoles: BlockHole[] = [];
  const branches: Array<[number, number]> = [];
  const blanked: Array<[number, number]> = [];
  const alternatives: Array<[number, number]> = [];
  let hasDirectiveLines = false;
  // The masked text's UTF-16 code units: one typed array, not a string per character (a rendered
  // chart's ConfigMaps with alert templates are megabytes).
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  /** The spans whose code units were written. */
  const changed: Array<[number, number]> = [];
  const blank = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (codes[i] !== LINE_FEED && codes[i] !== CARRIAGE_RETURN) codes[i] = SPACE;
    changed.push([start, end]);
  };
  const stack: OpenBlock[] = [];
  for (const match of text.matchAll(ACTION)) {
    const start = match.index;
    const end = start + match[0].length;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd === -1) lineEnd = text.length;
    const before = text.slice(lineStart, start);
    const after = text.slice(end, lineEnd);
    const body = actionBody(match[0]);
    trackBlocks(body, start, end, stack, branches, blanked, alternatives);
    // An action alone on its line(s), possibly with other actions: a directive.
    const onlyActions = /^\s*$/.test(before) && onlyActionsIn(after);
    if (onlyActions || match[0].includes('\n')) {
      blank(start, end);
      hasDirectiveLines = true;
      if (onlyActions && emitsYaml(body)) blockHoles.push({ offset: start, indent: indentOf(body, start - lineStart) });
    } else {
      // A value: a plain scalar of the same length (underscores need no quoting).
      codes.fill(UNDERSCORE, start, end);
      changed.push([start, end]);
      valueSpans.push([start, end]);
    }
  }
  if (blanked.length > 0) {
    const inBlanked = blankedTest(text.length, blanked);
    for (let i = 0; i < text.length; i++) if (inBlanked(i) && codes[i] !== LINE_FEED && codes[i] !== CARRIAGE_RETURN) codes[i] = SPACE;
    changed.push(...blanked);
    valueSpans = valueSpans.filter(([start]) => !inBlanked(start));
    const kept = blockHoles.filter((hole) => !inBlanked(hole.offset));
    blockHoles.splice(0, blockHoles.length, ...kept);
  }
  // A blanked alternative hides content at the indent it was written at: a block hole there.
  for (const [start, end] of alternatives) {
    const hole = firstContentLine(text, start, end);
    if (hole) blockHoles.push(hole);
  }
  blockHoles.sort((a, b) => a.offset - b.offset);
  return { text: keepBlockScalarsReadable(text, codes, changed), valueSpans, hasDirectiveLines, blockHoles, branches };
}

/**
 * Whether the rest of a line holds only actions and blanks; a scan, not a regular expression
 * (`(\{\{[\s\S]*?\}\}\s*)*$` backtracks exponentially on a long line of actions that fails).
 */
function onlyActionsIn(rest: string): boolean {
  let i = 0;
  for (;;) {
    while (i < rest.length && /\s/.test(rest[i])) i++;
    if (i === rest.length) return true;
    if (!rest.startsWith('{{', i)) return false;
    const close = rest.indexOf('}}', i + 2);
    if (close === -1) return false;
    i = close + 2;
  }
}

/** Whether an offset is in one of the spans; linear in the text and the spans, however they nest. */
function blankedTest(length: number, spans: Array<[number, number]>): (offset: number) => boolean {
  const depth = new Int32Array(length + 1);
  for (const [start, end] of spans) {
    depth[start]++;
    depth[end]--;
  }
  for (let i = 1; i <= length; i++) depth[i] += depth[i - 1];
  return (offset) => depth[offset] > 0;
}

/** What is between `{{`/`{{-` and `}}`/`-}}`, trimmed. */
function actionBody(action: string): string {
  return action.replace(/^\{\{-?/, '').replace(/-?\}\}$/, '').trim();
}

/** Whether an action alone on its line writes YAML there (not control, a comment, or an assignment). */
function emitsYaml(body: string): boolean {
  if (body === '' || body.startsWith('/*') || CONTROL.test(body)) return false;
  return !/^\$[\w]*\s*:?=/.test(body);
}

function indentOf(body: string, column: number): number {
  let indent: number | undefined;
  for (const match of body.matchAll(INDENT)) indent = Number(match[1]);
  return indent ?? column;
}

/**
 * Follows `if`/`with`/`range`/`define` … `else` … `end`: records the kept body
 * of each block, and the spans to blank (the alternatives after the first, and
 * `define` bodies).
 */
function trackBlocks(
  body: string,
  start: number,
  end: number,
  stack: OpenBlock[],
  branches: Array<[number, number]>,
  blanked: Array<[number, number]>,
  alternatives: Array<[number, number]>,
): void {
  const keyword = /^\w+/.exec(body)?.[0] ?? '';
  if (OPENS_BODY.test(body)) {
    stack.push({ keyword, bodyStart: end });
    return;
  }
  const top = stack[stack.length - 1];
  if (!top) return; // an unbalanced else or end: nothing to follow
  if (keyword === 'else') {
    if (top.elseStart === undefined && top.keyword !== 'define' && top.keyword !== 'block') {
      top.elseStart = start;
      branches.push([top.bodyStart, start]);
    }
    return;
  }
  if (keyword !== 'end') return;
  stack.pop();
  if (top.keyword === 'define') blanked.push([top.bodyStart, start]);
  else if (top.elseStart !== undefined) {
    blanked.push([top.elseStart, start]);
    alternatives.push([top.elseStart, start]);
  }
  else if (top.keyword !== 'block') branches.push([top.bodyStart, start]);
}

/** The first line of [start, end) with more than template actions on it, as a hole at its indent. */
function firstContentLine(text: string, start: number, end: number): BlockHole | undefined {
  let lineStart = text.indexOf('\n', start) + 1;
  while (lineStart > 0 && lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const line = text.slice(lineStart, lineEnd);
    const content = line.replace(ACTION, '').trim();
    if (content !== '' && !content.startsWith('#')) {
      const indent = line.length - line.trimStart().length;
      return { offset: lineStart + indent, indent };
    }
    lineStart = text.indexOf('\n', lineEnd) + 1;
  }
  return undefined;
}

/**
 * A blanked action line before the first line of a block scalar would be a
 * "more-indented leading empty line", an error YAML reports; on such a line a
 * `#` at the scalar's indent makes it a line of the scalar's text instead.
 */
function keepBlockScalarsReadable(original: string, codes: Uint16Array, changed: Array<[number, number]>): string {
  const masked = maskedText(original, codes, changed);
  let marked = false;
  const lines = masked.split('\n');
  let offset = 0;
  let pending: Array<{ offset: number; length: number }> | undefined;
  for (const rawLine of lines) {
    const line = rawLine.replace(/\r$/, '');
    const lineOffset = offset;
    offset += rawLine.length + 1;
    if (pending) {
      if (line.trim() === '') {
        if (original.slice(lineOffset, lineOffset + line.length).includes('{{')) pending.push({ offset: lineOffset, length: line.length });
        continue;
      }
      const indent = line.length - line.trimStart().length;
      for (const blankLine of pending) {
        if (blankLine.length > indent) {
          codes[blankLine.offset + indent] = HASH;
          changed.push([blankLine.offset + indent, blankLine.offset + indent + 1]);
          marked = true;
        }
      }
      pending = undefined;
    }
    if (BLOCK_SCALAR_HEADER.test(line)) pending = [];
  }
  return marked ? maskedText(original, codes, changed) : masked;
}
