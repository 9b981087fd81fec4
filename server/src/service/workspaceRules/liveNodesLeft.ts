/**
 * live-nodes-left: on the live nodes of the selected cluster, the new
 * template no longer runs where the live DaemonSet's pods run: the
 * controller deletes the pods of nodes it no longer selects, and the taint
 * manager evicts those on nodes with a NoExecute taint it no longer
 * tolerates. The one placement diff (`diffPlacement`), with the live pods as
 * the state before.
 */
import { plural } from '../../model/plural';
import { diffPlacement, getDaemonPods } from '../../reconciler';
import { nodeList } from '../completion/inventoryValues';
import { liveDaemonSetOf, liveObjectLabel } from './liveDaemonSet';
import { normalizedSelector } from './selectorChanged';
import type { WorkspaceRule } from './workspaceRule';

export const liveNodesLeft: WorkspaceRule = {
  id: 'live-nodes-left',
  defaultSeverity: 'warning',
  description:
    'On the live nodes of the selected cluster, the new template would leave nodes the live DaemonSet runs on (no longer selected) or be evicted from them (an untolerated NoExecute taint) on `kubectl apply`.',
  check: (ctx) => {
    const live = liveDaemonSetOf(ctx);
    const nodes = ctx.live?.nodes;
    const allPods = ctx.live?.pods;
    if (!live || !nodes || !allPods) return [];
    // Read only now: the typed DaemonSet is the costly part of a document.
    const next = ctx.daemonSet;
    // A changed selector makes the apply fail (selector-changed): there is no rollout to predict.
    if (!next || normalizedSelector(live.spec.selector) !== normalizedSelector(next.spec.selector)) return [];
    const diff = diffPlacement(next, nodes, nodes, getDaemonPods(live, allPods));
    if (diff.deleted.length === 0 && diff.evicted.length === 0) return [];
    const parts: string[] = [];
    if (diff.deleted.length > 0) parts.push(`leaves ${plural(diff.deleted.length, 'node')} it runs on now (${nodeList(diff.deleted)}: no longer selected)`);
    if (diff.evicted.length > 0) parts.push(`is evicted from ${plural(diff.evicted.length, 'node')} (${nodeList(diff.evicted)}: a NoExecute taint it no longer tolerates)`);
    return [
      {
        path: ['spec', 'template', 'spec'],
        on: 'key',
        message: `On kubectl apply, the new template ${parts.join(' and ')}, compared with ${liveObjectLabel(ctx)}: those nodes lose their daemon pod.`,
        related: [],
        data: { deleted: diff.deleted, evicted: diff.evicted },
      },
    ];
  },
};
