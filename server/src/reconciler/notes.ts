/**
 * Things that do not decide placement (P6, K1, N4) but matter to a person
 * reading the preview: a pod that may stay Pending because it does not fit,
 * and a NotReady node whose taints a live cluster would add.
 */
import type { DaemonSet, Node } from '../model/kubeTypes';
import { nodeReadyStatus } from '../model/nodeStatus';
import { compareQuantities, formatQuantity, parseQuantity, ZERO_QUANTITY } from '../model/quantity';
import { podRequests, type ResourceList } from './podResources';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from './daemonPodTolerations';

export type PlacementNoteCode = 'InsufficientResources' | 'NodeNotReadyWithoutTaint';

export interface PlacementNote {
  code: PlacementNoteCode;
  message: string;
}

export function placementNotes(daemonSet: DaemonSet, node: Node, requests: ResourceList = podRequests(daemonSet.spec.template.spec)): PlacementNote[] {
  const notes: PlacementNote[] = [];
  const allocatable = node.status.allocatable;
  if (Object.keys(allocatable).length > 0) {
    const short: string[] = [];
    for (const [resource, requested] of requests) {
      if (requested.nanos <= 0n) continue;
      const available = allocatable[resource] !== undefined ? parseQuantity(allocatable[resource]) : ZERO_QUANTITY;
      if (available && compareQuantities(requested, available) > 0) {
        short.push(`${resource} ${formatQuantity(requested, resource)} > allocatable ${formatQuantity(available, resource)}`);
      }
    }
    if (short.length > 0) {
      notes.push({
        code: 'InsufficientResources',
        message: `the pod is created but may stay Pending: requests exceed the node's allocatable (${short.join(', ')}); the controller does not check resources`,
      });
    }
  }
  const ready = nodeReadyStatus(node);
  if (ready === 'False' || ready === 'Unknown') {
    const key = ready === 'False' ? TAINT_NODE_NOT_READY : TAINT_NODE_UNREACHABLE;
    if (!node.spec.taints.some((taint) => taint.key === key)) {
      notes.push({
        code: 'NodeNotReadyWithoutTaint',
        message: `node reports Ready=${ready} but carries no ${key} taint; a live cluster adds ${key}:NoSchedule (no new daemon pod unless tolerated) and ${key}:NoExecute (tolerated automatically)`,
      });
    }
  }
  return notes;
}
