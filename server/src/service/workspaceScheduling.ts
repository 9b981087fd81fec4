/**
 * The scheduler verdict of one DaemonSet of a document, in its workspace:
 * the inventory's nodes and pods, the other DaemonSets of the file and of the
 * workspace index (their pods compete for the same nodes), and the
 * PriorityClasses of the inventory and the workspace (a workspace object
 * replaces the inventory's of the same name: it is what will be applied).
 * The rule `pending-on-nodes` and the code lens both ask here, and the
 * reconciler's scheduleDaemonPods answers.
 */
import type { DaemonSet, PriorityClass } from '../model/kubeTypes';
import { distinctDaemonSets, scheduleDaemonPods, type DaemonSetSchedule } from '../reconciler';
import type { IndexedWorkload, WorkspaceIndex } from './workspaceIndex';
import type { InventoryLike } from './types';

export interface WorkspaceSchedulingInput {
  daemonSet: DaemonSet;
  uri: string;
  /** The file's own workloads (fresh), including the DaemonSet's own document. */
  sameFile: readonly IndexedWorkload[];
  /** Which of `sameFile` is the DaemonSet's own document. */
  documentIndex: number;
  index: WorkspaceIndex | undefined;
  inventory: InventoryLike;
}

function typedDaemonSets(workloads: readonly IndexedWorkload[]): DaemonSet[] {
  const out: DaemonSet[] = [];
  for (const workload of workloads) {
    const daemonSet = workload.daemonSet?.();
    if (daemonSet) out.push(daemonSet);
  }
  return out;
}

function typedPriorityClasses(workloads: readonly IndexedWorkload[]): PriorityClass[] {
  const out: PriorityClass[] = [];
  for (const workload of workloads) {
    const priorityClass = workload.priorityClass?.();
    if (priorityClass) out.push(priorityClass);
  }
  return out;
}

/** The DaemonSet's schedule over the inventory's nodes (first entry of scheduleDaemonPods' answer). */
export function scheduleInWorkspace(input: WorkspaceSchedulingInput): DaemonSetSchedule {
  const others = input.sameFile.filter((workload) => workload.documentIndex !== input.documentIndex);
  const daemonSets = distinctDaemonSets([input.daemonSet, ...typedDaemonSets(others), ...typedDaemonSets(input.index?.daemonSets(input.uri) ?? [])]);
  const priorityClasses = [
    ...(input.inventory.priorityClasses ?? []),
    ...(input.index?.priorityClasses(input.uri) ?? []),
    ...typedPriorityClasses(input.sameFile),
  ];
  return scheduleDaemonPods({ daemonSets, nodes: input.inventory.nodes, pods: input.inventory.pods, priorityClasses }).daemonSets[0];
}
