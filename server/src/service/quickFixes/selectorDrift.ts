/**
 * selector-drift: align the template labels with the selector, or the
 * selector with the template labels; add a missing selector.
 */
import { yamlScalar } from '../../model/yamlEdits/yamlScalar';
import type { OffsetEdit } from '../../model/yamlEdits/offsetEdit';
import { fillEmptyValue, insertIntoMap, replaceMapEntries, replaceScalar } from '../../model/yamlEdits/documentEdits';
import { action, labelLines, stringMap, type FixContext, type QuickFix } from './fix';
import { asRecord } from '../kubernetesResource';
import { POD_TEMPLATE_LABELS_PATH, valueAt } from '../../model/fieldPath';

export const fixSelectorDrift: QuickFix = (ctx) => {
  const labels = stringMap(valueAt(ctx.root, POD_TEMPLATE_LABELS_PATH));
  const selector = valueAt(ctx.root, ['spec', 'selector']);
  const actions = [];
  if (selector === undefined || selector === null || Object.keys(asRecord(selector) ?? {}).length === 0) {
    const edit = addSelector(ctx, labels);
    if (edit) actions.push(action(ctx, 'Select the template labels in spec.selector.matchLabels', [edit], true));
    return actions;
  }
  const matchLabels = stringMap(valueAt(ctx.root, ['spec', 'selector', 'matchLabels']));
  const templateEdits = alignLabelsWithSelector(ctx, matchLabels, labels);
  if (templateEdits.length > 0) {
    const names = matchLabels.filter(([k, v]) => labels.find(([lk]) => lk === k)?.[1] !== v).map(([k, v]) => `${k}: ${v}`);
    actions.push(action(ctx, `Set template label${names.length === 1 ? '' : 's'} ${names.join(', ')} to match the selector`, templateEdits, true));
  }
  if (labels.length > 0 && valueAt(ctx.root, ['spec', 'selector', 'matchExpressions']) === undefined) {
    const edit = replaceMapEntries(ctx, ['spec', 'selector', 'matchLabels'], labelLines(ctx, labels));
    if (edit) actions.push(action(ctx, 'Set spec.selector.matchLabels to the template labels', [edit]));
  }
  return actions;
};

/** `spec.selector` absent or empty: a selector with the template labels (before the other spec keys). */
export function addSelector(ctx: FixContext, labels: Array<[string, string]>): OffsetEdit | undefined {
  if (labels.length === 0) return undefined;
  const body = ['matchLabels:', ...labelLines(ctx, labels).map((line) => `  ${line}`)];
  return fillEmptyValue(ctx, ['spec', 'selector'], body) ?? insertIntoMap(ctx, ['spec'], ['selector:', ...body.map((line) => `  ${line}`)], 'start');
}

function alignLabelsWithSelector(ctx: FixContext, matchLabels: Array<[string, string]>, labels: Array<[string, string]>): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  const missing: string[] = [];
  for (const [key, value] of matchLabels) {
    const actual = labels.find(([k]) => k === key);
    if (actual?.[1] === value) continue;
    if (actual) {
      const edit = replaceScalar(ctx, [...POD_TEMPLATE_LABELS_PATH, key], yamlScalar(value, ctx.style.quote));
      if (edit) edits.push(edit);
    } else {
      missing.push(`${yamlScalar(key, ctx.style.quote)}: ${yamlScalar(value, ctx.style.quote)}`);
    }
  }
  if (missing.length > 0) {
    const edit =
      labels.length > 0 || valueAt(ctx.root, POD_TEMPLATE_LABELS_PATH) !== undefined
        ? insertIntoMap(ctx, POD_TEMPLATE_LABELS_PATH, missing)
        : insertIntoMap(ctx, ['spec', 'template', 'metadata'], ['labels:', ...missing.map((line) => `  ${line}`)]);
    if (edit) edits.push(edit);
  }
  return edits;
}
