/**
 * overlapping-labels: two controllers fight over pods when one's selector
 * matches the other's pod labels in the same namespace. A DaemonSet adopts
 * (and deletes as surplus) matching pods it did not create, and a Deployment
 * or ReplicaSet would count daemon pods as its own replicas.
 */
import { labelSelectorMatches, isEmptyLabelSelector, type LabelSelector, type Labels } from '../../model/labelSelector';
import type { IndexedWorkload } from '../workspaceIndex';
import { push, type NamespaceWorkloads } from './workspaceView';
import { boundedPeerFindings, describeWorkload, MAX_PEER_FINDINGS, otherThan, type WorkspaceFinding, type WorkspaceRule } from './workspaceRule';
import { POD_TEMPLATE_LABELS_PATH, SELECTOR_PATH } from '../../model/fieldPath';

const POD_OWNERS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob', 'DaemonSet', 'ReplicationController', 'Pod']);

/** The workloads overlapping a (selector, pod labels) pair, in file order, and which of them the selector selects. */
interface Overlap {
  workloads: IndexedWorkload[];
  weSelect: Set<IndexedWorkload>;
  /**
   * What tells, without a pass over all of them, which are not peers of a
   * DaemonSet: its versions in other files (object key → file → how many)
   * and what shares its document (itself included). Built for overlaps too
   * large to pass over for each DaemonSet (`notPeers`).
   */
  lookup?: {
    objectFiles: Map<string, Map<string, number>>;
    byDocument: Map<string, IndexedWorkload[]>;
  };
  /**
   * The finding that names each of them, made when first named: it depends on the overlap and
   * that workload only, and the copies of one DaemonSet name the same first workloads.
   */
  described?: Map<IndexedWorkload, WorkspaceFinding>;
}

/** Up to this many overlapping workloads, each DaemonSet counts its non-peers among them directly. */
const SMALL_OVERLAP = 32;

function objectKey(workload: IndexedWorkload): string {
  return `${workload.kind}\n${workload.namespace}\n${workload.name}`;
}

function documentKey(workload: IndexedWorkload): string {
  return `${workload.uri}#${workload.documentIndex}`;
}

/** How many of the overlap's workloads are not peers of `self` (see `otherThan`). */
function notPeers(overlap: Overlap, self: IndexedWorkload, isOther: (other: IndexedWorkload) => boolean): number {
  let count = 0;
  if (overlap.workloads.length <= SMALL_OVERLAP) {
    for (const workload of overlap.workloads) if (!isOther(workload)) count++;
    return count;
  }
  // Not peers: its versions in other files (same object key), and what shares its document.
  const lookup = (overlap.lookup ??= lookupOf(overlap.workloads));
  if (self.name !== '') {
    for (const [uri, n] of lookup.objectFiles.get(objectKey(self)) ?? []) if (uri !== self.uri) count += n;
  }
  for (const same of lookup.byDocument.get(documentKey(self)) ?? []) if (!isOther(same)) count++;
  return count;
}

function lookupOf(workloads: readonly IndexedWorkload[]): NonNullable<Overlap['lookup']> {
  const objectFiles = new Map<string, Map<string, number>>();
  const byDocument = new Map<string, IndexedWorkload[]>();
  for (const workload of workloads) {
    const files = objectFiles.get(objectKey(workload)) ?? new Map<string, number>();
    files.set(workload.uri, (files.get(workload.uri) ?? 0) + 1);
    objectFiles.set(objectKey(workload), files);
    push(byDocument, documentKey(workload), workload);
  }
  return { objectFiles, byDocument };
}

/**
 * Per workspace view (one validation), the overlap of each distinct
 * (selector, pod labels) pair, matched once: a file of N copies of one
 * DaemonSet then matches labels N times, not N² times.
 */
const overlapsByView = new WeakMap<NamespaceWorkloads, Map<string, Overlap>>();

/** Up to this many candidates, matching them costs less than the memo's key: most DaemonSets' labels are their own. */
const FEW_CANDIDATES = 4;

const NO_CANDIDATES: readonly IndexedWorkload[] = [];

function overlapOf(namespace: NamespaceWorkloads, selector: LabelSelector | undefined, podLabels: Labels | undefined): Overlap {
  const owners = selector ? namespace.podOwnersFor(selector) : NO_CANDIDATES;
  const labelled = podLabels !== undefined && Object.keys(podLabels).length > 0;
  // Counted, not collected: the copies of one DaemonSet find their overlap in the memo.
  const selecting = () => (labelled ? namespace.selectorsFor(podLabels) : NO_CANDIDATES);
  if (owners.length + (labelled ? namespace.selectorsForCount(podLabels) : 0) <= FEW_CANDIDATES) {
    return matchOverlap(namespace, selector, podLabels, owners, selecting());
  }
  let memo = overlapsByView.get(namespace);
  if (!memo) overlapsByView.set(namespace, (memo = new Map()));
  const key = JSON.stringify([selector ?? null, podLabels ?? null]);
  let overlap = memo.get(key);
  if (!overlap) {
    overlap = matchOverlap(namespace, selector, podLabels, owners, selecting());
    memo.set(key, overlap);
  }
  return overlap;
}

/** The overlap among the candidates: those whose pods `selector` matches, and those whose selector matches `podLabels`. */
function matchOverlap(
  namespace: NamespaceWorkloads,
  selector: LabelSelector | undefined,
  podLabels: Labels | undefined,
  owners: readonly IndexedWorkload[],
  selecting: readonly IndexedWorkload[],
): Overlap {
  const weSelect = new Set<IndexedWorkload>();
  if (selector) {
    for (const other of owners) {
      if (POD_OWNERS.has(other.kind) && other.podLabels && Object.keys(other.podLabels).length > 0 && labelSelectorMatches(selector, other.podLabels)) {
        weSelect.add(other);
      }
    }
  }
  const workloads = [...weSelect];
  if (podLabels) {
    for (const other of selecting) {
      if (other.kind === 'Pod' || !POD_OWNERS.has(other.kind) || weSelect.has(other)) continue;
      if (other.selector && !isEmptyLabelSelector(other.selector) && labelSelectorMatches(other.selector, podLabels)) workloads.push(other);
    }
  }
  // Report in the order the workloads appear: this file first, then the index.
  if (workloads.length > 1) workloads.sort((a, b) => namespace.position(a) - namespace.position(b));
  return { workloads, weSelect };
}

export const overlappingLabels: WorkspaceRule = {
  id: 'overlapping-labels',
  defaultSeverity: 'warning',
  description:
    'Another workload in the same namespace (any YAML file of the workspace) whose pods this DaemonSet selects, or whose selector matches the daemon pods: the controllers would adopt and delete each other\'s pods.',
  check: (ctx) => {
    const self = ctx.self;
    const isOther = otherThan(ctx);
    const namespace = ctx.workspace.namespace(self.namespace);
    const selfSelector = self.selector && !isEmptyLabelSelector(self.selector) ? self.selector : undefined;
    const overlap = overlapOf(namespace, selfSelector, self.podLabels);
    const workloads = overlap.workloads;
    // Only the first few are described; the rest are counted.
    const overlapping: IndexedWorkload[] = [];
    for (let i = 0; i < workloads.length && overlapping.length <= MAX_PEER_FINDINGS; i++) {
      if (isOther(workloads[i])) overlapping.push(workloads[i]);
    }
    // Most DaemonSets overlap only themselves: nothing to count or describe.
    if (overlapping.length === 0) return [];
    const total = workloads.length - notPeers(overlap, self, isOther);
    return boundedPeerFindings(
      overlapping,
      (other) => describeOverlap(overlap, other),
      (rest) => `Labels overlap with ${rest} more workloads (the first is related). Give each workload a distinct label (e.g. app.kubernetes.io/instance).`,
      total,
    );
  },
};

/** The finding that names `other`, one of the overlap's workloads: made once per overlap (Overlap.described). */
function describeOverlap(overlap: Overlap, other: IndexedWorkload): WorkspaceFinding {
  const described = (overlap.described ??= new Map());
  let finding = described.get(other);
  if (!finding) {
    const weSelectThem = overlap.weSelect.has(other);
    const name = describeWorkload(other);
    const what = weSelectThem
      ? `this DaemonSet's selector also matches the pods of ${name}, so it would adopt them and delete them as surplus`
      : `the selector of ${name} matches this DaemonSet's pods, so that controller would count or adopt them`;
    finding = {
      path: weSelectThem ? SELECTOR_PATH : POD_TEMPLATE_LABELS_PATH,
      on: 'key',
      message: `Labels overlap with another workload: ${what}. Give each workload a distinct label (e.g. app.kubernetes.io/instance).`,
      related: [
        {
          uri: other.uri,
          range: (weSelectThem ? other.ranges().podLabels : other.ranges().selector) ?? other.ranges().name,
          message: weSelectThem ? `pod labels of ${name}` : `selector of ${name}`,
        },
      ],
    };
    described.set(other, finding);
  }
  return finding;
}
