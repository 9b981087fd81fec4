/**
 * The inventory's node groups as the panel shows them: each group with its
 * verdict (always, sometimes, never) and why, its size as the source declares
 * it, and one headline ("Runs on 3 of 4 node pools, on some nodes of `spot`",
 * the reconciler's nodePoolsHeadline, which the code lens shares).
 * Pure data, from the reconciler's exact evaluation over the group
 * (evaluateGroupPlacement), never from a sample of nodes.
 */
import type { DaemonSet } from '../../../server/src/model/kubeTypes';
import { nodeGroupSourceTitle, type NodeGroup, type NodeGroupCount } from '../../../server/src/model/nodeGroup';
import { plural } from '../../../server/src/model/plural';
import { compilePlacement, evaluateGroupPlacement, groupPlacementNotes, nodePoolsHeadline, type GroupVerdict } from '../../../server/src/reconciler';

export interface NodePoolRow {
  name: string;
  /** "Karpenter NodePool", "kind node"… */
  source: string;
  file: string;
  /** 1-based line of the group's definition. */
  line: number;
  verdict: GroupVerdict;
  /** Why sometimes or never, naming the group's requirement or taint. */
  reasons: string[];
  /** What delays the pod without deciding placement (startup taints). */
  notes: string[];
  /** "3 nodes", "1–10 nodes", "unknown size". */
  size: string;
}

export interface NodePoolsView {
  headline: string;
  rows: NodePoolRow[];
}

function describeSize(count: NodeGroupCount): string {
  switch (count.kind) {
    case 'exact':
      return plural(count.count, 'node');
    case 'range':
      return count.min === count.max ? plural(count.min, 'node') : `${count.min}–${count.max} nodes`;
    default:
      return count.note ? `unknown size (${count.note})` : 'unknown size';
  }
}

export function computeNodePoolsView(daemonSet: DaemonSet, groups: readonly NodeGroup[]): NodePoolsView | undefined {
  if (groups.length === 0) return undefined;
  const compiled = compilePlacement(daemonSet);
  const rows = groups.map((group): NodePoolRow => {
    const placement = evaluateGroupPlacement(compiled, group);
    return {
      name: group.name,
      source: nodeGroupSourceTitle(group.sourceKind),
      file: group.source.file,
      line: group.source.range.start.line + 1,
      verdict: placement.verdict,
      reasons: placement.reasons,
      notes: groupPlacementNotes(placement, group),
      size: describeSize(group.count),
    };
  });
  return { headline: nodePoolsHeadline(rows), rows };
}
