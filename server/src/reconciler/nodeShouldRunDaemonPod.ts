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
  nodeMatchesNodeSelectorAndAffinity,
  type CompiledNodeAffinity,
} from './nodeAffinity';
import { findAllUntoleratedTaints, formatTaint, isSchedulingTaint, suggestToleration, tolerationsTolerateTaint } from './taints';

export type PlacementReasonCode = 'NodeNameMismatch' | 'NodeSelectorMismatch' | 'NodeAffinityMismatch' | 'TaintNotTolerated';

export interface PlacementReason {
  code: PlacementReasonCode;
  message: string;
}

/** The two answers of NodeShouldRunDaemonPod, in Kubernetes' words. shouldRun implies shouldContinueRunning. */
export interface PlacementFlags {
  /** A daemon pod should be created on the node if it has none. */
  readonly shouldRun: boolean;
  /** A daemon pod already on the node may stay. */
  readonly shouldContinueRunning: boolean;
}

/** The three possible answers, shared so the hot path allocates nothing. */
const RUNS: PlacementFlags = Object.freeze({ shouldRun: true, shouldContinueRunning: true });
const RUNNING_STAYS: PlacementFlags = Object.freeze({ shouldRun: false, shouldContinueRunning: true });
const NO_POD: PlacementFlags = Object.freeze({ shouldRun: false, shouldContinueRunning: false });

export interface PlacementResult extends PlacementFlags {
  /** Why the node does not (or may no longer) run the pod; empty when shouldRun is true. */
  reasons: PlacementReason[];
  /** P3/P4: the NoSchedule and NoExecute taints of a selected node that no toleration tolerates; empty otherwise. */
  untoleratedTaints: Taint[];
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

/** P1/P2: the candidate pod's nodeName, nodeSelector and required node affinity all admit the node (taints aside). */
export function placementSelectsNode(compiled: CompiledPlacement, node: Node): boolean {
  if (compiled.nodeName !== undefined && compiled.nodeName !== node.metadata.name) return false;
  return nodeMatchesNodeSelectorAndAffinity(compiled.affinity, node);
}

/** Flags only, no explanations: the hot path of status, rollouts and what-if. */
export function placementFlags(compiled: CompiledPlacement, node: Node): PlacementFlags {
  if (!placementSelectsNode(compiled, node)) return NO_POD;
  let blocked = false;
  for (const taint of node.spec.taints) {
    if (!isSchedulingTaint(taint)) continue; // T4
    if (tolerationsTolerateTaint(compiled.tolerations, taint)) continue;
    if (taint.effect === 'NoExecute') return NO_POD; // P4: an untolerated NoExecute taint evicts
    blocked = true;
  }
  return blocked ? RUNNING_STAYS : RUNS;
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
  if (flags.shouldRun) return { shouldRun: true, shouldContinueRunning: true, reasons: [], untoleratedTaints: [] };
  const reasons: PlacementReason[] = [];
  if (compiled.nodeName !== undefined && compiled.nodeName !== node.metadata.name) {
    // P1: checked before anything else; nothing else matters.
    reasons.push({
      code: 'NodeNameMismatch',
      message: `spec.template.spec.nodeName is ${JSON.stringify(compiled.nodeName)}; this node is ${JSON.stringify(node.metadata.name)}`,
    });
    return { shouldRun: false, shouldContinueRunning: false, reasons, untoleratedTaints: [] };
  }
  // P2: selection first; taints are not looked at on a node that is not selected.
  for (const message of explainNodeSelectorMismatch(compiled.affinity, node)) {
    reasons.push({ code: 'NodeSelectorMismatch', message });
  }
  for (const message of explainRequiredNodeAffinityMismatch(compiled.affinity, node)) {
    reasons.push({ code: 'NodeAffinityMismatch', message: `node affinity ${message}` });
  }
  if (reasons.length > 0) return { shouldRun: false, shouldContinueRunning: false, reasons, untoleratedTaints: [] };
  // P3/P4: every untolerated NoSchedule and NoExecute taint, in the node's order.
  const untoleratedTaints = findAllUntoleratedTaints(node.spec.taints, compiled.tolerations, isSchedulingTaint);
  for (const taint of untoleratedTaints) reasons.push(taintReason(taint));
  return { shouldRun: false, shouldContinueRunning: flags.shouldContinueRunning, reasons, untoleratedTaints };
}

/** NodeShouldRunDaemonPod for one DaemonSet and one node. For many nodes, compile once with compilePlacement. */
export function nodeShouldRunDaemonPod(daemonSet: DaemonSet, node: Node): PlacementResult {
  return evaluatePlacement(compilePlacement(daemonSet), node);
}
