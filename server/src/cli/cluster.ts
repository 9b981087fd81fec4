/**
 * `daemonset cluster <files or dirs…> --inventory <nodes.yaml|dir> [--helm <chart> [--values f] [--set k=v]]…
 * [--kustomize <dir>]… [--format table|json|csv] [--group-by <label>]`
 */
import { readFileSync } from 'node:fs';
import type { KubernetesVersion } from '../model/kubernetesVersion';
import { nodesWithGroupNodes } from '../model/nodeGroupNodes';
import { plural } from '../model/plural';
import {
  computeClusterView,
  describeClusterBasis,
  gatherClusterDaemonSets,
  renderedDaemonSetLabel,
  NODE_POOL_LABELS,
  TAX_RESOURCES,
  type ClusterCell,
  type ClusterSourceText,
  type ClusterView,
  type GatheredCluster,
  type PoolSummary,
  type RenderedClusterSource,
  type TaxResource,
} from '../reconciler';
import { formatQuantityForPeople } from '../model/quantity';
import { kubernetesVersionOf } from '../service/validation';
import { CliError, parseCommandArgs, requiredOption, stringOption, type ParsedArgs } from './args';
import { renderedTemplates } from '../model/helmRender';
import { chartRequests, HELM_OPTIONS, renderChartRequest, renderedOrFail } from './helm';
import { renderOverlayOption } from './kustomize';
import { findChartRoot, mayBeChartTemplate } from '../host/helmChart';
import { collectManifestFiles, displayPath, failOnProblems, readInventory, type CliIo } from './io';
import { renderTable } from './table';

export const CLUSTER_HELP = `Usage: daemonset cluster <files or dirs…> --inventory <nodes.yaml|dir> [options]
       daemonset cluster [<files or dirs…>] --helm <chart> [--values f.yaml …] [--set k=v …] … --kustomize <dir> … --inventory <path>

Every DaemonSet of the files given over every node of the inventory, per
node pool: which DaemonSets run there and what they request of each node
(the daemon tax, against allocatable), the matrix DaemonSets × pools with
why a DaemonSet does not run, coverage gaps (a pool without a DaemonSet
that runs on most of the cluster) and host ports two DaemonSets both bind.
Folders are searched for .yaml/.yml files; a Helm chart's templates there are
skipped (give the chart with --helm). The DaemonSets a chart or an overlay
renders are labelled with it ("logging/vector — rendered by overlays/prod"); a
file or kustomization that a --kustomize overlay builds on is its base: listed,
not counted (the overlay's rendering is), unless --include-bases.

Options:
  --inventory <path>      Nodes (and optionally Pods): a YAML or JSON file, or a folder
                          of them, e.g. kubectl get nodes,pods -A -o yaml output
  --group-by <label>      Group nodes by this label (default: the first present of
                          ${NODE_POOL_LABELS.join(',\n                          ')};
                          else the node's role)
  --format table|json|csv Output format (default: table; csv: one row per DaemonSet and pool)
  --helm <chart folder>   Render this Helm chart and count its DaemonSets (repeatable); each
                          --values <file> and --set <key=value> after it is for this chart
  --release-name <name>   .Release.Name for every --helm chart (default: release-name)
  --namespace <name>      .Release.Namespace for every --helm chart (default: default)
  --kustomize <dir>       Render this overlay with \`kubectl kustomize <dir>\` and count its
                          DaemonSets (repeatable)
  --allow-remote-bases    Let kubectl fetch remote bases of a --kustomize overlay
  --include-bases         Count the bases of the --kustomize overlays too
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

/** `logging/fluent-bit`, or `logging/fluent-bit — rendered by overlays/prod`. */
function daemonName(view: ClusterView, d: number): string {
  return renderedDaemonSetLabel(`${view.daemonSets[d].namespace}/${view.daemonSets[d].name}`, view.daemonSets[d].renderedBy);
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
  // What rendered a DaemonSet gets its own column in the matrix (the other sections name it after the DaemonSet).
  const rendered = view.daemonSets.some((daemonSet) => daemonSet.renderedBy);
  const matrix = renderTable(
    ['DAEMONSET', ...(rendered ? ['RENDERED BY'] : []), 'REQUESTS', ...view.pools.map((pool) => pool.name.toUpperCase())],
    view.daemonSets.map((daemonSet, d) => [
      `${daemonSet.namespace}/${daemonSet.name}`,
      ...(rendered ? [daemonSet.renderedBy ?? '-'] : []),
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
      ...(daemonSet.renderedBy ? { renderedBy: daemonSet.renderedBy } : {}),
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
  const header = ['namespace', 'daemonset', 'pool', 'nodes', 'state', 'runs', 'pending', 'preempting', 'not_selected', 'taint_not_tolerated', 'cpu_request', 'memory_request', 'pool_cpu_share_max', 'pool_memory_share_max', 'reasons', 'rendered_by'];
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
          daemonSet.renderedBy ?? '',
        ]
          .map(csvField)
          .join(','),
      );
    }),
  );
  return rows.join('\n') + '\n';
}

/** Every manifest file of the inputs with its text, in file order; a chart's templates are left to --helm. */
async function readManifestTexts(io: CliIo, inputs: readonly string[]): Promise<ClusterSourceText[]> {
  const files: ClusterSourceText[] = [];
  for (const path of await collectManifestFiles(io, inputs)) {
    // A Helm chart's template is not a manifest: its `{{ … }}` values are not a DaemonSet's (--helm renders the chart).
    if (mayBeChartTemplate(path) && (await findChartRoot(path))) continue;
    const file = displayPath(io, path);
    try {
      files.push({ uri: file, text: readFileSync(path, 'utf8') });
    } catch (error) {
      throw new CliError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return files;
}

/** Each --helm chart rendered with its values: its DaemonSets, per template; a chart that does not render exits 2. */
async function renderCharts(io: CliIo, args: ParsedArgs, kubernetesVersion: KubernetesVersion): Promise<RenderedClusterSource[]> {
  const sources: RenderedClusterSource[] = [];
  for (const request of chartRequests(args, 'cluster')) {
    const render = await renderChartRequest(io, request, 'cluster', kubernetesVersion);
    const rendered = renderedOrFail(render);
    const folder = displayPath(io, render.root);
    const files = renderedTemplates(rendered).map((template) => ({ uri: `${folder}/${template.path}`, text: template.text }));
    sources.push({ kind: 'helm', label: render.label, open: `${folder}/Chart.yaml`, folder, files, buildsOn: [] });
  }
  return sources;
}

/** Each --kustomize overlay rendered by kubectl kustomize; an overlay that does not render exits 2 with kubectl's message. */
async function renderOverlays(io: CliIo, dirs: readonly string[], allowRemoteBases: boolean): Promise<RenderedClusterSource[]> {
  const sources: RenderedClusterSource[] = [];
  for (const dir of dirs) {
    const { label, tree, rendered } = await renderOverlayOption(io, dir, 'cluster', allowRemoteBases);
    if (!rendered.ok) throw new CliError(`cluster: kubectl kustomize ${label} failed: ${rendered.message.split('\n')[0]}`);
    const kustomization = displayPath(io, tree.kustomization.path);
    sources.push({
      kind: 'kustomize',
      label,
      open: kustomization,
      folder: label,
      files: [{ uri: kustomization, text: rendered.text }],
      buildsOn: [...tree.folders.map((folder) => displayPath(io, folder)), ...tree.sources.map((file) => displayPath(io, file.path))],
    });
  }
  return sources;
}

function renderedNotes(gathered: GatheredCluster, rendered: readonly RenderedClusterSource[]): string {
  if (rendered.length === 0) return '';
  const lines = rendered.map((source) => {
    const count = gathered.daemonSets.filter((entry) => entry.renderedBy === source.label).length;
    return `  ${source.label} (${source.kind === 'helm' ? 'helm chart' : 'kubectl kustomize'}): ${plural(count, 'DaemonSet')}\n`;
  });
  const bases = gathered.bases.map((base) => `  ${base.name}: a base of ${base.overlays.join(', ')}, ${base.counted ? 'counted too (--include-bases)' : 'not counted (the overlay is)'}\n`);
  return 'Rendered:\n' + lines.join('') + (bases.length > 0 ? 'Bases:\n' + bases.join('') : '');
}

export async function runCluster(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('cluster', argv, {
    inventory: { type: 'string', short: 'i' },
    format: { type: 'string', short: 'o' },
    'group-by': { type: 'string' },
    ...HELM_OPTIONS,
    helm: { type: 'string', multiple: true },
    kustomize: { type: 'string', multiple: true },
    'allow-remote-bases': { type: 'boolean' },
    'include-bases': { type: 'boolean' },
  });
  if (args.values.help) {
    io.stdout(CLUSTER_HELP);
    return 0;
  }
  const format = (stringOption(args, 'format') ?? 'table') as ClusterFormat;
  if (!['table', 'json', 'csv'].includes(format)) throw new CliError(`cluster: --format must be table, json or csv, not ${JSON.stringify(format)}`);
  const overlays = (args.values.kustomize as string[] | undefined) ?? [];
  const charts = (args.values.helm as string[] | undefined) ?? [];
  if (args.positionals.length === 0 && overlays.length === 0 && charts.length === 0) {
    throw new CliError('cluster: give at least one file or folder of DaemonSets, --helm <chart> or --kustomize <dir> (see daemonset cluster --help)');
  }
  const inventoryPath = requiredOption(args, 'cluster', 'inventory');
  const groupBy = stringOption(args, 'group-by');
  if (groupBy === '') throw new CliError('cluster: --group-by needs a label key, e.g. node.kubernetes.io/instance-type');
  const inventory = await readInventory(io, inventoryPath);
  const manifests = await readManifestTexts(io, args.positionals);
  const kubernetesVersion = kubernetesVersionOf({ inventory: { label: inventoryPath, nodes: inventory.nodes, groups: inventory.groups } }).version;
  const rendered = [...(await renderCharts(io, args, kubernetesVersion)), ...(await renderOverlays(io, overlays, args.values['allow-remote-bases'] === true))];
  const gathered = gatherClusterDaemonSets(manifests, rendered, { includeBases: args.values['include-bases'] === true });
  failOnProblems(gathered.problems.map((entry) => entry.problem));
  if (gathered.daemonSets.length === 0) {
    const given = [...args.positionals, ...rendered.map((source) => source.label)];
    throw new CliError(`${given.join(', ')}: no DaemonSet found (expected kind: DaemonSet, apiVersion: apps/v1)`);
  }
  const nodes = nodesWithGroupNodes(inventory.nodes, inventory.groups);
  if (nodes.length === 0) throw new CliError(`${inventoryPath}: no node to place DaemonSets on (node groups of unknown size have no nodes to count)`);
  const view = computeClusterView({
    daemonSets: gathered.daemonSets.map((entry) => entry.daemonSet),
    renderedBy: gathered.daemonSets.map((entry) => entry.renderedBy),
    nodes,
    pods: inventory.pods,
    priorityClasses: [...gathered.priorityClasses, ...inventory.priorityClasses],
    groupBy,
  });
  if (format === 'json') io.stdout(JSON.stringify(toClusterJson(view), null, 2) + '\n');
  else if (format === 'csv') io.stdout(toClusterCsv(view));
  else io.stdout(renderClusterTable(view) + (rendered.length > 0 ? '\n' + renderedNotes(gathered, rendered) : ''));
  return 0;
}
