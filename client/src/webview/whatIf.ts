/**
 * What-if edits of the inventory that never touch a file: a list of node
 * mutations applied in order, and the difference they make to one DaemonSet
 * ("+2 pods, −1 pod, 1 evicted"), as the controller and taint manager act.
 */
import { setDefaultsDaemonSet } from '../../../server/src/model/daemonSetDefaults';
import type { DaemonSet, Node } from '../../../server/src/model/kubeTypes';
import { plural } from '../../../server/src/model/plural';
import { applyNodeMutation, compilePlacement, nodeMatchesNodeSelectorAndAffinity, placementFlags, type NodeMutation } from '../../../server/src/reconciler';

export interface AppliedMutations {
  nodes: Node[];
  /** Mutations that no longer apply (their node left the inventory), by index. */
  skipped: number[];
}

export function applyMutations(nodes: readonly Node[], mutations: readonly NodeMutation[]): AppliedMutations {
  let current: Node[] = [...nodes];
  const skipped: number[] = [];
  mutations.forEach((mutation, index) => {
    try {
      current = applyNodeMutation(current, mutation);
    } catch {
      skipped.push(index);
    }
  });
  return { nodes: current, skipped };
}

export interface PlacementDiff {
  created: string[];
  deleted: string[];
  evicted: string[];
}

/**
 * Starting from the converged state before (a pod on every node that should
 * run one), what the change does. Same rules as the reconciler's whatIf,
 * over any number of mutations.
 */
export function diffPlacement(input: DaemonSet, before: readonly Node[], after: readonly Node[]): PlacementDiff {
  const compiled = compilePlacement(setDefaultsDaemonSet(input));
  const hadPod = new Set<string>();
  for (const node of before) if (placementFlags(compiled, node) === 3) hadPod.add(node.metadata.name);
  const diff: PlacementDiff = { created: [], deleted: [], evicted: [] };
  const remaining = new Set<string>();
  for (const node of after) {
    const name = node.metadata.name;
    remaining.add(name);
    const flags = placementFlags(compiled, node);
    if (!hadPod.has(name)) {
      if (flags === 3) diff.created.push(name);
    } else if (flags === 0) {
      // Still selected but an untolerated NoExecute taint: the taint manager evicts the pod.
      const selected = nodeMatchesNodeSelectorAndAffinity(compiled.affinity, node) && (!compiled.nodeName || compiled.nodeName === name);
      (selected ? diff.evicted : diff.deleted).push(name);
    }
  }
  for (const name of hadPod) if (!remaining.has(name)) diff.deleted.push(name);
  return diff;
}

/** "+2 pods, −1 pod, 1 evicted", or "no change". */
export function describeDiff(diff: PlacementDiff): string {
  const parts: string[] = [];
  if (diff.created.length) parts.push(`+${plural(diff.created.length, 'pod')}`);
  if (diff.deleted.length) parts.push(`−${plural(diff.deleted.length, 'pod')}`);
  if (diff.evicted.length) parts.push(`${diff.evicted.length} evicted`);
  return parts.length ? parts.join(', ') : 'no change';
}

/** A mutation in words, for the list of what-if edits. */
export function describeMutation(mutation: NodeMutation): string {
  switch (mutation.kind) {
    case 'addNode':
      return `add node ${mutation.node.metadata.name}`;
    case 'removeNode':
      return `remove node ${mutation.node}`;
    case 'setLabel':
      return `label ${mutation.node} ${mutation.key}=${mutation.value}`;
    case 'removeLabel':
      return `unlabel ${mutation.node} ${mutation.key}`;
    case 'addTaint':
      return `taint ${mutation.node} ${mutation.taint.key}${mutation.taint.value ? `=${mutation.taint.value}` : ''}:${mutation.taint.effect}`;
    case 'removeTaint':
      return `untaint ${mutation.node} ${mutation.key}${mutation.effect ? `:${mutation.effect}` : ''}`;
    case 'cordon':
      return `cordon ${mutation.node}`;
    case 'uncordon':
      return `uncordon ${mutation.node}`;
    case 'markNotReady':
      return `mark ${mutation.node} NotReady`;
  }
}
