/**
 * hostport-conflict: two DaemonSets that bind the same host port and
 * protocol, on nodes they can share, leave one of the two pods Pending on
 * every such node. Without a node inventory, two DaemonSets can share a node
 * unless their nodeSelectors require different values of one label.
 */
import type { IndexedWorkload } from '../workspaceIndex';
import { boundedPeerFindings, MAX_PEER_FINDINGS, describeWorkload, otherThan, type WorkspaceFinding, type WorkspaceRule } from './workspaceRule';

function canShareNodes(a: IndexedWorkload, b: IndexedWorkload): boolean {
  for (const [key, value] of Object.entries(a.nodeSelector ?? {})) {
    const other = b.nodeSelector?.[key];
    if (other !== undefined && other !== value) return false;
  }
  return true;
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
      for (const other of ctx.workspace.daemonSetsOnHostPort(use.port, use.protocol)) {
        if (isOther(other) && canShareNodes(self, other) && others.push(other) > MAX_PEER_FINDINGS) break;
      }
      const describe = (other: IndexedWorkload): WorkspaceFinding => {
        const index = other.hostPorts.findIndex((o) => o.port === use.port && o.protocol === use.protocol);
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
