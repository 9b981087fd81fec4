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
import { findNodeAtPath, hasYamlErrors, parseYamlFile } from '../yamlDocuments';
import { POD_SPEC_PATH, type FieldPath } from '../fieldPath';
import { fillEmptyValue, insertIntoMap, insertIntoSequence, type EditContext } from './documentEdits';
import type { OffsetEdit } from './offsetEdit';
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

function fields(toleration: TolerationToAdd, style: YamlStyle): string[] {
  const out = [`key: ${yamlScalar(toleration.key, style.quote)}`, `operator: ${toleration.operator}`];
  // A value is always quoted, as `kubectl taint` users expect to see "true" and "1" written.
  if (toleration.value !== undefined) out.push(`value: ${quotedYamlString(toleration.value, style.quote)}`);
  out.push(`effect: ${yamlScalar(toleration.effect, style.quote)}`);
  return out;
}

/** The toleration as a flow mapping, and as the lines of a block sequence item (2-space steps). */
function item(toleration: TolerationToAdd, style: YamlStyle): { flow: string; block: string[] } {
  const list = fields(toleration, style);
  return { flow: `{${list.join(', ')}}`, block: list.map((field, index) => `${index === 0 ? '- ' : '  '}${field}`) };
}

/**
 * The edit adding `toleration` to the DaemonSet at `basePath` (`[]` for a
 * top-level document, `['items', n]` inside a List) of document
 * `documentIndex`, or an error in words when the text cannot take it. With
 * `after`, the new toleration goes right after that one (e.g. the new
 * control-plane toleration next to the legacy master one); else at the end.
 */
export function addTolerationEdit(
  text: string,
  documentIndex: number,
  basePath: FieldPath,
  toleration: TolerationToAdd,
  after?: number,
): OffsetEdit | { error: string } {
  const file = parseYamlFile(text);
  const doc = file.documents[documentIndex];
  if (!doc) return { error: `the file has no document ${documentIndex + 1}` };
  if (hasYamlErrors(doc)) return { error: 'the manifest has YAML errors; fix them first' };
  const ctx: EditContext = { file, doc, style: detectYamlStyle(text) };
  const podSpecPath = [...basePath, ...POD_SPEC_PATH];
  const podSpecAt = findNodeAtPath(doc, podSpecPath);
  const podSpec = podSpecAt.depth === podSpecPath.length ? podSpecAt.value : undefined;
  if (!podSpec || !isMap(podSpec)) return { error: 'spec.template.spec is not a mapping' };
  const { flow, block } = item(toleration, ctx.style);
  const tolerationsPath = [...podSpecPath, 'tolerations'];
  const pair = podSpec.items.find((p) => isScalar(p.key) && p.key.value === 'tolerations');
  if (pair) {
    const list = pair.value as Node | null;
    if (list && isSeq(list)) return insertIntoSequence(ctx, tolerationsPath, block, flow, after) ?? { error: 'spec.template.spec.tolerations is not a closed flow sequence' };
    // `tolerations:` (or `tolerations: ~`) with no list: the list replaces the null value, under the key.
    const isNull = list === null || (isScalar(list) && (list.value === null || list.value === ''));
    const filled = isNull ? fillEmptyValue(ctx, tolerationsPath, block) : undefined;
    return filled ?? { error: 'spec.template.spec.tolerations is not a list' };
  }
  const inserted = podSpec.flow ? insertIntoMap(ctx, podSpecPath, [`tolerations: [${flow}]`]) : insertIntoMap(ctx, podSpecPath, ['tolerations:', ...block.map((line) => `  ${line}`)]);
  return inserted ?? { error: 'spec.template.spec cannot take a tolerations list' };
}
