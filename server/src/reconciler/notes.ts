/**
 * Things that do not decide placement (P6, K1, N4) but matter to a person
 * reading the preview: a pod that may stay Pending because it does not fit,
 * and a NotReady node whose taints a live cluster would add.
 */
import type { Container, DaemonSet, Node } from '../model/kubeTypes';
import { nodeReadyStatus } from '../model/nodeStatus';
import { addQuantities, compareQuantities, formatQuantity, maxQuantity, parseQuantity, ZERO_QUANTITY, type Quantity } from '../model/quantity';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from './daemonPodTolerations';

export type PlacementNoteCode = 'InsufficientResources' | 'NodeNotReadyWithoutTaint';

export interface PlacementNote {
  code: PlacementNoteCode;
  message: string;
}

function containerRequests(containers: readonly Container[] | undefined): Map<string, Quantity> {
  const total = new Map<string, Quantity>();
  for (const container of containers ?? []) {
    // A limit without a request defaults the request to the limit.
    const requests = { ...(container.resources?.limits ?? {}), ...(container.resources?.requests ?? {}) };
    for (const [resource, text] of Object.entries(requests)) {
      const quantity = parseQuantity(text);
      if (quantity) total.set(resource, addQuantities(total.get(resource) ?? ZERO_QUANTITY, quantity));
    }
  }
  return total;
}

/** The pod's effective requests: max(sum of containers, largest init container) plus overhead. */
export function podRequests(daemonSet: DaemonSet): Map<string, Quantity> {
  const spec = daemonSet.spec.template.spec;
  const total = containerRequests(spec.containers);
  for (const init of spec.initContainers ?? []) {
    for (const [resource, quantity] of containerRequests([init])) {
      total.set(resource, maxQuantity(total.get(resource) ?? ZERO_QUANTITY, quantity));
    }
  }
  for (const [resource, text] of Object.entries(spec.overhead ?? {})) {
    const quantity = parseQuantity(text);
    if (quantity) total.set(resource, addQuantities(total.get(resource) ?? ZERO_QUANTITY, quantity));
  }
  return total;
}

export function placementNotes(daemonSet: DaemonSet, node: Node, requests = podRequests(daemonSet)): PlacementNote[] {
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
