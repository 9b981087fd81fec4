/**
 * Step-by-step simulation of a template change (rules R7–R10, C2–C5).
 *
 * One step is one sync as the Kubernetes unit tests count it: the per-node
 * pass (manage), then — for RollingUpdate — the rolling-update pass on the
 * state manage's actions leave (R10). Before every later step, the pods
 * created so far have become ready and available (minReadySeconds elapsed).
 * The simulation stops at the first sync that does nothing. The syncs are
 * IncrementalSync's: each revisits only the nodes the one before changed, so
 * a rollout one node at a time stays near-linear in the nodes and pods;
 * test/server/reconciler/incrementalSync.test.ts compares its plans with one
 * full sync (manage, rollingUpdate) per step.
 */
import { setDefaultsDaemonSet } from '../model/daemonSetDefaults';
import type { DaemonSet, Node, Pod, PriorityClass } from '../model/kubeTypes';
import { CONTROLLER_REVISION_HASH_LABEL } from '../model/podLabels';
import { getDaemonPods, namespaceOf } from './daemonPods';
import { IncrementalSync } from './incrementalSync';
import type { SyncActions } from './manage';
import { compilePlacement, placementFlags } from './nodeShouldRunDaemonPod';
import { getTargetNodeName } from './podUtil';
import { daemonSetRevisionHash, getTemplateGeneration, isPodUpdated } from './revision';
import { surgeFitContext, type ListedPod, type PendingSurgePod } from './surgeFit';

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

let lastIso: { ms: number; text: string } | undefined;

/** To the second, as the API server keeps times; the last answer is kept, since a step stamps all its pods with one time. */
function isoSeconds(ms: number): string {
  if (lastIso?.ms !== ms) lastIso = { ms, text: new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z') };
  return lastIso.text;
}

/** The Ready condition of a pod Ready since `sinceMs` (to the second, as the API server keeps it). */
export function readyCondition(sinceMs: number) {
  return { type: 'Ready', status: 'True', lastTransitionTime: isoSeconds(sinceMs) };
}

/** The `sequence`th pod the simulated controller creates: like the controller's pods, pinned by node affinity (A12), not yet bound, not ready. */
export function createdDaemonPod(daemonSet: DaemonSet, nodeName: string, sequence: number, hash: string, nowMs: number): Pod {
  return {
    metadata: {
      name: `${daemonSet.metadata.name}-new-${String(sequence).padStart(6, '0')}`,
      namespace: namespaceOf(daemonSet),
      labels: { ...daemonSet.spec.template.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      annotations: {},
      creationTimestamp: isoSeconds(nowMs),
      ownerReferences: [{ kind: 'DaemonSet', name: daemonSet.metadata.name, controller: true }],
    },
    spec: {
      containers: [],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } },
    },
    status: { phase: 'Pending', conditions: [] },
  };
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
  let now = options.nowMs;
  const ownPods = options.pods ? getDaemonPods(next, options.pods) : [];
  // Each step is one sync (R10); the syncs revisit only the nodes the step before changed.
  const sync = new IncrementalSync(next, nodes, newHash, now, options.pods ? ownPods.map((pod) => structuredClone(pod)) : steadyStatePods(previous, next, nodes, oldHash, now));
  const desired = sync.desiredNumberScheduled;
  const budget = strategy === 'RollingUpdate' ? sync.budget : { maxUnavailable: 0, maxSurge: 0, desiredNumberScheduled: desired };
  const plan: RolloutPlan = {
    strategy,
    desiredNumberScheduled: desired,
    maxUnavailable: 'error' in budget ? 0 : budget.maxUnavailable,
    maxSurge: 'error' in budget ? 0 : budget.maxSurge,
    steps: [],
    complete: false,
  };
  if ('error' in budget) plan.error = budget.error;

  const own = new Set(ownPods);
  const surgeFit = surgeFitContext(next, nodes, podsOfOtherWorkloads(next, options.pods ?? [], own, options.otherPods), options.pods !== undefined || options.otherPods !== undefined, options.priorityClasses);
  const generation = getTemplateGeneration(next);
  const isNew = (pod: Pod): boolean => isPodUpdated(pod, newHash, generation);
  /** A surge pod: the node still holds a bound, not terminating old pod of the DaemonSet; the scheduler judges it (R11). Any other new pod binds. */
  const judgeSurge = (pod: Pod): ReturnType<typeof surgeFit.judge> | undefined => {
    const nodeName = getTargetNodeName(pod);
    if (nodeName === undefined) return undefined;
    const onNode = sync.podsOn(nodeName);
    const oldOnNode = onNode.some((other) => other.spec.nodeName === nodeName && !other.metadata.deletionTimestamp && !isNew(other));
    return oldOnNode ? surgeFit.judge(pod, nodeName, onNode, isNew) : undefined;
  };
  const pendingNow = new Map<Pod, PendingSurgePod>();
  /** The pods created so far that are not yet Running, oldest first. */
  let waiting: Pod[] = [];
  let sequence = 0;
  const order = new Map(nodes.map((node, index) => [node.metadata.name, index]));
  const byInventoryOrder = (a: string, b: string): number =>
    (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) || (a < b ? -1 : a > b ? 1 : 0);

  const apply = (actions: SyncActions, step: RolloutStep, stepCreated: Pod[]): void => {
    for (const pod of actions.deletePods) step.delete.push(getTargetNodeName(pod) ?? pod.metadata.name);
    for (const pod of actions.deletePods) sync.remove(pod);
    for (const nodeName of actions.createOnNodes) {
      step.create.push(nodeName);
      const pod = createdDaemonPod(next, nodeName, sequence++, newHash, now);
      sync.add(pod);
      stepCreated.push(pod);
    }
  };

  const maxSteps = options.maxSteps ?? 10_000;
  for (let index = 0; index < maxSteps; index++) {
    if (index > 0) {
      // The pods created so far are now bound, ready and past minReadySeconds, unless the scheduler leaves a surge pod Pending.
      now += (minReadySeconds + 1) * 1000;
      sync.advanceTo(now);
      const stillWaiting: Pod[] = [];
      for (const pod of waiting.filter((created) => sync.has(created))) {
        const verdict = judgeSurge(pod);
        pendingNow.delete(pod);
        if (verdict?.pending) {
          pendingNow.set(pod, verdict.pending);
          stillWaiting.push(pod);
          continue;
        }
        for (const evicted of verdict?.evictedPods ?? []) sync.remove(evicted);
        pod.spec.nodeName = getTargetNodeName(pod);
        pod.status = { phase: 'Running', conditions: [readyCondition(now - (minReadySeconds + 1) * 1000)] };
        sync.changed(pod);
      }
      waiting = stillWaiting;
    }
    const step: RolloutStep = { create: [], delete: [] };
    const stepCreated: Pod[] = [];
    apply(sync.manage(), step, stepCreated);
    if (strategy === 'RollingUpdate' && !plan.error) apply(sync.rollingUpdate(), step, stepCreated);
    if (step.create.length === 0 && step.delete.length === 0) break;
    waiting.push(...stepCreated);
    step.create.sort(byInventoryOrder);
    step.delete.sort(byInventoryOrder);
    const pending = stepCreated.filter((pod) => sync.has(pod)).flatMap((pod) => judgeSurge(pod)?.pending ?? []);
    if (pending.length > 0) step.pending = pending.sort((a, b) => byInventoryOrder(a.node, b.node));
    plan.steps.push(step);
  }
  const stuck = [...pendingNow].filter(([pod]) => sync.has(pod)).map(([, pending]) => pending);
  if (stuck.length > 0) plan.stuck = stuck.sort((a, b) => byInventoryOrder(a.node, b.node));
  plan.complete = isRolledOut(next, nodes, sync.nodesToPods(), newHash);
  return plan;
}

/** The pods of `pods` that are not the DaemonSet's, then those of `otherPods` that are neither its nor already in `pods`; each by its place in its list. */
function podsOfOtherWorkloads(daemonSet: DaemonSet, pods: readonly Pod[], own: ReadonlySet<Pod>, otherPods: readonly Pod[] | undefined): ListedPod[] {
  const others: ListedPod[] = [];
  pods.forEach((pod, index) => {
    if (!own.has(pod)) others.push({ list: pods, index });
  });
  if (!otherPods || otherPods.length === 0) return others;
  const key = (pod: Pod): string => `${namespaceOf(pod)}/${pod.metadata.name}`;
  const given = new Set(pods.map(key));
  const itsOwn = new Set(getDaemonPods(daemonSet, otherPods));
  otherPods.forEach((pod, index) => {
    if (!itsOwn.has(pod) && !given.has(key(pod))) others.push({ list: otherPods, index });
  });
  return others;
}

/** `byNode`: every pod of the DaemonSet with a target node, by node. */
function isRolledOut(daemonSet: DaemonSet, nodes: readonly Node[], byNode: ReadonlyMap<string, readonly Pod[]>, hash: string): boolean {
  const compiled = compilePlacement(daemonSet);
  const generation = getTemplateGeneration(daemonSet);
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
