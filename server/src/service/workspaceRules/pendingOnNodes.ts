/**
 * pending-on-nodes: with a node inventory, the nodes where the DaemonSet
 * controller creates the daemon pod but the default scheduler would leave it
 * Pending (rule K1): a host port another pod or DaemonSet already binds there
 * (NodePorts), or not enough allocatable cpu, memory, ephemeral storage,
 * extended resources or pod slots (NodeResourcesFit) — even after what
 * preemption could evict. Counted against the inventory's pods, or, for nodes
 * without pod data, the workspace's other DaemonSets. The verdict is the
 * reconciler's (scheduleDaemonPods, through workspaceScheduling.ts).
 *
 * The quick fix is offered when the DaemonSet names no priorityClassName and
 * system-node-critical would let preemption make room on some of the nodes.
 */
import { plural } from '../../model/plural';
import { SYSTEM_NODE_CRITICAL } from '../../model/priorityClass';
import { POD_SPEC_PATH } from '../../model/fieldPath';
import type { DaemonSetSchedule } from '../../reconciler';
import { scheduleInWorkspace } from '../workspaceScheduling';
import type { WorkspaceFinding, WorkspaceRule } from './workspaceRule';

/** How many nodes the message names before it counts the rest. */
const NAMED_NODES = 3;

function pendingNodes(schedule: DaemonSetSchedule): number[] {
  const indexes: number[] = [];
  schedule.cells.forEach((cell, index) => {
    if (cell.outcome === 'pending') indexes.push(index);
  });
  return indexes;
}

export const pendingOnNodes: WorkspaceRule = {
  id: 'pending-on-nodes',
  defaultSeverity: 'warning',
  description:
    "With a node inventory: nodes where the controller creates the daemon pod but the default scheduler would leave it Pending — a host port already bound there (NodePorts) or not enough allocatable cpu, memory, ephemeral storage, extended resources or pod slots (NodeResourcesFit) — even after preempting lower-priority pods; counted against the inventory's pods or, without pod data, the workspace's other DaemonSets. The quick fix sets priorityClassName: system-node-critical where that priority would let preemption make room.",
  check: (ctx) => {
    const inventory = ctx.inventory;
    if (!inventory || inventory.nodes.length === 0) return [];
    // Read only now: the typed DaemonSet is the costly part of a document, and most validations have no inventory.
    const daemonSet = ctx.daemonSet;
    if (!daemonSet) return [];
    const input = { daemonSet, uri: ctx.uri, text: ctx.file.text, sameFile: ctx.workspace.sameFile, documentIndex: ctx.doc.index, index: ctx.workspace.index, inventory };
    const schedule = scheduleInWorkspace(input);
    const pending = pendingNodes(schedule);
    if (pending.length === 0) return [];
    const nodes = inventory.nodes;
    const named = pending.slice(0, NAMED_NODES).map((index) => {
      const scheduling = schedule.cells[index].scheduling;
      const why = [scheduling?.reasons[0], scheduling?.preemption?.message].filter(Boolean).join('; ');
      return `${nodes[index].metadata.name} (${why})`;
    });
    const rest = pending.length > NAMED_NODES ? `; and ${plural(pending.length - NAMED_NODES, 'more node')}` : '';
    const placed = schedule.counts.runs + schedule.counts.pending;
    const withoutPods = pending.filter((index) => schedule.cells[index].scheduling?.basis === 'daemonsets').length;
    const basis = withoutPods === 0 ? '' : ` Fit is judged against DaemonSets only on ${withoutPods} of them (no pod data for ${withoutPods === 1 ? 'it' : 'them'}).`;
    let fix = '';
    const data: Record<string, unknown> = {};
    if (!daemonSet.spec.template.spec.priorityClassName) {
      const critical = { ...daemonSet, spec: { ...daemonSet.spec, template: { ...daemonSet.spec.template, spec: { ...daemonSet.spec.template.spec, priorityClassName: SYSTEM_NODE_CRITICAL } } } };
      const rescued = pending.length - pendingNodes(scheduleInWorkspace({ ...input, replacement: critical })).length;
      if (rescued > 0) {
        fix = ` With priorityClassName: ${SYSTEM_NODE_CRITICAL} it would preempt lower-priority pods and run on ${plural(rescued, 'of them', 'of them')}.`;
        data.priorityClassName = SYSTEM_NODE_CRITICAL;
      }
    }
    const finding: WorkspaceFinding = {
      path: daemonSet.spec.template.spec.priorityClassName ? [...POD_SPEC_PATH, 'priorityClassName'] : [...POD_SPEC_PATH, 'containers'],
      on: 'key',
      message:
        `Pending (scheduler) on ${plural(pending.length, 'node')} of the ${placed} where ${inventory.label} places this DaemonSet's pod: ` +
        `${named.join('; ')}${rest}.${basis}${fix}`,
      related: [],
      ...(Object.keys(data).length > 0 ? { data } : {}),
    };
    return [finding];
  },
};
