/**
 * The node-lifecycle taints Kubernetes puts on nodes (k8s.io/api/core/v1
 * well_known_taints.go). The reconciler tolerates some of them for every daemon
 * pod; what-if edits and inventory edits add them as a live cluster would.
 */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/**
 * The taint kubeadm puts on control-plane nodes: `node-role.kubernetes.io/control-plane`
 * from Kubernetes 1.24 (beside the legacy `node-role.kubernetes.io/master`), alone from 1.25
 * (kubeadm's constants; ../shared/docs/daemonset-semantics.md N5, H5).
 */
export const TAINT_CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';
export const TAINT_LEGACY_MASTER = 'node-role.kubernetes.io/master';
/** The first version whose kubeadm taints control-plane nodes with TAINT_CONTROL_PLANE. */
export const CONTROL_PLANE_TAINT_SINCE = { major: 1, minor: 24 } as const;
