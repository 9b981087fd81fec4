/**
 * Things that do not decide placement (P6, N4) but matter to a person
 * reading the preview: a NotReady node whose taints a live cluster would
 * add. Whether the pod fits (K1) is the scheduler's question, answered by
 * scheduling/.
 */
import type { Node } from '../model/kubeTypes';
import { nodeReadyStatus } from '../model/nodeStatus';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from './daemonPodTolerations';

export type PlacementNoteCode = 'NodeNotReadyWithoutTaint';

export interface PlacementNote {
  code: PlacementNoteCode;
  message: string;
}

export function placementNotes(node: Node): PlacementNote[] {
  const notes: PlacementNote[] = [];
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
