/**
 * pdb-on-daemonset: a PodDisruptionBudget over daemon pods protects nothing
 * useful. The DaemonSet controller ignores it during rolling updates, and
 * `kubectl drain --ignore-daemonsets` skips daemon pods, but an eviction-based
 * drain without that flag blocks on it.
 */
import { isEmptyLabelSelector, labelSelectorMatches } from '../../model/labelSelector';
import { describeWorkload, type WorkspaceFinding, type WorkspaceRule } from './workspaceRule';
import { POD_TEMPLATE_LABELS_PATH } from '../../model/fieldPath';

export const pdbOnDaemonSet: WorkspaceRule = {
  id: 'pdb-on-daemonset',
  defaultSeverity: 'warning',
  description:
    'A PodDisruptionBudget in the workspace selects this DaemonSet\'s pods: the controller ignores it during updates, and it can only block node drains.',
  check: (ctx) => {
    const labels = ctx.self.podLabels;
    if (!labels || Object.keys(labels).length === 0) return [];
    // Only the budgets: among thousands of DaemonSets sharing a label, a scan of every selector would be N².
    const budgets = ctx.workspace.namespace(ctx.self.namespace).ofKind('PodDisruptionBudget');
    if (budgets.workloads.length === 0) return [];
    const findings: WorkspaceFinding[] = [];
    for (const other of budgets.selectorsFor(labels)) {
      if (!other.selector || isEmptyLabelSelector(other.selector)) continue;
      if (!labelSelectorMatches(other.selector, labels)) continue;
      findings.push({
        path: POD_TEMPLATE_LABELS_PATH,
        on: 'key',
        message: `${describeWorkload(other)} selects these daemon pods: the DaemonSet controller ignores PodDisruptionBudgets during rolling updates (use maxUnavailable), and the budget can only make node drains hang.`,
        related: [{ uri: other.uri, range: other.ranges().selector ?? other.ranges().name, message: `selector of ${describeWorkload(other)}` }],
      });
    }
    return findings;
  },
};
