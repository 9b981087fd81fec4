/**
 * The scheduler's verdict on one pod for one node, as the node stands: the
 * NodePorts and NodeResourcesFit filters (runFilters), and when they fail,
 * default preemption (selectVictimsOnNode). scheduleDaemonPods judges every
 * daemon pod with it; the rollout simulation judges a surge pod next to the
 * old pod it replaces (R11).
 */
import { plural } from '../../model/plural';
import { runFilters, type FilterResult, type NodeFitState, type PodDemand, type PortConflict, type ScheduledPod } from './nodeFitState';
import { formatHostPort, NODE_PORTS_REASON } from './nodePorts';
import { formatInsufficientResource, formatSchedulerAmount, type InsufficientResource } from './nodeResourcesFit';
import type { PodPriority } from './podPriority';
import { selectVictimsOnNode, type PreemptionOutcome } from './preemption';
import { boundedMemo } from '../boundedMemo';

/** What fit was judged against on a node: its bound pods, or (no pod data for it) the DaemonSets' pods only. */
export type SchedulingBasis = 'pods' | 'daemonsets';

export type SchedulingPlugin = 'NodePorts' | 'NodeResourcesFit';

export interface PreemptionVictim {
  namespace: string;
  name: string;
  priority: number;
  /** `namespace/name` of the DaemonSet, when the victim is another DaemonSet's pod. */
  daemonSet?: string;
}

export interface PreemptionVerdict {
  outcome: PreemptionOutcome | 'unknownPriority' | 'exceedsAllocatable';
  /** The pods evicted for the daemon pod; empty unless it fits after preemption. */
  victims: PreemptionVictim[];
  /** "fits after preempting 2 pods of priority 0", "stays Pending: only pods of equal or higher priority". */
  message: string;
}

export interface SchedulingVerdict {
  /** Binds without evicting anything. */
  fits: boolean;
  /** Neither fits nor would fit after preemption: the daemon pod stays Pending. */
  pending: boolean;
  /** The first filter that fails, in the scheduler's order (NodePorts runs before NodeResourcesFit). */
  plugin?: SchedulingPlugin;
  /** Every failure in the scheduler's words, with numbers: "Insufficient cpu (needs 200m, 150m free of 3920m)". */
  reasons: readonly string[];
  insufficient: readonly InsufficientResource[];
  portConflicts: readonly PortConflict[];
  /** Present when the pod does not fit as the node stands. */
  preemption?: PreemptionVerdict;
  basis: SchedulingBasis;
  /** False when the node lists no allocatable: NodeResourcesFit could not be judged (ports still are). */
  resourcesJudged: boolean;
}


/** The words for a basis, for views to print beside a verdict. */
export function describeSchedulingBasis(basis: SchedulingBasis): string {
  return basis === 'pods' ? "fit is judged against the node's pods in the inventory" : 'fit is judged against DaemonSets only (no pod data for this node)';
}

/** Who holds a host port, in a reason: "9100/TCP is bound by DaemonSet kube-system/node-exporter". */
export type DescribePortHolder = (port: PortConflict['port'], holder: ScheduledPod) => string;

const boundBy: DescribePortHolder = (port, holder) => `${formatHostPort(port)} is bound by ${holder.daemonSet ? `DaemonSet ${holder.daemonSet}` : `${holder.namespace}/${holder.name}`}`;

/** Every filter failure in the scheduler's words, with numbers. */
export function filterFailureReasons(result: FilterResult, describeHolder: DescribePortHolder = boundBy): string[] {
  const reasons: string[] = [];
  if (result.portConflicts.length > 0) {
    const held = result.portConflicts.map(({ port, holder }) => describeHolder(port, holder));
    reasons.push(`${NODE_PORTS_REASON} (${held.join('; ')})`);
  }
  for (const shortfall of result.insufficient) reasons.push(formatInsufficientResource(shortfall));
  return reasons;
}

function victimOf(pod: ScheduledPod): PreemptionVictim {
  const victim: PreemptionVictim = { namespace: pod.namespace, name: pod.name, priority: pod.priority };
  if (pod.daemonSet) victim.daemonSet = pod.daemonSet;
  return victim;
}

/** "2 pods of priority 0"; "3 pods (2 of priority 0, 1 of priority 1000)". */
export function describeVictims(victims: readonly { priority: number }[]): string {
  const byPriority = new Map<number, number>();
  for (const victim of victims) byPriority.set(victim.priority, (byPriority.get(victim.priority) ?? 0) + 1);
  if (byPriority.size === 1) return `${plural(victims.length, 'pod')} of priority ${victims[0].priority}`;
  const parts = [...byPriority].sort((a, b) => a[0] - b[0]).map(([priority, count]) => `${count} of priority ${priority}`);
  return `${plural(victims.length, 'pod')} (${parts.join(', ')})`;
}

function noPreemption(outcome: PreemptionVerdict['outcome'], message: string): { verdict: PreemptionVerdict; evicted: ScheduledPod[] } {
  return { verdict: { outcome, victims: [], message }, evicted: [] };
}

function exceedsCapacity(shortfall: InsufficientResource): boolean {
  return shortfall.resourceName !== 'pods' && shortfall.requested > shortfall.capacity;
}

/** "stays Pending: only pods of equal or higher priority (1000 or more) on the node": one string per priority, not one per Pending node. */
const noLowerPriorityMessage = boundedMemo((priority: number) => `stays Pending: only pods of equal or higher priority (${priority} or more) on the node`, 1024);

function preemptionVerdict(state: NodeFitState, demand: PodDemand, priority: PodPriority, result: FilterResult): { verdict: PreemptionVerdict; evicted: ScheduledPod[] } {
  // A request above the node's whole allocatable fails even on an empty node (the plugin marks it Unresolvable).
  if (result.insufficient.some(exceedsCapacity)) {
    const beyond = result.insufficient.filter(exceedsCapacity);
    const what = beyond.map((shortfall) => `${shortfall.resourceName}: needs ${formatSchedulerAmount(shortfall.resourceName, shortfall.requested)}, has ${formatSchedulerAmount(shortfall.resourceName, shortfall.capacity)}`);
    return noPreemption('exceedsAllocatable', `stays Pending: the node's whole allocatable is too small (${what.join('; ')})`);
  }
  if (priority.source === 'unknownClass') {
    return noPreemption('unknownPriority', `preemption not judged: PriorityClass ${JSON.stringify(priority.className)} is in neither the workspace nor the inventory`);
  }
  const selection = selectVictimsOnNode(state, demand, priority.value, priority.preemptionPolicy);
  switch (selection.outcome) {
    case 'fitsAfterPreemption':
      return {
        verdict: { outcome: selection.outcome, victims: selection.victims.map(victimOf), message: `fits after preempting ${describeVictims(selection.victims)}` },
        evicted: selection.victims,
      };
    case 'preemptionPolicyNever':
      return noPreemption(selection.outcome, 'stays Pending: its preemptionPolicy is Never');
    case 'noLowerPriority':
      return noPreemption(selection.outcome, noLowerPriorityMessage(priority.value));
    case 'notEnough': {
      const still = selection.remaining ? filterFailureReasons(selection.remaining).join('; ') : '';
      return noPreemption(selection.outcome, `stays Pending: even preempting all ${plural(selection.lowerPriority, 'pod')} of lower priority leaves ${still}`);
    }
  }
}


/**
 * One pod on one node as the node stands: fits, fits after preempting
 * `evicted`, or stays Pending, with the scheduler's reasons. The caller
 * applies the eviction and adds the pod to the state.
 */
export function judgeDaemonPod(
  state: NodeFitState,
  demand: PodDemand,
  priority: PodPriority,
  basis: SchedulingBasis,
  describeHolder?: DescribePortHolder,
): { scheduling: SchedulingVerdict; evicted: ScheduledPod[] } {
  const result = runFilters(state, demand);
  const resourcesJudged = state.allocatable.known;
  if (result.portConflicts.length === 0 && result.insufficient.length === 0) {
    return { scheduling: { fits: true, pending: false, reasons: [], insufficient: [], portConflicts: [], basis, resourcesJudged }, evicted: [] };
  }
  const { verdict: preemption, evicted } = preemptionVerdict(state, demand, priority, result);
  return {
    scheduling: {
      fits: false,
      pending: preemption.outcome !== 'fitsAfterPreemption',
      plugin: result.portConflicts.length > 0 ? 'NodePorts' : 'NodeResourcesFit',
      reasons: filterFailureReasons(result, describeHolder),
      insufficient: result.insufficient,
      portConflicts: result.portConflicts,
      preemption,
      basis,
      resourcesJudged,
    },
    evicted,
  };
}
