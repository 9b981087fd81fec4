/**
 * The cluster's Kubernetes version: parsing the ways people and clusters
 * write it ("1.29", "v1.29.3", "v1.29.0-eks-4f4795d"), comparing minors, and
 * deciding which version is in force from the setting, the node inventory or
 * the newest version the schema knows. Only major.minor matters: features
 * and removals change with minors.
 */
import type { Node } from './kubeTypes';
import { describeNodeGroup, type NodeGroup } from './nodeGroup';

export interface KubernetesVersion {
  major: number;
  minor: number;
}

/** The version the generated schema is for (README: "carries the Kubernetes 1.36 API definitions"). */
export const NEWEST_SUPPORTED_VERSION: KubernetesVersion = { major: 1, minor: 36 };

/** `1.29`, `v1.29`, `1.29.3`, `v1.29.3+k3s1`, `v1.29.0-eks-4f4795d`, `v1.29.3-gke.1093000`. */
const VERSION = /^v?(\d{1,3})\.(\d{1,3})(?:\.\d{1,5})?(?:[-+][0-9A-Za-z.+_-]*)?$/;

export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

export function compareVersions(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function isAtLeast(version: KubernetesVersion, floor: KubernetesVersion): boolean {
  return compareVersions(version, floor) >= 0;
}

export function formatVersion(version: KubernetesVersion): string {
  return `${version.major}.${version.minor}`;
}

/** Where the version in force came from, in words a message can end with: "(from …)". */
export type VersionSource =
  | { kind: 'setting'; label: string }
  | { kind: 'inventory'; label: string; node: string }
  /** Declared by a node group's source: a kind node image tag, an eksctl `metadata.version`. */
  | { kind: 'node-group'; group: string }
  | { kind: 'newest-supported' };

export interface VersionInForce {
  version: KubernetesVersion;
  source: VersionSource;
}

export function describeVersionSource(source: VersionSource): string {
  switch (source.kind) {
    case 'setting':
      return `from ${source.label}`;
    case 'inventory':
      return `from status.nodeInfo.kubeletVersion of node ${source.node} in ${source.label}`;
    case 'node-group':
      return `declared by ${source.group}`;
    case 'newest-supported':
      return 'the newest supported: no version set and none in a node inventory';
  }
}

/** "1.21 (from status.nodeInfo.kubeletVersion of node a in nodes.yaml)". */
export function describeVersionInForce(inForce: VersionInForce): string {
  return `${formatVersion(inForce.version)} (${describeVersionSource(inForce.source)})`;
}

/** What messages call the editor setting when the version comes from it (the language server and the preview panel). */
export const VERSION_SETTING_LABEL = 'the daemonset.kubernetesVersion setting';

export interface VersionSources {
  /** The user's explicit choice (setting or CLI flag), raw; unparseable values are ignored here (the hosts report them). */
  setting?: { value: string; label: string };
  /** The node inventory: its nodes' kubelet versions, else the versions its node groups declare. */
  inventory?: { label: string; nodes: readonly Node[]; groups?: readonly NodeGroup[]; displayFile?: (file: string) => string };
}

/**
 * The version in force: the setting, else the lowest kubelet minor among the
 * inventory's nodes (the oldest kubelet decides what runs everywhere), else
 * the lowest one its node groups declare (a cluster before it exists), else
 * the newest supported version.
 */
export function resolveKubernetesVersion(sources: VersionSources): VersionInForce {
  const set = sources.setting && parseKubernetesVersion(sources.setting.value);
  if (set && sources.setting) return { version: set, source: { kind: 'setting', label: sources.setting.label } };
  if (sources.inventory) {
    const node = lowestVersion(sources.inventory.nodes, (n) => n.status.nodeInfo?.kubeletVersion);
    if (node) return { version: node.version, source: { kind: 'inventory', label: sources.inventory.label, node: node.item.metadata.name } };
    const group = lowestVersion(sources.inventory.groups ?? [], (g) => g.kubernetesVersion);
    if (group) {
      const file = sources.inventory.displayFile?.(group.item.source.file) ?? group.item.source.file;
      return { version: group.version, source: { kind: 'node-group', group: describeNodeGroup(group.item, file) } };
    }
  }
  return { version: NEWEST_SUPPORTED_VERSION, source: { kind: 'newest-supported' } };
}

/** The item with the lowest version that reads as one (the first on a tie), or undefined. */
function lowestVersion<T>(items: readonly T[], versionOf: (item: T) => string | undefined): { version: KubernetesVersion; item: T } | undefined {
  let lowest: { version: KubernetesVersion; item: T } | undefined;
  for (const item of items) {
    const text = versionOf(item);
    const version = text === undefined ? undefined : parseKubernetesVersion(text);
    if (version && (!lowest || compareVersions(version, lowest.version) < 0)) lowest = { version, item };
  }
  return lowest;
}
