/**
 * no-matching-nodes: with a node inventory, a nodeName, nodeSelector or
 * required node affinity that admits no node at all, so the DaemonSet would
 * run nowhere (rulebook P1, P2, A1–A10). The message names the requirement
 * that excluded the most nodes, and each node pool with why it is excluded.
 */
import { describeNodeGroup } from '../../model/nodeGroup';
import { plural } from '../../model/plural';
import { compilePlacement, evaluateGroupPlacement, evaluatePlacement } from '../../reconciler';
import type { WorkspaceFinding, WorkspaceRule } from './workspaceRule';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const noMatchingNodes: WorkspaceRule = {
  id: 'no-matching-nodes',
  defaultSeverity: 'warning',
  description:
    'With a node inventory: the nodeName, nodeSelector or required node affinity matches none of its nodes, so the DaemonSet would run nowhere.',
  check: (ctx) => {
    const inventory = ctx.inventory;
    const groups = inventory?.groups ?? [];
    if (!inventory || (inventory.nodes.length === 0 && groups.length === 0)) return [];
    // Read only now: the typed DaemonSet is the costly part of a document, and most validations have no inventory.
    const daemonSet = ctx.daemonSet;
    if (!daemonSet) return [];
    const compiled = compilePlacement(daemonSet);
    const counts = new Map<string, number>();
    let codes = new Set<string>();
    for (const node of inventory.nodes) {
      const result = evaluatePlacement(compiled, node);
      if (result.shouldRun || result.reasons.some((r) => r.code === 'TaintNotTolerated')) return [];
      codes = new Set([...codes, ...result.reasons.map((r) => r.code)]);
      for (const reason of result.reasons) counts.set(reason.message, (counts.get(reason.message) ?? 0) + 1);
    }
    const excludedGroups: string[] = [];
    for (const group of groups) {
      const placement = evaluateGroupPlacement(compiled, group);
      // Only taints keep it out, or some nodes match: missing-toleration's case, or not nowhere.
      if (placement.verdict !== 'never' || placement.untoleratedTaints.length > 0) return [];
      excludedGroups.push(`${describeNodeGroup(group, inventory.displayFile?.(group.source.file))}: ${placement.reasons[0] ?? 'excluded'}`);
    }
    const spec = daemonSet.spec.template.spec;
    if (codes.size === 0) {
      // Only groups: the field the DaemonSet selects with.
      if (spec.nodeName) codes.add('NodeNameMismatch');
      else if (Object.keys(spec.nodeSelector ?? {}).length > 0) codes.add('NodeSelectorMismatch');
    }
    const [commonest] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const field = codes.has('NodeNameMismatch')
      ? 'nodeName'
      : codes.has('NodeSelectorMismatch')
        ? 'nodeSelector'
        : 'affinity';
    const size = groups.length === 0 ? `${inventory.nodes.length} nodes` : `${plural(inventory.nodes.length, 'node')}, ${plural(groups.length, 'node pool')}`;
    const nodesPart = commonest ? ` Most often: ${commonest[0]} (${commonest[1]} of ${inventory.nodes.length} nodes).` : '';
    const shownGroups = excludedGroups.slice(0, 3).join('; ') + (excludedGroups.length > 3 ? `; and ${plural(excludedGroups.length - 3, 'more node pool')}` : '');
    const groupsPart = excludedGroups.length > 0 ? ` Node pools: ${shownGroups}.` : '';
    const finding: WorkspaceFinding = {
      path: [...POD_SPEC_PATH, field],
      on: 'key',
      message: `No node of ${inventory.label} (${size}) matches: this DaemonSet would run nowhere.${nodesPart}${groupsPart}`,
      related: [],
    };
    return [finding];
  },
};
