/**
 * hostport-conflict: two DaemonSets that bind the same host port and
 * protocol, on nodes they can share, leave one of the two pods Pending on
 * every such node. Without a node inventory, two DaemonSets can share a node
 * unless their nodeSelectors require different values of one label.
 */
import type { IndexedWorkload } from '../workspaceIndex';
import type { WorkspaceView } from './workspaceView';
import { boundedPeerFindings, MAX_PEER_FINDINGS, describeWorkload, otherThan, type WorkspaceFinding, type WorkspaceRule } from './workspaceRule';

/** Whether two DaemonSets' nodeSelectors let them run on one node: no label required with two different values. */
export function canShareNodes(a: Pick<IndexedWorkload, 'nodeSelector'>, b: Pick<IndexedWorkload, 'nodeSelector'>): boolean {
  const mine = a.nodeSelector;
  const theirs = b.nodeSelector;
  if (!mine || !theirs) return true;
  // No entry list: this runs for each pair of nodeSelector groups on a port.
  for (const key in mine) {
    if (!Object.hasOwn(mine, key)) continue;
    const other = theirs[key];
    if (other !== undefined && other !== mine[key]) return false;
  }
  return true;
}

/** The first DaemonSets on a host port that can share nodes with a nodeSelector, and whether that is all of them. */
interface SharingPrefix {
  first: IndexedWorkload[];
  complete: boolean;
}

/** Enough for MAX_PEER_FINDINGS + 1 others when the DaemonSet itself and a few of its versions are among them. */
const PREFIX_LENGTH = MAX_PEER_FINDINGS + 8;

/**
 * Per validation (one WorkspaceView), per host port and nodeSelector: the DaemonSets that bind the
 * port on nodes such a DaemonSet can share. Thousands of DaemonSets on a few ports in many node
 * pools would otherwise each scan every user of their port; DaemonSets with equal nodeSelectors
 * ask the same question, so it is answered once.
 */
const sharingCache = new WeakMap<WorkspaceView, Map<string, SharingPrefix>>();
/** Per validation, per host port: its DaemonSets grouped by nodeSelector, each with its members in port order. */
const groupsCache = new WeakMap<WorkspaceView, Map<string, SelectorGroup[]>>();
/** A nodeSelector's text, once per selector object (summaries, and so their selectors, live as long as their document's text). */
const signatures = new WeakMap<object, string>();

interface SelectorGroup {
  representative: IndexedWorkload;
  /** Positions in the port's list, ascending, with the workloads. */
  members: Array<[number, IndexedWorkload]>;
}

function signatureOf(workload: IndexedWorkload): string {
  const selector = workload.nodeSelector;
  if (!selector) return '[]';
  let signature = signatures.get(selector);
  if (signature === undefined) {
    signature = JSON.stringify(Object.entries(selector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    signatures.set(selector, signature);
  }
  return signature;
}

function selectorGroups(view: WorkspaceView, port: number, protocol: string): SelectorGroup[] {
  let byPort = groupsCache.get(view);
  if (!byPort) groupsCache.set(view, (byPort = new Map()));
  const key = `${port}/${protocol}`;
  let groups = byPort.get(key);
  if (!groups) {
    const bySignature = new Map<string, SelectorGroup>();
    view.daemonSetsOnHostPort(port, protocol).forEach((workload, position) => {
      const signature = signatureOf(workload);
      const group = bySignature.get(signature);
      if (group) group.members.push([position, workload]);
      else bySignature.set(signature, { representative: workload, members: [[position, workload]] });
    });
    groups = [...bySignature.values()];
    byPort.set(key, groups);
  }
  return groups;
}

function sharingNodesOnHostPort(view: WorkspaceView, self: IndexedWorkload, port: number, protocol: string): SharingPrefix {
  let byKey = sharingCache.get(view);
  if (!byKey) sharingCache.set(view, (byKey = new Map()));
  const key = `${port}/${protocol} ${signatureOf(self)}`;
  let prefix = byKey.get(key);
  if (!prefix) {
    // Whether two DaemonSets can share nodes depends on their nodeSelectors only: judged once per group.
    const candidates: Array<[number, IndexedWorkload]> = [];
    let total = 0;
    for (const group of selectorGroups(view, port, protocol)) {
      if (!canShareNodes(self, group.representative)) continue;
      total += group.members.length;
      for (let i = 0; i < group.members.length && i < PREFIX_LENGTH; i++) candidates.push(group.members[i]);
    }
    candidates.sort((a, b) => a[0] - b[0]);
    prefix = { first: candidates.slice(0, PREFIX_LENGTH).map(([, workload]) => workload), complete: total <= PREFIX_LENGTH };
    byKey.set(key, prefix);
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
    const isOther = otherThan(ctx);
    if (self.hostPorts.length === 0) return [];
    const findings: WorkspaceFinding[] = [];
    self.hostPorts.forEach((use) => {
      // One more than is reported is enough to know that there are more: no pass over thousands of copies per DaemonSet.
      const others: IndexedWorkload[] = [];
      const sharing = sharingNodesOnHostPort(ctx.workspace, self, use.port, use.protocol);
      for (const other of sharing.first) {
        if (isOther(other) && others.push(other) > MAX_PEER_FINDINGS) break;
      }
      if (others.length <= MAX_PEER_FINDINGS && !sharing.complete) {
        // More than the prefix holds were the DaemonSet itself or its other versions: read on.
        others.length = 0;
        for (const other of ctx.workspace.daemonSetsOnHostPort(use.port, use.protocol)) {
          if (isOther(other) && canShareNodes(self, other) && others.push(other) > MAX_PEER_FINDINGS) break;
        }
      }
      const describe = (other: IndexedWorkload): WorkspaceFinding => {
        let index = 0;
        while (index < other.hostPorts.length && (other.hostPorts[index].port !== use.port || other.hostPorts[index].protocol !== use.protocol)) index++;
        return {
          path: use.path,
          message: `Host port ${use.port}/${use.protocol} is also bound by ${describeWorkload(other)}: on every node both DaemonSets run on, one of the two pods cannot be scheduled.`,
          related: [{ uri: other.uri, range: other.ranges().hostPorts[index] ?? other.ranges().name, message: `hostPort ${use.port} of ${describeWorkload(other)}` }],
        };
      };
      for (const finding of boundedPeerFindings(others, describe, () => `Host port ${use.port}/${use.protocol} is also bound by more DaemonSets (the next is related).`)) {
        findings.push(finding);
      }
    });
    return findings;
  },
};
