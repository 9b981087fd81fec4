/**
 * live-strategy-changed: `spec.updateStrategy` differs from the live
 * DaemonSet's in the selected cluster. Apply takes it, but it decides how the
 * template change of the same apply rolls out (rules R1–R10): the message
 * says what the rollout then does to the live pods, as `daemonset rollout
 * --context` and the preview's stepper simulate it from the live pods (and
 * the PriorityClasses, for what a surge pod preempts: the cluster's, and the
 * workspace's that the same apply creates).
 *
 * The rule runs in every validation of the file; the simulation is
 * remembered per live snapshot, by what it reads of the edited DaemonSet
 * (its revision hash and the rest of its spec) and of the workspace's
 * PriorityClasses, so typing elsewhere in the file simulates nothing again.
 */
import { setDefaultsDaemonSet } from '../../model/daemonSetDefaults';
import type { DaemonSet, DaemonSetUpdateStrategy, Node, PriorityClass } from '../../model/kubeTypes';
import { templateUnchangedOnApply, type LiveCluster } from '../../model/liveCluster';
import { plural } from '../../model/plural';
import { getDaemonPods, getTemplateGeneration, namespaceOf, simulateRollout, type RolloutPlan } from '../../reconciler';
import { liveDaemonSetOf, liveObjectLabel } from './liveDaemonSet';
import { normalizedSelector } from './selectorChanged';
import type { WorkspaceRule } from './workspaceRule';

/** `RollingUpdate (maxUnavailable 1, maxSurge 0)`, `OnDelete`; on a defaulted DaemonSet. */
export function describeUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined): string {
  const type = strategy?.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') return type;
  const rolling = strategy?.rollingUpdate ?? {};
  return `RollingUpdate (maxUnavailable ${String(rolling.maxUnavailable ?? 1)}, maxSurge ${String(rolling.maxSurge ?? 0)})`;
}

function strategyOf(daemonSet: DaemonSet): string {
  return describeUpdateStrategy(setDefaultsDaemonSet(daemonSet).spec.updateStrategy);
}

/** The plans simulated over each live snapshot (a new snapshot is a new object), by liveRolloutKey; a few per snapshot. */
const PLANS = new WeakMap<LiveCluster, Map<string, RolloutPlan>>();
const PLANS_PER_SNAPSHOT = 32;
let simulations = 0;

/** How many rollouts the rule has simulated (not found remembered): lets tests see a validation reuse a plan. */
export function liveRolloutSimulations(): number {
  return simulations;
}

/**
 * What the simulation reads: the live DaemonSet (by its place in the snapshot), the edited DaemonSet's spec (its
 * template whole, not its 32-bit revision hash, so two templates never share a plan), what of its metadata claims pods
 * and names them, and the workspace's PriorityClasses (the snapshot's are in the snapshot).
 */
function liveRolloutKey(live: DaemonSet, next: DaemonSet, classes: readonly PriorityClass[]): string {
  return JSON.stringify([
    namespaceOf(live),
    live.metadata.name,
    next.apiVersion,
    namespaceOf(next),
    next.metadata.name,
    next.metadata.uid ?? null,
    getTemplateGeneration(next)?.toString() ?? null,
    next.spec,
    classes.map((each) => [each.metadata.name, each.value, each.globalDefault, each.preemptionPolicy ?? null]),
  ]);
}

/**
 * The rollout `kubectl apply` starts, as `daemonset rollout --context` simulates it: every live pod read (other workloads'
 * and other namespaces' too, for the surge pods' fit). The PriorityClasses are the workspace's, then the cluster's: a
 * class's value cannot change once created, so where both have a name the cluster's holds.
 */
function liveRolloutPlan(snapshot: LiveCluster, nodes: readonly Node[], live: DaemonSet, next: DaemonSet, workspaceClasses: readonly PriorityClass[]): RolloutPlan {
  let plans = PLANS.get(snapshot);
  if (!plans) {
    plans = new Map();
    PLANS.set(snapshot, plans);
  }
  const key = liveRolloutKey(live, next, workspaceClasses);
  let plan = plans.get(key);
  if (!plan) {
    simulations++;
    const priorityClasses = workspaceClasses.length === 0 ? snapshot.priorityClasses : [...workspaceClasses, ...(snapshot.priorityClasses ?? [])];
    plan = simulateRollout(live, next, nodes, { pods: snapshot.pods, nowMs: snapshot.fetchedAtMs, priorityClasses });
    if (plans.size >= PLANS_PER_SNAPSHOT) plans.delete(plans.keys().next().value as string);
    plans.set(key, plan);
  }
  return plan;
}

export const liveStrategyChanged: WorkspaceRule = {
  id: 'live-strategy-changed',
  defaultSeverity: 'warning',
  description:
    'spec.updateStrategy differs from the live DaemonSet in the selected cluster: the message says how `kubectl apply` then rolls the live pods (or, with OnDelete, that it replaces none).',
  check: (ctx) => {
    const live = liveDaemonSetOf(ctx);
    // The typed DaemonSet is read (once per document text) only when there is a live one to compare with.
    if (!live) return [];
    const next = ctx.daemonSet;
    if (!next) return [];
    const before = strategyOf(live);
    const after = strategyOf(next);
    if (before === after) return [];
    const pods = ctx.live?.pods && getDaemonPods(live, ctx.live.pods);
    let rollout = '';
    if (templateUnchangedOnApply(next, live)) rollout = ' The pod template matches the live one, so no live pod is replaced.';
    else if (ctx.live?.nodes && pods && normalizedSelector(live.spec.selector) === normalizedSelector(next.spec.selector)) {
      const plan = liveRolloutPlan(ctx.live, ctx.live.nodes, live, next, ctx.workspace.priorityClasses());
      const replaced = plan.steps.reduce((count, step) => count + step.delete.length, 0);
      if (plan.error) rollout = ` The rolling update is refused: ${plan.error}.`;
      else if (plan.strategy === 'OnDelete') rollout = ` With OnDelete, kubectl apply replaces none of the ${plural(pods.length, 'live pod')}: each keeps the old template until it is deleted.`;
      else {
        rollout = ` kubectl apply then replaces ${plural(replaced, 'live pod')} in ${plural(plan.steps.length, 'controller sync')} (${plural(plan.desiredNumberScheduled, 'desired node')}, maxUnavailable ${plan.maxUnavailable}, maxSurge ${plan.maxSurge}).`;
        // R11: a surge pod left Pending next to the old one stops the rollout there.
        if (plan.stuck) rollout += ` Then it is stuck: ${plan.stuck[0].message}${plan.stuck.length > 1 ? ` (and on ${plural(plan.stuck.length - 1, 'more node')})` : ''}.`;
      }
    }
    return [
      {
        path: ['spec', 'updateStrategy'],
        on: 'key',
        message: `updateStrategy changes from ${before} in ${liveObjectLabel(ctx)} to ${after}.${rollout}`,
        related: [],
      },
    ];
  },
};
