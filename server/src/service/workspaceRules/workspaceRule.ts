/**
 * A rule that looks beyond one YAML document: at other workloads of the
 * workspace (through the WorkspaceIndex) or at the node inventory. Its
 * results are not cached per document, since other files change them.
 */
import type { DaemonSet, Node, Pod, PriorityClass } from '../../model/kubeTypes';
import type { LiveCluster } from '../../model/liveCluster';
import type { ParsedYamlDocument, ParsedYamlFile } from '../../model/yamlDocuments';
import type { FieldPath } from '../../model/fieldPath';
import type { VersionInForce } from '../../model/kubernetesVersion';
import type { IndexedWorkload } from '../workspaceIndex';
import type { WorkspaceView } from './workspaceView';
import type { RelatedInformation, Severity } from '../types';
import type { NodeGroup } from '../../model/nodeGroup';

export interface WorkspaceRuleContext {
  uri: string;
  file: ParsedYamlFile;
  doc: ParsedYamlDocument;
  /** The DaemonSet of this document, as the index would summarize it. */
  self: IndexedWorkload;
  /** This file's workloads (fresh, not from the index) and the index's, looked up efficiently. */
  workspace: WorkspaceView;
  /** The typed, defaulted DaemonSet, when the document reads as one. */
  daemonSet?: DaemonSet;
  /** The node inventory, when the user has one. */
  inventory?: InventoryContext;
  /** The workloads of the file's committed version, when known. */
  baseline?: BaselineContext;
  /** What runs in the selected cluster, when fetched (trusted workspaces, a kube context). */
  live?: LiveClusterContext;
  /** The cluster's Kubernetes version and where it came from. */
  kubernetesVersion: VersionInForce;
}

export interface BaselineContext {
  /** How the user knows it, e.g. `git HEAD`. */
  label: string;
  workloads: readonly IndexedWorkload[];
}

/** What runs in the selected cluster; the rules that compare with it say "the live object in <label>". */
export type LiveClusterContext = LiveCluster;

export interface InventoryContext {
  /** How the user knows it: the setting's value or the discovered file. */
  label: string;
  nodes: Node[];
  /** Node groups the inventory declares (kind, Karpenter, eksctl, Cluster API); groups of known size are not also in `nodes`. */
  groups?: readonly NodeGroup[];
  /** The inventory's Pods (`kubectl get pods -A -o yaml`): what the scheduler verdict counts on each node. */
  pods?: readonly Pod[];
  /** The inventory's PriorityClass objects. */
  priorityClasses?: readonly PriorityClass[];
  /** How a group's source file is named in messages (workspace-relative); the file as read when absent. */
  displayFile?: (file: string) => string;
}

export interface WorkspaceFinding {
  /** A lower severity than the rule's default for a weaker form of the finding. */
  severity?: Severity;
  path: FieldPath;
  anchor?: FieldPath;
  on?: 'key' | 'value';
  message: string;
  related: RelatedInformation[];
  /** Structured facts for quick fixes, passed on as the diagnostic's `data`. */
  data?: Record<string, unknown>;
}

export interface WorkspaceRule {
  id: string;
  defaultSeverity: Severity;
  description: string;
  check(ctx: WorkspaceRuleContext): WorkspaceFinding[];
}

/**
 * Another version of the same object (same kind, namespace and name, e.g.
 * `ds.yaml` and `ds-updated.yaml`) is not a different workload.
 */
export function isSameObject(a: IndexedWorkload, b: IndexedWorkload): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.name !== '' && a.name === b.name;
}

/** Whether `other` is a different workload than the rule's DaemonSet (not itself, not another version of it). */
export function isOther(ctx: WorkspaceRuleContext, other: IndexedWorkload): boolean {
  return otherThan(ctx)(other);
}

/** `isOther` for one rule run, reading the context once: rules call it for every candidate workload. */
export function otherThan(ctx: WorkspaceRuleContext): (other: IndexedWorkload) => boolean {
  const self = ctx.self;
  const uri = ctx.uri;
  return (other) => other !== self && (other.uri === uri ? other.documentIndex !== self.documentIndex : !isSameObject(other, self));
}

/**
 * At most this many findings of a rule per DaemonSet name another workload
 * each; the rest are summed up in one finding. So a file of N copies of a
 * workload gives O(N) diagnostics, not O(N²).
 */
export const MAX_PEER_FINDINGS = 10;

/**
 * The first MAX_PEER_FINDINGS of `peers` through `describe`, and one finding
 * that counts the rest. `total` is the number of peers when the caller
 * handed over only the first MAX_PEER_FINDINGS + 1 of them.
 */
export function boundedPeerFindings<T>(
  peers: readonly T[],
  describe: (peer: T) => WorkspaceFinding,
  summarize: (rest: number, first: WorkspaceFinding) => string,
  total = peers.length,
): WorkspaceFinding[] {
  const findings = peers.slice(0, MAX_PEER_FINDINGS).map(describe);
  const rest = total - MAX_PEER_FINDINGS;
  if (rest > 0) {
    const first = describe(peers[MAX_PEER_FINDINGS]);
    findings.push({ ...first, message: summarize(rest, first) });
  }
  return findings;
}

export function describeWorkload(workload: IndexedWorkload): string {
  return `${workload.kind} ${workload.namespace}/${workload.name || '(unnamed)'}`;
}
