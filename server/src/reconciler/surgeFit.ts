/**
 * Whether a surge pod can bind next to the old pod it is to replace (R11).
 *
 * With maxSurge the controller creates the new pod while the old one still
 * runs, and deletes the old one only once the new one is available
 * (update.go rollingUpdate). The scheduler judges the new pod against every
 * pod bound to the node, the old daemon pod included: a host port the old pod
 * holds (NodePorts), or requests that leave no room for both pods
 * (NodeResourcesFit), leave the new pod Pending, so the old pod is never
 * deleted and the rollout stops on that node. The judging is the scheduling
 * module's (judgeDaemonPod: filters, then preemption); this file only builds
 * the node as the scheduler sees it during the rollout and words the stall.
 */
import type { DaemonSet, Node, Pod, PriorityClass } from '../model/kubeTypes';
import { isPodTerminal } from './podUtil';
import {
  addPod,
  allocatableOf,
  filtersPass,
  formatHostPort,
  indexPriorityClasses,
  judgeDaemonPod,
  newNodeFitState,
  podDemandOf,
  podPriority,
  podPriorityValue,
  rememberedPodDemand,
  runFilters,
  scheduledPodOf,
  type DescribePortHolder,
  type NodeAllocatable,
  type PodDemand,
  type PodPriority,
  type ScheduledPod,
  type SchedulingPlugin,
} from './scheduling';

/** A surge pod the scheduler leaves Pending on its node. */
export interface PendingSurgePod {
  node: string;
  /** The first filter that fails (NodePorts runs before NodeResourcesFit). */
  plugin: SchedulingPlugin;
  /** The scheduler's reasons, with numbers and who holds a port. */
  reasons: string[];
  /** Whether the old daemon pod is what keeps it out: without the old pod it would fit. */
  blockedByOldPod: boolean;
  /** The sentence for views: "new pod Pending on node-a: …; the old pod is kept until the new one is available — …". */
  message: string;
}

export interface SurgeFitContext {
  /** Judges a new daemon pod on its node against the pods bound there: `pending` when the scheduler leaves it Pending, else the daemon pods preemption evicts for it. */
  judge(pod: Pod, nodeName: string, daemonPods: readonly Pod[], isNew: (pod: Pod) => boolean): { pending?: PendingSurgePod; evictedPods: readonly Pod[] };
}

/** A pod by its place in the list it was given in: its demand is remembered with the list (rememberedPodDemand). */
export interface ListedPod {
  list: readonly Pod[];
  index: number;
}

/**
 * The context of one simulation: the nodes' allocatable, the pods of other
 * workloads bound to each node (the inventory's, minus the DaemonSet's own),
 * and the new template's demand and priority.
 */
export function surgeFitContext(next: DaemonSet, nodes: readonly Node[], otherPods: readonly ListedPod[], hasPodData: boolean, priorityClasses?: readonly PriorityClass[]): SurgeFitContext {
  const classes = indexPriorityClasses(priorityClasses);
  const newDemand = podDemandOf(next.spec.template.spec);
  const newPriority: PodPriority = podPriority(next.spec.template.spec, classes);
  const allocatable = new Map<string, NodeAllocatable>(nodes.map((node) => [node.metadata.name, allocatableOf(node)]));
  const others = new Map<string, ScheduledPod[]>();
  for (const { list: source, index } of otherPods) {
    const pod = source[index];
    const nodeName = pod.spec.nodeName;
    if (!nodeName || isPodTerminal(pod)) continue;
    const list = others.get(nodeName) ?? [];
    list.push(scheduledPodOf(pod, podPriorityValue(pod.spec, classes), rememberedPodDemand(source, index)));
    others.set(nodeName, list);
  }
  const daemonPodDemand = new WeakMap<Pod, PodDemand>();
  const demandOf = (pod: Pod, isNew: boolean): PodDemand => {
    if (isNew) return newDemand;
    let demand = daemonPodDemand.get(pod);
    if (!demand) {
      demand = podDemandOf(pod.spec);
      daemonPodDemand.set(pod, demand);
    }
    return demand;
  };

  return {
    judge(pod, nodeName, daemonPods, isNew) {
      const nodeAllocatableOf = allocatable.get(nodeName);
      if (!nodeAllocatableOf) return { evictedPods: [] };
      const state = newNodeFitState(nodeAllocatableOf);
      for (const other of others.get(nodeName) ?? []) addPod(state, other);
      const daemonOf = new Map<ScheduledPod, Pod>();
      const oldPods = new Set<ScheduledPod>();
      for (const daemonPod of daemonPods) {
        // Only bound pods hold anything; a terminating one is on its way out, and the simulation does not wait for it.
        if (daemonPod === pod || daemonPod.spec.nodeName !== nodeName || daemonPod.metadata.deletionTimestamp) continue;
        const fresh = isNew(daemonPod);
        const scheduled = scheduledPodOf(daemonPod, podPriorityValue(daemonPod.spec, classes), demandOf(daemonPod, fresh));
        daemonOf.set(scheduled, daemonPod);
        if (!fresh) oldPods.add(scheduled);
        addPod(state, scheduled);
      }
      const holder: DescribePortHolder = (port, held) =>
        `hostPort ${formatHostPort(port)} held by ${oldPods.has(held) ? 'the old pod' : daemonOf.has(held) ? 'another pod of this DaemonSet' : `${held.namespace}/${held.name}`}`;
      const { scheduling, evicted } = judgeDaemonPod(state, newDemand, newPriority, hasPodData ? 'pods' : 'daemonsets', holder);
      if (!scheduling.pending) {
        // Preemption evicts its victims: the other workloads' pods leave the node, a daemon pod leaves the simulation.
        const list = others.get(nodeName);
        if (list && evicted.length > 0) others.set(nodeName, list.filter((other) => !evicted.includes(other)));
        return { evictedPods: evicted.flatMap((victim) => daemonOf.get(victim) ?? []) };
      }
      const withoutOld = newNodeFitState(nodeAllocatableOf);
      for (const scheduled of state.pods) if (!oldPods.has(scheduled)) addPod(withoutOld, scheduled);
      const blockedByOldPod = oldPods.size > 0 && filtersPass(runFilters(withoutOld, newDemand));
      const plugin = scheduling.plugin ?? 'NodeResourcesFit';
      const reasons = [...scheduling.reasons];
      if (blockedByOldPod && scheduling.insufficient.length > 0) reasons.push("the old pod's requests still count on the node");
      return { pending: { node: nodeName, plugin, reasons, blockedByOldPod, message: pendingMessage(nodeName, reasons, plugin, blockedByOldPod) }, evictedPods: [] };
    },
  };
}

function pendingMessage(nodeName: string, reasons: readonly string[], plugin: SchedulingPlugin, blockedByOldPod: boolean): string {
  const head = `new pod Pending on ${nodeName}: ${reasons.join('; ')}; the old pod is kept until the new one is available`;
  if (!blockedByOldPod) return head;
  return plugin === 'NodePorts'
    ? `${head} — use maxUnavailable instead of maxSurge with host ports`
    : `${head} — leave room on the node for both pods' requests, or use maxUnavailable instead of maxSurge`;
}
