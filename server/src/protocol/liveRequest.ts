/**
 * The live comparison's messages between the client and the server:
 * `daemonset/refreshLive`: the client's "DaemonSet: Refresh Live Cluster
 * State" (and the status lens) asks the server to read the selected cluster
 * again; diagnostics and lenses update when the snapshot arrives.
 * `daemonset/liveBaseline`: the preview asks for the live DaemonSets of a
 * manifest's namespaces, the live pods and the cluster's PriorityClasses as
 * the server's snapshot holds them, for its rollout stepper
 * (what is cached; never a wait for the network).
 */
export const REFRESH_LIVE_REQUEST = 'daemonset/refreshLive';

export const LIVE_BASELINE_REQUEST = 'daemonset/liveBaseline';

export interface LiveBaselineParams {
  uri: string;
}

/** null without a selected context, a snapshot, or in an untrusted workspace. */
export type LiveBaselineResult = {
  /** `live in prod`, as the stepper's baseline list says it. */
  label: string;
  /** The live DaemonSets (kubectl's JSON, YAML-separated per namespace). */
  text: string;
  /**
   * The unfinished pods, when readable (a JSON list): the namespaces' whole, which the stepper starts from with their
   * controller-revision-hash, and other namespaces' bound ones cut to what a surge pod's fit reads (only the namespaces'
   * as kubectl printed them, when the cluster-wide list was denied).
   */
  pods?: string;
  /** The cluster's PriorityClasses (kubectl's JSON), when readable: what the stepper's surge pods preempt with, beside the inventory's. */
  priorityClasses?: string;
} | null;
