/**
 * Step-by-step simulation of a template change (rules R7–R10, C2–C5).
 *
 * One step is one sync as the Kubernetes unit tests count it: the per-node
 * pass (manage), then — for RollingUpdate — the rolling-update pass on the
 * state manage's actions leave (R10). Before every later step, the pods
 * created so far have become ready and available (minReadySeconds elapsed).
 * The simulation stops at the first sync that does nothing.
 */
import { setDefaultsDaemonSet } from '../model/daemonSetDefaults';
import type { DaemonSet, Node, Pod, PriorityClass } from '../model/kubeTypes';
import { CONTROLLER_REVISION_HASH_LABEL } from '../model/podLabels';
import { getDaemonPods, namespaceOf } from './daemonPods';
import { resolveUpdateBudget } from './intOrPercent';
import { manage, syncContext, type SyncActions } from './manage';
import { compilePlacement, placementFlags } from './nodeShouldRunDaemonPod';
import { getTargetNodeName } from './podUtil';
import { daemonSetRevisionHash, getTemplateGeneration, isPodUpdated } from './revision';
import { rollingUpdate } from './rollingUpdate';
import { surgeFitContext, type PendingSurgePod } from './surgeFit';

export interface RolloutStep {
  /** Nodes that get a new pod in this sync, in inventory order. */
  create: string[];
  /** Nodes whose pod is deleted in this sync (one entry per pod), in inventory order. */
  delete: string[];
  /** Surge pods created in this sync that the scheduler leaves Pending (R11), in inventory order; absent when none. */
  pending?: PendingSurgePod[];
}

export interface RolloutPlan {
  strategy: string;
  desiredNumberScheduled: number;
  maxUnavailable: number;
  maxSurge: number;
  steps: RolloutStep[];
  /** Whether every desired node ended with exactly one pod of the new template and no other node has one. */
  complete: boolean;
  /** Set when the controller would refuse to roll (e.g. an invalid maxUnavailable). */
  error?: string;
  /** Nodes where the rollout stops: a surge pod the scheduler leaves Pending next to the old pod (R11), in inventory order; absent when none. */
  stuck?: PendingSurgePod[];
}

export interface RolloutOptions {
  /** Existing pods (any; the DaemonSet's own are picked per C1). Without them, every node running the old DaemonSet has one ready, available old pod. */
  pods?: readonly Pod[];
  /**
   * Pods of other workloads the scheduler counts on the nodes when it judges a surge pod (R11), beside those of `pods`: an
   * inventory's, while the DaemonSet starts from `pods` or the steady state. Its pods of the DaemonSet are not its starting
   * pods and are left out, and a pod also in `pods` (same namespace and name) counts once, as `pods` has it.
   */
  otherPods?: readonly Pod[];
  /** Clock for availability (R6). */
  nowMs: number;
  /** The current revision hash, when known (pods created by the real controller carry it). */
  currentHash?: string;
  /** PriorityClass objects (the workspace's, the inventory's), for the priority a surge pod preempts with; the two system classes are built in. */
  priorityClasses?: readonly PriorityClass[];
  /** Safety stop. */
  maxSteps?: number;
}

const LONG_AGO_MS = 24 * 3600 * 1000;

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function readyCondition(sinceMs: number) {
  return { type: 'Ready', status: 'True', lastTransitionTime: isoSeconds(sinceMs) };
}

/** The starting pods when none are given: one ready, available old pod per node that runs the old DaemonSet. */
export function steadyStatePods(previous: DaemonSet, owner: DaemonSet, nodes: readonly Node[], hash: string, nowMs: number): Pod[] {
  const compiled = compilePlacement(previous);
  const pods: Pod[] = [];
  nodes.forEach((node, index) => {
    if (!placementFlags(compiled, node).shouldRun) return;
    pods.push({
      metadata: {
        name: `${owner.metadata.name}-old-${String(index).padStart(6, '0')}`,
        namespace: namespaceOf(owner),
        labels: { ...previous.spec.template.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
        annotations: {},
        creationTimestamp: isoSeconds(nowMs - LONG_AGO_MS),
        ownerReferences: [{ kind: 'DaemonSet', name: owner.metadata.name, controller: true }],
      },
      spec: { ...previous.spec.template.spec, nodeName: node.metadata.name },
      status: { phase: 'Running', conditions: [readyCondition(nowMs - LONG_AGO_MS)] },
    });
  });
  return pods;
}

export function simulateRollout(previousInput: DaemonSet, nextInput: DaemonSet, nodes: readonly Node[], options: RolloutOptions): RolloutPlan {
  const previous = setDefaultsDaemonSet(previousInput);
  const next = setDefaultsDaemonSet(nextInput);
  const strategy = next.spec.updateStrategy?.type ?? 'RollingUpdate';
  const newHash = options.currentHash ?? daemonSetRevisionHash(next);
  let oldHash = daemonSetRevisionHash(previous);
  if (oldHash === newHash) oldHash = `${oldHash}-previous`;
  const minReadySeconds = next.spec.minReadySeconds ?? 0;
  const compiled = compilePlacement(next);
  const desired = nodes.reduce((count, node) => count + (placementFlags(compiled, node).shouldRun ? 1 : 0), 0);
  const budget = strategy === 'RollingUpdate' ? resolveUpdateBudget(next, desired) : { maxUnavailable: 0, maxSurge: 0, desiredNumberScheduled: desired };
  const plan: RolloutPlan = {
    strategy,
    desiredNumberScheduled: desired,
    maxUnavailable: 'error' in budget ? 0 : budget.maxUnavailable,
    maxSurge: 'error' in budget ? 0 : budget.maxSurge,
    steps: [],
    complete: false,
  };
  if ('error' in budget) plan.error = budget.error;

  let now = options.nowMs;
  const ownPods = options.pods ? getDaemonPods(next, options.pods) : [];
  let pods: Pod[] = options.pods ? ownPods.map((pod) => structuredClone(pod)) : steadyStatePods(previous, next, nodes, oldHash, now);
  const created = new Set<Pod>();
  const own = new Set(ownPods);
  const surgeFit = surgeFitContext(next, nodes, podsOfOtherWorkloads(next, options.pods ?? [], own, options.otherPods), options.pods !== undefined || options.otherPods !== undefined, options.priorityClasses);
  const generation = getTemplateGeneration(next);
  /** A surge pod: the node still holds a bound, not terminating old pod of the DaemonSet; the scheduler judges it (R11). Any other new pod binds. */
  const judgeSurge = (pod: Pod): ReturnType<typeof surgeFit.judge> | undefined => {
    const nodeName = getTargetNodeName(pod);
    if (nodeName === undefined) return undefined;
    const oldOnNode = pods.some((other) => other.spec.nodeName === nodeName && !other.metadata.deletionTimestamp && !isPodUpdated(other, newHash, generation));
    return oldOnNode ? surgeFit.judge(pod, nodeName, pods, (other) => isPodUpdated(other, newHash, generation)) : undefined;
  };
  const pendingNow = new Map<Pod, PendingSurgePod>();
  let sequence = 0;
  const order = new Map(nodes.map((node, index) => [node.metadata.name, index]));
  const byInventoryOrder = (a: string, b: string): number =>
    (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) || (a < b ? -1 : a > b ? 1 : 0);

  const apply = (actions: SyncActions, step: RolloutStep): void => {
    const doomed = new Set(actions.deletePods);
    for (const pod of actions.deletePods) step.delete.push(getTargetNodeName(pod) ?? pod.metadata.name);
    pods = pods.filter((pod) => !doomed.has(pod));
    for (const nodeName of actions.createOnNodes) {
      step.create.push(nodeName);
      // Like the controller's pods: pinned by node affinity (A12), not yet bound, not ready.
      const pod: Pod = {
        metadata: {
          name: `${next.metadata.name}-new-${String(sequence++).padStart(6, '0')}`,
          namespace: namespaceOf(next),
          labels: { ...next.spec.template.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: newHash },
          annotations: {},
          creationTimestamp: isoSeconds(now),
          ownerReferences: [{ kind: 'DaemonSet', name: next.metadata.name, controller: true }],
        },
        spec: {
          containers: [],
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } },
        },
        status: { phase: 'Pending', conditions: [] },
      };
      created.add(pod);
      pods.push(pod);
    }
  };

  const maxSteps = options.maxSteps ?? 10_000;
  for (let index = 0; index < maxSteps; index++) {
    if (index > 0) {
      // The pods created so far are now bound, ready and past minReadySeconds, unless the scheduler leaves a surge pod Pending.
      now += (minReadySeconds + 1) * 1000;
      for (const pod of [...pods]) {
        if (!created.has(pod) || pod.status.phase === 'Running') continue;
        const verdict = judgeSurge(pod);
        pendingNow.delete(pod);
        if (verdict?.pending) {
          pendingNow.set(pod, verdict.pending);
          continue;
        }
        if (verdict && verdict.evictedPods.length > 0) {
          const evicted = new Set(verdict.evictedPods);
          pods = pods.filter((other) => !evicted.has(other));
        }
        pod.spec.nodeName = getTargetNodeName(pod);
        pod.status = { phase: 'Running', conditions: [readyCondition(now - (minReadySeconds + 1) * 1000)] };
      }
    }
    const ctx = syncContext(next, nodes, newHash, now);
    const step: RolloutStep = { create: [], delete: [] };
    const before = new Set(pods);
    apply(manage(ctx, pods), step);
    if (strategy === 'RollingUpdate' && !plan.error) apply(rollingUpdate(ctx, pods), step);
    const stepCreated = pods.filter((pod) => created.has(pod) && !before.has(pod));
    if (step.create.length === 0 && step.delete.length === 0) break;
    step.create.sort(byInventoryOrder);
    step.delete.sort(byInventoryOrder);
    const pending = stepCreated.flatMap((pod) => judgeSurge(pod)?.pending ?? []);
    if (pending.length > 0) step.pending = pending.sort((a, b) => byInventoryOrder(a.node, b.node));
    plan.steps.push(step);
  }
  const stuck = [...pendingNow].filter(([pod]) => pods.includes(pod)).map(([, pending]) => pending);
  if (stuck.length > 0) plan.stuck = stuck.sort((a, b) => byInventoryOrder(a.node, b.node));
  plan.complete = isRolledOut(next, nodes, pods, newHash);
  return plan;
}

/** The pods of `pods` that are not the DaemonSet's, then those of `otherPods` that are neither its nor already in `pods`. */
function podsOfOtherWorkloads(daemonSet: DaemonSet, pods: readonly Pod[], own: ReadonlySet<Pod>, otherPods: readonly Pod[] | undefined): Pod[] {
  const others = pods.filter((pod) => !own.has(pod));
  if (!otherPods || otherPods.length === 0) return others;
  const key = (pod: Pod): string => `${namespaceOf(pod)}/${pod.metadata.name}`;
  const given = new Set(pods.map(key));
  const itsOwn = new Set(getDaemonPods(daemonSet, otherPods));
  for (const pod of otherPods) if (!itsOwn.has(pod) && !given.has(key(pod))) others.push(pod);
  return others;
}

function isRolledOut(daemonSet: DaemonSet, nodes: readonly Node[], pods: readonly Pod[], hash: string): boolean {
  const compiled = compilePlacement(daemonSet);
  const generation = getTemplateGeneration(daemonSet);
  const byNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    const nodeName = getTargetNodeName(pod);
    if (nodeName === undefined) continue;
    byNode.set(nodeName, [...(byNode.get(nodeName) ?? []), pod]);
  }
  for (const node of nodes) {
    const onNode = byNode.get(node.metadata.name) ?? [];
    if (placementFlags(compiled, node).shouldRun) {
      if (onNode.length !== 1 || !isPodUpdated(onNode[0], hash, generation)) return false;
    } else if (onNode.some((pod) => !isPodUpdated(pod, hash, generation))) {
      return false;
    }
  }
  return true;
}
