/**
 * Helm and other Go-template YAML (`{{ … }}`): masked so the YAML around the
 * templates can still be parsed and checked, without false errors from the
 * templates themselves. Offsets are kept: every masked character is replaced
 * by one character, so ranges in the masked text are ranges in the original.
 *
 * - A line holding only template actions (`{{- if .Values.x }}`,
 *   `{{- include "labels" . | nindent 4 }}`, `{{- end }}`) becomes blank.
 * - An action inside a line (`image: {{ .Values.image }}`) becomes a plain
 *   scalar placeholder of the same length.
 */

export interface TemplateMask {
  /** The text with templates masked, as long as the original. */
  text: string;
  /** Offsets [start, end) of masked actions that stood for values inside lines. */
  valueSpans: Array<[number, number]>;
  /** Whether whole lines were template actions (content may come from includes or conditionals). */
  hasDirectiveLines: boolean;
}

const ACTION = /\{\{[\s\S]*?\}\}/g;

export function hasGoTemplates(text: string): boolean {
  return text.includes('{{');
}

export function maskGoTemplates(text: string): TemplateMask {
  const valueSpans: Array<[number, number]> = [];
  let hasDirectiveLines = false;
  const chars = text.split('');
  const blank = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  for (const match of text.matchAll(ACTION)) {
    const start = match.index;
    const end = start + match[0].length;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd === -1) lineEnd = text.length;
    const before = text.slice(lineStart, start);
    const after = text.slice(end, lineEnd);
    // An action alone on its line(s), possibly with other actions: a directive.
    const onlyActions = /^\s*$/.test(before) && /^\s*(\{\{[\s\S]*?\}\}\s*)*\r?$/.test(after);
    if (onlyActions || match[0].includes('\n')) {
      blank(start, end);
      hasDirectiveLines = true;
    } else {
      // A value: a plain scalar of the same length (underscores need no quoting).
      for (let i = start; i < end; i++) chars[i] = '_';
      valueSpans.push([start, end]);
    }
  }
  return { text: chars.join(''), valueSpans, hasDirectiveLines };
}
