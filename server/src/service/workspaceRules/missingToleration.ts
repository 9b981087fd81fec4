/**
 * missing-toleration: nodes the DaemonSet would run on but for a taint it
 * does not tolerate (rulebook P3/P4, T1–T3: nodeName, nodeSelector and
 * affinity all admit the node). A log or metrics agent that silently skips
 * the control plane or a dedicated pool is the classic case. Without an
 * inventory, node agents missing the control-plane toleration get a hint.
 */
import type { Taint, Toleration } from '../../model/kubeTypes';
import { describeNodeGroup } from '../../model/nodeGroup';
import { plural } from '../../model/plural';
import { compilePlacement, evaluateGroupPlacement, evaluatePlacement, formatTaint, suggestToleration, tolerationsTolerateTaint } from '../../reconciler';
import { asRecord } from '../rules/fieldAccess';
import type { WorkspaceFinding, WorkspaceRule, WorkspaceRuleContext } from './workspaceRule';
import { POD_SPEC_PATH } from '../../model/fieldPath';

import { CONTROL_PLANE_TAINT, LEGACY_MASTER_TAINT } from '../rules/legacyControlPlaneToleration';
const AGENT_NAME = /fluent|filebeat|promtail|vector|log|exporter|metrics|monitor|datadog|otel|collector|calico|cilium|flannel|kube-proxy|cni|csi|agent/i;

export const missingToleration: WorkspaceRule = {
  id: 'missing-toleration',
  defaultSeverity: 'warning',
  description:
    'With a node inventory: the nodes this DaemonSet skips only because of a taint, naming each taint and the toleration that would admit it. Without one: a hint when a node agent does not tolerate the control-plane taint.',
  check: (ctx) => (ctx.inventory ? withInventory(ctx) : withoutInventory(ctx)),
};

/** The plain pod spec of the document, read without building the typed DaemonSet. */
function plainPodSpec(ctx: WorkspaceRuleContext): Record<string, unknown> | undefined {
  return asRecord(asRecord(asRecord(asRecord(ctx.doc.value)?.spec)?.template)?.spec);
}

function tolerationsPath(ctx: WorkspaceRuleContext): { path: (string | number)[]; anchor: (string | number)[] } {
  const tolerations = plainPodSpec(ctx)?.tolerations;
  const hasTolerations = Array.isArray(tolerations) && tolerations.length > 0;
  return {
    path: [...POD_SPEC_PATH, 'tolerations'],
    anchor: hasTolerations ? [...POD_SPEC_PATH, 'tolerations'] : [...POD_SPEC_PATH],
  };
}

function withInventory(ctx: WorkspaceRuleContext): WorkspaceFinding[] {
  const inventory = ctx.inventory;
  if (!inventory) return [];
  const daemonSet = ctx.daemonSet;
  if (!daemonSet) return [];
  const compiled = compilePlacement(daemonSet);
  const blockedBy = new Map<string, { taint: Taint; nodes: string[] }>();
  const targetsWindows = daemonSet.spec.template.spec.nodeSelector?.['kubernetes.io/os'] === 'windows';
  let blockedNodes = 0;
  for (const node of inventory.nodes) {
    const result = evaluatePlacement(compiled, node);
    if (result.shouldRun || result.reasons.some((r) => r.code !== 'TaintNotTolerated')) continue;
    // A Linux agent on a Windows node is kept out by the taint on purpose.
    if (node.metadata.labels?.['kubernetes.io/os'] === 'windows' && !targetsWindows) continue;
    // Node-lifecycle taints (unreachable, not-ready, pressure…) come and go with the node's health.
    if (result.untoleratedTaints.every(isLifecycleTaint)) continue;
    for (const taint of result.untoleratedTaints.filter((t) => !isLifecycleTaint(t))) {
      const key = formatTaint(taint);
      const entry = blockedBy.get(key) ?? { taint, nodes: [] as string[] };
      entry.nodes.push(node.metadata.name);
      blockedBy.set(key, entry);
    }
    blockedNodes++;
  }
  // Node groups whose labels admit the pod but whose taints keep it out.
  const groupTaints = new Map<string, { taint: Taint; groups: string[] }>();
  const blockedGroups: string[] = [];
  for (const group of inventory.groups ?? []) {
    const placement = evaluateGroupPlacement(compiled, group);
    if (placement.verdict !== 'never' || placement.untoleratedTaints.length === 0) continue;
    if (group.labels['kubernetes.io/os'] === 'windows' && !targetsWindows) continue;
    const taints = placement.untoleratedTaints.filter((t) => !isLifecycleTaint(t));
    if (taints.length === 0) continue;
    for (const taint of taints) {
      const entry = groupTaints.get(formatTaint(taint)) ?? { taint, groups: [] as string[] };
      entry.groups.push(group.name);
      groupTaints.set(formatTaint(taint), entry);
    }
    blockedGroups.push(`${describeNodeGroup(group, inventory.displayFile?.(group.source.file))} taints ${taints.map(formatTaint).join(', ')}`);
  }
  if (blockedNodes === 0 && blockedGroups.length === 0) return [];
  const parts: string[] = [];
  if (blockedNodes > 0) {
    const described = [...blockedBy.values()]
      .map(({ taint, nodes }) => `${formatTaint(taint)} on ${nodes.length === 1 ? nodes[0] : `${nodes.length} nodes (${nodes.slice(0, 3).join(', ')}${nodes.length > 3 ? ', …' : ''})`}`)
      .join('; ');
    parts.push(`No pod on ${blockedNodes} of ${inventory.nodes.length} nodes of ${inventory.label} only because of taints: ${described}.`);
  }
  if (blockedGroups.length > 0) {
    parts.push(`No pod on ${plural(blockedGroups.length, 'node pool')} of ${inventory.label} only because of taints: ${blockedGroups.join('; ')}.`);
  }
  // One entry per taint; the quick fix names the nodes and node pools it admits.
  const taints = new Map<string, { taint: Taint; nodes: string[] }>();
  for (const [key, { taint, nodes }] of blockedBy) taints.set(key, { taint, nodes: [...nodes] });
  for (const [key, { taint, groups }] of groupTaints) {
    const entry = taints.get(key) ?? { taint, nodes: [] as string[] };
    entry.nodes.push(...groups);
    taints.set(key, entry);
  }
  const all = [...taints.values()];
  const fixes = all.map(({ taint }) => suggestToleration(taint)).join(', ');
  return [
    {
      ...tolerationsPath(ctx),
      on: 'key',
      message: `${parts.join(' ')} To run there, add ${all.length === 1 ? 'the toleration' : 'the tolerations'} ${fixes}.`,
      related: [],
      data: { taints: all.map(({ taint, nodes }) => ({ key: taint.key, value: taint.value, effect: taint.effect, nodes })) },
    },
  ];
}

function isLifecycleTaint(taint: Taint): boolean {
  return taint.key.startsWith('node.kubernetes.io/');
}

/** The same for every agent: written once, not for each of a large file's agents. */
const CONTROL_PLANE_HINT = `This node agent does not tolerate the control-plane taint (${formatTaint(CONTROL_PLANE_TAINT)}), so control-plane nodes get no pod. If it should run there, add the toleration ${suggestToleration(CONTROL_PLANE_TAINT)}. Select a node inventory to see every node it skips.`;

function withoutInventory(ctx: WorkspaceRuleContext): WorkspaceFinding[] {
  const podSpec = plainPodSpec(ctx);
  if (!podSpec) return [];
  const looksLikeAgent = ctx.self.namespace === 'kube-system' || AGENT_NAME.test(ctx.self.name) || podSpec.hostNetwork === true;
  // Pinned or selected agents do not aim at every node; leave them alone.
  const selective = Object.keys(asRecord(podSpec.nodeSelector) ?? {}).length > 0 || !!podSpec.nodeName;
  // Before the tolerations are read: most DaemonSets of a large file are not such agents, or are selected.
  if (!looksLikeAgent || selective) return [];
  const tolerations = (Array.isArray(podSpec.tolerations) ? podSpec.tolerations : [])
    .map((t) => asRecord(t))
    .filter((t): t is Record<string, unknown> => t !== undefined) as Toleration[];
  // T1–T3, as the controller judges it: operator Exists matches any value, Equal (or none) needs the taint's empty value.
  if (tolerationsTolerateTaint(tolerations, CONTROL_PLANE_TAINT)) return [];
  // Tolerating the legacy master taint shows the intent: legacy-control-plane-toleration says what changed.
  if (tolerationsTolerateTaint(tolerations, LEGACY_MASTER_TAINT)) return [];
  return [
    {
      ...tolerationsPath(ctx),
      on: 'key',
      severity: 'hint',
      message: CONTROL_PLANE_HINT,
      related: [],
      data: { taints: [{ ...CONTROL_PLANE_TAINT }] },
    },
  ];
}
