/**
 * scheduleDaemonPods: every DaemonSet × every node — where the controller
 * puts a daemon pod (nodeShouldRunDaemonPod's flags, never a second copy) and,
 * where it does, whether the default scheduler can bind it there
 * (NodePorts, NodeResourcesFit) or would preempt lower-priority pods for it.
 *
 * The pods on a node are the inventory's pods bound there (`spec.nodeName`),
 * except terminal ones (Succeeded, Failed) and the given DaemonSets' own pods,
 * which the DaemonSets' current pods replace — unless the node no longer gets
 * a new pod but the old one may stay (an untolerated NoSchedule taint: P4),
 * then the old pod stays and counts. A node without any pod bound in the
 * inventory is judged against the given DaemonSets' pods only (basis
 * `daemonsets`); with pods it is basis `pods`.
 *
 * Order on a node (why): pods already bound come first — the scheduler judges
 * a new pod against what the node holds. Then the daemon pods, highest
 * priority first, because the scheduler's queue (PrioritySort) pops higher
 * priorities first and a higher-priority pod could preempt a lower one anyway,
 * so higher-first is where the node settles. Pods of equal priority are
 * queued by arrival, which a repository cannot know: namespace, then name,
 * stands in for it so every view gives the same answer. A daemon pod that
 * fits only by preemption evicts its victims, and later daemon pods see the
 * node without them.
 *
 * Cost: pods are indexed by node once, each pod's requests computed once;
 * cells that run and fit share frozen results, so only Pending or preempting
 * cells allocate. A node's cells depend on the node, the pods bound to it and
 * the DaemonSets alone, so a recompute given earlier schedules of the same
 * DaemonSets, pods and PriorityClasses (a what-if that removes or adds
 * nodes) takes the cells of every node one of them judged.
 */
import type { DaemonSet, Node, Pod, PriorityClass } from '../../model/kubeTypes';
import { controllerRef, namespaceOf } from '../daemonPods';
import { compilePlacement, placementFlags, placementSelectsNode, type CompiledPlacement, type PlacementFlags } from '../nodeShouldRunDaemonPod';
import { podRequests, type ResourceList } from '../podResources';
import { isPodTerminal } from '../podUtil';
import { addPod, newNodeFitState, podFits, removePod, type PodDemand, type ScheduledPod } from './nodeFitState';
import { hostPortsOf } from './nodePorts';
import { nodeAllocatable, schedulerRequests, type NodeAllocatable } from './nodeResourcesFit';
import { podDemandOf } from './podDemand';
import { indexPriorityClasses, podPriority, podPriorityValue, type PodPriority } from './podPriority';
import { judgeDaemonPod, type SchedulingBasis, type SchedulingVerdict } from './judgeDaemonPod';
import { plural } from '../../model/plural';
import { sameItems } from '../../model/sameItems';

export { podDemandOf } from './podDemand';
export {
  describeSchedulingBasis,
  describeVictims,
  type PreemptionVerdict,
  type PreemptionVictim,
  type SchedulingBasis,
  type SchedulingPlugin,
  type SchedulingVerdict,
} from './judgeDaemonPod';

export interface ScheduleDaemonPodsInput {
  daemonSets: readonly DaemonSet[];
  nodes: readonly Node[];
  /** The inventory's pods (any namespace; only those bound to a node count). */
  pods?: readonly Pod[];
  /** PriorityClass objects of the workspace and the inventory; the two system classes are built in. */
  priorityClasses?: readonly PriorityClass[];
}

export type DaemonPodOutcome = 'runs' | 'pending' | 'excluded' | 'taintNotTolerated';

export interface DaemonPodCell {
  /** runs (fits, or fits after preemption) / pending (scheduler) / excluded (not selected) / taintNotTolerated. */
  outcome: DaemonPodOutcome;
  /** nodeShouldRunDaemonPod's flags; for the reasons in words call evaluatePlacement(schedule.compiled, node). */
  flags: PlacementFlags;
  /** Present exactly when flags.shouldRun. */
  scheduling?: SchedulingVerdict;
}

export interface DaemonSetSchedule {
  daemonSet: DaemonSet;
  /** `namespace/name`. */
  key: string;
  compiled: CompiledPlacement;
  priority: PodPriority;
  /** One daemon pod's effective requests (podRequests). */
  requests: ResourceList;
  /** One cell per node, in the order of the input nodes. */
  cells: DaemonPodCell[];
  counts: Record<DaemonPodOutcome, number> & { preempting: number };
}

export interface DaemonPodsSchedule {
  /** In the order of the input DaemonSets. */
  daemonSets: DaemonSetSchedule[];
  /** Indexes into `daemonSets` in the order their pods compete on a node. */
  competitionOrder: number[];
  /** Per node (input order): what fit was judged against. */
  basis: SchedulingBasis[];
}

/**
 * The DaemonSets without later copies of one (the same namespace and name in
 * another file is a version of it, not a rival for its nodes): the first wins.
 */
export function distinctDaemonSets(daemonSets: readonly DaemonSet[]): DaemonSet[] {
  const seen = new Set<string>();
  return daemonSets.filter((daemonSet) => {
    const key = daemonSetKey(daemonSet);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The basis over the nodes a view judged, in one line ("Scheduler fit judged against the DaemonSets only:
 * the inventory has no pod data"), so a view without pod data says what its Pending verdicts rest on.
 */
export function describeSchedulingBases(judgedNodes: number, daemonSetsOnlyNodes: number): string {
  const withPods = judgedNodes - daemonSetsOnlyNodes;
  if (daemonSetsOnlyNodes === 0) return "Scheduler fit judged against the inventory's pods on every node";
  if (withPods === 0) return 'Scheduler fit judged against the DaemonSets only: the inventory has no pod data';
  return `Scheduler fit judged against the inventory's pods on ${plural(withPods, 'node')}, against the DaemonSets only on ${plural(daemonSetsOnlyNodes, 'node')} without pod data`;
}

function daemonSetKey(daemonSet: DaemonSet): string {
  return `${namespaceOf(daemonSet)}/${daemonSet.metadata.name}`;
}

const EMPTY: readonly never[] = Object.freeze([]);

function fitsVerdict(basis: SchedulingBasis, resourcesJudged: boolean): SchedulingVerdict {
  return Object.freeze({ fits: true, pending: false, reasons: EMPTY, insufficient: EMPTY, portConflicts: EMPTY, basis, resourcesJudged });
}

const FITS: Record<SchedulingBasis, Record<'judged' | 'unjudged', DaemonPodCell>> = {
  pods: {
    judged: Object.freeze({ outcome: 'runs', flags: Object.freeze({ shouldRun: true, shouldContinueRunning: true }), scheduling: fitsVerdict('pods', true) }),
    unjudged: Object.freeze({ outcome: 'runs', flags: Object.freeze({ shouldRun: true, shouldContinueRunning: true }), scheduling: fitsVerdict('pods', false) }),
  },
  daemonsets: {
    judged: Object.freeze({ outcome: 'runs', flags: Object.freeze({ shouldRun: true, shouldContinueRunning: true }), scheduling: fitsVerdict('daemonsets', true) }),
    unjudged: Object.freeze({ outcome: 'runs', flags: Object.freeze({ shouldRun: true, shouldContinueRunning: true }), scheduling: fitsVerdict('daemonsets', false) }),
  },
};

const FITS_CELLS: ReadonlySet<DaemonPodCell> = new Set(Object.values(FITS).flatMap((cells) => Object.values(cells)));

const EXCLUDED = new Map<PlacementFlags, DaemonPodCell>();
const TAINT_NOT_TOLERATED = new Map<PlacementFlags, DaemonPodCell>();

/**
 * The cell of a node that gets no new pod. placementFlags answers with shared
 * frozen flags, so these maps hold at most two entries each. An untolerated
 * NoExecute taint gives the same flags as "not selected" (P5): selection alone
 * tells them apart.
 */
function notPlacedCell(flags: PlacementFlags, compiled: CompiledPlacement, node: Node, hasNoExecuteTaint: boolean): DaemonPodCell {
  const taintBlocked = flags.shouldContinueRunning || (hasNoExecuteTaint && placementSelectsNode(compiled, node));
  const cache = taintBlocked ? TAINT_NOT_TOLERATED : EXCLUDED;
  let cell = cache.get(flags);
  if (!cell) {
    cell = Object.freeze({ outcome: taintBlocked ? 'taintNotTolerated' : 'excluded', flags });
    cache.set(flags, cell);
  }
  return cell;
}

/**
 * The inventory's pods' requests and host ports, remembered per pods list
 * (index for index): the editor and the panel recompute on every keystroke
 * over the same inventory objects, and an inventory's hundred thousand pods
 * are the bulk of the work. One entry per list, not one per pod: a first
 * look at a new inventory then costs no hundred thousand weak entries for the
 * garbage collector to trace. Pods are never mutated here, and a WeakMap lets
 * a dropped inventory go.
 */
const DEMANDS = new WeakMap<readonly Pod[], Array<PodDemand | undefined>>();

/** The remembered demands of a pods list, index for index; filled as scheduleDaemonPods reads each bound, non-terminal pod. */
export function inventoryPodDemands(pods: readonly Pod[]): ReadonlyArray<PodDemand | undefined> {
  return demandsOf(pods);
}

function demandsOf(pods: readonly Pod[]): Array<PodDemand | undefined> {
  let demands = DEMANDS.get(pods);
  if (!demands || demands.length !== pods.length) {
    demands = new Array<PodDemand | undefined>(pods.length);
    DEMANDS.set(pods, demands);
  }
  return demands;
}

/** The demand of `pods[index]`, remembered with its list like scheduleDaemonPods' (a live snapshot's pods are read again by every rollout simulated over it). */
export function rememberedPodDemand(pods: readonly Pod[], index: number): PodDemand {
  return (demandsOf(pods)[index] ??= podDemandOf(pods[index].spec));
}

const ALLOCATABLE = new WeakMap<Record<string, string>, NodeAllocatable>();

/** nodeAllocatable, remembered per allocatable object (a what-if edit of a node replaces the node, not this record in place). */
export function allocatableOf(node: Node): NodeAllocatable {
  let allocatable = ALLOCATABLE.get(node.status.allocatable);
  if (!allocatable) {
    allocatable = nodeAllocatable(node);
    ALLOCATABLE.set(node.status.allocatable, allocatable);
  }
  return allocatable;
}

/** A bound pod as the filters and preemption see it. */
export function scheduledPodOf(pod: Pod, priority: number, demand: PodDemand): ScheduledPod {
  return {
    namespace: namespaceOf(pod),
    name: pod.metadata.name,
    priority,
    startTime: pod.status.startTime,
    requests: demand.requests,
    hostPorts: demand.hostPorts,
  };
}

/** A schedule and the input it answered, for scheduleDaemonPods to take unchanged nodes' cells from (when sameScheduleInputs). */
export interface PreviousSchedule {
  input: ScheduleDaemonPodsInput;
  schedule: DaemonPodsSchedule;
}

/** Where a node's cells are in an earlier schedule. */
interface Column {
  schedule: DaemonPodsSchedule;
  index: number;
}

/** Whether an earlier schedule's cells still hold: the same DaemonSet objects in the same order, the same pods list and the same PriorityClasses list. */
export function sameScheduleInputs(before: ScheduleDaemonPodsInput, input: ScheduleDaemonPodsInput): boolean {
  if (before.pods !== input.pods || before.priorityClasses !== input.priorityClasses) return false;
  return sameItems(before.daemonSets, input.daemonSets);
}

/**
 * The cells of each node object an earlier schedule of the same inputs judged
 * (the first schedule given that judged it). A node object is never edited in place (a
 * what-if replaces it), so the same object has the same cells.
 */
function reusableColumns(input: ScheduleDaemonPodsInput, previous: readonly PreviousSchedule[]): Map<Node, Column> | undefined {
  let columns: Map<Node, Column> | undefined;
  for (const { input: before, schedule } of previous) {
    if (!sameScheduleInputs(before, input)) continue;
    columns ??= new Map();
    for (let index = 0; index < before.nodes.length; index++) if (!columns.has(before.nodes[index])) columns.set(before.nodes[index], { schedule, index });
  }
  return columns;
}

/** The competition order: priority (high first), then namespace and name, then input order. */
function competitionOrder(schedules: readonly DaemonSetSchedule[]): number[] {
  return schedules
    .map((_, index) => index)
    .sort((a, b) => {
      const byPriority = schedules[b].priority.value - schedules[a].priority.value;
      if (byPriority !== 0) return byPriority;
      const byKey = schedules[a].key < schedules[b].key ? -1 : schedules[a].key > schedules[b].key ? 1 : 0;
      return byKey !== 0 ? byKey : a - b;
    });
}

/** The one entry point: see the file header. */
export function scheduleDaemonPods(input: ScheduleDaemonPodsInput, previous: readonly PreviousSchedule[] = []): DaemonPodsSchedule {
  const columns = reusableColumns(input, previous);
  const classes = indexPriorityClasses(input.priorityClasses);
  const schedules: DaemonSetSchedule[] = input.daemonSets.map((daemonSet) => {
    const spec = daemonSet.spec.template.spec;
    return {
      daemonSet,
      key: daemonSetKey(daemonSet),
      compiled: compilePlacement(daemonSet),
      priority: podPriority(spec, classes),
      requests: podRequests(spec),
      cells: new Array<DaemonPodCell>(input.nodes.length),
      counts: { runs: 0, pending: 0, excluded: 0, taintNotTolerated: 0, preempting: 0 },
    };
  });
  const order = competitionOrder(schedules);
  const demands = schedules.map((schedule) => ({
    requests: schedulerRequests(schedule.requests),
    hostPorts: hostPortsOf(schedule.daemonSet.spec.template.spec),
  }));
  // A daemon pod as later pods on the node see it; one object per DaemonSet serves every node (nothing mutates it).
  const placedPods: ScheduledPod[] = schedules.map((schedule, index) => ({
    namespace: namespaceOf(schedule.daemonSet),
    name: schedule.daemonSet.metadata.name,
    daemonSet: schedule.key,
    priority: schedule.priority.value,
    ...demands[index],
  }));
  const byKey = new Map<string, number>();
  schedules.forEach((schedule, index) => byKey.set(schedule.key, index));

  // Index the inventory's bound pods by node, once; the DaemonSets' own pods aside.
  const podsByNode = new Map<string, ScheduledPod[]>();
  const ownPodsByNode = new Map<string, { daemonSet: number; pod: ScheduledPod }[]>();
  const boundNodes = new Set<string>();
  const pods = input.pods ?? EMPTY;
  const podDemands = demandsOf(pods);
  for (let podIndex = 0; podIndex < pods.length; podIndex++) {
    const pod = pods[podIndex];
    const nodeName = pod.spec.nodeName;
    if (!nodeName) continue;
    boundNodes.add(nodeName);
    if (isPodTerminal(pod)) continue;
    const ref = controllerRef(pod);
    const own = ref?.kind === 'DaemonSet' ? byKey.get(`${namespaceOf(pod)}/${ref.name}`) : undefined;
    const demand = (podDemands[podIndex] ??= podDemandOf(pod.spec));
    const scheduled = scheduledPodOf(pod, podPriorityValue(pod.spec, classes), demand);
    if (own !== undefined) {
      scheduled.daemonSet = schedules[own].key;
      const list = ownPodsByNode.get(nodeName);
      if (list) list.push({ daemonSet: own, pod: scheduled });
      else ownPodsByNode.set(nodeName, [{ daemonSet: own, pod: scheduled }]);
    } else {
      const list = podsByNode.get(nodeName);
      if (list) list.push(scheduled);
      else podsByNode.set(nodeName, [scheduled]);
    }
  }

  const basisPerNode: SchedulingBasis[] = new Array<SchedulingBasis>(input.nodes.length);
  const flagsOf = new Array<PlacementFlags>(schedules.length);
  input.nodes.forEach((node, nodeIndex) => {
    const column = columns?.get(node);
    if (column !== undefined) {
      basisPerNode[nodeIndex] = column.schedule.basis[column.index];
      for (let index = 0; index < schedules.length; index++) {
        const schedule = schedules[index];
        const cell = column.schedule.daemonSets[index].cells[column.index];
        schedule.cells[nodeIndex] = cell;
        schedule.counts[cell.outcome]++;
        // The shared fits cells are the runs without preemption; every other runs cell preempted.
        if (cell.outcome === 'runs' && !FITS_CELLS.has(cell)) schedule.counts.preempting++;
      }
      return;
    }
    const name = node.metadata.name;
    const basis: SchedulingBasis = boundNodes.has(name) ? 'pods' : 'daemonsets';
    basisPerNode[nodeIndex] = basis;
    const allocatable = allocatableOf(node);
    const state = newNodeFitState(allocatable);
    // Indexed loops over the node's pods and the DaemonSets: no iterator per node.
    const bound = podsByNode.get(name) ?? EMPTY;
    for (let index = 0; index < bound.length; index++) addPod(state, bound[index]);
    for (let index = 0; index < schedules.length; index++) flagsOf[index] = placementFlags(schedules[index].compiled, node);
    // P4: a node that gets no new pod but lets the old one stay keeps the old pod and what it holds.
    for (const own of ownPodsByNode.get(name) ?? EMPTY) {
      const flags = flagsOf[own.daemonSet];
      if (!flags.shouldRun && flags.shouldContinueRunning) addPod(state, own.pod);
    }
    const fitsCell = FITS[basis][allocatable.known ? 'judged' : 'unjudged'];
    const hasNoExecuteTaint = node.spec.taints.some((taint) => taint.effect === 'NoExecute');
    for (let position = 0; position < order.length; position++) {
      const index = order[position];
      const schedule = schedules[index];
      const flags = flagsOf[index];
      if (!flags.shouldRun) {
        const cell = notPlacedCell(flags, schedule.compiled, node, hasNoExecuteTaint);
        schedule.cells[nodeIndex] = cell;
        schedule.counts[cell.outcome]++;
        continue;
      }
      const demand = demands[index];
      if (podFits(state, demand)) {
        addPod(state, placedPods[index]);
        schedule.cells[nodeIndex] = fitsCell;
        schedule.counts.runs++;
        continue;
      }
      const placed = placedPods[index];
      const { scheduling, evicted } = judgeDaemonPod(state, demand, schedule.priority, basis);
      const pending = scheduling.pending;
      if (!pending) {
        for (const victim of evicted) removePod(state, victim);
        addPod(state, placed);
        schedule.counts.runs++;
        schedule.counts.preempting++;
      } else {
        schedule.counts.pending++;
      }
      schedule.cells[nodeIndex] = { outcome: pending ? 'pending' : 'runs', flags, scheduling };
    }
  });
  return { daemonSets: schedules, competitionOrder: order, basis: basisPerNode };
}
