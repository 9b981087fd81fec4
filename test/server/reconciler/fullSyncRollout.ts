/**
 * The reference for the rollout simulation (not a test file itself): the
 * plain loop simulateRollout ran before it became incremental, one full
 * controller sync (syncContext, manage over every node, rollingUpdate over
 * every node) per step, with the surge pods judged over every pod. Quadratic
 * in the nodes, and obviously the controller's: the differential test
 * compares the incremental simulation's plans with this one's.
 */
import { setDefaultsDaemonSet } from '../../../server/src/model/daemonSetDefaults';
import type { DaemonSet, Node, Pod } from '../../../server/src/model/kubeTypes';
import {
  compilePlacement,
  daemonSetRevisionHash,
  getDaemonPods,
  getTargetNodeName,
  getTemplateGeneration,
  isPodUpdated,
  manage,
  namespaceOf,
  placementFlags,
  resolveUpdateBudget,
  rollingUpdate,
  steadyStatePods,
  syncContext,
  type PendingSurgePod,
  type RolloutOptions,
  type RolloutPlan,
  type RolloutStep,
  type SyncActions,
} from '../../../server/src/reconciler';
import { createdDaemonPod, readyCondition } from '../../../server/src/reconciler/rollout';
import { surgeFitContext } from '../../../server/src/reconciler/surgeFit';

export function simulateRolloutByFullSyncs(previousInput: DaemonSet, nextInput: DaemonSet, nodes: readonly Node[], options: RolloutOptions): RolloutPlan {
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
  const surgeFit = surgeFitContext(next, nodes, podsOfOtherWorkloads(next, options.pods ?? [], own, options.otherPods).map((_, index, list) => ({ list, index })), options.pods !== undefined || options.otherPods !== undefined, options.priorityClasses);
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
      const pod = createdDaemonPod(next, nodeName, sequence++, newHash, now);
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
