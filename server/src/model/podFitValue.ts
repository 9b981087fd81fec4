/**
 * A Pod's value as kubectl prints it, cut to what the scheduler's fit reads
 * of a pod that holds a node (NodeResourcesFit, NodePorts, priority and
 * preemption: scheduling/ in the reconciler): its namespace, name, deletion
 * and start time, its node, phase and priority, the pod's overhead and
 * pod-level resources, and each container's resources, host ports and
 * restart policy (a native sidecar's count). A live snapshot keeps the pods
 * of other namespaces this way: a large cluster runs tens of thousands, and
 * their labels, images, commands, volumes and statuses are most of their
 * bytes and read by nothing (no DaemonSet of the compared namespaces owns
 * them). The cut value is read by the inventory reader like any Pod.
 */
import { isPlainMap, type PlainMap } from './objectReader';

const METADATA_FIELDS = ['name', 'namespace', 'creationTimestamp', 'deletionTimestamp'];
const SPEC_FIELDS = ['nodeName', 'hostNetwork', 'priority', 'priorityClassName', 'preemptionPolicy', 'overhead', 'resources'];
const CONTAINER_FIELDS = ['name', 'resources', 'restartPolicy'];
const PORT_FIELDS = ['containerPort', 'hostPort', 'protocol', 'hostIP'];
const STATUS_FIELDS = ['phase', 'startTime'];

/** The fields of `value` named in `fields` that it has, in that order. */
function pick(value: PlainMap, fields: readonly string[]): PlainMap {
  const kept: PlainMap = {};
  for (const field of fields) if (value[field] !== undefined) kept[field] = value[field];
  return kept;
}

function containersForFit(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((container: unknown) => {
    if (!isPlainMap(container)) return container;
    const kept = pick(container, CONTAINER_FIELDS);
    if (Array.isArray(container.ports)) kept.ports = container.ports.map((port: unknown) => (isPlainMap(port) ? pick(port, PORT_FIELDS) : port));
    return kept;
  });
}

/**
 * The pod cut to its fit, or undefined when it holds nothing on a node:
 * not bound to one (`spec.nodeName`), or finished (Succeeded, Failed). A
 * value that is not a Pod's shape is returned as it is, for the reader to
 * report.
 */
export function podFitValue(value: unknown): unknown {
  if (!isPlainMap(value) || !isPlainMap(value.spec) || !isPlainMap(value.metadata)) return value;
  const status = isPlainMap(value.status) ? value.status : {};
  if (typeof value.spec.nodeName !== 'string' || value.spec.nodeName === '' || status.phase === 'Succeeded' || status.phase === 'Failed') return undefined;
  const spec = pick(value.spec, SPEC_FIELDS);
  spec.containers = containersForFit(value.spec.containers);
  if (value.spec.initContainers !== undefined) spec.initContainers = containersForFit(value.spec.initContainers);
  return { apiVersion: 'v1', kind: 'Pod', metadata: pick(value.metadata, METADATA_FIELDS), spec, status: pick(status, STATUS_FIELDS) };
}
