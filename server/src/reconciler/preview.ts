/**
 * The preview of one DaemonSet over an inventory: status plus one row per
 * node, in inventory order. What the CLI prints and the webview shows.
 */
import type { DaemonSet, Node, Pod, Taint } from '../model/kubeTypes';
import { setDefaultsDaemonSet } from '../model/daemonSetDefaults';
import { getDaemonPods, namespaceOf } from './daemonPods';
import { compilePlacement, evaluatePlacement, type PlacementReason } from './nodeShouldRunDaemonPod';
import { placementNotes, type PlacementNote } from './notes';
import { podRequests } from './podResources';
import { daemonSetRevisionHash } from './revision';
import { convergedDaemonSetStatus, updateDaemonSetStatus, type DaemonSetStatus } from './status';

export interface NodePreview {
  name: string;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  reasons: PlacementReason[];
  /** The untolerated NoSchedule/NoExecute taints of a selected node (P3/P4). */
  untoleratedTaints: Taint[];
  notes: PlacementNote[];
}

export interface DaemonSetPreview {
  name: string;
  namespace: string;
  status: DaemonSetStatus;
  nodes: NodePreview[];
}

export interface PreviewOptions {
  /** Pods that exist. When absent, status is the converged state (every desired node runs one up-to-date, available pod). */
  pods?: readonly Pod[];
  currentHash?: string;
  nowMs?: number;
}

export function previewDaemonSet(input: DaemonSet, nodes: readonly Node[], options: PreviewOptions = {}): DaemonSetPreview {
  const daemonSet = setDefaultsDaemonSet(input);
  const compiled = compilePlacement(daemonSet);
  const requests = podRequests(daemonSet.spec.template.spec);
  const rows: NodePreview[] = nodes.map((node) => {
    const result = evaluatePlacement(compiled, node);
    return {
      name: node.metadata.name,
      shouldRun: result.shouldRun,
      shouldContinueRunning: result.shouldContinueRunning,
      reasons: result.reasons,
      untoleratedTaints: result.untoleratedTaints,
      notes: placementNotes(daemonSet, node, requests).filter((note) => result.shouldRun || note.code !== 'InsufficientResources'),
    };
  });
  const status = options.pods
    ? updateDaemonSetStatus(daemonSet, nodes, getDaemonPods(daemonSet, options.pods), {
        hash: options.currentHash ?? daemonSetRevisionHash(daemonSet),
        nowMs: options.nowMs ?? Date.now(),
      })
    : convergedDaemonSetStatus(daemonSet, nodes);
  return { name: daemonSet.metadata.name, namespace: namespaceOf(daemonSet), status, nodes: rows };
}
