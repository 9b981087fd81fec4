/**
 * The cluster view's state and its pure parts: the UI state kept across
 * reloads (validated on restore, like uiState.ts), the what-if edits applied
 * to the inputs (remove or add a node pool, change a DaemonSet's requests),
 * and the sorted, filtered rows. Unit-tested in Node; clusterApp.ts renders.
 */
import type { DaemonSet, Node } from '../../../server/src/model/kubeTypes';
import { parseQuantity } from '../../../server/src/model/quantity';
import { clusterDaemonSetLabel, nodePoolOf, type ClusterView } from '../../../server/src/reconciler';

export type ClusterMode = 'pools' | 'nodes';
export type ClusterSort = 'name' | 'requests' | 'coverage' | 'file';

/** A what-if pool: `count` more nodes like the first node of pool `like`. */
export interface AddedPool {
  name: string;
  like: string;
  count: number;
}

export interface ClusterUiState {
  view: 'cluster';
  mode: ClusterMode;
  sort: ClusterSort;
  filter: string;
  groupBy: string;
  removedPools: string[];
  addedPools: AddedPool[];
  /**
   * What-if pod requests by DaemonSet (`namespace/name`, with " — rendered by …" for a chart's or overlay's,
   * so a base and its overlay keep their own): cpu and memory as Kubernetes quantities.
   */
  requests: Record<string, { cpu?: string; memory?: string }>;
  /** Count the files and kustomizations rendered overlays build on too (clusterSources.ts leaves them out by default). */
  includeBases: boolean;
}

export function defaultClusterUiState(): ClusterUiState {
  return { view: 'cluster', mode: 'pools', sort: 'name', filter: '', groupBy: '', removedPools: [], addedPools: [], requests: {}, includeBases: false };
}

const MODES: readonly ClusterMode[] = ['pools', 'nodes'];
const SORTS: readonly ClusterSort[] = ['name', 'requests', 'coverage', 'file'];
const MAX_ADDED_NODES = 5000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isQuantity(value: unknown): value is string {
  return typeof value === 'string' && parseQuantity(value) !== undefined;
}

/** The stored state if it is a valid cluster-view state (a webview's state is untrusted like its messages). */
export function restoreClusterUiState(value: unknown): ClusterUiState | undefined {
  if (!isRecord(value) || value.view !== 'cluster') return undefined;
  const state = defaultClusterUiState();
  if (MODES.includes(value.mode as ClusterMode)) state.mode = value.mode as ClusterMode;
  if (SORTS.includes(value.sort as ClusterSort)) state.sort = value.sort as ClusterSort;
  if (typeof value.filter === 'string') state.filter = value.filter.slice(0, 200);
  if (typeof value.groupBy === 'string') state.groupBy = value.groupBy.slice(0, 317);
  if (typeof value.includeBases === 'boolean') state.includeBases = value.includeBases;
  if (Array.isArray(value.removedPools)) state.removedPools = value.removedPools.filter((pool): pool is string => typeof pool === 'string');
  if (Array.isArray(value.addedPools)) {
    state.addedPools = value.addedPools
      .filter((pool): pool is AddedPool => isRecord(pool) && typeof pool.name === 'string' && typeof pool.like === 'string' && Number.isInteger(pool.count) && (pool.count as number) > 0 && (pool.count as number) <= MAX_ADDED_NODES)
      .map((pool) => ({ name: pool.name, like: pool.like, count: pool.count }));
  }
  if (isRecord(value.requests)) {
    for (const [key, entry] of Object.entries(value.requests)) {
      if (!isRecord(entry)) continue;
      const kept: { cpu?: string; memory?: string } = {};
      if (isQuantity(entry.cpu)) kept.cpu = entry.cpu;
      if (isQuantity(entry.memory)) kept.memory = entry.memory;
      if (kept.cpu || kept.memory) state.requests[key] = kept;
    }
  }
  return state;
}

/** A DaemonSet as the what-if names it: `namespace/name`, and what renders it when a chart or overlay does (clusterDaemonSetLabel). */
export function daemonSetKeyOf(daemonSet: DaemonSet, renderedBy?: string): string {
  return clusterDaemonSetLabel({ namespace: daemonSet.metadata.namespace || 'default', name: daemonSet.metadata.name, ...(renderedBy ? { renderedBy } : {}) });
}

/**
 * The pod's request for a resource becomes `value`: set on the first container, taken off the others (init
 * containers keep theirs, so a larger init request still wins, as the scheduler counts it).
 */
function withRequests(daemonSet: DaemonSet, requests: { cpu?: string; memory?: string }): DaemonSet {
  const spec = daemonSet.spec.template.spec;
  const containers = spec.containers.map((container, index) => {
    const next = { ...(container.resources?.requests ?? {}) };
    for (const resource of ['cpu', 'memory'] as const) {
      const value = requests[resource];
      if (value === undefined) continue;
      if (index === 0) next[resource] = value;
      else delete next[resource];
    }
    return { ...container, resources: { ...(container.resources ?? {}), requests: next } };
  });
  return { ...daemonSet, spec: { ...daemonSet.spec, template: { ...daemonSet.spec.template, spec: { ...spec, containers } } } };
}

/** The label a what-if pool's nodes carry: the one its model node's pool is told by. */
function addedNodes(nodes: readonly Node[], pool: AddedPool, groupBy: string | undefined): Node[] {
  const model = nodes.find((node) => nodePoolOf(node, groupBy).name === pool.like);
  if (!model) return [];
  const label = nodePoolOf(model, groupBy).label;
  const added: Node[] = [];
  for (let index = 1; index <= pool.count; index++) {
    const name = `${pool.name}-${index}`;
    const labels: Record<string, string> = { ...model.metadata.labels, 'kubernetes.io/hostname': name };
    if (label) labels[label] = pool.name;
    added.push({ ...model, metadata: { ...model.metadata, name, labels }, source: undefined });
  }
  return added;
}

/** The inputs with the what-if edits applied. */
/** `renderedBy`: per DaemonSet, the chart or overlay that renders it, if one does (the requests' keys name it). */
export function applyClusterWhatIf(
  daemonSets: readonly DaemonSet[],
  nodes: readonly Node[],
  ui: ClusterUiState,
  renderedBy: ReadonlyArray<string | undefined> = [],
): { daemonSets: DaemonSet[]; nodes: Node[] } {
  const groupBy = ui.groupBy || undefined;
  const removed = new Set(ui.removedPools);
  const kept = removed.size === 0 ? [...nodes] : nodes.filter((node) => !removed.has(nodePoolOf(node, groupBy).name));
  for (const pool of ui.addedPools) kept.push(...addedNodes(nodes, pool, groupBy));
  const edited = daemonSets.map((daemonSet, d) => {
    const requests = ui.requests[daemonSetKeyOf(daemonSet, renderedBy[d])];
    return requests ? withRequests(daemonSet, requests) : daemonSet;
  });
  return { daemonSets: edited, nodes: kept };
}

/** The DaemonSets' indices in the order and with the filter the user chose (the filter matches names and namespaces). */
export function daemonSetRows(view: ClusterView, sort: ClusterSort, filter: string): number[] {
  const needle = filter.trim().toLowerCase();
  const rows = view.daemonSets.map((_, index) => index).filter((index) => {
    if (!needle) return true;
    const d = view.daemonSets[index];
    return `${d.namespace}/${d.name}`.toLowerCase().includes(needle) || (d.renderedBy?.toLowerCase().includes(needle) ?? false);
  });
  const name = (index: number) => `${view.daemonSets[index].namespace}/${view.daemonSets[index].name}`;
  const cpu = (index: number) => Number(view.daemonSets[index].requestNanos.cpu / 1_000_000n);
  const compare: Record<ClusterSort, (a: number, b: number) => number> = {
    name: (a, b) => name(a).localeCompare(name(b)),
    requests: (a, b) => cpu(b) - cpu(a) || name(a).localeCompare(name(b)),
    coverage: (a, b) => view.daemonSets[b].desired - view.daemonSets[a].desired || name(a).localeCompare(name(b)),
    file: (a, b) => a - b,
  };
  return rows.sort(compare[sort]);
}

/** The nodes' indices, filtered by node or pool name. */
export function nodeRows(view: ClusterView, filter: string): number[] {
  const needle = filter.trim().toLowerCase();
  const rows: number[] = [];
  view.nodes.forEach((node, index) => {
    if (!needle || node.metadata.name.toLowerCase().includes(needle) || view.pools[view.poolOfNode[index]].name.toLowerCase().includes(needle)) rows.push(index);
  });
  return rows;
}
