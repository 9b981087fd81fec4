/**
 * The cluster view: every DaemonSet of a workspace over every node of an
 * inventory at once. Per node pool (nodePools.ts): which DaemonSets run
 * there and what they ask of each node — the daemon tax, summed requests and
 * limits against allocatable; the matrix DaemonSets × pools (and × nodes),
 * each cell runs / excluded (why) / pending (why); coverage gaps (a pool
 * without a DaemonSet that runs on most of the cluster); and host-port
 * collisions between DaemonSets. Placement and fit are the controller's and
 * the scheduler's (`scheduleDaemonPods`, `evaluatePlacement` for the words);
 * nothing here decides them again.
 *
 * Pure and browser-safe: the CLI and the webview run this same function.
 */
import type { DaemonSet, Node, Pod, PriorityClass } from '../model/kubeTypes';
import { setDefaultsDaemonSet } from '../model/daemonSetDefaults';
import { formatQuantityForPeople, parseQuantity, type Quantity } from '../model/quantity';
import { plural } from '../model/plural';
import { sameItems } from '../model/sameItems';
import { namespaceOf } from './daemonPods';
import { evaluatePlacement } from './nodeShouldRunDaemonPod';
import { groupNodePools, type NodePool } from './nodePools';
import { podLimits, podLimitsBounded } from './podResources';
import { describeSchedulingBases, describeSchedulingBasis, hostPortsConflict, hostPortsOf, sameScheduleInputs, scheduleDaemonPods, type DaemonSetSchedule, type PreviousSchedule, type HostPortUse, type SchedulingBasis } from './scheduling';

/** A node's outcome for one DaemonSet, as stored in `ClusterView.outcomes`. */
export const OUTCOME_RUNS = 0;
/** The controller creates the pod but the scheduler leaves it Pending. */
export const OUTCOME_PENDING = 1;
/** nodeName, nodeSelector or required node affinity leave the node out. */
export const OUTCOME_NOT_SELECTED = 2;
/** A NoSchedule or NoExecute taint is not tolerated. */
export const OUTCOME_TAINT = 3;
export type NodeOutcome = typeof OUTCOME_RUNS | typeof OUTCOME_PENDING | typeof OUTCOME_NOT_SELECTED | typeof OUTCOME_TAINT;

/** The resources the daemon tax is told in: what every node has, in the order people read them. */
export const TAX_RESOURCES = ['cpu', 'memory'] as const;
export type TaxResource = (typeof TAX_RESOURCES)[number];

export interface ClusterViewInput {
  daemonSets: readonly DaemonSet[];
  nodes: readonly Node[];
  /** The inventory's pods: what the scheduler judges fit against (nodes without any are judged against the DaemonSets only). */
  pods?: readonly Pod[];
  /** PriorityClass objects of the workspace and the inventory, for preemption. */
  priorityClasses?: readonly PriorityClass[];
  /** A node label to group by instead of the well-known pool labels. */
  groupBy?: string;
  /** Per DaemonSet (same order), the chart or overlay that rendered it (clusterSources.ts); absent for a manifest. */
  renderedBy?: ReadonlyArray<string | undefined>;
}

export interface ClusterDaemonSet {
  name: string;
  namespace: string;
  /** Where it was read, for "open the DaemonSet". */
  file?: string;
  line?: number;
  /** The chart or overlay that rendered it: "charts/fluent-bit with values-prod.yaml", "overlays/prod". */
  renderedBy?: string;
  /** One pod's effective requests and limits, as written (cpu, memory). */
  requests: Partial<Record<TaxResource, string>>;
  limits: Partial<Record<TaxResource, string>>;
  /** The requests exactly, in nano-units, for sorting and pictures. */
  requestNanos: Record<TaxResource, bigint>;
  hostPorts: readonly HostPortUse[];
  /** Nodes whose controller creates the pod (runs + pending). */
  desired: number;
  runs: number;
  pending: number;
  /** Nodes where it runs only after preempting lower-priority pods. */
  preempting: number;
}

/** The daemon tax on one node: what the DaemonSets the controller places there request, against its allocatable. */
export interface NodeTax {
  daemonSets: number;
  requests: Record<TaxResource, bigint>;
  limits: Record<TaxResource, bigint>;
  /** Where a pod sets no limit for a resource, its limit is the node's: the sum is then no bound. */
  unlimited: Record<TaxResource, boolean>;
  allocatable: Record<TaxResource, bigint>;
}

export interface PoolSummary {
  name: string;
  /** The label the pool is told by. */
  labels: string[];
  nodeCount: number;
  /** The distinct `node.kubernetes.io/instance-type` values of its nodes. */
  instanceTypes: string[];
  /** DaemonSets whose pod the controller creates on at least one node of the pool. */
  daemonSets: number;
  /** The pool's node with the largest share of allocatable taken by daemons (its tax is the pool's headline). */
  node: string;
  tax: NodeTax;
  /** Share of allocatable (0–∞) the daemons request on the pool's nodes: smallest and largest. */
  share: Record<TaxResource, { min: number; max: number } | undefined>;
  /** Nodes where at least one daemon pod stays Pending. */
  pendingNodes: number;
  /** The headline: "m6i.large (system): 9 daemons, 1.1 CPU = 57% of allocatable, …". */
  headline: string;
}

export type CellState = 'runs' | 'partial' | 'pending' | 'excluded';

export interface ClusterCell {
  runs: number;
  pending: number;
  /** Of `runs`: nodes where the pod fits only after preempting lower-priority pods. */
  preempting: number;
  notSelected: number;
  taint: number;
  state: CellState;
  /** Why, for the nodes that do not run it (and where it preempts): the first node's reasons of each kind, in the controller's and the scheduler's words. */
  reasons: string[];
}

export interface CoverageGap {
  daemonSet: number;
  pool: number;
  /** Nodes of the pool without the pod (excluded or Pending). */
  missing: number;
  of: number;
  /** The share of the cluster's nodes the DaemonSet runs on (Pending excluded), 0–1, that makes the gap stand out. */
  coverage: number;
  reason: string;
}

export interface HostPortCollision {
  port: number;
  protocol: string;
  daemonSets: [number, number];
  nodes: number;
  pools: string[];
  /** The first nodes, to name in a message. */
  exampleNodes: string[];
}

export interface ClusterView {
  daemonSets: ClusterDaemonSet[];
  nodes: readonly Node[];
  pools: PoolSummary[];
  /** Pool index of each node. */
  poolOfNode: Int32Array;
  /** `outcomes[d * nodes.length + n]`: NodeOutcome of DaemonSet d on node n. */
  outcomes: Uint8Array;
  /** `cells[d][p]`: DaemonSet d over pool p. */
  cells: ClusterCell[][];
  gaps: CoverageGap[];
  collisions: HostPortCollision[];
  nodeTax: NodeTax[];
  /** Per node: what fit was judged against. */
  basis: SchedulingBasis[];
  /** How many nodes were judged against the DaemonSets only (no pod of the inventory is bound there). */
  daemonSetsOnlyNodes: number;
}

/** A DaemonSet that runs on more than this share of the nodes (most of the cluster) is expected everywhere: the pools without it are gaps. */
export const COVERAGE_THRESHOLD = 0.5;

const MAX_EXAMPLE_NODES = 3;

function zeroRecord<T>(value: T): Record<TaxResource, T> {
  return { cpu: value, memory: value };
}

function nanosOf(text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  return parseQuantity(text)?.nanos;
}

/** The pod's limits (podLimits) and whether each is a bound (podLimitsBounded), for the tax resources. */
function limitsOf(daemonSet: DaemonSet): { limits: Record<TaxResource, bigint>; unlimited: Record<TaxResource, boolean> } {
  const spec = daemonSet.spec.template.spec;
  const all = podLimits(spec);
  const limits = zeroRecord(0n);
  const unlimited = zeroRecord(false);
  for (const resource of TAX_RESOURCES) {
    limits[resource] = all.get(resource)?.nanos ?? 0n;
    unlimited[resource] = !podLimitsBounded(spec, resource);
  }
  return { limits, unlimited };
}

function show(nanos: bigint, resource: TaxResource): string {
  return formatQuantityForPeople({ nanos, format: resource === 'memory' ? 'BinarySI' : 'DecimalSI' } as Quantity, resource);
}

/** `nanos / of` as a number; undefined when the node declares none. */
function shareOf(nanos: bigint, of: bigint): number | undefined {
  if (of <= 0n) return undefined;
  return Number((nanos * 1_000_000n) / of) / 1_000_000;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "1.1 CPU = 57% of allocatable": one resource of a tax. */
export function formatTaxResource(tax: NodeTax, resource: TaxResource): string {
  const requested = show(tax.requests[resource], resource);
  const share = shareOf(tax.requests[resource], tax.allocatable[resource]);
  const word = resource === 'cpu' ? (requested.endsWith('CPU') ? '' : ' CPU') : ' memory';
  return share === undefined ? `${requested}${word}` : `${requested}${word} = ${percent(share)} of allocatable`;
}

function poolHeadline(pool: Omit<PoolSummary, 'headline'>): string {
  const types = pool.instanceTypes.length === 1 && pool.instanceTypes[0] !== pool.name ? `${pool.instanceTypes[0]} (${pool.name})` : pool.name;
  const parts = [`on ${types}: ${plural(pool.daemonSets, 'daemon')}`];
  if (pool.daemonSets > 0) parts.push(...TAX_RESOURCES.map((resource) => formatTaxResource(pool.tax, resource)));
  const headline = parts.join(', ');
  return pool.pendingNodes > 0 ? `${headline}; ${plural(pool.pendingNodes, 'node')} with a Pending daemon pod` : headline;
}

function cellState(cell: Omit<ClusterCell, 'state'>, size: number): CellState {
  if (cell.pending > 0) return 'pending';
  if (cell.runs === size) return 'runs';
  return cell.runs > 0 ? 'partial' : 'excluded';
}

interface Compiled {
  schedule: DaemonSetSchedule;
  requests: Record<TaxResource, bigint>;
  limits: Record<TaxResource, bigint>;
  /** The same as doubles, for the per-node sums. */
  requestNumbers: Record<TaxResource, number>;
  limitNumbers: Record<TaxResource, number>;
  unlimited: Record<TaxResource, boolean>;
  hostPorts: readonly HostPortUse[];
}

function compile(schedule: DaemonSetSchedule): Compiled {
  const { limits, unlimited } = limitsOf(schedule.daemonSet);
  const requests = { cpu: schedule.requests.get('cpu')?.nanos ?? 0n, memory: schedule.requests.get('memory')?.nanos ?? 0n };
  return {
    schedule,
    requests,
    limits,
    requestNumbers: { cpu: Number(requests.cpu), memory: Number(requests.memory) },
    limitNumbers: { cpu: Number(limits.cpu), memory: Number(limits.memory) },
    unlimited,
    hostPorts: hostPortsOf(schedule.daemonSet.spec.template.spec),
  };
}

/**
 * What a view was computed from, for the next computeClusterView to reuse:
 * the DaemonSets as given and defaulted, its schedule and the one before it
 * of the same inputs (so undoing a what-if finds the nodes it took away).
 */
interface ComputedFrom {
  daemonSets: readonly DaemonSet[];
  defaulted: DaemonSet[];
  schedules: PreviousSchedule[];
}

const COMPUTED_FROM = new WeakMap<ClusterView, ComputedFrom>();

/** How many schedules a view keeps for the next: its own and the one before. */
const KEPT_SCHEDULES = 2;

/**
 * The DaemonSets as the API server defaults them, and the schedules of the
 * previous view to take unchanged nodes' cells from: when the view was
 * computed from the same DaemonSet objects, its defaulted ones stand (so the
 * scheduler sees the same objects again).
 */
function scheduleInputs(input: ClusterViewInput, previous: ClusterView | undefined): { defaulted: DaemonSet[]; schedules: PreviousSchedule[] } {
  const before = previous && COMPUTED_FROM.get(previous);
  const same = before !== undefined && sameItems(before.daemonSets, input.daemonSets);
  return same ? { defaulted: before.defaulted, schedules: before.schedules } : { defaulted: input.daemonSets.map(setDefaultsDaemonSet), schedules: [] };
}

const OUTCOME_OF = { runs: OUTCOME_RUNS, pending: OUTCOME_PENDING, excluded: OUTCOME_NOT_SELECTED, taintNotTolerated: OUTCOME_TAINT } as const;

/**
 * The view of the input. `previous`, a view computed before (a what-if
 * recompute), lets the scheduler take the cells of the nodes it (or the view
 * before it) judged, when the DaemonSets, pods and PriorityClasses are the
 * same objects: the same view as without it, sooner.
 */
export function computeClusterView(input: ClusterViewInput, previous?: ClusterView): ClusterView {
  const nodes = input.nodes;
  const nodeCount = nodes.length;
  const reuse = scheduleInputs(input, previous);
  const scheduleInput = { daemonSets: reuse.defaulted, nodes, pods: input.pods, priorityClasses: input.priorityClasses };
  const schedule = scheduleDaemonPods(scheduleInput, reuse.schedules);
  const compiled = schedule.daemonSets.map(compile);
  const { pools, poolOfNode } = groupNodePools(nodes, input.groupBy);
  const outcomes = new Uint8Array(compiled.length * nodeCount);
  const cells: ClusterCell[][] = compiled.map(() =>
    pools.map(() => ({ runs: 0, pending: 0, preempting: 0, notSelected: 0, taint: 0, state: 'excluded' as CellState, reasons: [] })),
  );
  // The tax is summed in typed arrays (nano-units as doubles): 150,000 cells of BigInt additions would be mostly garbage collection.
  const taxCount = new Uint16Array(nodeCount);
  const taxRequests = { cpu: new Float64Array(nodeCount), memory: new Float64Array(nodeCount) };
  const taxLimits = { cpu: new Float64Array(nodeCount), memory: new Float64Array(nodeCount) };
  const taxUnlimited = { cpu: new Uint8Array(nodeCount), memory: new Uint8Array(nodeCount) };
  const pendingOnNode = new Uint8Array(nodeCount);

  compiled.forEach((daemon, d) => {
    const row = cells[d];
    // Each kind of reason is told once per cell, from its first node of that kind: not selected, taint, Pending, preempting.
    const told = pools.map(() => [false, false, false, false]);
    // Words are built only for the first node of each kind: thousands of Pending nodes must not build thousands of strings.
    const tell = (p: number, slot: number, reasons: () => readonly string[]) => {
      if (told[p][slot]) return;
      told[p][slot] = true;
      row[p].reasons.push(...reasons());
    };
    for (let n = 0; n < nodeCount; n++) {
      const scheduled = daemon.schedule.cells[n];
      const outcome = OUTCOME_OF[scheduled.outcome];
      outcomes[d * nodeCount + n] = outcome;
      const p = poolOfNode[n];
      const cell = row[p];
      if (scheduled.flags.shouldRun) {
        // The tax: what the controller asks of the node, whether or not the scheduler can bind it.
        taxCount[n]++;
        taxRequests.cpu[n] += daemon.requestNumbers.cpu;
        taxRequests.memory[n] += daemon.requestNumbers.memory;
        taxLimits.cpu[n] += daemon.limitNumbers.cpu;
        taxLimits.memory[n] += daemon.limitNumbers.memory;
        if (daemon.unlimited.cpu) taxUnlimited.cpu[n] = 1;
        if (daemon.unlimited.memory) taxUnlimited.memory[n] = 1;
      }
      if (outcome === OUTCOME_RUNS) {
        cell.runs++;
        const preemption = scheduled.scheduling?.preemption;
        if (preemption && !scheduled.scheduling?.pending) {
          cell.preempting++;
          tell(p, 3, () => [`${nodes[n].metadata.name}: ${scheduled.scheduling?.reasons.join('; ')}; ${preemption.message}`]);
        }
      } else if (outcome === OUTCOME_PENDING) {
        cell.pending++;
        pendingOnNode[n] = 1;
        tell(p, 2, () => {
          const verdict = scheduled.scheduling;
          const words = verdict ? [...verdict.reasons, ...(verdict.preemption ? [verdict.preemption.message] : [])].join('; ') : '';
          return [`Pending on ${nodes[n].metadata.name} (${verdict?.plugin ?? 'scheduler'}): ${words}${verdict ? `; ${describeSchedulingBasis(verdict.basis)}` : ''}`];
        });
      } else {
        if (outcome === OUTCOME_TAINT) cell.taint++;
        else cell.notSelected++;
        const slot = outcome === OUTCOME_TAINT ? 1 : 0;
        tell(p, slot, () => evaluatePlacement(daemon.schedule.compiled, nodes[n]).reasons.map((reason) => reason.message));
      }
    }
    pools.forEach((pool, p) => (row[p].state = cellState(row[p], pool.nodes.length)));
  });
  const exact = (value: number) => BigInt(Math.round(value));
  const nodeTax: NodeTax[] = nodes.map((node, n) => ({
    daemonSets: taxCount[n],
    requests: { cpu: exact(taxRequests.cpu[n]), memory: exact(taxRequests.memory[n]) },
    limits: { cpu: exact(taxLimits.cpu[n]), memory: exact(taxLimits.memory[n]) },
    unlimited: { cpu: taxUnlimited.cpu[n] === 1, memory: taxUnlimited.memory[n] === 1 },
    allocatable: { cpu: nanosOf(node.status.allocatable.cpu) ?? 0n, memory: nanosOf(node.status.allocatable.memory) ?? 0n },
  }));

  const daemonSets: ClusterDaemonSet[] = compiled.map((daemon, d) => {
    const { runs, pending, preempting } = daemon.schedule.counts;
    const requests: Partial<Record<TaxResource, string>> = {};
    const limits: Partial<Record<TaxResource, string>> = {};
    for (const resource of TAX_RESOURCES) {
      if (daemon.requests[resource] > 0n) requests[resource] = show(daemon.requests[resource], resource);
      if (!daemon.unlimited[resource]) limits[resource] = show(daemon.limits[resource], resource);
    }
    const source = input.daemonSets[d].source;
    const renderedBy = input.renderedBy?.[d];
    return {
      name: daemon.schedule.daemonSet.metadata.name,
      namespace: namespaceOf(daemon.schedule.daemonSet),
      ...(source ? { file: source.file, line: source.line } : {}),
      ...(renderedBy ? { renderedBy } : {}),
      requests,
      limits,
      requestNanos: daemon.requests,
      hostPorts: daemon.hostPorts,
      desired: runs + pending,
      runs,
      pending,
      preempting,
    };
  });

  const view: ClusterView = {
    daemonSets,
    nodes,
    pools: pools.map((pool, p) => summarizePool(pool, p, nodes, nodeTax, cells, pendingOnNode)),
    poolOfNode,
    outcomes,
    cells,
    gaps: coverageGaps(daemonSets, cells, pools, nodeCount),
    collisions: hostPortCollisions(compiled, outcomes, nodes, poolOfNode, pools),
    nodeTax,
    basis: schedule.basis,
    daemonSetsOnlyNodes: schedule.basis.filter((basis) => basis === 'daemonsets').length,
  };
  const schedules = [{ input: scheduleInput, schedule }, ...reuse.schedules.filter((earlier) => sameScheduleInputs(earlier.input, scheduleInput))].slice(0, KEPT_SCHEDULES);
  COMPUTED_FROM.set(view, { daemonSets: input.daemonSets, defaulted: reuse.defaulted, schedules });
  return view;
}

/** What the scheduler's fit was judged against, said plainly: the inventory's pods, or (nodes without pod data) the DaemonSets only. */
export function describeClusterBasis(view: ClusterView): string {
  return describeSchedulingBases(view.nodes.length, view.daemonSetsOnlyNodes);
}

function largestShare(tax: NodeTax): number {
  let largest = -1;
  for (const resource of TAX_RESOURCES) {
    const share = shareOf(tax.requests[resource], tax.allocatable[resource]);
    if (share !== undefined && share > largest) largest = share;
  }
  return largest;
}

function summarizePool(pool: NodePool, p: number, nodes: readonly Node[], nodeTax: readonly NodeTax[], cells: readonly ClusterCell[][], pendingOnNode: Uint8Array): PoolSummary {
  let worst = pool.nodes[0];
  let worstShare = -Infinity;
  const share: PoolSummary['share'] = { cpu: undefined, memory: undefined };
  const instanceTypes: string[] = [];
  for (const n of pool.nodes) {
    const tax = nodeTax[n];
    const largest = largestShare(tax);
    if (largest > worstShare || (largest === worstShare && tax.daemonSets > nodeTax[worst].daemonSets)) {
      worst = n;
      worstShare = largest;
    }
    for (const resource of TAX_RESOURCES) {
      const value = shareOf(tax.requests[resource], tax.allocatable[resource]);
      if (value === undefined) continue;
      const range = share[resource];
      if (!range) share[resource] = { min: value, max: value };
      else {
        range.min = Math.min(range.min, value);
        range.max = Math.max(range.max, value);
      }
    }
    const type = nodes[n].metadata.labels['node.kubernetes.io/instance-type'];
    if (type && !instanceTypes.includes(type)) instanceTypes.push(type);
  }
  let daemonSets = 0;
  for (const row of cells) if (row[p].runs + row[p].pending > 0) daemonSets++;
  const summary = {
    name: pool.name,
    labels: pool.labels,
    nodeCount: pool.nodes.length,
    instanceTypes,
    daemonSets,
    node: nodes[worst].metadata.name,
    tax: nodeTax[worst],
    share,
    pendingNodes: pool.nodes.reduce((count, n) => count + pendingOnNode[n], 0),
  };
  return { ...summary, headline: poolHeadline(summary) };
}

function coverageGaps(daemonSets: readonly ClusterDaemonSet[], cells: readonly ClusterCell[][], pools: readonly NodePool[], nodeCount: number): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  if (nodeCount < 2 || pools.length < 2) return gaps;
  daemonSets.forEach((daemonSet, d) => {
    // Where it actually runs (Pending pods excluded): a DaemonSet Pending on a whole pool leaves that pool uncovered.
    const coverage = daemonSet.runs / nodeCount;
    if (coverage <= COVERAGE_THRESHOLD) return;
    cells[d].forEach((cell, p) => {
      const size = pools[p].nodes.length;
      const missing = size - cell.runs;
      if (missing <= 0) return;
      gaps.push({ daemonSet: d, pool: p, missing, of: size, coverage, reason: cell.reasons[0] ?? (cell.pending > 0 ? 'Pending' : '') });
    });
  });
  return gaps;
}

function hostPortCollisions(
  compiled: readonly Compiled[],
  outcomes: Uint8Array,
  nodes: readonly Node[],
  poolOfNode: Int32Array,
  pools: readonly NodePool[],
): HostPortCollision[] {
  const nodeCount = nodes.length;
  const collisions: HostPortCollision[] = [];
  const withPorts = compiled.map((daemon, d) => ({ d, ports: daemon.hostPorts })).filter((entry) => entry.ports.length > 0);
  for (let i = 0; i < withPorts.length; i++) {
    for (let j = i + 1; j < withPorts.length; j++) {
      const a = withPorts[i];
      const b = withPorts[j];
      const shared = new Map<string, HostPortUse>();
      for (const x of a.ports) for (const y of b.ports) if (hostPortsConflict(x, y)) shared.set(`${x.port}/${x.protocol}`, x);
      if (shared.size === 0) continue;
      let count = 0;
      const poolNames: string[] = [];
      const exampleNodes: string[] = [];
      for (let n = 0; n < nodeCount; n++) {
        const both = outcomes[a.d * nodeCount + n] <= 1 && outcomes[b.d * nodeCount + n] <= 1;
        if (!both) continue;
        count++;
        const pool = pools[poolOfNode[n]].name;
        if (!poolNames.includes(pool)) poolNames.push(pool);
        if (exampleNodes.length < MAX_EXAMPLE_NODES) exampleNodes.push(nodes[n].metadata.name);
      }
      if (count === 0) continue;
      for (const binding of shared.values()) {
        collisions.push({ port: binding.port, protocol: binding.protocol, daemonSets: [a.d, b.d], nodes: count, pools: poolNames, exampleNodes });
      }
    }
  }
  return collisions;
}
