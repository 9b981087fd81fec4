/**
 * `daemonset/refreshLive`: the client's "DaemonSet: Refresh Live Cluster
 * State" (and the status lens) asks the server to read the selected cluster
 * again; diagnostics and lenses update when the snapshot arrives.
 */
export const REFRESH_LIVE_REQUEST = 'daemonset/refreshLive';
