/**
 * The preview of one DaemonSet over an inventory: status plus one row per
 * node, in inventory order, each with the controller's decision and, where
 * it places a pod, the scheduler's (scheduleDaemonPods: runs, or Pending
 * and why, or what preemption would evict). What the CLI prints and the
 * webview shows.
 */
import type { DaemonSet, Node, Pod, PriorityClass, Taint } from '../model/kubeTypes';
import { setDefaultsDaemonSet } from '../model/daemonSetDefaults';
import { getDaemonPods, namespaceOf } from './daemonPods';
import { compilePlacement, evaluatePlacement, type PlacementReason } from './nodeShouldRunDaemonPod';
import { placementNotes, type PlacementNote } from './notes';
import { distinctDaemonSets, scheduleDaemonPods, type DaemonPodOutcome, type SchedulingVerdict } from './scheduling';
import { daemonSetRevisionHash } from './revision';
import { convergedDaemonSetStatus, updateDaemonSetStatus, type DaemonSetStatus } from './status';

export interface NodePreview {
  name: string;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  reasons: PlacementReason[];
  /** The untolerated NoSchedule/NoExecute taints of a selected node (P3/P4). */
  untoleratedTaints: Taint[];
  notes: PlacementNote[];
  /** runs / pending (scheduler) / excluded / taintNotTolerated. */
  outcome: DaemonPodOutcome;
  /** Where the controller places a pod: whether the scheduler binds it (NodePorts, NodeResourcesFit, preemption). */
  scheduling?: SchedulingVerdict;
}

export interface DaemonSetPreview {
  name: string;
  namespace: string;
  status: DaemonSetStatus;
  nodes: NodePreview[];
}

export interface PreviewOptions {
  /** Pods that exist. When absent, status is the converged state (every desired node runs one up-to-date, available pod). */
  pods?: readonly Pod[];
  currentHash?: string;
  nowMs?: number;
  /** Other DaemonSets whose pods compete for the same nodes (the workspace's, the manifest's others). */
  otherDaemonSets?: readonly DaemonSet[];
  /** PriorityClass objects of the workspace and the inventory. */
  priorityClasses?: readonly PriorityClass[];
}

export function previewDaemonSet(input: DaemonSet, nodes: readonly Node[], options: PreviewOptions = {}): DaemonSetPreview {
  const daemonSet = setDefaultsDaemonSet(input);
  const compiled = compilePlacement(daemonSet);
  const schedule = scheduleDaemonPods({
    daemonSets: distinctDaemonSets([daemonSet, ...(options.otherDaemonSets ?? [])]),
    nodes,
    pods: options.pods,
    priorityClasses: options.priorityClasses,
  }).daemonSets[0];
  const rows: NodePreview[] = nodes.map((node, index) => {
    const result = evaluatePlacement(compiled, node);
    const cell = schedule.cells[index];
    const row: NodePreview = {
      name: node.metadata.name,
      shouldRun: result.shouldRun,
      shouldContinueRunning: result.shouldContinueRunning,
      reasons: result.reasons,
      untoleratedTaints: result.untoleratedTaints,
      notes: placementNotes(node),
      outcome: cell.outcome,
    };
    if (cell.scheduling) row.scheduling = cell.scheduling;
    return row;
  });
  const status = options.pods
    ? updateDaemonSetStatus(daemonSet, nodes, getDaemonPods(daemonSet, options.pods), {
        hash: options.currentHash ?? daemonSetRevisionHash(daemonSet),
        nowMs: options.nowMs ?? Date.now(),
      })
    : convergedDaemonSetStatus(daemonSet, nodes);
  return { name: daemonSet.metadata.name, namespace: namespaceOf(daemonSet), status, nodes: rows };
}
