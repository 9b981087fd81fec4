/** deprecated-api-version: migrate to apps/v1, adding the selector extensions/v1beta1 used to default. */
import { replaceScalar } from '../../model/yamlEdits/documentEdits';
import { action, stringMap, type QuickFix } from './fix';
import { addSelector } from './selectorDrift';
import { POD_TEMPLATE_LABELS_PATH, valueAt } from '../../model/fieldPath';

export const fixApiVersion: QuickFix = (ctx) => {
  const edit = replaceScalar(ctx, ['apiVersion'], 'apps/v1');
  if (!edit) return [];
  const selector = valueAt(ctx.root, ['spec', 'selector']);
  if (selector !== undefined && selector !== null) return [action(ctx, 'Migrate to apiVersion apps/v1', [edit], true)];
  const selectorEdit = addSelector(ctx, stringMap(valueAt(ctx.root, POD_TEMPLATE_LABELS_PATH)));
  return selectorEdit
    ? [action(ctx, 'Migrate to apiVersion apps/v1 and add spec.selector from the template labels', [edit, selectorEdit], true)]
    : [action(ctx, 'Migrate to apiVersion apps/v1 (then add spec.selector)', [edit])];
};
