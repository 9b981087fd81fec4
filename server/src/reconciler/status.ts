/**
 * updateDaemonSetStatus (daemon_controller.go): the status counters over the
 * node list and the DaemonSet's pods (rules S1–S5).
 */
import type { DaemonSet, Node, Pod } from '../model/kubeTypes';
import { getNodesToDaemonPods } from './daemonPods';
import { compilePlacement, placementFlags } from './nodeShouldRunDaemonPod';
import { isPodAvailable, isPodReady, podByCreationTimestampAndPhase } from './podUtil';
import { getTemplateGeneration, isPodUpdated } from './revision';

export interface DaemonSetStatus {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

export interface StatusOptions {
  /** The current revision hash (R5). */
  hash: string;
  /** Clock for availability (R6), ms since the epoch. */
  nowMs: number;
}

/** Status over pods that exist. `daemonPods` must already be the DaemonSet's own (getDaemonPods). */
export function updateDaemonSetStatus(
  daemonSet: DaemonSet,
  nodes: readonly Node[],
  daemonPods: readonly Pod[],
  options: StatusOptions,
): DaemonSetStatus {
  const compiled = compilePlacement(daemonSet);
  const byNode = getNodesToDaemonPods(daemonPods);
  const generation = getTemplateGeneration(daemonSet);
  const minReadySeconds = daemonSet.spec.minReadySeconds ?? 0;
  const status: DaemonSetStatus = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  for (const node of nodes) {
    const { shouldRun } = placementFlags(compiled, node);
    const pods = byNode.get(node.metadata.name);
    const scheduled = pods !== undefined && pods.length > 0;
    if (!shouldRun) {
      // S4: includes pods legitimately kept by shouldContinueRunning.
      if (scheduled) status.numberMisscheduled++;
      continue;
    }
    status.desiredNumberScheduled++; // S1
    if (!scheduled) continue;
    status.currentNumberScheduled++; // S2: Pending, Failed and terminating pods all count
    // S3: only the oldest pod is examined.
    const oldest = [...pods].sort(podByCreationTimestampAndPhase)[0];
    if (isPodReady(oldest)) {
      status.numberReady++;
      if (isPodAvailable(oldest, minReadySeconds, options.nowMs)) status.numberAvailable++;
    }
    if (isPodUpdated(oldest, options.hash, generation)) status.updatedNumberScheduled++;
  }
  status.numberUnavailable = status.desiredNumberScheduled - status.numberAvailable; // S5
  return status;
}

/**
 * The status once the controller has converged and every pod is up: what a
 * preview shows when no pods are given. Each node with shouldRun has one
 * ready, available, updated pod; no other node has one.
 */
export function convergedDaemonSetStatus(daemonSet: DaemonSet, nodes: readonly Node[]): DaemonSetStatus {
  const compiled = compilePlacement(daemonSet);
  let desired = 0;
  for (const node of nodes) if (placementFlags(compiled, node).shouldRun) desired++;
  return {
    desiredNumberScheduled: desired,
    currentNumberScheduled: desired,
    numberMisscheduled: 0,
    numberReady: desired,
    updatedNumberScheduled: desired,
    numberAvailable: desired,
    numberUnavailable: 0,
  };
}
