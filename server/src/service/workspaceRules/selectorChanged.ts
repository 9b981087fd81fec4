/**
 * selector-changed: the selector differs from the one the same DaemonSet
 * (same namespace and name) has in the file's committed version. The
 * selector is immutable (rulebook V9), so `kubectl apply` of this change
 * fails with "field is immutable"; changing it means deleting and
 * recreating the DaemonSet.
 */
import { describeLabelSelector, type LabelSelector } from '../../model/labelSelector';
import type { WorkspaceFinding, WorkspaceRule } from './workspaceRule';

function normalized(selector: LabelSelector | undefined): string {
  const labels = Object.entries(selector?.matchLabels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const expressions = (selector?.matchExpressions ?? [])
    .map((e) => ({ key: e.key, operator: e.operator, values: [...(e.values ?? [])].sort() }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return JSON.stringify({ labels, expressions });
}

export const selectorChanged: WorkspaceRule = {
  id: 'selector-changed',
  defaultSeverity: 'error',
  description:
    'The selector differs from the committed version of the same DaemonSet (git HEAD in the editor, `--base` in the CLI): it is immutable, so `kubectl apply` fails.',
  check: (ctx) => {
    const baseline = ctx.baseline;
    if (!baseline || !ctx.self.name) return [];
    const before = baseline.workloads.find(
      (w) => w.kind === 'DaemonSet' && w.name === ctx.self.name && w.namespace === ctx.self.namespace,
    );
    if (!before || !before.selector || normalized(before.selector) === normalized(ctx.self.selector)) return [];
    const finding: WorkspaceFinding = {
      path: ['spec', 'selector'],
      on: 'key',
      message: `The selector changed since ${baseline.label} (${describeLabelSelector(before.selector)} → ${describeLabelSelector(ctx.self.selector ?? {})}): spec.selector is immutable, so kubectl apply will fail with "field is immutable". Keep the old selector, or delete and recreate the DaemonSet (every daemon pod restarts).`,
      related: [],
    };
    return [finding];
  },
};
