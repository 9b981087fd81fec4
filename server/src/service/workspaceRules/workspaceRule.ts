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
import { push, type WorkspaceView } from './workspaceView';
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
 * A DaemonSet's finding of a problem it has with several other workloads (a host port, overlapping
 * labels) names them all in one diagnostic: its message counts them and names the first, and its
 * related information points at the first MAX_RELATED_PEERS of them. So a file of N copies of a
 * workload gives O(N) diagnostics of bounded size, not O(N²).
 */
export const MAX_RELATED_PEERS = 10;

/** The first one or two of `total` peers by name: `A`, `A and B`, `A, B and 3 more`. */
export function namePeers(names: readonly string[], total: number): string {
  const shown = names.slice(0, Math.min(2, total));
  const rest = total - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.join(' and ');
}

/**
 * The first MAX_RELATED_PEERS peers of a DaemonSet among `candidates`, in their order (those
 * `admits` rejects are not looked at), how many candidates were looked through to find them
 * (`passed`), and at which positions the ones that are not peers stood (`notPeersAt`): with the
 * total, the key of the finding that names them, which most copies of one DaemonSet share.
 */
export function firstPeers(
  candidates: readonly IndexedWorkload[],
  isOther: (other: IndexedWorkload) => boolean,
  admits?: (candidate: IndexedWorkload) => boolean,
): { named: IndexedWorkload[]; passed: number; notPeersAt: string } {
  const named: IndexedWorkload[] = [];
  let notPeersAt = '';
  let i = 0;
  for (; i < candidates.length && named.length < MAX_RELATED_PEERS; i++) {
    if (admits && !admits(candidates[i])) continue;
    if (isOther(candidates[i])) named.push(candidates[i]);
    else notPeersAt += `${i},`;
  }
  return { named, passed: i, notPeersAt };
}

/**
 * The one finding for a problem shared with `total` peers, of which `peers` are the first (up to
 * MAX_RELATED_PEERS; at least one). With one peer, `describe(peer)` (the finding that names it) as it
 * is; with more, that finding's place with `several(names)` as its message (see namePeers) and the
 * related information of each of the first MAX_RELATED_PEERS peers' findings.
 */
export function groupedPeerFinding<T>(
  peers: readonly T[],
  total: number,
  describe: (peer: T) => WorkspaceFinding,
  name: (peer: T) => string,
  several: (names: string) => string,
): WorkspaceFinding {
  const first = describe(peers[0]);
  if (total <= 1) return first;
  const related: RelatedInformation[] = [];
  const names: string[] = [];
  const shown = Math.min(peers.length, MAX_RELATED_PEERS);
  for (let i = 0; i < shown; i++) {
    const finding = i === 0 ? first : describe(peers[i]);
    for (const info of finding.related) related.push(info);
    if (i < 2) names.push(name(peers[i]));
  }
  return { ...first, message: several(namePeers(names, total)), related };
}

/**
 * How many of some workloads are not peers of a DaemonSet (see `otherThan`): itself, what shares its
 * document, and its versions in other files. Up to SMALL_GROUP workloads they are passed over; for
 * more, looked up by object key and document, so that each of thousands of copies of one DaemonSet
 * does not pass over all of them. `classOf` sorts the workloads into classes that `admits` (below)
 * judges by one representative each, e.g. by nodeSelector.
 */
export class NotPeers {
  private lookup?: {
    /** Object key → file → class → a representative and how many. */
    objectFiles: Map<string, Map<string, Map<string, [IndexedWorkload, number]>>>;
    byDocument: Map<string, IndexedWorkload[]>;
  };

  constructor(
    private readonly workloads: readonly IndexedWorkload[],
    private readonly classOf: (workload: IndexedWorkload) => string = () => '',
  ) {}

  /** How many of the workloads that `admits` (all by default) are not peers of `self`. */
  count(self: IndexedWorkload, isOther: (other: IndexedWorkload) => boolean, admits?: (workload: IndexedWorkload) => boolean): number {
    let count = 0;
    if (this.workloads.length <= SMALL_GROUP) {
      for (const workload of this.workloads) if (!isOther(workload) && (!admits || admits(workload))) count++;
      return count;
    }
    const lookup = (this.lookup ??= this.lookupOf());
    if (self.name !== '') {
      for (const [uri, classes] of lookup.objectFiles.get(objectKey(self)) ?? []) {
        if (uri === self.uri) continue;
        for (const [representative, n] of classes.values()) if (!admits || admits(representative)) count += n;
      }
    }
    for (const same of lookup.byDocument.get(documentKey(self)) ?? []) if (!isOther(same) && (!admits || admits(same))) count++;
    return count;
  }

  private lookupOf(): NonNullable<NotPeers['lookup']> {
    const objectFiles = new Map<string, Map<string, Map<string, [IndexedWorkload, number]>>>();
    const byDocument = new Map<string, IndexedWorkload[]>();
    for (const workload of this.workloads) {
      const key = objectKey(workload);
      let files = objectFiles.get(key);
      if (!files) objectFiles.set(key, (files = new Map()));
      let classes = files.get(workload.uri);
      if (!classes) files.set(workload.uri, (classes = new Map()));
      const which = this.classOf(workload);
      const known = classes.get(which);
      if (known) known[1]++;
      else classes.set(which, [workload, 1]);
      push(byDocument, documentKey(workload), workload);
    }
    return { objectFiles, byDocument };
  }
}

/** Up to this many workloads, each DaemonSet counts its non-peers among them directly. */
const SMALL_GROUP = 32;

function objectKey(workload: IndexedWorkload): string {
  return `${workload.kind}\n${workload.namespace}\n${workload.name}`;
}

function documentKey(workload: IndexedWorkload): string {
  return `${workload.uri}#${workload.documentIndex}`;
}

export function describeWorkload(workload: IndexedWorkload): string {
  return `${workload.kind} ${workload.namespace}/${workload.name || '(unnamed)'}`;
}
