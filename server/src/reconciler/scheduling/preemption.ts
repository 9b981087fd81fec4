/**
 * Default preemption on the one node a daemon pod is pinned to
 * (pkg/scheduler/framework/preemption, defaultpreemption
 * SelectVictimsOnNode): the DaemonSet's node affinity names a single node, so
 * that node is the only candidate.
 *
 * 1. Every pod of strictly lower priority is a potential victim; a pod with
 *    `preemptionPolicy: Never` preempts nothing.
 * 2. If the pod does not pass the filters even with all of them gone, the node
 *    is no candidate: the pod stays Pending.
 * 3. Otherwise the potential victims are put back one by one, the most
 *    important first (MoreImportantPod: higher priority, then the earlier
 *    start), and each one the pod still fits beside is spared. The rest are
 *    the victims: the fewest, and the least important ones.
 * PodDisruptionBudgets (which the scheduler honours best-effort, by trying to
 * spare violating pods first) are not in an inventory and not modelled.
 */
import { addPod, newNodeFitState, podFits, removePod, runFilters, type FilterResult, type NodeFitState, type PodDemand, type ScheduledPod } from './nodeFitState';

export type PreemptionOutcome = 'fitsAfterPreemption' | 'noLowerPriority' | 'notEnough' | 'preemptionPolicyNever';

export interface VictimSelection {
  outcome: PreemptionOutcome;
  /** The pods evicted, least important last as the scheduler lists them. Empty unless fitsAfterPreemption. */
  victims: ScheduledPod[];
  /** How many pods on the node have a lower priority. */
  lowerPriority: number;
  /** notEnough: what still fails with every lower-priority pod gone. */
  remaining?: FilterResult;
}

function startMs(pod: ScheduledPod): number {
  const started = pod.startTime === undefined ? Number.NaN : Date.parse(pod.startTime);
  return Number.isNaN(started) ? Number.POSITIVE_INFINITY : started;
}

/** MoreImportantPod: higher priority first; of equal priority, the one started earlier (a pod not started yet counts as started now). */
export function moreImportantPod(a: ScheduledPod, b: ScheduledPod): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const aStart = startMs(a);
  const bStart = startMs(b);
  if (aStart !== bStart) return aStart < bStart ? -1 : 1;
  return 0;
}

/** The pods, most important first; start times parsed once per pod, not per comparison. */
function byImportance(pods: readonly ScheduledPod[]): ScheduledPod[] {
  const starts = new Map<ScheduledPod, number>();
  for (const pod of pods) starts.set(pod, startMs(pod));
  return [...pods].sort((a, b) => {
    if (a.priority !== b.priority) return b.priority - a.priority;
    const aStart = starts.get(a) ?? 0;
    const bStart = starts.get(b) ?? 0;
    return aStart === bStart ? 0 : aStart < bStart ? -1 : 1;
  });
}

export function selectVictimsOnNode(state: NodeFitState, pod: PodDemand, priority: number, preemptionPolicy: string): VictimSelection {
  // Indexed loops: this runs for every Pending cell, over every pod on its node.
  const pods = state.pods;
  let lowerCount = 0;
  for (let index = 0; index < pods.length; index++) if (pods[index].priority < priority) lowerCount++;
  if (preemptionPolicy === 'Never') return { outcome: 'preemptionPolicyNever', victims: [], lowerPriority: lowerCount };
  if (lowerCount === 0) return { outcome: 'noLowerPriority', victims: [], lowerPriority: 0 };
  // The node without its lower-priority pods, in one pass (withoutPods' result, without a set of them).
  const lower: ScheduledPod[] = [];
  const reduced = newNodeFitState(state.allocatable);
  for (let index = 0; index < pods.length; index++) {
    const existing = pods[index];
    if (existing.priority < priority) lower.push(existing);
    else addPod(reduced, existing);
  }
  if (!podFits(reduced, pod)) return { outcome: 'notEnough', victims: [], lowerPriority: lower.length, remaining: runFilters(reduced, pod) };
  const victims: ScheduledPod[] = [];
  for (const candidate of byImportance(lower)) {
    addPod(reduced, candidate);
    if (podFits(reduced, pod)) continue; // reprieved
    removePod(reduced, candidate);
    victims.push(candidate);
  }
  return { outcome: 'fitsAfterPreemption', victims, lowerPriority: lower.length };
}
