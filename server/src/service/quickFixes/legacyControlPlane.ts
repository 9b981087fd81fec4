/**
 * legacy-control-plane-toleration: add the `node-role.kubernetes.io/control-plane`
 * toleration right after the legacy master one (its index is the diagnostic's
 * `data.after`), keeping the old one for clusters still on it.
 */
import { addTolerationEdit, tolerationForTaint } from '../../model/yamlEdits/addToleration';
import { formatTaint } from '../../reconciler';
import { action, type QuickFix } from './fix';
import { taintsOfDiagnostic } from './toleration';

export const fixLegacyControlPlaneToleration: QuickFix = (ctx) => {
  const [taint] = taintsOfDiagnostic(ctx.diagnostic.data);
  if (!taint) return [];
  const after = ctx.diagnostic.data?.after;
  const edit = addTolerationEdit(ctx.file.text, ctx.doc.index, [], tolerationForTaint(taint), typeof after === 'number' ? after : undefined);
  if ('error' in edit) return [];
  return [action(ctx, `Also tolerate ${formatTaint(taint)}`, [edit], true)];
};
