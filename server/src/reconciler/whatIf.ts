/**
 * What-if: apply a change to the node inventory and see what the controller
 * would do: pods created, pods deleted, pods evicted by a NoExecute taint.
 */
import type { DaemonSet, Node, Pod, Taint } from '../model/kubeTypes';
import type { NodeMutation } from '../model/nodeMutation';
import { getDaemonPods, getNodesToDaemonPods, namespaceOf } from './daemonPods';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNSCHEDULABLE } from './daemonPodTolerations';
import { compilePlacement, placementFlags } from './nodeShouldRunDaemonPod';
import { nodeMatchesNodeSelectorAndAffinity } from './nodeAffinity';

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

export interface WhatIfPlan {
  name: string;
  namespace: string;
  /** Nodes that get a new daemon pod. */
  created: string[];
  /** Nodes whose daemon pod the controller deletes (no longer selected) or pod GC removes (node gone). */
  deleted: string[];
  /** Nodes whose daemon pod is evicted by an untolerated NoExecute taint. */
  evicted: string[];
}

/**
 * Per DaemonSet, the actions the change causes. Existing pods are `pods`
 * when given, else one pod on every node where the DaemonSet runs before.
 */
export function whatIf(daemonSets: readonly DaemonSet[], nodes: readonly Node[], mutation: NodeMutation, pods?: readonly Pod[]): WhatIfPlan[] {
  const after = applyNodeMutation(nodes, mutation);
  const afterByName = new Map(after.map((node) => [node.metadata.name, node]));
  return daemonSets.map((daemonSet) => {
    const compiled = compilePlacement(daemonSet);
    const hasPod = new Set<string>();
    if (pods) {
      for (const nodeName of getNodesToDaemonPods(getDaemonPods(daemonSet, pods)).keys()) hasPod.add(nodeName);
    } else {
      for (const node of nodes) if (placementFlags(compiled, node) === 3) hasPod.add(node.metadata.name);
    }
    const plan: WhatIfPlan = { name: daemonSet.metadata.name, namespace: namespaceOf(daemonSet), created: [], deleted: [], evicted: [] };
    for (const node of after) {
      const flags = placementFlags(compiled, node);
      const name = node.metadata.name;
      if (!hasPod.has(name)) {
        if (flags === 3) plan.created.push(name);
      } else if (flags === 0) {
        // Selected but an untolerated NoExecute taint: the taint manager evicts it.
        if (nodeMatchesNodeSelectorAndAffinity(compiled.affinity, node) && (!compiled.nodeName || compiled.nodeName === name)) plan.evicted.push(name);
        else plan.deleted.push(name);
      }
    }
    for (const name of hasPod) if (!afterByName.has(name)) plan.deleted.push(name);
    return plan;
  });
}
