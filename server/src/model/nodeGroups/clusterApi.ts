/**
 * Cluster API (cluster.x-k8s.io v1beta1 and v1beta2): a `MachineDeployment`
 * or `MachinePool` is one node group. Its nodes get
 * - the labels and taints of the kubeadm bootstrap config its
 *   `spec.template.spec.bootstrap.configRef` names (a `KubeadmConfigTemplate`,
 *   or a `KubeadmConfig` for MachinePools): `joinConfiguration.nodeRegistration`
 *   `taints` and the kubelet's `node-labels` / `register-with-taints` in
 *   `kubeletExtraArgs` (a map in v1beta1, a list of {name, value} in v1beta2);
 * - the machine template's labels that Cluster API syncs to the Node
 *   (cluster-api:docs/book/src/reference/api/metadata-propagation.md);
 * - v1beta2 Machine taints (`spec.template.spec.taints`, feature gate
 *   MachineTaintPropagation);
 * - cluster-autoscaler's scale-from-zero annotations: labels, taints and
 *   capacity (kubernetes/autoscaler:cluster-autoscaler/cloudprovider/clusterapi/README.md).
 * The count is `spec.replicas`, or the autoscaler's min..max when the
 * min-size/max-size annotations are set.
 *
 * The bootstrap config may live in any file of the inventory: readers record
 * the reference and the configs per file, and mergeInventories joins them
 * (resolveClusterApiBootstrap) once every file is read.
 */
import type { Taint } from '../kubeTypes';
import type { FieldPath } from '../fieldPath';
import type { NodeGroup, NodeGroupCount } from '../nodeGroup';
import { readTaint } from '../node';
import { readInteger, readList, readMap, readString, readStringMap, report, type PlainMap, type ReadContext } from '../objectReader';
import { readObjectMeta } from '../podSpec';
import { parseQuantity } from '../quantity';
import { addTaint, groupSource, kubeletLabelRestriction, parseLabelFlag, parseTaintFlag, readNodeRegistration, type NodeRegistration } from './groupReading';

const CORE_API_VERSIONS = ['cluster.x-k8s.io/v1beta1', 'cluster.x-k8s.io/v1beta2'];
const BOOTSTRAP_API_VERSIONS = ['bootstrap.cluster.x-k8s.io/v1beta1', 'bootstrap.cluster.x-k8s.io/v1beta2'];
const BOOTSTRAP_KINDS = ['KubeadmConfigTemplate', 'KubeadmConfig'] as const;
type BootstrapKind = (typeof BOOTSTRAP_KINDS)[number];

const AUTOSCALER_MIN = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size';
const AUTOSCALER_MAX = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size';
const CAPACITY_PREFIX = 'capacity.cluster-autoscaler.kubernetes.io/';
/** Scale-from-zero capacity annotations and the resource each declares. */
const CAPACITY_ANNOTATIONS: ReadonlyArray<[annotation: string, resource: string]> = [
  ['cpu', 'cpu'],
  ['memory', 'memory'],
  ['ephemeral-disk', 'ephemeral-storage'],
  ['maxPods', 'pods'],
];

/** A bootstrap config the inventory holds, with what its nodes register with. */
export interface ClusterApiBootstrapConfig {
  kind: BootstrapKind;
  name: string;
  namespace: string;
  registration: NodeRegistration;
}

/** A group waiting for the bootstrap config it names. */
export interface ClusterApiBootstrapRef {
  group: NodeGroup;
  kind: string;
  name: string;
  namespace: string;
}

/** What one file contributes to the join: filled by the readers, consumed by resolveClusterApiBootstrap. */
export interface ClusterApiParts {
  refs: ClusterApiBootstrapRef[];
  configs: ClusterApiBootstrapConfig[];
}

export function emptyClusterApiParts(): ClusterApiParts {
  return { refs: [], configs: [] };
}

export function isClusterApiObject(value: PlainMap): boolean {
  if (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return false;
  if (CORE_API_VERSIONS.includes(value.apiVersion)) return value.kind === 'MachineDeployment' || value.kind === 'MachinePool';
  return BOOTSTRAP_API_VERSIONS.includes(value.apiVersion) && (BOOTSTRAP_KINDS as readonly string[]).includes(value.kind);
}

/** A MachineDeployment or MachinePool as one group (its bootstrap reference into `parts`), or a bootstrap config into `parts`. */
export function readClusterApiObject(ctx: ReadContext, root: PlainMap, basePath: FieldPath, parts: ClusterApiParts): NodeGroup[] {
  if (root.kind === 'KubeadmConfigTemplate' || root.kind === 'KubeadmConfig') {
    const config = readBootstrapConfig(ctx, root, basePath, root.kind);
    if (config) parts.configs.push(config);
    return [];
  }
  return readMachineGroup(ctx, root, basePath, parts);
}

function readBootstrapConfig(ctx: ReadContext, root: PlainMap, basePath: FieldPath, kind: BootstrapKind): ClusterApiBootstrapConfig | undefined {
  const before = ctx.problems.length;
  const metadata = readObjectMeta(ctx, root.metadata, [...basePath, 'metadata'], true);
  // A KubeadmConfigTemplate wraps the KubeadmConfig spec in spec.template.spec.
  const outerPath = [...basePath, 'spec'];
  const outer = readMap(ctx, root.spec, outerPath);
  const specPath = kind === 'KubeadmConfigTemplate' ? [...outerPath, 'template', 'spec'] : outerPath;
  const spec = kind === 'KubeadmConfigTemplate' ? readMap(ctx, readMap(ctx, outer?.template, [...outerPath, 'template'])?.spec, specPath) : outer;
  const joinPath = [...specPath, 'joinConfiguration'];
  const join = readMap(ctx, spec?.joinConfiguration, joinPath);
  const registrationPath = [...joinPath, 'nodeRegistration'];
  const registration = readNodeRegistration(ctx, join?.nodeRegistration, registrationPath, (entry, entryPath) => readTaint(ctx, entry, entryPath));
  if (ctx.problems.length !== before) return undefined;
  for (const key of Object.keys(registration.nodeLabels ?? {})) {
    const restriction = kubeletLabelRestriction(key);
    // The kubelet fails to start, and the machine never becomes a node (Cluster API book, troubleshooting).
    if (restriction) report(ctx, registration.nodeLabelsPath ?? registrationPath, `node-labels: the node never joins: ${restriction}`);
  }
  return { kind, name: metadata.name, namespace: metadata.namespace ?? 'default', registration };
}

/** Label keys Cluster API syncs from a Machine to its Node (metadata-propagation.md). */
function syncsToNode(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const prefix = key.slice(0, slash);
  if (prefix === 'node-role.kubernetes.io') return true;
  return ['node-restriction.kubernetes.io', 'node.cluster.x-k8s.io'].some((domain) => prefix === domain || prefix.endsWith(`.${domain}`));
}

/** A non-negative integer annotation, or undefined with a problem at it. */
function readCountAnnotation(ctx: ReadContext, annotations: Record<string, string>, key: string, path: FieldPath): number | undefined {
  const text = annotations[key];
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) {
    report(ctx, [...path, key], `expected a non-negative integer, not ${JSON.stringify(text)}`);
    return undefined;
  }
  return Number(text.trim());
}

function readMachineGroup(ctx: ReadContext, root: PlainMap, basePath: FieldPath, parts: ClusterApiParts): NodeGroup[] {
  const before = ctx.problems.length;
  const kind = root.kind as string;
  const metadataPath = [...basePath, 'metadata'];
  const metadata = readObjectMeta(ctx, root.metadata, metadataPath, true);
  const annotationsPath = [...metadataPath, 'annotations'];
  const annotations = metadata.annotations;
  const specPath = [...basePath, 'spec'];
  const spec = readMap(ctx, root.spec, specPath);
  const replicas = readInteger(ctx, spec, 'replicas', specPath);
  const templatePath = [...specPath, 'template'];
  const template = readMap(ctx, spec?.template, templatePath);
  const templateLabels = readStringMap(ctx, readMap(ctx, template?.metadata, [...templatePath, 'metadata'])?.labels, [...templatePath, 'metadata', 'labels']);
  const machinePath = [...templatePath, 'spec'];
  const machine = readMap(ctx, template?.spec, machinePath);
  const version = readString(ctx, machine, 'version', machinePath);
  const bootstrapPath = [...machinePath, 'bootstrap'];
  const bootstrap = readMap(ctx, machine?.bootstrap, bootstrapPath);
  const refPath = [...bootstrapPath, 'configRef'];
  const configRef = readMap(ctx, bootstrap?.configRef, refPath);
  const refKind = readString(ctx, configRef, 'kind', refPath);
  const refName = readString(ctx, configRef, 'name', refPath);
  // v1beta1 references may name a namespace; v1beta2's ContractVersionedObjectReference is always the object's own.
  const refNamespace = readString(ctx, configRef, 'namespace', refPath);
  const dataSecretName = readString(ctx, bootstrap, 'dataSecretName', bootstrapPath);

  const taints: Taint[] = [];
  const notes: string[] = [];
  const machineTaints = readList(ctx, machine?.taints, [...machinePath, 'taints']);
  machineTaints.forEach((entry, index) => {
    const taint = readTaint(ctx, entry, [...machinePath, 'taints', index]);
    if (taint) addTaint(taints, taint);
  });
  if (machineTaints.length > 0) notes.push('Machine taints reach the node only with the MachineTaintPropagation feature gate (alpha since Cluster API v1.12)');

  const min = readCountAnnotation(ctx, annotations, AUTOSCALER_MIN, annotationsPath);
  const max = readCountAnnotation(ctx, annotations, AUTOSCALER_MAX, annotationsPath);
  const labelsText = annotations[`${CAPACITY_PREFIX}labels`];
  const autoscalerLabels = labelsText === undefined ? {} : parseLabelFlag(ctx, labelsText, [...annotationsPath, `${CAPACITY_PREFIX}labels`], 'scale-from-zero labels');
  const taintsText = annotations[`${CAPACITY_PREFIX}taints`];
  const autoscalerTaints = taintsText === undefined ? [] : parseTaintFlag(ctx, taintsText, [...annotationsPath, `${CAPACITY_PREFIX}taints`], 'scale-from-zero taints');
  const capacity: Record<string, string> = {};
  for (const [annotation, resource] of CAPACITY_ANNOTATIONS) {
    const text = annotations[`${CAPACITY_PREFIX}${annotation}`];
    if (text === undefined) continue;
    if (parseQuantity(text.trim()) === undefined || (resource === 'pods' && !/^\d+$/.test(text.trim()))) {
      report(ctx, [...annotationsPath, `${CAPACITY_PREFIX}${annotation}`], `expected ${resource === 'pods' ? 'a whole number of pods' : 'a quantity'}, not ${JSON.stringify(text)}`);
      continue;
    }
    capacity[resource] = text.trim();
  }
  if (min !== undefined && max !== undefined && min > max) {
    report(ctx, [...annotationsPath, AUTOSCALER_MIN], `the autoscaler's min size ${min} is above its max size ${max}`);
  }
  if (ctx.problems.length !== before) return [];

  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(templateLabels)) if (syncsToNode(key)) labels[key] = value;
  Object.assign(labels, autoscalerLabels);
  for (const taint of autoscalerTaints) addTaint(taints, taint);

  let count: NodeGroupCount;
  if (min !== undefined && max !== undefined) {
    count = { kind: 'range', min, max };
    notes.push('cluster-autoscaler scales it between its min-size and max-size annotations');
  } else if (replicas !== undefined) {
    count = { kind: 'exact', count: replicas };
  } else {
    // The MachineDeployment and MachinePool webhooks default replicas to 1.
    count = { kind: 'exact', count: 1 };
    notes.push('no replicas: Cluster API defaults to 1');
  }

  const group: NodeGroup = {
    sourceKind: 'cluster-api',
    name: metadata.name,
    labels,
    requirements: [
      ...(['kubernetes.io/arch', 'kubernetes.io/os'] as const)
        .filter((key) => !(key in labels))
        .map((key) => ({ key, operator: 'Exists' as const, values: [], origin: 'the kubelet sets it from the machine the infrastructure provider creates' })),
      { key: 'kubernetes.io/hostname', operator: 'Exists', values: [], origin: 'each node its own' },
    ],
    taints,
    startupTaints: [],
    count,
    notes,
    source: groupSource(ctx, basePath),
  };
  if (Object.keys(capacity).length > 0) group.capacity = capacity;
  if (version !== undefined) group.kubernetesVersion = version;
  if (refKind !== undefined && refName !== undefined) {
    parts.refs.push({ group, kind: refKind, name: refName, namespace: refNamespace ?? metadata.namespace ?? 'default' });
  } else if (dataSecretName !== undefined) {
    notes.push(`bootstrap data from the Secret ${dataSecretName}: the kubelet flags in it are not read`);
  } else {
    notes.push(`no bootstrap configRef: the ${kind}'s kubelet labels and taints are unknown`);
  }
  return [group];
}

/**
 * The groups with their bootstrap configs applied, as new objects (per-file results stay as read):
 * `nodeRegistration.taints` (unset: kubeadm taints no worker), `register-with-taints`, `node-labels`.
 * A config the inventory does not hold is a note, not a problem: the inventory may hold only the MachineDeployments.
 */
export function resolveClusterApiBootstrap(groups: NodeGroup[], parts: ClusterApiParts): NodeGroup[] {
  const resolved = new Map<NodeGroup, NodeGroup>();
  for (const ref of parts.refs) {
    const config = parts.configs.find((candidate) => candidate.kind === ref.kind && candidate.name === ref.name && candidate.namespace === ref.namespace);
    const group: NodeGroup = { ...ref.group, labels: { ...ref.group.labels }, taints: [...ref.group.taints], notes: [...ref.group.notes] };
    if (!config) {
      group.notes.push(`the ${ref.kind} ${ref.name} is not in the inventory: the labels and taints the kubelet registers with are unknown`);
    } else {
      // Labels and taints the autoscaler annotations declare were read first; the kubelet's own flags add to them.
      for (const [key, value] of Object.entries(config.registration.nodeLabels ?? {})) if (!(key in group.labels)) group.labels[key] = value;
      for (const taint of [...(config.registration.taints ?? []), ...config.registration.registerWithTaints]) addTaint(group.taints, taint);
      group.requirements = group.requirements.filter((requirement) => !(requirement.key in group.labels));
    }
    resolved.set(ref.group, group);
  }
  return groups.map((group) => resolved.get(group) ?? group);
}
