/**
 * no-matching-nodes: with a node inventory, a nodeName, nodeSelector or
 * required node affinity that admits no node at all, so the DaemonSet would
 * run nowhere (rulebook P1, P2, A1–A10). The message names the requirement
 * that excluded the most nodes.
 */
import { compilePlacement, evaluatePlacement } from '../../reconciler';
import type { WorkspaceFinding, WorkspaceRule } from './workspaceRule';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const noMatchingNodes: WorkspaceRule = {
  id: 'no-matching-nodes',
  defaultSeverity: 'warning',
  description:
    'With a node inventory: the nodeName, nodeSelector or required node affinity matches none of its nodes, so the DaemonSet would run nowhere.',
  check: (ctx) => {
    const daemonSet = ctx.daemonSet;
    const inventory = ctx.inventory;
    if (!daemonSet || !inventory || inventory.nodes.length === 0) return [];
    const compiled = compilePlacement(daemonSet);
    const counts = new Map<string, number>();
    let codes = new Set<string>();
    for (const node of inventory.nodes) {
      const result = evaluatePlacement(compiled, node);
      if (result.shouldRun || result.reasons.some((r) => r.code === 'TaintNotTolerated')) return [];
      codes = new Set([...codes, ...result.reasons.map((r) => r.code)]);
      for (const reason of result.reasons) counts.set(reason.message, (counts.get(reason.message) ?? 0) + 1);
    }
    const [commonest] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const field = codes.has('NodeNameMismatch')
      ? 'nodeName'
      : codes.has('NodeSelectorMismatch')
        ? 'nodeSelector'
        : 'affinity';
    const finding: WorkspaceFinding = {
      path: [...POD_SPEC_PATH, field],
      on: 'key',
      message: `No node of ${inventory.label} (${inventory.nodes.length} nodes) matches: this DaemonSet would run nowhere.${commonest ? ` Most often: ${commonest[0]} (${commonest[1]} of ${inventory.nodes.length} nodes).` : ''}`,
      related: [],
    };
    return [finding];
  },
};
