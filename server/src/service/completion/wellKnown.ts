/**
 * Well-known node labels and taints (kubernetes.io/docs/reference/labels-annotations-taints),
 * offered with or without a node inventory.
 */
export interface WellKnownLabel {
  key: string;
  values: readonly string[];
  description: string;
}

export const WELL_KNOWN_LABELS: readonly WellKnownLabel[] = [
  { key: 'kubernetes.io/os', values: ['linux', 'windows'], description: 'The node\'s operating system, set by the kubelet.' },
  { key: 'kubernetes.io/arch', values: ['amd64', 'arm64', 'arm', 'ppc64le', 's390x'], description: 'The node\'s CPU architecture, set by the kubelet.' },
  { key: 'kubernetes.io/hostname', values: [], description: 'The node\'s hostname, set by the kubelet.' },
  { key: 'node-role.kubernetes.io/control-plane', values: [''], description: 'Control-plane nodes (kubeadm); the value is empty.' },
  { key: 'topology.kubernetes.io/zone', values: [], description: 'The cloud zone of the node, set by the cloud provider.' },
  { key: 'topology.kubernetes.io/region', values: [], description: 'The cloud region of the node, set by the cloud provider.' },
  { key: 'node.kubernetes.io/instance-type', values: [], description: 'The cloud instance type of the node.' },
  { key: 'node.kubernetes.io/windows-build', values: [], description: 'The Windows build of a Windows node.' },
];

export interface WellKnownTaint {
  key: string;
  effect: 'NoSchedule' | 'NoExecute';
  description: string;
  /** Every daemon pod tolerates it already (the DaemonSet controller adds the toleration). */
  automatic?: boolean;
}

export const WELL_KNOWN_TAINTS: readonly WellKnownTaint[] = [
  { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule', description: 'Control-plane nodes (kubeadm). Node agents usually tolerate it.' },
  { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', description: 'The node is not ready.', automatic: true },
  { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', description: 'The node controller cannot reach the node.', automatic: true },
  { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule', description: 'The node is short of disk.', automatic: true },
  { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule', description: 'The node is short of memory.', automatic: true },
  { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule', description: 'The node is short of process IDs.', automatic: true },
  { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', description: 'The node is cordoned.', automatic: true },
  { key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule', description: 'The node\'s network is not configured; tolerated automatically with hostNetwork.' },
  { key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute', description: 'An administrator marked the node out of service.' },
  { key: 'node.cloudprovider.kubernetes.io/uninitialized', effect: 'NoSchedule', description: 'The cloud controller has not initialized the node yet.' },
];

/** What a taint effect does, for hover and completion. */
export const TAINT_EFFECTS: Readonly<Record<string, string>> = {
  NoSchedule: 'New pods that do not tolerate the taint are not scheduled on the node; pods already running stay.',
  PreferNoSchedule: 'The scheduler tries to avoid the node; the DaemonSet controller ignores it, so daemon pods still run there.',
  NoExecute: 'Pods that do not tolerate the taint are evicted from the node, running ones included (after `tolerationSeconds` for those that tolerate it for a while), and no new ones start.',
};
