/**
 * What the scheduler knows of one node while it binds pods there (its
 * NodeInfo): the pods on it, the sum of their requests, the host ports they
 * hold, and the node's allocatable; and the two filters that judge one more
 * pod against it, in the default plugin order (NodePorts before
 * NodeResourcesFit).
 */
import { fitsRequest, type InsufficientResource, type NodeAllocatable, type SchedulerResources } from './nodeResourcesFit';
import { hostPortsConflict, type HostPortUse } from './nodePorts';

/** A pod as the filters and preemption see it. */
export interface ScheduledPod {
  namespace: string;
  name: string;
  /** `namespace/name` of the DaemonSet whose pod this is, for daemon pods the simulation placed. */
  daemonSet?: string;
  priority: number;
  /** status.startTime (RFC 3339); preemption spares the earlier-started of two equal-priority pods. Absent: not started (a new pod). */
  startTime?: string;
  requests: SchedulerResources;
  hostPorts: readonly HostPortUse[];
}

/** The pod a filter judges: its requests and host ports. */
export interface PodDemand {
  requests: SchedulerResources;
  hostPorts: readonly HostPortUse[];
}

export interface NodeFitState {
  allocatable: NodeAllocatable;
  pods: ScheduledPod[];
  /** Sum of the pods' requests. */
  used: SchedulerResources;
}

/** A host port the pod wants, and the pod on the node that holds it. */
export interface PortConflict {
  port: HostPortUse;
  holder: ScheduledPod;
}

export interface FilterResult {
  portConflicts: PortConflict[];
  insufficient: InsufficientResource[];
}

export function newNodeFitState(allocatable: NodeAllocatable): NodeFitState {
  return { allocatable, pods: [], used: new Map() };
}

/*
 * A pod's requests are added with Map.forEach and a callback that closes over
 * nothing (its context is `this`): no iterator per pod of the inventory.
 */

function addAmount(this: SchedulerResources, amount: number, resource: string): void {
  this.set(resource, (this.get(resource) ?? 0) + amount);
}

function subtractAmount(this: SchedulerResources, amount: number, resource: string): void {
  this.set(resource, (this.get(resource) ?? 0) - amount);
}

export function addPod(state: NodeFitState, pod: ScheduledPod): void {
  state.pods.push(pod);
  pod.requests.forEach(addAmount, state.used);
}

export function removePod(state: NodeFitState, pod: ScheduledPod): void {
  const index = state.pods.indexOf(pod);
  if (index < 0) return;
  state.pods.splice(index, 1);
  pod.requests.forEach(subtractAmount, state.used);
}

export function findPortConflicts(state: NodeFitState, wanted: readonly HostPortUse[]): PortConflict[] {
  const conflicts: PortConflict[] = [];
  if (wanted.length === 0) return conflicts;
  // Indexed loops, as in podFits: no iterator or closure per pod on the node.
  const pods = state.pods;
  for (let w = 0; w < wanted.length; w++) {
    const port = wanted[w];
    holders: for (let p = 0; p < pods.length; p++) {
      const held = pods[p].hostPorts;
      for (let h = 0; h < held.length; h++) {
        if (hostPortsConflict(port, held[h])) {
          conflicts.push({ port, holder: pods[p] });
          break holders;
        }
      }
    }
  }
  return conflicts;
}

/** NodePorts and NodeResourcesFit for one more pod. */
export function runFilters(state: NodeFitState, pod: PodDemand): FilterResult {
  return {
    portConflicts: findPortConflicts(state, pod.hostPorts),
    insufficient: fitsRequest(pod.requests, state.allocatable, state.used, state.pods.length),
  };
}

/** Whether one more pod passes NodePorts and NodeResourcesFit, without building the reasons: the hot path. */
export function podFits(state: NodeFitState, pod: PodDemand): boolean {
  const allocatable = state.allocatable;
  if (allocatable.known) {
    if (allocatable.allowedPodNumber !== undefined && state.pods.length + 1 > allocatable.allowedPodNumber) return false;
    for (const resource of pod.requests.keys()) {
      if ((pod.requests.get(resource) ?? 0) > (allocatable.resources.get(resource) ?? 0) - (state.used.get(resource) ?? 0)) return false;
    }
  }
  // Indexed loops: this runs for every pod on the node for every cell that wants a host port, and for…of would allocate an iterator per pod.
  const wanted = pod.hostPorts;
  if (wanted.length === 0) return true;
  const pods = state.pods;
  for (let w = 0; w < wanted.length; w++) {
    for (let p = 0; p < pods.length; p++) {
      const held = pods[p].hostPorts;
      for (let h = 0; h < held.length; h++) if (hostPortsConflict(wanted[w], held[h])) return false;
    }
  }
  return true;
}

export function filtersPass(result: FilterResult): boolean {
  return result.portConflicts.length === 0 && result.insufficient.length === 0;
}
