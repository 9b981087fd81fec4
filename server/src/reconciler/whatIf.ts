/**
 * What-if: apply a change to the node inventory and see what the controller
 * would do: pods created, pods deleted, pods evicted by a NoExecute taint.
 */
import { setDefaultsDaemonSet } from '../model/daemonSetDefaults';
import type { DaemonSet, Node, Pod, Taint } from '../model/kubeTypes';
import type { NodeMutation } from '../model/nodeMutation';
import { getDaemonPods, getNodesToDaemonPods, namespaceOf } from './daemonPods';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNSCHEDULABLE } from './daemonPodTolerations';
import { compilePlacement, placementFlags, placementSelectsNode } from './nodeShouldRunDaemonPod';

export type { NodeMutation };

function withNode(nodes: readonly Node[], name: string, change: (node: Node) => Node): Node[] {
  if (!nodes.some((node) => node.metadata.name === name)) throw new Error(`no node named ${JSON.stringify(name)} in the inventory`);
  return nodes.map((node) => (node.metadata.name === name ? change(structuredClone(node)) : node));
}

function addTaint(node: Node, taint: Taint): Node {
  if (!node.spec.taints.some((t) => t.key === taint.key && t.effect === taint.effect)) node.spec.taints.push(taint);
  return node;
}

/** The inventory after the change; the input is not modified. Throws for an unknown node. */
export function applyNodeMutation(nodes: readonly Node[], mutation: NodeMutation): Node[] {
  switch (mutation.kind) {
    case 'addNode':
      return [...nodes.filter((node) => node.metadata.name !== mutation.node.metadata.name), mutation.node];
    case 'removeNode':
      withNode(nodes, mutation.node, (node) => node);
      return nodes.filter((node) => node.metadata.name !== mutation.node);
    case 'setLabel':
      return withNode(nodes, mutation.node, (node) => ((node.metadata.labels[mutation.key] = mutation.value), node));
    case 'removeLabel':
      return withNode(nodes, mutation.node, (node) => (delete node.metadata.labels[mutation.key], node));
    case 'addTaint':
      return withNode(nodes, mutation.node, (node) => addTaint(node, { ...mutation.taint }));
    case 'removeTaint':
      return withNode(nodes, mutation.node, (node) => {
        node.spec.taints = node.spec.taints.filter((t) => !(t.key === mutation.key && (!mutation.effect || t.effect === mutation.effect)));
        return node;
      });
    case 'cordon':
      // kubectl cordon sets spec.unschedulable; the node lifecycle controller adds the taint (N3).
      return withNode(nodes, mutation.node, (node) => {
        node.spec.unschedulable = true;
        return addTaint(node, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
      });
    case 'uncordon':
      return withNode(nodes, mutation.node, (node) => {
        node.spec.unschedulable = false;
        node.spec.taints = node.spec.taints.filter((t) => t.key !== TAINT_NODE_UNSCHEDULABLE);
        return node;
      });
    case 'markNotReady':
      return withNode(nodes, mutation.node, (node) => {
        const ready = node.status.conditions.find((c) => c.type === 'Ready');
        if (ready) ready.status = 'False';
        else node.status.conditions.push({ type: 'Ready', status: 'False' });
        if (mutation.withTaints !== false) {
          addTaint(node, { key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' });
          addTaint(node, { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' });
        }
        return node;
      });
  }
}

/** What a change of the inventory does to one DaemonSet's pods, by node name. */
export interface PlacementDiff {
  /** Nodes that get a new daemon pod. */
  created: string[];
  /** Nodes whose daemon pod the controller deletes (no longer selected) or pod GC removes (node gone). */
  deleted: string[];
  /** Nodes whose daemon pod is evicted by an untolerated NoExecute taint. */
  evicted: string[];
}

export interface WhatIfPlan extends PlacementDiff {
  name: string;
  namespace: string;
}

/**
 * The one placement diff: what the controller and the taint manager do to
 * one DaemonSet's pods when the inventory goes from `before` to `after`.
 * Existing pods are `pods` when given, else one pod on every node of
 * `before` that should run one (the converged state).
 */
export function diffPlacement(input: DaemonSet, before: readonly Node[], after: readonly Node[], pods?: readonly Pod[]): PlacementDiff {
  const daemonSet = setDefaultsDaemonSet(input);
  const compiled = compilePlacement(daemonSet);
  const hasPod = new Set<string>();
  if (pods) {
    for (const nodeName of getNodesToDaemonPods(getDaemonPods(daemonSet, pods)).keys()) hasPod.add(nodeName);
  } else {
    for (const node of before) if (placementFlags(compiled, node).shouldRun) hasPod.add(node.metadata.name);
  }
  const diff: PlacementDiff = { created: [], deleted: [], evicted: [] };
  const remaining = new Set<string>();
  for (const node of after) {
    const name = node.metadata.name;
    remaining.add(name);
    const flags = placementFlags(compiled, node);
    if (!hasPod.has(name)) {
      if (flags.shouldRun) diff.created.push(name);
    } else if (!flags.shouldContinueRunning) {
      // Still selected, so an untolerated NoExecute taint: the taint manager evicts the pod.
      (placementSelectsNode(compiled, node) ? diff.evicted : diff.deleted).push(name);
    }
  }
  for (const name of hasPod) if (!remaining.has(name)) diff.deleted.push(name);
  return diff;
}

/**
 * Per DaemonSet, the actions a change (one mutation, or several applied in
 * order) causes. Throws for a mutation of an unknown node.
 */
export function whatIf(
  daemonSets: readonly DaemonSet[],
  nodes: readonly Node[],
  mutations: NodeMutation | readonly NodeMutation[],
  pods?: readonly Pod[],
): WhatIfPlan[] {
  const list = 'kind' in mutations ? [mutations] : mutations;
  const after = list.reduce<Node[]>((current, mutation) => applyNodeMutation(current, mutation), [...nodes]);
  return daemonSets.map((daemonSet) => ({
    name: daemonSet.metadata.name,
    namespace: namespaceOf(daemonSet),
    ...diffPlacement(daemonSet, nodes, after, pods),
  }));
}
