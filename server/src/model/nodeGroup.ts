/**
 * A node group: the nodes a cluster's own configuration declares before they
 * exist (a kind node, a Karpenter NodePool, an eksctl node group, a Cluster
 * API MachineDeployment). What every node of the group carries is definite
 * (`labels`, `taints`); what varies per node (the instance type Karpenter
 * picks, the zone) is a label requirement, read as Karpenter reads its own
 * NodePools (karpenter:pkg/scheduling/requirements.go). A key the group
 * neither labels nor requires is absent on its nodes.
 *
 * Plain data, browser-safe: groups cross into the webview like Nodes.
 */
import type { Taint } from './kubeTypes';
import type { FieldPath } from './fieldPath';
import type { Range } from './textPositions';

export type NodeGroupSourceKind = 'kind' | 'karpenter' | 'eksctl' | 'cluster-api';

/** The operators of Karpenter's NodeSelectorRequirementWithMinValues; Kubernetes' own are the first six. */
export const GROUP_REQUIREMENT_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Gte', 'Lte'] as const;
export type GroupRequirementOperator = (typeof GROUP_REQUIREMENT_OPERATORS)[number];

export interface GroupLabelRequirement {
  key: string;
  operator: GroupRequirementOperator;
  /** In/NotIn: one or more; Gt/Lt/Gte/Lte: exactly one non-negative integer; Exists/DoesNotExist: none. */
  values: string[];
  /** Why the requirement is there when the source does not spell it (e.g. "Karpenter sets it from the instance type it picks"). */
  origin?: string;
}

export type NodeGroupCount =
  | { kind: 'exact'; count: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'unknown'; note?: string };

export interface NodeGroupSource {
  file: string;
  documentIndex: number;
  /** Path of the group's definition in its document: [] for a NodePool, ['nodes', 2] for a kind node. */
  basePath: FieldPath;
  /** The range to point at: the definition's first key. */
  range: Range;
}

export interface NodeGroup {
  sourceKind: NodeGroupSourceKind;
  /** The group's name as its source names it (a kind node's name is the node name kind gives it). */
  name: string;
  /** Node names the source fixes (kind); absent when the cloud or the controller picks them. */
  nodeNames?: string[];
  /** Labels every node of the group carries, with their values. */
  labels: Record<string, string>;
  /** Labels whose value varies per node; ANDed, several per key allowed. */
  requirements: GroupLabelRequirement[];
  /** NoSchedule / PreferNoSchedule / NoExecute taints every node carries. */
  taints: Taint[];
  /**
   * Taints a node starts with until some agent (often a DaemonSet) removes them. Karpenter does not look at them
   * when it counts which DaemonSets a NodePool's nodes run (isDaemonPodCompatible checks `taints` only).
   */
  startupTaints: Taint[];
  count: NodeGroupCount;
  /** Per-node capacity and allocatable, where the source declares them (scale-from-zero annotations). */
  capacity?: Record<string, string>;
  allocatable?: Record<string, string>;
  /** The Kubernetes version the source declares (kind node image tag, eksctl metadata.version, CAPI spec.version), as written. */
  kubernetesVersion?: string;
  /** Facts about the source worth telling (limits, defaults applied). */
  notes: string[];
  source: NodeGroupSource;
}

const SOURCE_TITLES: Record<NodeGroupSourceKind, string> = {
  kind: 'kind node',
  karpenter: 'Karpenter NodePool',
  eksctl: 'eksctl node group',
  'cluster-api': 'Cluster API',
};

/** "Karpenter NodePool": what the source calls a group, for titles. */
export function nodeGroupSourceTitle(kind: NodeGroupSourceKind): string {
  return SOURCE_TITLES[kind];
}

/** What a group is called in a sentence, after its name: "the `gpu` NodePool". */
const SOURCE_NOUNS: Record<NodeGroupSourceKind, string> = {
  kind: 'kind node',
  karpenter: 'NodePool',
  eksctl: 'eksctl node group',
  'cluster-api': 'Cluster API node group',
};

/** "the `gpu` NodePool in karpenter/gpu.yaml", for messages. */
export function describeNodeGroup(group: NodeGroup, file: string = group.source.file): string {
  return `the \`${group.name}\` ${SOURCE_NOUNS[group.sourceKind]} in ${file}`;
}

export function formatGroupRequirement(requirement: GroupLabelRequirement): string {
  switch (requirement.operator) {
    case 'Exists':
    case 'DoesNotExist':
      return `${requirement.key} ${requirement.operator}`;
    default:
      return `${requirement.key} ${requirement.operator} [${requirement.values.join(', ')}]`;
  }
}

export function formatNodeGroupCount(count: NodeGroupCount): string {
  switch (count.kind) {
    case 'exact':
      return String(count.count);
    case 'range':
      return `${count.min}..${count.max}`;
    default:
      return count.note ? `unknown (${count.note})` : 'unknown';
  }
}

function taintText(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

/** A group as text, one fact a line: the goldens, and what the CLI prints. */
export function formatNodeGroup(group: NodeGroup): string {
  const lines = [`${SOURCE_TITLES[group.sourceKind]} ${group.name} (${group.source.file}:${group.source.range.start.line + 1}:${group.source.range.start.character + 1})`];
  if (group.nodeNames) lines.push(`  nodes: ${group.nodeNames.join(', ')}`);
  lines.push(`  count: ${formatNodeGroupCount(group.count)}`);
  if (group.kubernetesVersion !== undefined) lines.push(`  kubernetesVersion: ${group.kubernetesVersion}`);
  for (const key of Object.keys(group.labels).sort()) lines.push(`  label ${key}=${group.labels[key]}`);
  for (const requirement of group.requirements) {
    lines.push(`  requires ${formatGroupRequirement(requirement)}${requirement.origin ? ` (${requirement.origin})` : ''}`);
  }
  for (const taint of group.taints) lines.push(`  taint ${taintText(taint)}`);
  for (const taint of group.startupTaints) lines.push(`  startup taint ${taintText(taint)}`);
  for (const field of ['capacity', 'allocatable'] as const) {
    const resources = group[field];
    if (resources && Object.keys(resources).length > 0) {
      lines.push(`  ${field}: ${Object.keys(resources).sort().map((name) => `${name}=${resources[name]}`).join(', ')}`);
    }
  }
  for (const note of group.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}
