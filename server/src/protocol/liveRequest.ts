/**
 * The live comparison's messages between the client and the server:
 * `daemonset/refreshLive`: the client's "DaemonSet: Refresh Live Cluster
 * State" (and the status lens) asks the server to read the selected cluster
 * again; diagnostics and lenses update when the snapshot arrives.
 * `daemonset/liveBaseline`: the preview asks for the live DaemonSets and pods
 * of a manifest's namespaces (and the cluster's PriorityClasses) as kubectl
 * printed them, for its rollout stepper
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
  /** Their namespaces' unfinished pods, when readable: the stepper starts from them and their controller-revision-hash. */
  pods?: string;
  /** The cluster's PriorityClasses (kubectl's JSON), when readable: what the stepper's surge pods preempt with, beside the inventory's. */
  priorityClasses?: string;
} | null;
