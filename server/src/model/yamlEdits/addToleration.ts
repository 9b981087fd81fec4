/**
 * The minimal text edit that adds one toleration to a DaemonSet's pod
 * template (`spec.template.spec.tolerations`), creating the list when it is
 * absent. Pure and browser-safe: the preview webview computes the edit from
 * the text it shows, and the extension applies it as a WorkspaceEdit.
 *
 * Only text is inserted, never re-serialized, so comments, quoting and the
 * author's indentation style stay as they are.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Taint } from '../kubeTypes';
import { findNodeAtPath, hasYamlErrors, parseYamlFile, type FieldPath, type ParsedYamlDocument } from '../yamlDocuments';
import { lineStartOf } from '../textPositions';

/** Replace `length` characters at `offset` (UTF-16, into the whole file) with `text`. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

export interface TolerationToAdd {
  key: string;
  operator: 'Equal' | 'Exists';
  value?: string;
  effect: string;
}

/** The toleration a taint needs: Equal with its value, or Exists when it has none (as `suggestToleration` words it). */
export function tolerationForTaint(taint: Taint): TolerationToAdd {
  return taint.value
    ? { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect }
    : { key: taint.key, operator: 'Exists', effect: taint.effect };
}

const PLAIN_SAFE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** Taint keys and effects are label-like and safe unquoted; anything else is double-quoted. */
function scalar(text: string): string {
  return PLAIN_SAFE.test(text) && !/^(true|false|null|yes|no|on|off|~|[0-9.+-]+)$/i.test(text) ? text : JSON.stringify(text);
}

function blockFields(toleration: TolerationToAdd): string[] {
  const fields = [`key: ${scalar(toleration.key)}`, `operator: ${toleration.operator}`];
  // A value is always quoted: "true" and "1" are common taint values and must stay strings.
  if (toleration.value !== undefined) fields.push(`value: ${JSON.stringify(toleration.value)}`);
  fields.push(`effect: ${scalar(toleration.effect)}`);
  return fields;
}

function flowItem(toleration: TolerationToAdd): string {
  return `{${blockFields(toleration).join(', ')}}`;
}

function blockItem(toleration: TolerationToAdd, indent: string, eol: string): string {
  return blockFields(toleration)
    .map((field, index) => `${indent}${index === 0 ? '- ' : '  '}${field}`)
    .join(eol);
}

function lineStart(text: string, offset: number): number {
  return lineStartOf(text, offset);
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** End of the line holding the last non-blank character before `end` (before a `\r\n` too). */
export function endOfLastContentLine(text: string, start: number, end: number): number {
  let last = end - 1;
  while (last > start && /\s/.test(text[last])) last--;
  let position = text.indexOf('\n', last);
  if (position < 0) position = text.length;
  if (position > 0 && text[position - 1] === '\r') position--;
  return position;
}

function offsets(doc: ParsedYamlDocument, node: Node): [number, number] {
  const range = node.range as [number, number, number];
  return [doc.offset + range[0], doc.offset + range[1]];
}

/** How far the author indents a block sequence under its key (`containers:\n  - …` is 2, `containers:\n- …` is 0). */
function sequenceIndentStyle(text: string, doc: ParsedYamlDocument, podSpec: Node): number {
  if (!isMap(podSpec)) return 2;
  for (const pair of podSpec.items) {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    if (key && value && isSeq(value) && !value.flow && value.items.length > 0) {
      return Math.max(0, columnOf(text, offsets(doc, value)[0]) - columnOf(text, offsets(doc, key)[0]));
    }
  }
  return 2;
}

/**
 * The edit adding `toleration` to the DaemonSet at `basePath` (`[]` for a
 * top-level document, `['items', n]` inside a List) of document
 * `documentIndex`, or an error in words when the text cannot take it.
 */
export function addTolerationEdit(
  text: string,
  documentIndex: number,
  basePath: FieldPath,
  toleration: TolerationToAdd,
): TextEdit | { error: string } {
  const parsed = parseYamlFile(text);
  const doc = parsed.documents[documentIndex];
  if (!doc) return { error: `the file has no document ${documentIndex + 1}` };
  if (hasYamlErrors(doc)) return { error: 'the manifest has YAML errors; fix them first' };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const podSpecPath = [...basePath, 'spec', 'template', 'spec'];
  const podSpecAt = findNodeAtPath(doc, podSpecPath);
  const podSpec = podSpecAt.depth === podSpecPath.length ? podSpecAt.value : undefined;
  if (!podSpec || !isMap(podSpec)) return { error: 'spec.template.spec is not a mapping' };

  const tolerationsPair = podSpec.items.find((pair) => isScalar(pair.key) && pair.key.value === 'tolerations');
  const list = tolerationsPair?.value as Node | null | undefined;
  const seqIndent = sequenceIndentStyle(text, doc, podSpec);

  if (tolerationsPair && list && isSeq(list)) {
    const [start, end] = offsets(doc, list);
    if (list.flow) {
      // `[]` or `[{…}]`: add to the flow sequence before its closing bracket.
      const close = text.lastIndexOf(']', end - 1);
      if (close < start) return { error: 'spec.template.spec.tolerations is not a closed flow sequence' };
      return { offset: close, length: 0, text: `${list.items.length > 0 ? ', ' : ''}${flowItem(toleration)}` };
    }
    const indent = ' '.repeat(columnOf(text, start));
    const last = list.items[list.items.length - 1] as Node;
    const [lastStart, lastEnd] = offsets(doc, last);
    const at = endOfLastContentLine(text, lastStart, lastEnd);
    return { offset: at, length: 0, text: eol + blockItem(toleration, indent, eol) };
  }

  const keyNode = tolerationsPair?.key as Node | undefined;
  if (keyNode && (list === null || list === undefined || (isScalar(list) && (list.value === null || list.value === '')))) {
    // `tolerations:` (or `tolerations: ~`) with no list: the list replaces the null value, under the key.
    const keyColumn = columnOf(text, offsets(doc, keyNode)[0]);
    const colon = text.indexOf(':', offsets(doc, keyNode)[1]);
    const valueEnd = list && list.range && list.range[1] > list.range[0] ? offsets(doc, list)[1] : colon + 1;
    const indent = ' '.repeat(keyColumn + seqIndent);
    return { offset: colon + 1, length: valueEnd - colon - 1, text: eol + blockItem(toleration, indent, eol) };
  }
  if (tolerationsPair) return { error: 'spec.template.spec.tolerations is not a list' };

  if (podSpec.flow) {
    const [start, end] = offsets(doc, podSpec);
    const close = text.lastIndexOf('}', end - 1);
    if (close < start) return { error: 'spec.template.spec is not a closed flow mapping' };
    return { offset: close, length: 0, text: `${podSpec.items.length > 0 ? ', ' : ''}tolerations: [${flowItem(toleration)}]` };
  }
  const firstKey = podSpec.items[0]?.key as Node | undefined;
  if (!firstKey) return { error: 'spec.template.spec is empty' };
  const keyIndent = ' '.repeat(columnOf(text, offsets(doc, firstKey)[0]));
  const [specStart, specEnd] = offsets(doc, podSpec);
  const at = endOfLastContentLine(text, specStart, specEnd);
  return {
    offset: at,
    length: 0,
    text: `${eol}${keyIndent}tolerations:${eol}${blockItem(toleration, keyIndent + ' '.repeat(seqIndent), eol)}`,
  };
}

/** `text` with the edit applied. */
export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}
