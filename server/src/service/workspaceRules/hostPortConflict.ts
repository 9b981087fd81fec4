/**
 * hostport-conflict: two DaemonSets that bind the same host port and
 * protocol, on nodes they can share, leave one of the two pods Pending on
 * every such node. Without a node inventory, two DaemonSets can share a node
 * unless their nodeSelectors require different values of one label.
 */
import type { IndexedWorkload } from '../workspaceIndex';
import type { WorkspaceView } from './workspaceView';
import { describeWorkload, firstPeers, groupedPeerFinding, MAX_RELATED_PEERS, NotPeers, otherThan, type WorkspaceFinding, type WorkspaceRule } from './workspaceRule';

/** Whether two DaemonSets' nodeSelectors let them run on one node: no label required with two different values. */
export function canShareNodes(a: Pick<IndexedWorkload, 'nodeSelector'>, b: Pick<IndexedWorkload, 'nodeSelector'>): boolean {
  const mine = a.nodeSelector;
  const theirs = b.nodeSelector;
  if (!mine || !theirs) return true;
  // No entry list: this runs for each pair of nodeSelector groups on a port.
  for (const key in mine) {
    if (!Object.hasOwn(mine, key)) continue;
    // Own labels only: a label key such as `constructor` is not required by a selector that lacks it.
    if (!Object.hasOwn(theirs, key)) continue;
    if (theirs[key] !== mine[key]) return false;
  }
  return true;
}

/** The first DaemonSets on a host port that can share nodes with a nodeSelector, whether that is all of them, and how many there are. */
interface SharingPrefix {
  first: IndexedWorkload[];
  complete: boolean;
  total: number;
  /**
   * What the finding that names several of them says, by which of the first were not peers (the
   * DaemonSet itself, its versions) and how many are: the same for most DaemonSets of one node pool.
   */
  grouped?: Map<string, Described>;
}

/** Enough for MAX_RELATED_PEERS others when the DaemonSet itself and a few of its versions are among them. */
const PREFIX_LENGTH = MAX_RELATED_PEERS + 8;

/** Some DaemonSets on a port: how many, and the first PREFIX_LENGTH of them with their positions in the port's list, ascending. */
interface Bucket {
  total: number;
  first: Array<[number, IndexedWorkload]>;
}

/**
 * The port's DaemonSets whose nodeSelectors have one set of label keys (none for those without one). Two
 * nodeSelectors conflict only on keys both require, so for a DaemonSet whose selector has the keys K, the
 * members of a class with keys S that can share its nodes are those with its values on S ∩ K: one lookup
 * per class, in buckets built once per S ∩ K, instead of a comparison with every distinct nodeSelector.
 */
interface KeyClass {
  keys: readonly string[];
  /** Its members by nodeSelector, in port order. */
  members: Array<[number, IndexedWorkload]>;
  all: Bucket;
  /** By the keys of S ∩ K (JSON), then by the values required on them (JSON): the members requiring exactly those. */
  byShared: Map<string, Map<string, Bucket>>;
}

/** Per validation, per host port: the port's classes, the answer per nodeSelector, and each peer's finding text. */
interface PortPeers {
  classes: KeyClass[];
  sharing: Map<string, SharingPrefix>;
  described: Map<IndexedWorkload, Described>;
  /** Counts the non-peers of a DaemonSet among the port's DaemonSets, by nodeSelector; made on first use. */
  notPeers?: NotPeers;
}

/** What a finding says of one peer on a port: the same for every DaemonSet that names it there. */
interface Described {
  message: string;
  related: WorkspaceFinding['related'];
}

/** Per validation (one WorkspaceView), per host port (`port/protocol`). */
const portsCache = new WeakMap<WorkspaceView, Map<string, PortPeers>>();
/** A nodeSelector's text and keys, once per selector object (summaries, and so their selectors, live as long as their document's text). */
const signatures = new WeakMap<object, { signature: string; keys: string[] }>();

const NO_SELECTOR = { signature: '[]', keys: [] as string[] };

function signatureOf(workload: IndexedWorkload): { signature: string; keys: string[] } {
  const selector = workload.nodeSelector;
  if (!selector) return NO_SELECTOR;
  let known = signatures.get(selector);
  if (known === undefined) {
    const entries = Object.entries(selector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    known = { signature: JSON.stringify(entries), keys: entries.map(([key]) => key) };
    signatures.set(selector, known);
  }
  return known;
}

function addToBucket(bucket: Bucket, member: [number, IndexedWorkload]): void {
  // Members are added in port order: the first PREFIX_LENGTH added are the first.
  if (bucket.total++ < PREFIX_LENGTH) bucket.first.push(member);
}

function portPeers(view: WorkspaceView, port: number, protocol: string): PortPeers {
  let byPort = portsCache.get(view);
  if (!byPort) portsCache.set(view, (byPort = new Map()));
  const key = `${port}/${protocol}`;
  let peers = byPort.get(key);
  if (!peers) {
    const byKeys = new Map<string, KeyClass>();
    view.daemonSetsOnHostPort(port, protocol).forEach((workload, position) => {
      const { keys } = signatureOf(workload);
      const keysKey = JSON.stringify(keys);
      let keyClass = byKeys.get(keysKey);
      if (!keyClass) byKeys.set(keysKey, (keyClass = { keys, members: [], all: { total: 0, first: [] }, byShared: new Map() }));
      const member: [number, IndexedWorkload] = [position, workload];
      keyClass.members.push(member);
      addToBucket(keyClass.all, member);
    });
    peers = { classes: [...byKeys.values()], sharing: new Map(), described: new Map() };
    byPort.set(key, peers);
  }
  return peers;
}

/** The members of a class that require `values` on `shared` (keys all of them have), built once per `shared`. */
function bucketOf(keyClass: KeyClass, shared: readonly string[], values: string): Bucket | undefined {
  const sharedKey = JSON.stringify(shared);
  let buckets = keyClass.byShared.get(sharedKey);
  if (!buckets) {
    buckets = new Map();
    for (const member of keyClass.members) {
      const selector = member[1].nodeSelector as Record<string, string>;
      const memberValues = JSON.stringify(shared.map((label) => selector[label]));
      let bucket = buckets.get(memberValues);
      if (!bucket) buckets.set(memberValues, (bucket = { total: 0, first: [] }));
      addToBucket(bucket, member);
    }
    keyClass.byShared.set(sharedKey, buckets);
  }
  return buckets.get(values);
}

/**
 * The DaemonSets on a host port that can share nodes with `self` (canShareNodes): the first
 * PREFIX_LENGTH in port order and whether that is all. DaemonSets with equal nodeSelectors ask the
 * same question, so it is answered once per nodeSelector, with one lookup per key class (KeyClass).
 */
function sharingNodesOnHostPort(peers: PortPeers, self: IndexedWorkload): SharingPrefix {
  const { signature } = signatureOf(self);
  let prefix = peers.sharing.get(signature);
  if (!prefix) {
    const selector = self.nodeSelector;
    const candidates: Array<[number, IndexedWorkload]> = [];
    let total = 0;
    for (const keyClass of peers.classes) {
      const shared = selector ? keyClass.keys.filter((key) => Object.hasOwn(selector, key)) : [];
      const bucket = shared.length === 0 ? keyClass.all : bucketOf(keyClass, shared, JSON.stringify(shared.map((key) => (selector as Record<string, string>)[key])));
      if (!bucket) continue;
      total += bucket.total;
      for (const member of bucket.first) candidates.push(member);
    }
    candidates.sort((a, b) => a[0] - b[0]);
    prefix = { first: candidates.slice(0, PREFIX_LENGTH).map(([, workload]) => workload), complete: total <= PREFIX_LENGTH, total };
    peers.sharing.set(signature, prefix);
  }
  return prefix;
}

export const hostPortConflict: WorkspaceRule = {
  id: 'hostport-conflict',
  defaultSeverity: 'warning',
  description:
    'Two DaemonSets of the workspace bind the same host port and protocol on nodes they can share: on each such node one of the two pods stays Pending.',
  check: (ctx) => {
    const self = ctx.self;
    if (self.hostPorts.length === 0) return [];
    const isOther = otherThan(ctx);
    const findings: WorkspaceFinding[] = [];
    for (const use of self.hostPorts) {
      const peers = portPeers(ctx.workspace, use.port, use.protocol);
      // The first few are named, the rest counted: no pass over thousands of copies per DaemonSet.
      const sharing = sharingNodesOnHostPort(peers, self);
      const inPrefix = firstPeers(sharing.first, isOther);
      let { named, notPeersAt: skipped } = inPrefix;
      if (named.length < MAX_RELATED_PEERS && !sharing.complete) {
        // More than the prefix holds were the DaemonSet itself or its other versions: read on.
        const all = firstPeers(ctx.workspace.daemonSetsOnHostPort(use.port, use.protocol), isOther, (other) => canShareNodes(self, other));
        named = all.named;
        skipped = `all:${all.notPeersAt}`;
      }
      if (named.length === 0) continue;
      const total =
        sharing.complete && inPrefix.passed === sharing.first.length
          ? named.length
          : sharing.total - (peers.notPeers ??= new NotPeers(ctx.workspace.daemonSetsOnHostPort(use.port, use.protocol), (workload) => signatureOf(workload).signature)).count(self, isOther, (other) => canShareNodes(self, other));
      // The text of a finding depends on the port and the peers only: the DaemonSets of one node pool name the same first peers.
      const describe = (other: IndexedWorkload): WorkspaceFinding => {
        let described = peers.described.get(other);
        if (!described) {
          let index = 0;
          while (index < other.hostPorts.length && (other.hostPorts[index].port !== use.port || other.hostPorts[index].protocol !== use.protocol)) index++;
          const name = describeWorkload(other);
          described = {
            message: `Host port ${use.port}/${use.protocol} is also bound by ${name}: on every node both DaemonSets run on, one of the two pods cannot be scheduled.`,
            related: [{ uri: other.uri, range: other.ranges().hostPorts[index] ?? other.ranges().name, message: `hostPort ${use.port} of ${name}` }],
          };
          peers.described.set(other, described);
        }
        return { path: use.path, message: described.message, related: described.related };
      };
      if (total === 1) {
        findings.push(describe(named[0]));
        continue;
      }
      const grouped = (sharing.grouped ??= new Map());
      const key = `${skipped}${total}`;
      let described = grouped.get(key);
      if (!described) {
        const finding = groupedPeerFinding(named, total, describe, describeWorkload, (names) =>
          `Host port ${use.port}/${use.protocol} is also bound by ${names} (${total} DaemonSets): on every node this DaemonSet shares with one of them, one of the two pods cannot be scheduled.`,
        );
        described = { message: finding.message, related: finding.related };
        grouped.set(key, described);
      }
      findings.push({ path: use.path, message: described.message, related: described.related });
    }
    return findings;
  },
};
