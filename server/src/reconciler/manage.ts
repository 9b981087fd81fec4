/**
 * The per-node pass of a sync (daemon_controller.go manage,
 * podsShouldBeOnNode, getUnscheduledPodsWithoutNode; rules C2–C7, F1).
 */
import type { DaemonSet, Node, Pod } from '../model/kubeTypes';
import { CONTROLLER_REVISION_HASH_LABEL } from '../model/podLabels';
import { getNodesToDaemonPods } from './daemonPods';
import { allowsSurge } from './intOrPercent';
import { compilePlacement, placementFlags, type CompiledPlacement, type PlacementFlags } from './nodeShouldRunDaemonPod';
import { isPodAvailable, isPodReady, podByCreationTimestampAndPhase } from './podUtil';

export interface SyncContext {
  daemonSet: DaemonSet;
  nodes: readonly Node[];
  compiled: CompiledPlacement;
  /** Current revision hash (R5). */
  hash: string;
  nowMs: number;
}

export function syncContext(daemonSet: DaemonSet, nodes: readonly Node[], hash: string, nowMs: number): SyncContext {
  return { daemonSet, nodes, compiled: compilePlacement(daemonSet), hash, nowMs };
}

export interface SyncActions {
  /** Nodes that get a new pod of the current revision. */
  createOnNodes: string[];
  /** Pods to delete. */
  deletePods: Pod[];
}

/** C2–C6 for one node; `flags` are the node's placement when the caller already has them (they never change between syncs). */
export function podsShouldBeOnNode(ctx: SyncContext, node: Node, daemonPods: readonly Pod[] | undefined, flags: PlacementFlags = placementFlags(ctx.compiled, node)): SyncActions {
  const { shouldRun, shouldContinueRunning } = flags;
  const actions: SyncActions = { createOnNodes: [], deletePods: [] };
  const exists = daemonPods !== undefined && daemonPods.length > 0;
  if (shouldRun && !exists) {
    actions.createOnNodes.push(node.metadata.name); // C2
    return actions;
  }
  if (!exists) return actions;
  if (!shouldContinueRunning) {
    // C6: every pod that is not already terminating.
    for (const pod of daemonPods) if (!pod.metadata.deletionTimestamp) actions.deletePods.push(pod);
    return actions;
  }
  // C3: cleanup of failed and succeeded pods; the rest are running.
  const running: Pod[] = [];
  let failedDeleted = false;
  for (const pod of daemonPods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (pod.status.phase === 'Failed') {
      // F1: the first failed pod is deleted at once; the backoff entry then holds the others back.
      if (!failedDeleted) actions.deletePods.push(pod);
      failedDeleted = true;
    } else if (pod.status.phase === 'Succeeded') {
      actions.deletePods.push(pod);
    } else {
      running.push(pod);
    }
  }
  if (!allowsSurge(ctx.daemonSet)) {
    // C4: keep the oldest, even if it is the old revision; no creation in this sync.
    if (running.length > 1) {
      running.sort(podByCreationTimestampAndPhase);
      actions.deletePods.push(...running.slice(1));
    }
    return actions;
  }
  // C5: with surge, a node left with no running pod gets one in this same sync.
  if (running.length <= 1) {
    if (running.length === 0 && shouldRun) actions.createOnNodes.push(node.metadata.name);
    return actions;
  }
  running.sort(podByCreationTimestampAndPhase);
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  for (const pod of running) {
    // The controller compares the hash label here, not IsPodUpdated.
    if (pod.metadata.labels[CONTROLLER_REVISION_HASH_LABEL] === ctx.hash) {
      if (!oldestNew) {
        oldestNew = pod;
        continue;
      }
    } else if (!oldestOld) {
      oldestOld = pod;
      continue;
    }
    actions.deletePods.push(pod);
  }
  if (oldestNew && oldestOld) {
    if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ctx.daemonSet.spec.minReadySeconds ?? 0, ctx.nowMs)) {
      actions.deletePods.push(oldestOld);
    }
  }
  return actions;
}

/** manage: every node, then C7 (unbound pods pinned to nodes that no longer exist). */
export function manage(ctx: SyncContext, daemonPods: readonly Pod[]): SyncActions {
  const byNode = getNodesToDaemonPods(daemonPods);
  const actions: SyncActions = { createOnNodes: [], deletePods: [] };
  const known = new Set<string>();
  for (const node of ctx.nodes) {
    known.add(node.metadata.name);
    const nodeActions = podsShouldBeOnNode(ctx, node, byNode.get(node.metadata.name));
    actions.createOnNodes.push(...nodeActions.createOnNodes);
    actions.deletePods.push(...nodeActions.deletePods);
  }
  for (const [nodeName, pods] of byNode) {
    if (!known.has(nodeName)) actions.deletePods.push(...getUnscheduledPodsWithoutNode(pods));
  }
  return actions;
}

/** C7 for a node that is not in the node list: its pods that are only pinned to it, not bound. */
export function getUnscheduledPodsWithoutNode(daemonPods: readonly Pod[]): Pod[] {
  return daemonPods.filter((pod) => !pod.spec.nodeName);
}
