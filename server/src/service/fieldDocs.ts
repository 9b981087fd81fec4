/**
 * DaemonSet-specific notes for the fields whose behaviour differs from other
 * workloads. Keyed by the field path with array indexes replaced by `[]`.
 */
export const daemonSetFieldNotes: Readonly<Record<string, string>> = {
  kind:
    'A **DaemonSet** runs one copy of its pod on every node that accepts it: all nodes, or those picked by `nodeSelector`, required node affinity and `nodeName`, minus the nodes whose taints the pod does not tolerate.',
  spec: 'The DaemonSet spec: `selector` and `template` are required; there is no `replicas`, the node inventory decides how many pods run.',
  'spec.selector':
    'Label query over the pods this DaemonSet owns. **Required** in apps/v1, must match `spec.template.metadata.labels`, and is **immutable** after creation: changing it means deleting and recreating the DaemonSet.',
  'spec.selector.matchLabels':
    'Every label here must appear with the same value in `spec.template.metadata.labels`. The selector is immutable after creation.',
  'spec.selector.matchExpressions':
    'Set-based requirements (`In`, `NotIn`, `Exists`, `DoesNotExist`) ANDed with `matchLabels`; the template labels must satisfy all of them.',
  'spec.template':
    'The pod created on each eligible node. Its `restartPolicy` must be `Always` (the default). The controller sets `nodeName` through node affinity and adds tolerations for not-ready, unreachable, pressure and unschedulable taints.',
  'spec.template.metadata.labels':
    'Labels of every daemon pod. They must satisfy `spec.selector`, and should not be selected by another workload in the namespace.',
  'spec.updateStrategy':
    'How pods are replaced when the template changes. Defaults to `RollingUpdate` with `maxUnavailable: 1`, `maxSurge: 0`. `OnDelete` replaces a pod only when you delete it.',
  'spec.updateStrategy.type': '`RollingUpdate` (default) or `OnDelete`.',
  'spec.updateStrategy.rollingUpdate.maxUnavailable':
    'How many nodes may be without an available daemon pod during the update: an integer or a percentage of the desired number of pods, **rounded up**. Default 1. Cannot be 0 when `maxSurge` is 0.',
  'spec.updateStrategy.rollingUpdate.maxSurge':
    'How many nodes may run an old and a new pod at once during the update: an integer or a percentage, **rounded up**. Default 0. Must be 0 when `maxUnavailable` is non-zero, and a surge pod cannot start on a node if a container uses a `hostPort`.',
  'spec.minReadySeconds':
    'Seconds a new pod must be ready before it counts as available; the rolling update waits for availability before moving on. Default 0.',
  'spec.revisionHistoryLimit': 'Old ControllerRevisions kept for rollback. Default 10.',
  'spec.template.spec.restartPolicy': 'Must be `Always` for a DaemonSet (the default); `OnFailure` and `Never` are rejected.',
  'spec.template.spec.nodeSelector':
    'Only nodes with all of these labels run the daemon pod. Nodes that stop matching have their pod deleted.',
  'spec.template.spec.nodeName':
    'Pins the daemon pod to one node; every other node is skipped. Usually a mistake in a DaemonSet.',
  'spec.template.spec.tolerations':
    'Taints the daemon pod tolerates. Besides these, every daemon pod tolerates `node.kubernetes.io/not-ready` and `unreachable` (NoExecute), `disk-pressure`, `memory-pressure`, `pid-pressure` and `unschedulable` (NoSchedule), and `network-unavailable` when `hostNetwork` is set.',
  'spec.template.spec.affinity':
    'Required node affinity restricts the nodes like `nodeSelector` (terms ORed, expressions ANDed); preferred affinity does not affect DaemonSet placement.',
  'spec.template.spec.priorityClassName':
    'Node agents should use `system-node-critical` so they are not evicted first under pressure.',
  'spec.template.spec.hostNetwork':
    'The pod uses the node\'s network namespace. Pair it with `dnsPolicy: ClusterFirstWithHostNet` to keep cluster DNS.',
  'spec.template.spec.containers[].ports[].hostPort':
    'Binds the port on the node. With `maxSurge` > 0 the surge pod cannot start while the old pod holds the port.',
};

/** Defaults Kubernetes applies to a DaemonSet that the schema descriptions do not state (or state vaguely). */
export const daemonSetDefaults: Readonly<Record<string, string>> = {
  'spec.updateStrategy.type': 'RollingUpdate',
  'spec.updateStrategy.rollingUpdate.maxUnavailable': '1',
  'spec.updateStrategy.rollingUpdate.maxSurge': '0',
  'spec.template.spec.restartPolicy': 'Always',
  'spec.template.spec.dnsPolicy': 'ClusterFirst',
  'spec.template.spec.schedulerName': 'default-scheduler',
  'spec.template.spec.terminationGracePeriodSeconds': '30',
  'spec.template.spec.containers[].ports[].protocol': 'TCP',
  'spec.template.spec.containers[].terminationMessagePath': '/dev/termination-log',
};

const DEFAULT_SENTENCE = /\b(?:Defaults to|defaults to|Default is|default is|Default to|defaults to) ((?:[^.]|\.(?=[\w/]))+)/;

/** The default a field's description states ("Defaults to 10."), without trailing punctuation. */
export function defaultFromDescription(description: string | undefined): string | undefined {
  const match = description ? DEFAULT_SENTENCE.exec(description) : null;
  if (!match) return undefined;
  let value = match[1].trim().replace(/[\s,;:]+$/, '');
  if (/^(nil|empty|to mount|is to)\b/.test(value)) return undefined;
  value = value.replace(/^"([^"]*)"/, '$1');
  return value.length > 80 ? undefined : value;
}
