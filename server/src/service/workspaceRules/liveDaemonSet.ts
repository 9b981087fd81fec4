/**
 * The live object a DaemonSet of the file becomes on `kubectl apply`: the
 * cluster's DaemonSet of the same namespace and name, when the live snapshot
 * has one. Shared by selector-changed, live-strategy-changed and
 * live-nodes-left.
 */
import type { DaemonSet } from '../../model/kubeTypes';
import { namespaceOf } from '../../reconciler';
import type { WorkspaceRuleContext } from './workspaceRule';

export function liveDaemonSetOf(ctx: WorkspaceRuleContext): DaemonSet | undefined {
  const live = ctx.live;
  if (!live || !ctx.self.name) return undefined;
  return live.daemonSets.find((ds) => ds.metadata.name === ctx.self.name && namespaceOf(ds) === ctx.self.namespace);
}

/** How messages name the live object: `the live object in context prod`. */
export function liveObjectLabel(ctx: WorkspaceRuleContext): string {
  return `the live object in ${ctx.live?.label ?? 'the cluster'}`;
}
