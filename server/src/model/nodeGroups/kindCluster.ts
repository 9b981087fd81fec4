/**
 * A kind `Cluster` (kind.x-k8s.io/v1alpha4) as node groups: one group per
 * node, named as kind names it (kind:pkg/cluster/internal/providers/common/namer.go:
 * `<cluster>-control-plane`, `<cluster>-control-plane2`, `<cluster>-worker`, …),
 * with the labels and taints kind, kubeadm and the kubelet give it
 * (kind:pkg/cluster/internal/create/actions/kubeadminit/init.go,
 * kubeadm phases/markcontrolplane), `labels:` and what kubeadmConfigPatches
 * set in `nodeRegistration` (RFC 7386 merge patches, cluster level first,
 * then the node's; the first control-plane takes InitConfiguration patches,
 * every other node JoinConfiguration ones).
 */
import { load } from 'js-yaml';
import type { Taint } from '../kubeTypes';
import type { FieldPath } from '../fieldPath';
import type { NodeGroup } from '../nodeGroup';
import { readTaint } from '../node';
import { isPlainMap, readList, readMap, readString, readStringMap, report, type PlainMap, type ReadContext } from '../objectReader';
import { addTaint, groupSource, kubeletLabelRestriction, readNodeRegistration, type NodeRegistration } from './groupReading';

export const KIND_API_VERSION = 'kind.x-k8s.io/v1alpha4';

const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
const MASTER_TAINT: Taint = { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' };
const EXCLUDE_FROM_LB = 'node.kubernetes.io/exclude-from-external-load-balancers';

export function isKindCluster(value: PlainMap): boolean {
  return value.kind === 'Cluster' && value.apiVersion === KIND_API_VERSION;
}

/** `v1.29.2` from `kindest/node:v1.29.2@sha256:…`; undefined when the image has no version tag. */
export function kindNodeImageVersion(image: string): string | undefined {
  return /:(v\d+\.\d+\.\d+[^@]*)/.exec(image)?.[1];
}

function minorOf(version: string | undefined): number | undefined {
  const match = version ? /^v?1\.(\d+)\./.exec(version) : null;
  return match ? Number(match[1]) : undefined;
}

/** kubeadm's control-plane taints by version: master before 1.24, both in 1.24, control-plane from 1.25 (or when unknown). */
function defaultControlPlaneTaints(version: string | undefined): Taint[] {
  const minor = minorOf(version);
  if (minor === undefined || minor >= 25) return [CONTROL_PLANE_TAINT];
  return minor === 24 ? [MASTER_TAINT, CONTROL_PLANE_TAINT] : [MASTER_TAINT];
}

interface Patch {
  kind: string;
  registration: NodeRegistration;
}

/** kubeadmConfigPatches: YAML strings, each a merge patch of one kubeadm object. Only nodeRegistration matters here. */
function readPatches(ctx: ReadContext, value: unknown, path: FieldPath): Patch[] {
  const patches: Patch[] = [];
  readList(ctx, value, path).forEach((entry, index) => {
    const patchPath = [...path, index];
    if (typeof entry !== 'string') {
      report(ctx, patchPath, 'expected a kubeadm config patch as a YAML string (use a block scalar: - |)');
      return;
    }
    let patch: unknown;
    try {
      patch = load(entry);
    } catch (error) {
      report(ctx, patchPath, `this kubeadm config patch is not YAML: ${(error as Error).message.split('\n')[0]}`);
      return;
    }
    if (!isPlainMap(patch) || typeof patch.kind !== 'string') {
      report(ctx, patchPath, 'a kubeadm config patch needs a kind (InitConfiguration, JoinConfiguration, ClusterConfiguration, KubeletConfiguration, …)');
      return;
    }
    if (patch.kind !== 'InitConfiguration' && patch.kind !== 'JoinConfiguration') return;
    // Problems inside the patch text are reported on the patch: the string is one YAML scalar.
    const inner: ReadContext = { ...ctx, problems: [] };
    const registration = readNodeRegistration(inner, patch.nodeRegistration, patchPath, (taint) => readTaint(inner, taint, patchPath));
    for (const problem of inner.problems) ctx.problems.push({ ...problem, message: `${patch.kind} patch: ${problem.message}` });
    patches.push({ kind: patch.kind, registration });
  });
  return patches;
}

/** The groups of a kind Cluster; problems go to ctx. */
export function readKindCluster(ctx: ReadContext, root: PlainMap, basePath: FieldPath): NodeGroup[] {
  const before = ctx.problems.length;
  const clusterName = readString(ctx, root, 'name', basePath) ?? 'kind';
  const clusterPatches = readPatches(ctx, root.kubeadmConfigPatches, [...basePath, 'kubeadmConfigPatches']);
  // A broken cluster-level patch could change every node: none is trusted.
  if (ctx.problems.length !== before) return [];
  const nodesPath = [...basePath, 'nodes'];
  // pkg/apis/config/v1alpha4/default.go: no nodes is one control-plane node.
  const entries = root.nodes === undefined || root.nodes === null ? [{}] : readList(ctx, root.nodes, nodesPath);
  const roleCounts = { 'control-plane': 0, worker: 0 };
  const single = entries.length === 1;
  const groups: NodeGroup[] = [];
  entries.forEach((entry, index) => {
    const nodePath = root.nodes === undefined || root.nodes === null ? basePath : [...nodesPath, index];
    const nodeBefore = ctx.problems.length;
    const node = readMap(ctx, entry, nodePath) ?? {};
    const role = readString(ctx, node, 'role', nodePath) ?? 'control-plane';
    if (role !== 'control-plane' && role !== 'worker') {
      report(ctx, [...nodePath, 'role'], `unknown node role ${JSON.stringify(role)}: kind knows control-plane and worker`);
      return;
    }
    roleCounts[role] += 1;
    const name = `${clusterName}-${role}${roleCounts[role] === 1 ? '' : roleCounts[role]}`;
    const image = readString(ctx, node, 'image', nodePath);
    const version = image === undefined ? undefined : kindNodeImageVersion(image);
    const bootstrap = role === 'control-plane' && roleCounts[role] === 1;
    const nodePatches = readPatches(ctx, node.kubeadmConfigPatches, [...nodePath, 'kubeadmConfigPatches']);
    const target = bootstrap ? 'InitConfiguration' : 'JoinConfiguration';
    const registration: NodeRegistration = { taints: undefined, nodeLabels: undefined, registerWithTaints: [] };
    for (const patch of [...clusterPatches, ...nodePatches]) {
      if (patch.kind !== target) continue;
      if (patch.registration.taints !== undefined) registration.taints = patch.registration.taints;
      if (patch.registration.nodeLabels !== undefined) registration.nodeLabels = patch.registration.nodeLabels;
      if (patch.registration.registerWithTaints.length > 0) registration.registerWithTaints = patch.registration.registerWithTaints;
    }

    const labelsPath = [...nodePath, 'labels'];
    const ownLabels = readStringMap(ctx, node.labels, labelsPath);
    // A node read wrongly is left out; the label the kubelet refuses below is the cluster's problem, not the reading's.
    if (ctx.problems.length !== nodeBefore) return;
    for (const key of Object.keys(ownLabels)) {
      const restriction = kubeletLabelRestriction(key);
      if (restriction) report(ctx, [...labelsPath, key], `kind create cluster fails: ${restriction} (kind passes labels to the kubelet's --node-labels)`);
    }
    const labels: Record<string, string> = {
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
    };
    const notes: string[] = [];
    const taints: Taint[] = [];
    if (role === 'control-plane') {
      labels['node-role.kubernetes.io/control-plane'] = '';
      if ((minorOf(version) ?? 99) < 24) labels['node-role.kubernetes.io/master'] = '';
      if (!single) labels[EXCLUDE_FROM_LB] = '';
      for (const taint of registration.taints ?? defaultControlPlaneTaints(version)) addTaint(taints, taint);
    } else {
      for (const taint of registration.taints ?? []) addTaint(taints, taint);
    }
    // A node-labels patch replaces the flag kind generates from labels: (kind:pkg/internal/patch/kubeadm_merge.go).
    Object.assign(labels, registration.nodeLabels ?? ownLabels);
    if (registration.nodeLabels !== undefined && Object.keys(ownLabels).length > 0) {
      notes.push('a node-labels patch replaces the labels: field, as kind merges kubelet flags');
    }
    for (const taint of registration.registerWithTaints) addTaint(taints, taint);
    if (single) {
      // kind init.go: a single-node cluster's control plane runs workloads.
      const kept = taints.filter((taint) => taint.key !== CONTROL_PLANE_TAINT.key && taint.key !== MASTER_TAINT.key);
      if (kept.length !== taints.length) notes.push('single-node cluster: kind removes the control-plane taint');
      taints.splice(0, taints.length, ...kept);
    }
    const group: NodeGroup = {
      sourceKind: 'kind',
      name,
      nodeNames: [name],
      labels,
      requirements: [
        { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'], origin: 'the architecture of the machine that runs kind' },
        { key: 'beta.kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'], origin: 'the architecture of the machine that runs kind' },
      ],
      taints,
      startupTaints: [],
      count: { kind: 'exact', count: 1 },
      notes,
      source: groupSource(ctx, nodePath),
    };
    if (version !== undefined) group.kubernetesVersion = version;
    groups.push(group);
  });
  return groups;
}
