/**
 * NodeShouldRunDaemonPod (pkg/controller/daemon/daemon_controller.go): the two
 * flags that decide whether a node gets a daemon pod (shouldRun) and whether
 * an existing one may stay (shouldContinueRunning), with the reasons in words.
 */
import type { DaemonSet, Node, Taint, Toleration } from '../model/kubeTypes';
import { addOrUpdateDaemonPodTolerations } from './daemonPodTolerations';
import {
  compileNodeAffinity,
  explainNodeSelectorMismatch,
  explainRequiredNodeAffinityMismatch,
  nodeSelectorMatches,
  requiredNodeAffinityMatches,
  type CompiledNodeAffinity,
} from './nodeAffinity';
import { formatTaint, suggestToleration, tolerationsTolerateTaint } from './taints';

export type PlacementReasonCode = 'NodeNameMismatch' | 'NodeSelectorMismatch' | 'NodeAffinityMismatch' | 'TaintNotTolerated';

export interface PlacementReason {
  code: PlacementReasonCode;
  message: string;
}

export interface PlacementResult {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  /** Why the node does not (or may no longer) run the pod; empty when shouldRun is true. */
  reasons: PlacementReason[];
}

/** The DaemonSet's candidate pod (P0), prepared once for evaluation over many nodes. */
export interface CompiledPlacement {
  /** P1: the template's own nodeName, before P0 overwrites it. */
  nodeName: string | undefined;
  affinity: CompiledNodeAffinity;
  /** P0/U1/U2: the template tolerations plus the automatic ones. */
  tolerations: Toleration[];
}

export function compilePlacement(daemonSet: DaemonSet): CompiledPlacement {
  const spec = daemonSet.spec.template.spec;
  return {
    nodeName: spec.nodeName ? spec.nodeName : undefined,
    affinity: compileNodeAffinity(spec),
    tolerations: addOrUpdateDaemonPodTolerations(spec.tolerations, spec.hostNetwork),
  };
}

/** Flags only, no explanations: the hot path of status and rollouts. 3 = (true,true), 1 = (false,true), 0 = (false,false). */
export function placementFlags(compiled: CompiledPlacement, node: Node): 0 | 1 | 3 {
  if (compiled.nodeName !== undefined && compiled.nodeName !== node.metadata.name) return 0;
  if (!nodeSelectorMatches(compiled.affinity, node) || !requiredNodeAffinityMatches(compiled.affinity, node)) return 0;
  let blocked = false;
  for (const taint of node.spec.taints) {
    const effect = taint.effect;
    if (effect !== 'NoSchedule' && effect !== 'NoExecute') continue; // T4
    if (tolerationsTolerateTaint(compiled.tolerations, taint)) continue;
    if (effect === 'NoExecute') return 0; // P4: an untolerated NoExecute taint evicts
    blocked = true;
  }
  return blocked ? 1 : 3;
}

function taintReason(taint: Taint): PlacementReason {
  const consequence =
    taint.effect === 'NoExecute'
      ? 'no pod is created and a running one is evicted'
      : 'no new pod is created, but a running one stays';
  return {
    code: 'TaintNotTolerated',
    message: `taint ${formatTaint(taint)} is not tolerated: ${consequence}; add toleration ${suggestToleration(taint)}`,
  };
}

/** The flags with their reasons, checked in the controller's order (P1–P5). */
export function evaluatePlacement(compiled: CompiledPlacement, node: Node): PlacementResult {
  const flags = placementFlags(compiled, node);
  if (flags === 3) return { shouldRun: true, shouldContinueRunning: true, reasons: [] };
  const reasons: PlacementReason[] = [];
  if (compiled.nodeName !== undefined && compiled.nodeName !== node.metadata.name) {
    // P1: checked before anything else; nothing else matters.
    reasons.push({
      code: 'NodeNameMismatch',
      message: `spec.template.spec.nodeName is ${JSON.stringify(compiled.nodeName)}; this node is ${JSON.stringify(node.metadata.name)}`,
    });
    return { shouldRun: false, shouldContinueRunning: false, reasons };
  }
  // P2: selection first; taints are not looked at on a node that is not selected.
  for (const message of explainNodeSelectorMismatch(compiled.affinity, node)) {
    reasons.push({ code: 'NodeSelectorMismatch', message });
  }
  for (const message of explainRequiredNodeAffinityMismatch(compiled.affinity, node)) {
    reasons.push({ code: 'NodeAffinityMismatch', message: `node affinity ${message}` });
  }
  if (reasons.length > 0) return { shouldRun: false, shouldContinueRunning: false, reasons };
  // P3/P4: untolerated NoExecute first (they decide shouldContinueRunning), then NoSchedule.
  const untolerated = node.spec.taints.filter(
    (taint) => (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerationsTolerateTaint(compiled.tolerations, taint),
  );
  for (const taint of untolerated) reasons.push(taintReason(taint));
  return { shouldRun: false, shouldContinueRunning: flags === 1, reasons };
}

/** NodeShouldRunDaemonPod for one DaemonSet and one node. For many nodes, compile once with compilePlacement. */
export function nodeShouldRunDaemonPod(daemonSet: DaemonSet, node: Node): PlacementResult {
  return evaluatePlacement(compilePlacement(daemonSet), node);
}
