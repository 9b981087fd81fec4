/**
 * The rolling-update pass of a sync (update.go rollingUpdate,
 * findUpdatedPodsOnNode, updatedDesiredNodeCounts; rules R2–R8). Kubernetes
 * visits nodes in Go map order; we visit them in inventory order (then
 * vanished nodes by name), which picks the same number of pods.
 */
import type { Pod } from '../model/kubeTypes';
import { getNodesToDaemonPods } from './daemonPods';
import { resolveUpdateBudget, type UpdateBudget } from './intOrPercent';
import type { SyncActions, SyncContext } from './manage';
import { placementFlags } from './nodeShouldRunDaemonPod';
import { isPodAvailable } from './podUtil';
import { getTemplateGeneration, isPodUpdated } from './revision';

export interface RollingUpdateResult extends SyncActions {
  budget?: UpdateBudget;
  /** Set when the controller would stop with an error and act on nothing. */
  error?: string;
}

/** findUpdatedPodsOnNode: at most one new and one old non-terminating pod, else not ok. */
export function findUpdatedPodsOnNode(
  pods: readonly Pod[],
  hash: string,
  generation: bigint | undefined,
): { ok: boolean; newPod?: Pod; oldPod?: Pod } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { ok: true, newPod, oldPod };
}

/** The node visiting order: desired nodes and nodes with pods, inventory first. */
function nodesToVisit(ctx: SyncContext, byNode: Map<string, Pod[]>): { order: string[]; desired: number } {
  const order: string[] = [];
  const seen = new Set<string>();
  let desired = 0;
  for (const node of ctx.nodes) {
    const { shouldRun } = placementFlags(ctx.compiled, node);
    if (shouldRun) desired++;
    if (shouldRun || byNode.has(node.metadata.name)) {
      order.push(node.metadata.name);
      seen.add(node.metadata.name);
    }
  }
  const vanished = [...byNode.keys()].filter((name) => !seen.has(name)).sort();
  return { order: [...order, ...vanished], desired };
}

export function rollingUpdate(ctx: SyncContext, daemonPods: readonly Pod[]): RollingUpdateResult {
  const byNode = getNodesToDaemonPods(daemonPods);
  const { order, desired } = nodesToVisit(ctx, byNode);
  const budget = resolveUpdateBudget(ctx.daemonSet, desired);
  if ('error' in budget) return { createOnNodes: [], deletePods: [], error: budget.error };
  const generation = getTemplateGeneration(ctx.daemonSet);
  const minReadySeconds = ctx.daemonSet.spec.minReadySeconds ?? 0;
  const available = (pod: Pod): boolean => isPodAvailable(pod, minReadySeconds, ctx.nowMs);
  const nodesByName = new Map(ctx.nodes.map((node) => [node.metadata.name, node]));

  if (budget.maxSurge === 0) {
    // R7: delete just enough old pods to stay within maxUnavailable; manage recreates them.
    let numUnavailable = 0;
    const allowedReplacements: Pod[] = [];
    const candidates: Pod[] = [];
    for (const nodeName of order) {
      const { ok, newPod, oldPod } = findUpdatedPodsOnNode(byNode.get(nodeName) ?? [], ctx.hash, generation);
      if (!ok) {
        numUnavailable++; // excess pods: manage trims them
        continue;
      }
      if ((!oldPod && !newPod) || (oldPod && newPod)) {
        numUnavailable++;
      } else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) {
          allowedReplacements.push(oldPod); // replaced regardless of the budget
          numUnavailable++;
        } else if (numUnavailable < budget.maxUnavailable) {
          candidates.push(oldPod);
        }
      }
    }
    const remaining = Math.min(Math.max(0, budget.maxUnavailable - numUnavailable), candidates.length);
    return { createOnNodes: [], deletePods: [...allowedReplacements, ...candidates.slice(0, remaining)], budget };
  }

  // R8: surge new pods next to old ones, within maxSurge.
  const oldPodsToDelete: Pod[] = [];
  const shouldNotRunPodsToDelete: Pod[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const nodeName of order) {
    const { ok, newPod, oldPod } = findUpdatedPodsOnNode(byNode.get(nodeName) ?? [], ctx.hash, generation);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod) {
      if (available(oldPod)) numAvailable++;
    } else if (newPod && available(newPod)) {
      numAvailable++;
    }
    if (!oldPod) continue; // manage handles it
    if (!newPod) {
      const node = nodesByName.get(nodeName);
      if (!node) {
        // The controller cannot look the node up and gives up on this sync.
        return { createOnNodes: [], deletePods: [], budget, error: `couldn't get node for nodeName "${nodeName}"` };
      }
      const { shouldRun } = placementFlags(ctx.compiled, node);
      if (!available(oldPod)) {
        if (!shouldRun) oldPodsToDelete.push(oldPod);
        else allowedNewNodes.push(nodeName); // outside the surge budget
      } else if (!shouldRun) {
        shouldNotRunPodsToDelete.push(oldPod);
      } else if (numSurge < budget.maxSurge) {
        candidateNewNodes.push(nodeName);
      }
      continue;
    }
    if (!available(newPod)) {
      numSurge++;
      continue;
    }
    oldPodsToDelete.push(oldPod);
  }
  // Old pods on nodes leaving the schedule go only once enough new pods are available.
  const deletable = Math.min(numAvailable - budget.desiredNumberScheduled, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(0, budget.maxSurge - numSurge), candidateNewNodes.length);
  return {
    createOnNodes: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)],
    deletePods: oldPodsToDelete,
    budget,
  };
}
