/**
 * A snapshot of what runs in a cluster, read with kubectl by the hosts
 * (server/src/host/liveCluster.ts) and compared with the manifest by the
 * live rules (selector-changed, live-strategy-changed, live-nodes-left) and
 * `daemonset rollout --context`.
 */
import type { DaemonSet, Node, Pod } from './kubeTypes';

export interface LiveCluster {
  /** How the user knows the cluster, e.g. `context prod`. */
  label: string;
  /** When it was read (ms since the epoch): the clock of the rollout it predicts. */
  fetchedAtMs: number;
  /** The namespaces whose DaemonSets were read: a DaemonSet missing from one of them is not live yet. */
  namespaces: readonly string[];
  daemonSets: readonly DaemonSet[];
  /** The nodes and unfinished pods, when they could be read (a user may list DaemonSets but not nodes). */
  nodes?: readonly Node[];
  pods?: readonly Pod[];
}
