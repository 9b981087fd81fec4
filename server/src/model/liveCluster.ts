/**
 * A snapshot of what runs in a cluster, read with kubectl by the hosts
 * (server/src/host/liveCluster.ts) and compared with the manifest by the
 * live rules (selector-changed, live-strategy-changed, live-nodes-left) and
 * `daemonset rollout --context`.
 */
import type { DaemonSet, Node, Pod, PriorityClass } from './kubeTypes';
import { CONTROLLER_REVISION_HASH_LABEL } from './podLabels';

export interface LiveCluster {
  /** How the user knows the cluster, e.g. `context prod`. */
  label: string;
  /** When it was read (ms since the epoch): the clock of the rollout it predicts. */
  fetchedAtMs: number;
  /** The namespaces whose DaemonSets were read: a DaemonSet missing from one of them is not live yet. */
  namespaces: readonly string[];
  daemonSets: readonly DaemonSet[];
  /**
   * The nodes and unfinished pods, when they could be read (a user may list DaemonSets but not nodes). The pods are
   * those of every namespace when the cluster lets them be listed (of other namespaces only what the scheduler's fit
   * reads: podFitValue.ts), else those of `namespaces`.
   */
  nodes?: readonly Node[];
  pods?: readonly Pod[];
  /** False when `pods` holds only those of `namespaces` (the cluster-wide list was refused): a surge pod's fit then misses the other namespaces' pods on its node. */
  podsOfEveryNamespace?: boolean;
  /** The cluster's PriorityClasses, when they could be read: the priority a rollout's surge pod preempts with (the two system classes are built in). */
  priorityClasses?: readonly PriorityClass[];
}

/**
 * Whether every field the manifest's value sets has that value in the live
 * one: the live object also holds what the API server defaulted
 * (terminationMessagePath, dnsPolicy, …), so equality would call every
 * manifest changed. Lists are compared item by item, in order.
 */
export function setsNothingNew(manifest: unknown, live: unknown): boolean {
  if (manifest === null || typeof manifest !== 'object') return manifest === live || (manifest === undefined && live === undefined);
  if (Array.isArray(manifest)) {
    return Array.isArray(live) && manifest.length === live.length && manifest.every((item, index) => setsNothingNew(item, live[index]));
  }
  if (live === null || typeof live !== 'object' || Array.isArray(live)) return false;
  const liveRecord = live as Record<string, unknown>;
  return Object.entries(manifest as Record<string, unknown>).every(([key, value]) => value === undefined || value === null || setsNothingNew(value, liveRecord[key]));
}

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The pod template of the last `kubectl apply` (the live object's annotation), when it has one that reads. */
export function lastAppliedTemplate(live: DaemonSet): unknown {
  const annotation = live.metadata.annotations[LAST_APPLIED_ANNOTATION];
  if (annotation === undefined) return undefined;
  try {
    const applied = JSON.parse(annotation) as { spec?: { template?: unknown } } | null;
    return applied?.spec?.template;
  } catch {
    return undefined;
  }
}

/**
 * Whether `kubectl apply` of the manifest leaves the live pod template as it
 * is, so the controller replaces no pod. The revision hash cannot tell: the
 * live pods' hash is Kubernetes' own, and the live template holds defaults
 * the manifest leaves out. As apply's three-way merge decides: against the
 * template last applied when the live object records it (a field dropped
 * since is a change), else every field the manifest sets must be live.
 */
export function templateUnchangedOnApply(manifest: DaemonSet, live: DaemonSet): boolean {
  const template = manifest.rawTemplate ?? manifest.spec.template;
  const applied = lastAppliedTemplate(live);
  if (applied !== undefined) return setsNothingNew(template, applied) && setsNothingNew(applied, template);
  return setsNothingNew(template, live.rawTemplate ?? live.spec.template);
}

/**
 * The `controller-revision-hash` most of a DaemonSet's live pods carry: its
 * current revision when no rollout is under way. Used as the new template's
 * hash when the apply leaves the template unchanged (templateUnchangedOnApply).
 */
export function mostCommonRevisionHash(daemonPods: readonly Pod[]): string | undefined {
  const counts = new Map<string, number>();
  for (const pod of daemonPods) {
    const hash = pod.metadata.labels[CONTROLLER_REVISION_HASH_LABEL];
    if (hash) counts.set(hash, (counts.get(hash) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [hash, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = hash;
  return best;
}
