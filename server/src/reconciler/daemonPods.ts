/**
 * Which pods belong to a DaemonSet and on which node they sit (rule C1:
 * getDaemonPods / ClaimPods, getNodesToDaemonPods).
 */
import type { DaemonSet, Pod } from '../model/kubeTypes';
import { isEmptyLabelSelector, labelSelectorMatches } from '../model/labelSelector';
import { getTargetNodeName, isPodTerminal } from './podUtil';

export function namespaceOf(object: { metadata: { namespace?: string } }): string {
  return object.metadata.namespace || 'default';
}

/** The pod's controller owner reference, if any. */
export function controllerRef(pod: Pod) {
  return pod.metadata.ownerReferences.find((ref) => ref.controller === true);
}

function ownedBy(pod: Pod, daemonSet: DaemonSet): boolean | undefined {
  const ref = controllerRef(pod);
  if (!ref) return undefined;
  if (ref.kind !== 'DaemonSet' || ref.name !== daemonSet.metadata.name) return false;
  return !ref.uid || !daemonSet.metadata.uid || ref.uid === daemonSet.metadata.uid;
}

/**
 * C1: pods of the DaemonSet's namespace that it controls and whose labels
 * still match its selector, plus orphans (no controller) that match and are
 * not being deleted (they would be adopted). A missing selector matches
 * nothing; an empty one makes the controller do nothing (C9).
 */
export function getDaemonPods(daemonSet: DaemonSet, pods: readonly Pod[]): Pod[] {
  const selector = daemonSet.spec.selector;
  if (!selector || isEmptyLabelSelector(selector)) return [];
  const namespace = namespaceOf(daemonSet);
  return pods.filter((pod) => {
    if (namespaceOf(pod) !== namespace) return false;
    const owned = ownedBy(pod, daemonSet);
    if (owned === false) return false;
    if (!labelSelectorMatches(selector, pod.metadata.labels)) return false; // released, or not ours to adopt
    return owned === true || !pod.metadata.deletionTimestamp;
  });
}

/** A terminal pod already being deleted: getNodesToDaemonPods leaves it out of the node lists (C1). */
export function isDeletedTerminalPod(pod: Pod): boolean {
  return isPodTerminal(pod) && !!pod.metadata.deletionTimestamp;
}

/**
 * Pods grouped by target node. Pods without one are ignored; terminal pods
 * that are already being deleted are dropped unless asked for.
 */
export function getNodesToDaemonPods(daemonPods: readonly Pod[], includeDeletedTerminal = false): Map<string, Pod[]> {
  const byNode = new Map<string, Pod[]>();
  for (const pod of daemonPods) {
    if (!includeDeletedTerminal && isDeletedTerminalPod(pod)) continue;
    const nodeName = getTargetNodeName(pod);
    if (nodeName === undefined) continue;
    const list = byNode.get(nodeName);
    if (list) list.push(pod);
    else byNode.set(nodeName, [pod]);
  }
  return byNode;
}
