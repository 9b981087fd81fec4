/**
 * Pod helpers of the controller: readiness and availability
 * (pkg/api/v1/pod/util.go), the "oldest first" order
 * (podByCreationTimestampAndPhase) and the target node (GetTargetNodeName).
 */
import type { Pod } from '../model/kubeTypes';
import { OBJECT_NAME_FIELD } from './nodeAffinity';

export function isPodReady(pod: Pod): boolean {
  for (const condition of pod.status.conditions) if (condition.type === 'Ready') return condition.status === 'True';
  return false;
}

/**
 * R6: Ready, and either minReadySeconds is 0 or Ready has been true for more
 * than minReadySeconds (strictly, as most released versions compare).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const atMs = availableAfterMs(pod, minReadySeconds);
  return atMs !== undefined && atMs < nowMs;
}

/** R6's time for a Ready pod: its Ready condition's transition plus minReadySeconds (available once the clock is past it); undefined without that transition. */
export function availableAfterMs(pod: Pod, minReadySeconds: number): number | undefined {
  const since = pod.status.conditions.find((condition) => condition.type === 'Ready')?.lastTransitionTime;
  return since ? Date.parse(since) + minReadySeconds * 1000 : undefined;
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded';
}

function creationMs(pod: Pod): number {
  const ms = pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : 0;
  // Kubernetes timestamps have second precision.
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** C4: bound pods first, then older creationTimestamp, then smaller name. */
export function podByCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const aBound = !!a.spec.nodeName;
  const bBound = !!b.spec.nodeName;
  if (aBound !== bBound) return aBound ? -1 : 1;
  const aTime = creationMs(a);
  const bTime = creationMs(b);
  if (aTime === bTime) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return aTime - bTime;
}

/** K4/C1: spec.nodeName, else the node pin of A12 (matchFields metadata.name In [node]). */
export function getTargetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === OBJECT_NAME_FIELD && field.operator === 'In') {
        return field.values?.length === 1 ? field.values[0] : undefined;
      }
    }
  }
  return undefined;
}
