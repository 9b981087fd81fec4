/** `daemonset cluster <files or dirs…> --inventory <nodes.yaml|dir> [--format table|json|csv] [--group-by <label>]` */
import { readFileSync } from 'node:fs';
import { loadDaemonSetsFromText } from '../model/daemonSet';
import { loadInventoryFromText } from '../model/inventory';
import type { DaemonSet, PriorityClass } from '../model/kubeTypes';
import { nodesWithGroupNodes } from '../model/nodeGroupNodes';
import { plural } from '../model/plural';
import {
  computeClusterView,
  describeClusterBasis,
  NODE_POOL_LABELS,
  TAX_RESOURCES,
  type ClusterCell,
  type ClusterView,
  type PoolSummary,
  type TaxResource,
} from '../reconciler';
import { formatQuantityForPeople } from '../model/quantity';
import { CliError, parseCommandArgs, requiredOption, stringOption } from './args';
import { findChartRoot, mayBeChartTemplate } from '../host/helmChart';
import { collectManifestFiles, displayPath, failOnProblems, readInventory, type CliIo } from './io';
import { renderTable } from './table';

export const CLUSTER_HELP = `Usage: daemonset cluster <files or dirs…> --inventory <nodes.yaml|dir> [options]

Every DaemonSet of the files given over every node of the inventory, per
node pool: which DaemonSets run there and what they request of each node
(the daemon tax, against allocatable), the matrix DaemonSets × pools with
why a DaemonSet does not run, coverage gaps (a pool without a DaemonSet
that runs on most of the cluster) and host ports two DaemonSets both bind.
Folders are searched for .yaml/.yml files.

Options:
  --inventory <path>      Nodes (and optionally Pods): a YAML or JSON file, or a folder
                          of them, e.g. kubectl get nodes,pods -A -o yaml output
  --group-by <label>      Group nodes by this label (default: the first present of
                          ${NODE_POOL_LABELS.join(',\n                          ')};
                          else the node's role)
  --format table|json|csv Output format (default: table; csv: one row per DaemonSet and pool)
  -h, --help              Show this help

Exit status: 0 on success, 2 for usage errors and unreadable or invalid input.
`;

type ClusterFormat = 'table' | 'json' | 'csv';

function show(nanos: bigint, resource: TaxResource): string {
  return nanos > 0n ? formatQuantityForPeople({ nanos, format: 'DecimalSI' }, resource) : '-';
}

function sharePercent(pool: PoolSummary, resource: TaxResource): string {
  const range = pool.share[resource];
  if (!range) return '-';
  const low = Math.round(range.min * 100);
  const high = Math.round(range.max * 100);
  return low === high ? `${high}%` : `${low}-${high}%`;
}

function daemonName(view: ClusterView, d: number): string {
  return `${view.daemonSets[d].namespace}/${view.daemonSets[d].name}`;
}

function cellText(cell: ClusterCell, size: number): string {
  if (cell.state === 'excluded') return cell.taint > 0 && cell.notSelected === 0 ? 'taint' : '-';
  if (cell.state === 'pending') return `pending ${cell.pending}/${size}`;
  const preempt = cell.preempting > 0 ? ` (${cell.preempting} preempt)` : '';
  return (cell.state === 'runs' ? `runs ${size}` : `${cell.runs}/${size}`) + preempt;
}

function renderClusterTable(view: ClusterView): string {
  const poolTable = renderTable(
    ['POOL', 'LABEL', 'NODES', 'INSTANCE TYPES', 'DAEMONS', 'CPU REQ/NODE', 'CPU %ALLOC', 'MEM REQ/NODE', 'MEM %ALLOC', 'CPU LIM/NODE', 'MEM LIM/NODE'],
    view.pools.map((pool) => [
      pool.name,
      pool.labels.join(',') || '-',
      String(pool.nodeCount),
      pool.instanceTypes.join(',') || '-',
      String(pool.daemonSets),
      show(pool.tax.requests.cpu, 'cpu'),
      sharePercent(pool, 'cpu'),
      show(pool.tax.requests.memory, 'memory'),
      sharePercent(pool, 'memory'),
      pool.tax.unlimited.cpu ? 'unlimited' : show(pool.tax.limits.cpu, 'cpu'),
      pool.tax.unlimited.memory ? 'unlimited' : show(pool.tax.limits.memory, 'memory'),
    ]),
  );
  const headlines = view.pools.map((pool) => `  ${pool.headline}`).join('\n');
  const matrix = renderTable(
    ['DAEMONSET', 'REQUESTS', ...view.pools.map((pool) => pool.name.toUpperCase())],
    view.daemonSets.map((daemonSet, d) => [
      daemonName(view, d),
      TAX_RESOURCES.map((resource) => daemonSet.requests[resource] ?? '-').join(' / '),
      ...view.pools.map((pool, p) => cellText(view.cells[d][p], pool.nodeCount)),
    ]),
  );
  const why: string[][] = [];
  view.cells.forEach((row, d) =>
    row.forEach((cell, p) => {
      if (cell.state === 'runs' && cell.preempting === 0) return;
      const missing = view.pools[p].nodeCount - cell.runs;
      const nodes = cell.state === 'runs' ? `${cell.preempting}/${view.pools[p].nodeCount} preempt` : `${missing}/${view.pools[p].nodeCount}`;
      why.push([daemonName(view, d), view.pools[p].name, nodes, cell.reasons.join('; ') || '-']);
    }),
  );
  const sections = [
    `${plural(view.daemonSets.length, 'DaemonSet')} over ${plural(view.nodes.length, 'node')} in ${plural(view.pools.length, 'pool')}\n` + `${describeClusterBasis(view)}\n`,
    poolTable + 'Daemon tax per node (the pool\'s most taxed node):\n' + headlines + '\n',
    matrix,
    why.length > 0 ? 'Where they do not run (or run only by preempting):\n' + renderTable(['DAEMONSET', 'POOL', 'NODES', 'WHY'], why) : '',
    'Coverage gaps:\n' +
      (view.gaps.length === 0
        ? '  none\n'
        : view.gaps
            .map((gap) => `  ${view.pools[gap.pool].name} without ${daemonName(view, gap.daemonSet)} (runs on ${Math.round(gap.coverage * 100)}% of nodes): ${gap.missing} of ${gap.of} nodes${gap.reason ? `; ${gap.reason}` : ''}\n`)
            .join('')),
    'Host-port collisions:\n' +
      (view.collisions.length === 0
        ? '  none\n'
        : view.collisions
            .map(
              (c) =>
                `  ${c.port}/${c.protocol}: ${daemonName(view, c.daemonSets[0])} and ${daemonName(view, c.daemonSets[1])} on ${plural(c.nodes, 'node')} (${c.pools.join(', ')}): one of the two pods stays Pending\n`,
            )
            .join('')),
  ];
  return sections.filter((section) => section !== '').join('\n');
}

/** The view as plain JSON: pools with their tax, the matrix per DaemonSet, gaps and collisions (indices resolved to names). */
export function toClusterJson(view: ClusterView): unknown {
  const quantity = (nanos: bigint, resource: TaxResource) => formatQuantityForPeople({ nanos, format: 'DecimalSI' }, resource);
  return {
    schedulingBasis: { pods: view.nodes.length - view.daemonSetsOnlyNodes, daemonSetsOnly: view.daemonSetsOnlyNodes },
    pools: view.pools.map((pool) => ({
      name: pool.name,
      labels: pool.labels,
      nodes: pool.nodeCount,
      instanceTypes: pool.instanceTypes,
      daemonSets: pool.daemonSets,
      headline: pool.headline,
      tax: {
        node: pool.node,
        requests: Object.fromEntries(TAX_RESOURCES.map((r) => [r, quantity(pool.tax.requests[r], r)])),
        limits: Object.fromEntries(TAX_RESOURCES.map((r) => [r, pool.tax.unlimited[r] ? null : quantity(pool.tax.limits[r], r)])),
        allocatable: Object.fromEntries(TAX_RESOURCES.map((r) => [r, quantity(pool.tax.allocatable[r], r)])),
        share: pool.share,
      },
      pendingNodes: pool.pendingNodes,
    })),
    daemonSets: view.daemonSets.map((daemonSet, d) => ({
      name: daemonSet.name,
      namespace: daemonSet.namespace,
      ...(daemonSet.file ? { file: daemonSet.file, line: daemonSet.line } : {}),
      requests: daemonSet.requests,
      limits: daemonSet.limits,
      desired: daemonSet.desired,
      runs: daemonSet.runs,
      pending: daemonSet.pending,
      preempting: daemonSet.preempting,
      pools: Object.fromEntries(
        view.pools.map((pool, p) => {
          const cell = view.cells[d][p];
          return [pool.name, { state: cell.state, runs: cell.runs, pending: cell.pending, preempting: cell.preempting, notSelected: cell.notSelected, taint: cell.taint, reasons: cell.reasons }];
        }),
      ),
    })),
    gaps: view.gaps.map((gap) => ({
      daemonSet: daemonName(view, gap.daemonSet),
      pool: view.pools[gap.pool].name,
      missing: gap.missing,
      of: gap.of,
      coverage: gap.coverage,
      reason: gap.reason,
    })),
    hostPortCollisions: view.collisions.map((c) => ({
      port: c.port,
      protocol: c.protocol,
      daemonSets: c.daemonSets.map((d) => daemonName(view, d)),
      nodes: c.nodes,
      pools: c.pools,
      exampleNodes: c.exampleNodes,
    })),
  };
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per DaemonSet and pool: what a spreadsheet pivots. */
export function toClusterCsv(view: ClusterView): string {
  const header = ['namespace', 'daemonset', 'pool', 'nodes', 'state', 'runs', 'pending', 'preempting', 'not_selected', 'taint_not_tolerated', 'cpu_request', 'memory_request', 'pool_cpu_share_max', 'pool_memory_share_max', 'reasons'];
  const rows = [header.join(',')];
  view.daemonSets.forEach((daemonSet, d) =>
    view.pools.forEach((pool, p) => {
      const cell = view.cells[d][p];
      rows.push(
        [
          daemonSet.namespace,
          daemonSet.name,
          pool.name,
          pool.nodeCount,
          cell.state,
          cell.runs,
          cell.pending,
          cell.preempting,
          cell.notSelected,
          cell.taint,
          daemonSet.requests.cpu ?? '',
          daemonSet.requests.memory ?? '',
          pool.share.cpu ? pool.share.cpu.max.toFixed(4) : '',
          pool.share.memory ? pool.share.memory.max.toFixed(4) : '',
          cell.reasons.join('; '),
        ]
          .map(csvField)
          .join(','),
      );
    }),
  );
  return rows.join('\n') + '\n';
}

/** A file that may declare PriorityClasses, which the scheduler's preemption needs (read only then: one parse per file otherwise). */
const PRIORITY_CLASS_KIND = /^\s*kind:\s*["']?PriorityClass["']?\s*(#.*)?$/m;

/**
 * Every DaemonSet (and PriorityClass) of the files, in file order; a file without one is skipped, a broken one exits 2.
 * A Helm chart's template is skipped too: its `{{ … }}` values are not a manifest's (`lint --helm` renders the chart).
 */
async function readManifests(io: CliIo, inputs: readonly string[]): Promise<{ daemonSets: DaemonSet[]; priorityClasses: PriorityClass[] }> {
  const daemonSets: DaemonSet[] = [];
  const priorityClasses: PriorityClass[] = [];
  for (const path of await collectManifestFiles(io, inputs)) {
    if (mayBeChartTemplate(path) && (await findChartRoot(path))) continue;
    const file = displayPath(io, path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new CliError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const result = loadDaemonSetsFromText(text, file);
    failOnProblems(result.problems);
    daemonSets.push(...result.daemonSets);
    if (PRIORITY_CLASS_KIND.test(text)) priorityClasses.push(...loadInventoryFromText(text, file).priorityClasses);
  }
  return { daemonSets, priorityClasses };
}

export async function runCluster(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('cluster', argv, {
    inventory: { type: 'string', short: 'i' },
    format: { type: 'string', short: 'o' },
    'group-by': { type: 'string' },
  });
  if (args.values.help) {
    io.stdout(CLUSTER_HELP);
    return 0;
  }
  const format = (stringOption(args, 'format') ?? 'table') as ClusterFormat;
  if (!['table', 'json', 'csv'].includes(format)) throw new CliError(`cluster: --format must be table, json or csv, not ${JSON.stringify(format)}`);
  if (args.positionals.length === 0) throw new CliError('cluster: give at least one file or folder of DaemonSets (see daemonset cluster --help)');
  const inventoryPath = requiredOption(args, 'cluster', 'inventory');
  const groupBy = stringOption(args, 'group-by');
  if (groupBy === '') throw new CliError('cluster: --group-by needs a label key, e.g. node.kubernetes.io/instance-type');
  const { daemonSets, priorityClasses } = await readManifests(io, args.positionals);
  if (daemonSets.length === 0) throw new CliError(`${args.positionals.join(', ')}: no DaemonSet found (expected kind: DaemonSet, apiVersion: apps/v1)`);
  const inventory = await readInventory(io, inventoryPath);
  const nodes = nodesWithGroupNodes(inventory.nodes, inventory.groups);
  if (nodes.length === 0) throw new CliError(`${inventoryPath}: no node to place DaemonSets on (node groups of unknown size have no nodes to count)`);
  const view = computeClusterView({ daemonSets, nodes, pods: inventory.pods, priorityClasses: [...priorityClasses, ...inventory.priorityClasses], groupBy });
  if (format === 'json') io.stdout(JSON.stringify(toClusterJson(view), null, 2) + '\n');
  else if (format === 'csv') io.stdout(toClusterCsv(view));
  else io.stdout(renderClusterTable(view));
  return 0;
}
