/**
 * The rollout stepper's data: the manifest against a baseline version of it
 * (the live DaemonSet, the saved file or git HEAD), simulated with the
 * reconciler's rolling update, with the pods on every node after each step.
 * A live baseline brings its pods: the rollout starts from them, old and new
 * told apart by their controller-revision-hash. The inventory's pods of other
 * workloads and its PriorityClasses are what the scheduler weighs a surge pod
 * against (R11), as in the placement.
 */
import { loadDaemonSetsFromText } from '../../../server/src/model/daemonSet';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import { templateUnchangedOnApply } from '../../../server/src/model/liveCluster';
import { setDefaultsDaemonSet } from '../../../server/src/model/daemonSetDefaults';
import type { DaemonSet, Node, Pod } from '../../../server/src/model/kubeTypes';
import { CONTROLLER_REVISION_HASH_LABEL } from '../../../server/src/model/podLabels';
import { compilePlacement, daemonSetRevisionHash, getDaemonPods, getNodesToDaemonPods, placementFlags, simulateRollout, type RolloutPlan } from '../../../server/src/reconciler';
import type { SchedulingContext } from './placementView';
import type { Baseline } from './protocol';
import { daemonSetKey } from './sources';

/** Pods on one node: of the old template, of the new one. */
export interface NodePods {
  old: number;
  new: number;
  /** The new pod is a surge pod the scheduler leaves Pending (R11): the old pod stays. */
  pending?: boolean;
}

export type RolloutView =
  | { kind: 'missing'; message: string }
  | { kind: 'unchanged'; message: string }
  | {
      kind: 'plan';
      plan: RolloutPlan;
      /** Nodes that have a pod at any point, in inventory order. */
      nodes: string[];
      /** frames[0] is before the rollout; frames[i] after step i. */
      frames: Array<Map<string, NodePods>>;
    };

/** The baseline's DaemonSet of the same namespace/name, if the baseline text has one. */
export function baselineDaemonSet(baselineText: string, key: string): DaemonSet | undefined {
  return loadDaemonSetsFromText(baselineText, 'baseline').daemonSets.find((daemonSet) => daemonSetKey(daemonSet) === key);
}

/** Pods per node before the rollout: the given (live) pods by their hash, else one old pod where the old DaemonSet runs. */
function startingPods(previous: DaemonSet, next: DaemonSet, nodes: readonly Node[], pods: readonly Pod[] | undefined): Map<string, NodePods> {
  const current = new Map<string, NodePods>();
  if (!pods) {
    const compiled = compilePlacement(setDefaultsDaemonSet(previous));
    for (const node of nodes) if (placementFlags(compiled, node).shouldRun) current.set(node.metadata.name, { old: 1, new: 0 });
    return current;
  }
  const defaulted = setDefaultsDaemonSet(next);
  const newHash = daemonSetRevisionHash(defaulted);
  const known = new Set(nodes.map((node) => node.metadata.name));
  for (const [name, onNode] of getNodesToDaemonPods(getDaemonPods(defaulted, pods))) {
    if (!known.has(name)) continue;
    const fresh = onNode.filter((pod) => pod.metadata.labels[CONTROLLER_REVISION_HASH_LABEL] === newHash).length;
    current.set(name, { old: onNode.length - fresh, new: fresh });
  }
  return current;
}

/** A live baseline's pods (kubectl's output). */
export function baselinePods(podsText: string): Pod[] {
  return loadInventoryFromText(podsText, 'live pods').pods;
}

/**
 * The rollout from a baseline the extension sent: its DaemonSet of the same key, its live pods and the cluster's
 * PriorityClasses when it is the live one (they outrank the inventory's of the same name), and the inventory's `scheduling`.
 */
export function rolloutFromBaseline(baseline: Baseline, next: DaemonSet, nodes: readonly Node[], nowMs: number, scheduling: SchedulingContext): RolloutView {
  const previous = baselineDaemonSet(baseline.text, daemonSetKey(next));
  const pods = baseline.pods === undefined ? undefined : baselinePods(baseline.pods);
  const liveClasses = baseline.priorityClasses === undefined ? [] : loadInventoryFromText(baseline.priorityClasses, 'live PriorityClasses').priorityClasses;
  const priorityClasses = liveClasses.length === 0 ? scheduling.priorityClasses : [...(scheduling.priorityClasses ?? []), ...liveClasses];
  return computeRollout(previous, next, nodes, nowMs, pods, { ...scheduling, priorityClasses });
}

/**
 * The rollout from `previous` to `next`: from the live `pods` when given, else from one old pod where the old DaemonSet runs;
 * `scheduling` is the inventory's pods and PriorityClasses, which a surge pod must fit beside or preempt.
 */
export function computeRollout(previous: DaemonSet | undefined, next: DaemonSet, nodes: readonly Node[], nowMs: number, pods?: readonly Pod[], scheduling?: SchedulingContext): RolloutView {
  if (!previous) return { kind: 'missing', message: `the baseline has no DaemonSet ${daemonSetKey(next)}: every pod would be new` };
  // Live pods carry Kubernetes' own hash, and the live template its defaults: compare the fields the manifest sets.
  const unchanged = pods ? templateUnchangedOnApply(next, previous) : daemonSetRevisionHash(setDefaultsDaemonSet(previous)) === daemonSetRevisionHash(setDefaultsDaemonSet(next));
  if (unchanged) return { kind: 'unchanged', message: 'the pod template is unchanged: no rollout' };
  // An inventory without pods says nothing of the nodes' other workloads: the surge pod is judged against the daemon pods alone.
  const otherPods = scheduling?.pods && scheduling.pods.length > 0 ? scheduling.pods : undefined;
  const plan = simulateRollout(previous, next, nodes, { nowMs, pods, otherPods, priorityClasses: scheduling?.priorityClasses });
  let current = startingPods(previous, next, nodes, pods);
  const frames = [current];
  // A surge pod Pending when created stays so to the end where the plan is stuck on its node; elsewhere it binds in the next step.
  const stuck = new Set(plan.stuck?.map((entry) => entry.node));
  for (const step of plan.steps) {
    current = new Map(
      [...current].map(([name, pods]) => {
        const copy = { ...pods };
        if (copy.pending && !stuck.has(name)) delete copy.pending;
        return [name, copy];
      }),
    );
    for (const name of step.delete) {
      const pods = current.get(name);
      if (!pods) continue;
      // The controller deletes old pods during an update; a new one only when it is surplus.
      if (pods.old > 0) pods.old--;
      else if (pods.new > 0) pods.new--;
    }
    for (const name of step.create) {
      const pods = current.get(name) ?? { old: 0, new: 0 };
      pods.new++;
      current.set(name, pods);
    }
    for (const entry of step.pending ?? []) {
      const pods = current.get(entry.node);
      if (pods) pods.pending = true;
    }
    frames.push(current);
  }
  const involved = new Set(frames.flatMap((frame) => [...frame.keys()]));
  return { kind: 'plan', plan, nodes: nodes.map((node) => node.metadata.name).filter((name) => involved.has(name)), frames };
}
