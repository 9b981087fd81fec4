/**
 * missing-toleration: add the tolerations for the taints the diagnostic
 * names (in its `data.taints`): all of them, one taint, or one node's.
 */
import type { Taint } from '../../model/kubeTypes';
import { addTolerationEdit, tolerationForTaint } from '../../model/yamlEdits/addToleration';
import { applyOffsetEdits, minimalEdit, type OffsetEdit } from '../../model/yamlEdits/offsetEdit';
import { formatTaint } from '../../reconciler';
import { nodeList } from '../completion/inventoryValues';
import type { CodeAction } from '../types';
import { action, type FixContext, type QuickFix } from './fix';

export interface TaintToTolerate extends Taint {
  /** Nodes that carry it. */
  nodes?: string[];
}

export function taintsOfDiagnostic(data: Record<string, unknown> | undefined): TaintToTolerate[] {
  const list = data?.taints;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const record = entry as Record<string, unknown> | null;
    if (!record || typeof record.key !== 'string' || typeof record.effect !== 'string') return [];
    const taint: TaintToTolerate = { key: record.key, effect: record.effect };
    if (typeof record.value === 'string' && record.value !== '') taint.value = record.value;
    if (Array.isArray(record.nodes)) taint.nodes = record.nodes.filter((n): n is string => typeof n === 'string');
    return [taint];
  });
}

function tolerate(ctx: FixContext, taints: Taint[]): OffsetEdit[] | undefined {
  const original = ctx.file.text;
  let text = original;
  for (const taint of taints) {
    const edit = addTolerationEdit(text, ctx.doc.index, [], tolerationForTaint(taint));
    if ('error' in edit) return undefined;
    text = applyOffsetEdits(text, [edit]);
  }
  return [minimalEdit(original, text)];
}

export const fixMissingToleration: QuickFix = (ctx) => {
  const taints = taintsOfDiagnostic(ctx.diagnostic.data);
  const actions: CodeAction[] = [];
  if (taints.length > 1) {
    const edits = tolerate(ctx, taints);
    if (edits) actions.push(action(ctx, `Tolerate all ${taints.length} taints`, edits, true));
  }
  for (const taint of taints) {
    const edits = tolerate(ctx, [taint]);
    const where = taint.nodes && taint.nodes.length > 0 ? ` (${nodeList(taint.nodes, 3)})` : '';
    if (edits) actions.push(action(ctx, `Tolerate ${formatTaint(taint)}${where}`, edits, taints.length === 1));
  }
  // One node's taints, when a node carries several of them.
  const byNode = new Map<string, Taint[]>();
  for (const taint of taints) for (const node of taint.nodes ?? []) byNode.set(node, [...(byNode.get(node) ?? []), taint]);
  if (byNode.size <= 5) {
    for (const [node, own] of byNode) {
      if (own.length < 2 || own.length === taints.length) continue;
      const edits = tolerate(ctx, own);
      if (edits) actions.push(action(ctx, `Tolerate the ${own.length} taints of node ${node}`, edits));
    }
  }
  return actions;
};
