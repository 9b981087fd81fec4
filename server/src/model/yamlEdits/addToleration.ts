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
import { findNodeAtPath, hasYamlErrors, parseYamlFile, type FieldPath } from '../yamlDocuments';
import type { OffsetEdit } from './offsetEdit';
import { columnOf, endOfLastContentLine, nodeOffsets as offsets } from './sourceText';
import { quotedYamlString, yamlScalar } from './yamlScalar';
import { detectYamlStyle, type YamlStyle } from './yamlStyle';

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

function blockFields(toleration: TolerationToAdd, style: YamlStyle): string[] {
  const fields = [`key: ${yamlScalar(toleration.key, style.quote)}`, `operator: ${toleration.operator}`];
  // A value is always quoted, as `kubectl taint` users expect to see "true" and "1" written.
  if (toleration.value !== undefined) fields.push(`value: ${quotedYamlString(toleration.value, style.quote)}`);
  fields.push(`effect: ${yamlScalar(toleration.effect, style.quote)}`);
  return fields;
}

function flowItem(toleration: TolerationToAdd, style: YamlStyle): string {
  return `{${blockFields(toleration, style).join(', ')}}`;
}

function blockItem(toleration: TolerationToAdd, indent: string, style: YamlStyle): string {
  return blockFields(toleration, style)
    .map((field, index) => `${indent}${index === 0 ? '- ' : '  '}${field}`)
    .join(style.eol);
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
): OffsetEdit | { error: string } {
  const parsed = parseYamlFile(text);
  const doc = parsed.documents[documentIndex];
  if (!doc) return { error: `the file has no document ${documentIndex + 1}` };
  if (hasYamlErrors(doc)) return { error: 'the manifest has YAML errors; fix them first' };
  const style = detectYamlStyle(text);
  const eol = style.eol;
  const podSpecPath = [...basePath, 'spec', 'template', 'spec'];
  const podSpecAt = findNodeAtPath(doc, podSpecPath);
  const podSpec = podSpecAt.depth === podSpecPath.length ? podSpecAt.value : undefined;
  if (!podSpec || !isMap(podSpec)) return { error: 'spec.template.spec is not a mapping' };

  const tolerationsPair = podSpec.items.find((pair) => isScalar(pair.key) && pair.key.value === 'tolerations');
  const list = tolerationsPair?.value as Node | null | undefined;
  const seqIndent = style.sequenceIndent;

  if (tolerationsPair && list && isSeq(list)) {
    const [start, end] = offsets(doc, list);
    if (list.flow) {
      // `[]` or `[{…}]`: add to the flow sequence before its closing bracket.
      const close = text.lastIndexOf(']', end - 1);
      if (close < start) return { error: 'spec.template.spec.tolerations is not a closed flow sequence' };
      return { start: close, end: close, newText: `${list.items.length > 0 ? ', ' : ''}${flowItem(toleration, style)}` };
    }
    const indent = ' '.repeat(columnOf(text, start));
    const last = list.items[list.items.length - 1] as Node;
    const [lastStart, lastEnd] = offsets(doc, last);
    const at = endOfLastContentLine(text, lastStart, lastEnd);
    return { start: at, end: at, newText: eol + blockItem(toleration, indent, style) };
  }

  const keyNode = tolerationsPair?.key as Node | undefined;
  if (keyNode && (list === null || list === undefined || (isScalar(list) && (list.value === null || list.value === '')))) {
    // `tolerations:` (or `tolerations: ~`) with no list: the list replaces the null value, under the key.
    const keyColumn = columnOf(text, offsets(doc, keyNode)[0]);
    const colon = text.indexOf(':', offsets(doc, keyNode)[1]);
    const valueEnd = list && list.range && list.range[1] > list.range[0] ? offsets(doc, list)[1] : colon + 1;
    const indent = ' '.repeat(keyColumn + seqIndent);
    return { start: colon + 1, end: valueEnd, newText: eol + blockItem(toleration, indent, style) };
  }
  if (tolerationsPair) return { error: 'spec.template.spec.tolerations is not a list' };

  if (podSpec.flow) {
    const [start, end] = offsets(doc, podSpec);
    const close = text.lastIndexOf('}', end - 1);
    if (close < start) return { error: 'spec.template.spec is not a closed flow mapping' };
    return { start: close, end: close, newText: `${podSpec.items.length > 0 ? ', ' : ''}tolerations: [${flowItem(toleration, style)}]` };
  }
  const firstKey = podSpec.items[0]?.key as Node | undefined;
  if (!firstKey) return { error: 'spec.template.spec is empty' };
  const keyIndent = ' '.repeat(columnOf(text, offsets(doc, firstKey)[0]));
  const [specStart, specEnd] = offsets(doc, podSpec);
  const at = endOfLastContentLine(text, specStart, specEnd);
  return {
    start: at,
    end: at,
    newText: `${eol}${keyIndent}tolerations:${eol}${blockItem(toleration, keyIndent + ' '.repeat(seqIndent), style)}`,
  };
}
