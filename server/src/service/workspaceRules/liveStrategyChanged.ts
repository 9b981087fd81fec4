/**
 * live-strategy-changed: `spec.updateStrategy` differs from the live
 * DaemonSet's in the selected cluster. Apply takes it, but it decides how the
 * template change of the same apply rolls out (rules R1–R10): the message
 * says what the rollout then does to the live pods, as `daemonset rollout
 * --context` and the preview's stepper simulate it from the live pods (and
 * the cluster's PriorityClasses, for what a surge pod preempts).
 */
import { setDefaultsDaemonSet } from '../../model/daemonSetDefaults';
import type { DaemonSet, DaemonSetUpdateStrategy } from '../../model/kubeTypes';
import { templateUnchangedOnApply } from '../../model/liveCluster';
import { plural } from '../../model/plural';
import { getDaemonPods, simulateRollout } from '../../reconciler';
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
      // As `daemonset rollout --context`: every live pod read (other workloads' and other namespaces' too, for the surge pods' fit) and the cluster's PriorityClasses.
      const plan = simulateRollout(live, next, ctx.live.nodes, { pods: ctx.live.pods, nowMs: ctx.live.fetchedAtMs, priorityClasses: ctx.live.priorityClasses });
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
