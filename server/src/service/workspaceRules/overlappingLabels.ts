/**
 * overlapping-labels: two controllers fight over pods when one's selector
 * matches the other's pod labels in the same namespace. A DaemonSet adopts
 * (and deletes as surplus) matching pods it did not create, and a Deployment
 * or ReplicaSet would count daemon pods as its own replicas.
 */
import { labelSelectorMatches, isEmptyLabelSelector, type LabelSelector, type Labels } from '../../model/labelSelector';
import type { IndexedWorkload } from '../workspaceIndex';
import type { NamespaceWorkloads } from './workspaceView';
import { describeWorkload, firstPeers, groupedPeerFinding, NotPeers, otherThan, type WorkspaceFinding, type WorkspaceRule } from './workspaceRule';
import { POD_TEMPLATE_LABELS_PATH, SELECTOR_PATH } from '../../model/fieldPath';

const POD_OWNERS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob', 'DaemonSet', 'ReplicationController', 'Pod']);

/**
 * The workloads overlapping a (selector, pod labels) pair, in file order: those the selector
 * selects (reported on the selector) and those whose selector selects the pod labels (reported on
 * the pod labels).
 */
interface Overlap {
  weSelect: Set<IndexedWorkload>;
  selected: PeerGroup;
  selecting: PeerGroup;
  /**
   * The finding that names each of them, made when first named: it depends on the overlap and
   * that workload only, and the copies of one DaemonSet name the same first workloads.
   */
  described?: Map<IndexedWorkload, WorkspaceFinding>;
}

/** The workloads of one finding of an overlap, in file order. */
interface PeerGroup {
  workloads: IndexedWorkload[];
  /** Counts the non-peers of a DaemonSet among them; made on first use. */
  notPeers?: NotPeers;
  /**
   * The finding that names several of them, by which of the first were not peers (the DaemonSet
   * itself, its versions) and how many are: the same for most copies of one DaemonSet.
   */
  grouped?: Map<string, WorkspaceFinding>;
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
  if (workloads.length === weSelect.size) return { weSelect, selected: { workloads }, selecting: { workloads: [] } };
  return {
    weSelect,
    selected: { workloads: workloads.filter((workload) => weSelect.has(workload)) },
    selecting: { workloads: workloads.filter((workload) => !weSelect.has(workload)) },
  };
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
    const findings: WorkspaceFinding[] = [];
    for (const group of [overlap.selected, overlap.selecting]) {
      const finding = groupFinding(overlap, group, self, isOther);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

/**
 * The one finding of a group of the overlap for `self`: the first MAX_RELATED_PEERS of its peers
 * named, all counted; undefined when it has none (most DaemonSets overlap only themselves). Built
 * once per group, for those DaemonSets of which the same first workloads are not peers.
 */
function groupFinding(overlap: Overlap, group: PeerGroup, self: IndexedWorkload, isOther: (other: IndexedWorkload) => boolean): WorkspaceFinding | undefined {
  const workloads = group.workloads;
  const { named, passed, notPeersAt } = firstPeers(workloads, isOther);
  if (named.length === 0) return undefined;
  // All passed over: those named are all; else the rest are counted, not passed over.
  const total = passed === workloads.length ? named.length : workloads.length - (group.notPeers ??= new NotPeers(workloads)).count(self, isOther);
  if (total === 1) return describeOverlap(overlap, named[0]);
  const grouped = (group.grouped ??= new Map());
  const key = `${notPeersAt}${total}`;
  let finding = grouped.get(key);
  if (!finding) {
    const weSelectThem = group === overlap.selected;
    finding = groupedPeerFinding(named, total, (other) => describeOverlap(overlap, other), describeWorkload, (names) =>
      weSelectThem
        ? `Labels overlap with ${total} other workloads: this DaemonSet's selector also matches the pods of ${names}, so it would adopt them and delete them as surplus. Give each workload a distinct label (e.g. app.kubernetes.io/instance).`
        : `Labels overlap with ${total} other workloads: the selectors of ${names} match this DaemonSet's pods, so those controllers would count or adopt them. Give each workload a distinct label (e.g. app.kubernetes.io/instance).`,
    );
    grouped.set(key, finding);
  }
  return finding;
}

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
