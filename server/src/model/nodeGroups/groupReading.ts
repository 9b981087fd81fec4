/**
 * Reading shared by the node-group sources: the kubelet's `--node-labels` and
 * `--register-with-taints` flag strings (kind and Cluster API patches carry
 * them, cluster-autoscaler's scale-from-zero annotations use the same
 * syntax), kubeadm's `kubeletExtraArgs` in both spellings, and the label keys
 * a kubelet may not give itself.
 */
import type { Taint } from '../kubeTypes';
import type { FieldPath } from '../fieldPath';
import { labelKeyError, labelValueError } from '../labelSyntax';
import { TAINT_EFFECTS } from '../node';
import { readList, readMap, report, type ReadContext } from '../objectReader';
import { rangeOfPath } from '../yamlDocuments';
import type { NodeGroupSource } from '../nodeGroup';

export function groupSource(ctx: ReadContext, basePath: FieldPath): NodeGroupSource {
  return { file: ctx.file, documentIndex: ctx.doc.index, basePath, range: rangeOfPath(ctx.parsed, ctx.doc, basePath, 'key') };
}

/** `k1=v1,k2=v2` (kubelet --node-labels, `capacity.cluster-autoscaler.kubernetes.io/labels`); problems at `path`. */
export function parseLabelFlag(ctx: ReadContext, text: string, path: FieldPath, what: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of text.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const equals = entry.indexOf('=');
    const key = equals < 0 ? entry : entry.slice(0, equals);
    const value = equals < 0 ? '' : entry.slice(equals + 1);
    const error = equals < 0 ? 'expected key=value' : (labelKeyError(key) ?? labelValueError(value));
    if (error) {
      report(ctx, path, `${what}: ${JSON.stringify(entry)} is not a label: ${error}`);
      continue;
    }
    labels[key] = value;
  }
  return labels;
}

/** `key=value:Effect,key:Effect` (kubelet --register-with-taints, `capacity.cluster-autoscaler.kubernetes.io/taints`). */
export function parseTaintFlag(ctx: ReadContext, text: string, path: FieldPath, what: string): Taint[] {
  const taints: Taint[] = [];
  for (const part of text.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const colon = entry.lastIndexOf(':');
    const effect = colon < 0 ? '' : entry.slice(colon + 1);
    const keyValue = colon < 0 ? entry : entry.slice(0, colon);
    const equals = keyValue.indexOf('=');
    const key = equals < 0 ? keyValue : keyValue.slice(0, equals);
    if (!(TAINT_EFFECTS as readonly string[]).includes(effect) || labelKeyError(key) !== undefined) {
      report(ctx, path, `${what}: ${JSON.stringify(entry)} is not a taint: expected key=value:Effect or key:Effect with Effect NoSchedule, PreferNoSchedule or NoExecute`);
      continue;
    }
    const taint: Taint = { key, effect };
    if (equals >= 0 && keyValue.slice(equals + 1) !== '') taint.value = keyValue.slice(equals + 1);
    taints.push(taint);
  }
  return taints;
}

/**
 * kubeadm `kubeletExtraArgs`: a map (kubeadm v1beta3, Cluster API v1beta1) or a list of `{name, value}`
 * (kubeadm v1beta4, Cluster API v1beta2). A later entry of the same name wins, as in kind's mergeExtraArgs.
 * Values keep the path they were read from, for problems.
 */
export function readKubeletExtraArgs(ctx: ReadContext, value: unknown, path: FieldPath): Map<string, { value: string; path: FieldPath }> {
  const args = new Map<string, { value: string; path: FieldPath }>();
  if (value === undefined || value === null) return args;
  if (Array.isArray(value)) {
    readList(ctx, value, path).forEach((entry, index) => {
      const entryPath = [...path, index];
      const map = readMap(ctx, entry, entryPath);
      if (!map) return;
      if (typeof map.name !== 'string' || typeof map.value !== 'string') {
        report(ctx, entryPath, 'expected {name, value} with string values');
        return;
      }
      args.set(map.name, { value: map.value, path: [...entryPath, 'value'] });
    });
    return args;
  }
  const map = readMap(ctx, value, path);
  for (const [name, entry] of Object.entries(map ?? {})) {
    if (typeof entry === 'string') args.set(name, { value: entry, path: [...path, name] });
    else report(ctx, [...path, name], 'expected a string (quote it)');
  }
  return args;
}

/** The kubelet's labels it may set on its own node inside the kubernetes.io / k8s.io namespaces (kubelet apis KubeletLabels). */
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'kubernetes.io/os',
  'kubernetes.io/arch',
]);

/**
 * Why the kubelet refuses `--node-labels` with this key (NodeRestriction, kubelet apis IsKubeletLabel), or undefined.
 * `node-role.kubernetes.io/worker` is the classic: `kind create cluster` fails on it (kind#2817, kind#3536).
 */
export function kubeletLabelRestriction(key: string): string | undefined {
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  const namespace = key.slice(0, slash);
  const restricted = ['kubernetes.io', 'k8s.io'].some((domain) => namespace === domain || namespace.endsWith(`.${domain}`));
  if (!restricted || KUBELET_LABELS.has(key)) return undefined;
  const allowed = ['kubelet.kubernetes.io', 'node.kubernetes.io'].some((prefix) => namespace === prefix || namespace.endsWith(`.${prefix}`));
  if (allowed) return undefined;
  return (
    `the kubelet may not set ${key} on its own node: labels in the kubernetes.io and k8s.io namespaces must begin with ` +
    'kubelet.kubernetes.io or node.kubernetes.io or be one of the well-known topology, os, arch, instance-type and hostname labels'
  );
}

/** A kubeadm `nodeRegistration` (kind patches, KubeadmConfigTemplate): its taints list and kubelet flags. */
export interface NodeRegistration {
  /** undefined: not written (kubeadm's default: the control-plane taint on control-plane nodes, none on workers); [] means none. */
  taints: Taint[] | undefined;
  nodeLabels: Record<string, string> | undefined;
  /** Where `node-labels` was read, for problems about a label in it. */
  nodeLabelsPath?: FieldPath;
  registerWithTaints: Taint[];
}

export function readNodeRegistration(
  ctx: ReadContext,
  value: unknown,
  path: FieldPath,
  readTaintEntry: (entry: unknown, entryPath: FieldPath) => Taint | undefined,
): NodeRegistration {
  const result: NodeRegistration = { taints: undefined, nodeLabels: undefined, registerWithTaints: [] };
  const map = readMap(ctx, value, path);
  if (!map) return result;
  if (map.taints !== undefined && map.taints !== null) {
    result.taints = [];
    readList(ctx, map.taints, [...path, 'taints']).forEach((entry, index) => {
      const taint = readTaintEntry(entry, [...path, 'taints', index]);
      if (taint) result.taints?.push(taint);
    });
  }
  const args = readKubeletExtraArgs(ctx, map.kubeletExtraArgs, [...path, 'kubeletExtraArgs']);
  const labels = args.get('node-labels');
  if (labels) {
    result.nodeLabels = parseLabelFlag(ctx, labels.value, labels.path, 'node-labels');
    result.nodeLabelsPath = labels.path;
  }
  const taints = args.get('register-with-taints');
  if (taints) result.registerWithTaints = parseTaintFlag(ctx, taints.value, taints.path, 'register-with-taints');
  return result;
}

/** Appends `taint` unless one of the same key and effect is there (a node has one taint per key and effect). */
export function addTaint(taints: Taint[], taint: Taint): void {
  if (!taints.some((existing) => existing.key === taint.key && existing.effect === taint.effect)) taints.push(taint);
}

