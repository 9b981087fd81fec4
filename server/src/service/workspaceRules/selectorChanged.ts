/**
 * selector-changed: the selector differs from the one the same DaemonSet
 * (same namespace and name) has live in the selected cluster, or else in the
 * file's committed version: the live object, when known, is what `kubectl
 * apply` meets, so it decides over git HEAD. The
 * selector is immutable (rulebook V9), so `kubectl apply` of this change
 * fails with "field is immutable"; changing it means deleting and
 * recreating the DaemonSet.
 */
import { describeLabelSelector, type LabelSelector } from '../../model/labelSelector';
import { liveDaemonSetOf, liveObjectLabel } from './liveDaemonSet';
import type { WorkspaceFinding, WorkspaceRule, WorkspaceRuleContext } from './workspaceRule';

export function normalizedSelector(selector: LabelSelector | undefined): string {
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
    'The selector differs from the live DaemonSet in the selected cluster (`daemonset.kubeContext`, `--context`), else from the committed version (git HEAD in the editor, `--base` in the CLI): it is immutable, so `kubectl apply` fails.',
  check: (ctx) => {
    const live = liveDaemonSetOf(ctx);
    // Not live in a namespace the snapshot read: kubectl apply creates it, whatever git HEAD had.
    if (!live && ctx.live?.namespaces.includes(ctx.self.namespace)) return [];
    const before = live ? { label: liveObjectLabel(ctx), selector: live.spec.selector } : committed(ctx);
    if (!before?.selector || normalizedSelector(before.selector) === normalizedSelector(ctx.self.selector)) return [];
    const finding: WorkspaceFinding = {
      path: ['spec', 'selector'],
      on: 'key',
      message: `The selector ${live ? 'differs from' : 'changed since'} ${before.label} (${describeLabelSelector(before.selector)} → ${describeLabelSelector(ctx.self.selector ?? {})}): spec.selector is immutable, so kubectl apply will fail with "field is immutable". Keep the old selector, or delete and recreate the DaemonSet (every daemon pod restarts).`,
      related: [],
    };
    return [finding];
  },
};

/** The selector of the same DaemonSet in the committed version, when the file has one. */
function committed(ctx: WorkspaceRuleContext): { label: string; selector: LabelSelector | undefined } | undefined {
  const baseline = ctx.baseline;
  if (!baseline || !ctx.self.name) return undefined;
  const before = baseline.workloads.find((w) => w.kind === 'DaemonSet' && w.name === ctx.self.name && w.namespace === ctx.self.namespace);
  return before && { label: baseline.label, selector: before.selector };
}
