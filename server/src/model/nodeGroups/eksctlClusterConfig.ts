/**
 * An eksctl `ClusterConfig` (eksctl.io/v1alpha5) as node groups, one per
 * `nodeGroups[]` and `managedNodeGroups[]` entry
 * (eksctl-io/eksctl:pkg/apis/eksctl.io/v1alpha5/types.go, defaults.go):
 * labels and the ones eksctl and EKS add, taints in the list form and the
 * legacy map form `key: "value:Effect"` (taintsWrapper), instance types (the
 * default m5.large), capacity (desiredCapacity, else min..max, else eksctl's
 * default of 2), `metadata.version` and `metadata.region`.
 */
import type { Taint } from '../kubeTypes';
import type { FieldPath } from '../fieldPath';
import type { GroupLabelRequirement, NodeGroup, NodeGroupCount } from '../nodeGroup';
import { readTaint } from '../node';
import { readBoolean, readInteger, readList, readMap, readRequiredString, readString, readStringList, readStringMap, report, type PlainMap, type ReadContext } from '../objectReader';
import { parseTaintFlag, groupSource } from './groupReading';

export function isEksctlClusterConfig(value: PlainMap): boolean {
  return value.kind === 'ClusterConfig' && value.apiVersion === 'eksctl.io/v1alpha5';
}

const DEFAULT_INSTANCE_TYPE = 'm5.large';
const DEFAULT_NODE_COUNT = 2;

/**
 * Graviton instance types run arm64: a `g` among the attributes after the generation digit
 * (m6g, c7gn, t4g, r8gd, g5g); everything else on EC2 node groups is amd64 (g4dn: GPU family, no `g` attribute).
 */
export function ec2InstanceArch(instanceType: string): 'arm64' | 'amd64' {
  return /^[a-z]+\d+[a-z]*g[a-z]*$/.test(instanceType.split('.')[0]) ? 'arm64' : 'amd64';
}

/** taints: a list of {key, value, effect}, or the old map `key: "value:Effect"` / `key: ":Effect"`. */
function readEksctlTaints(ctx: ReadContext, value: unknown, path: FieldPath): Taint[] {
  const taints: Taint[] = [];
  if (value === undefined || value === null) return taints;
  if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      const taint = readTaint(ctx, entry, [...path, index]);
      if (taint) taints.push(taint);
    });
    return taints;
  }
  const map = readMap(ctx, value, path);
  for (const [key, entry] of Object.entries(map ?? {})) {
    if (typeof entry !== 'string') {
      report(ctx, [...path, key], 'expected "value:Effect" or ":Effect"');
      continue;
    }
    taints.push(...parseTaintFlag(ctx, entry.startsWith(':') ? `${key}${entry}` : `${key}=${entry}`, [...path, key], 'taint'));
  }
  return taints;
}

function readNodeGroup(ctx: ReadContext, entry: unknown, path: FieldPath, managed: boolean, cluster: { name?: string; region?: string; version?: string }): NodeGroup | undefined {
  const before = ctx.problems.length;
  const map = readMap(ctx, entry, path);
  if (!map) return undefined;
  const name = readRequiredString(ctx, map, 'name', path);
  const labels = readStringMap(ctx, map.labels, [...path, 'labels']);
  const taints = readEksctlTaints(ctx, map.taints, [...path, 'taints']);
  const instanceType = readString(ctx, map, 'instanceType', path);
  const instanceTypes = managed ? readStringList(ctx, map.instanceTypes, [...path, 'instanceTypes']) : [];
  const distribution = readMap(ctx, map.instancesDistribution, [...path, 'instancesDistribution']);
  const distributionTypes = readStringList(ctx, distribution?.instanceTypes, [...path, 'instancesDistribution', 'instanceTypes']);
  const hasSelector = readMap(ctx, map.instanceSelector, [...path, 'instanceSelector']) !== undefined;
  const zones = readStringList(ctx, map.availabilityZones, [...path, 'availabilityZones']);
  const spot = managed ? readBoolean(ctx, map, 'spot', path) : undefined;
  const amiFamily = readString(ctx, map, 'amiFamily', path);
  const desired = readInteger(ctx, map, 'desiredCapacity', path);
  const min = readInteger(ctx, map, 'minSize', path);
  const max = readInteger(ctx, map, 'maxSize', path);
  if (name === undefined || ctx.problems.length !== before) return undefined;

  const notes: string[] = [];
  const requirements: GroupLabelRequirement[] = [];
  const nodeLabels: Record<string, string> = { ...labels };
  // defaults.go setDefaultNodeLabels, for both kinds of node group.
  if (cluster.name !== undefined) nodeLabels['alpha.eksctl.io/cluster-name'] = cluster.name;
  nodeLabels['alpha.eksctl.io/nodegroup-name'] = name;
  if (managed) {
    nodeLabels['eks.amazonaws.com/nodegroup'] = name;
    nodeLabels['eks.amazonaws.com/capacityType'] = spot ? 'SPOT' : 'ON_DEMAND';
  }
  if (cluster.region !== undefined) nodeLabels['topology.kubernetes.io/region'] = cluster.region;
  const windows = amiFamily !== undefined && amiFamily.startsWith('Windows');
  nodeLabels['kubernetes.io/os'] = windows ? 'windows' : 'linux';

  let types = instanceType !== undefined ? [instanceType] : [...instanceTypes, ...distributionTypes];
  if (types.length === 0 && !hasSelector) {
    types = [DEFAULT_INSTANCE_TYPE];
    notes.push(`no instance type: eksctl uses ${DEFAULT_INSTANCE_TYPE}`);
  }
  const origin = 'EC2 sets it per instance';
  if (types.length === 1) nodeLabels['node.kubernetes.io/instance-type'] = types[0];
  else if (types.length > 1) requirements.push({ key: 'node.kubernetes.io/instance-type', operator: 'In', values: types });
  else requirements.push({ key: 'node.kubernetes.io/instance-type', operator: 'Exists', values: [], origin: 'the instanceSelector picks it' });
  const arches = [...new Set(types.map(ec2InstanceArch))];
  if (arches.length === 1) nodeLabels['kubernetes.io/arch'] = arches[0];
  else requirements.push({ key: 'kubernetes.io/arch', operator: 'In', values: arches.length > 0 ? arches.sort() : ['amd64', 'arm64'], origin });
  if (zones.length === 1) nodeLabels['topology.kubernetes.io/zone'] = zones[0];
  else if (zones.length > 1) requirements.push({ key: 'topology.kubernetes.io/zone', operator: 'In', values: zones });
  else requirements.push({ key: 'topology.kubernetes.io/zone', operator: 'Exists', values: [], origin: 'the subnets eksctl picks' });
  requirements.push({ key: 'kubernetes.io/hostname', operator: 'Exists', values: [], origin: 'each node its own' });

  let count: NodeGroupCount;
  if (desired !== undefined) count = { kind: 'exact', count: desired };
  else if (min !== undefined || max !== undefined) count = { kind: 'range', min: min ?? 0, max: max ?? Math.max(min ?? 0, DEFAULT_NODE_COUNT) };
  else {
    count = { kind: 'exact', count: DEFAULT_NODE_COUNT };
    notes.push(`no desiredCapacity: eksctl creates ${DEFAULT_NODE_COUNT} nodes`);
  }
  const group: NodeGroup = {
    sourceKind: 'eksctl',
    name,
    labels: nodeLabels,
    requirements,
    taints,
    startupTaints: [],
    count,
    notes,
    source: groupSource(ctx, path),
  };
  if (cluster.version !== undefined) group.kubernetesVersion = cluster.version;
  return group;
}

export function readEksctlClusterConfig(ctx: ReadContext, root: PlainMap, basePath: FieldPath): NodeGroup[] {
  const metadataPath = [...basePath, 'metadata'];
  const metadata = readMap(ctx, root.metadata, metadataPath);
  const cluster = {
    name: readString(ctx, metadata, 'name', metadataPath),
    region: readString(ctx, metadata, 'region', metadataPath),
    // `version: "1.29"`; an unquoted 1.30 is the number 1.3, which eksctl rejects too.
    version: readString(ctx, metadata, 'version', metadataPath),
  };
  const groups: NodeGroup[] = [];
  for (const [field, managed] of [['nodeGroups', false], ['managedNodeGroups', true]] as const) {
    readList(ctx, root[field], [...basePath, field]).forEach((entry, index) => {
      const group = readNodeGroup(ctx, entry, [...basePath, field, index], managed, cluster);
      if (group) groups.push(group);
    });
  }
  return groups;
}
