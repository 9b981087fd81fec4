/**
 * What-if edits of the inventory that never touch a file: a list of node
 * mutations applied in order, and the difference they make to one DaemonSet
 * ("+2 pods, −1 pod, 1 evicted"), computed by the reconciler's diffPlacement.
 */
import type { DaemonSet, Node } from '../../../server/src/model/kubeTypes';
import { plural } from '../../../server/src/model/plural';
import { applyNodeMutation, diffPlacement, type NodeMutation, type PlacementDiff } from '../../../server/src/reconciler';

export type { PlacementDiff };

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

export interface WhatIfResult extends AppliedMutations {
  /** What the edits do to the DaemonSet's pods; undefined without edits. */
  diff: PlacementDiff | undefined;
}

/**
 * The what-if panel's answer: the edits that still apply, in order, and
 * the reconciler's diffPlacement from the converged state before them, so
 * it equals whatIf() for the same edits.
 */
export function computeWhatIf(daemonSet: DaemonSet, nodes: readonly Node[], mutations: readonly NodeMutation[]): WhatIfResult {
  const applied = applyMutations(nodes, mutations);
  return { ...applied, diff: mutations.length ? diffPlacement(daemonSet, nodes, applied.nodes) : undefined };
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
