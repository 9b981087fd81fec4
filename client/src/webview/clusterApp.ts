/**
 * The cluster view panel: every DaemonSet of the workspace over the node
 * inventory. The extension sends the texts (`clusterUpdate`); this app loads
 * them with the model, applies the what-if edits (clusterState.ts), runs the
 * one aggregation (`computeClusterView`) and renders with text nodes: the
 * pools and their daemon tax (table and stacked bars), the matrix (table and
 * heat map, or per node in a virtualized list), coverage gaps and host-port
 * collisions. A click on a cell opens the DaemonSet and its preview.
 */
import type { DaemonSet, Pod, PriorityClass } from '../../../server/src/model/kubeTypes';
import { nodesWithGroupNodes } from '../../../server/src/model/nodeGroupNodes';
import { plural } from '../../../server/src/model/plural';
import { formatQuantityForPeople } from '../../../server/src/model/quantity';
import {
  computeClusterView,
  describeClusterBasis,
  gatherClusterDaemonSets,
  renderedDaemonSetLabel,
  clusterDaemonSetLabel,
  NODE_POOL_LABELS,
  OUTCOME_PENDING,
  OUTCOME_RUNS,
  TAX_RESOURCES,
  type ClusterCell,
  type ClusterView,
  type GatheredCluster,
  type PoolSummary,
  type RenderedClusterSource,
  type TaxResource,
} from '../../../server/src/reconciler';
import {
  applyClusterWhatIf,
  daemonSetKeyOf,
  daemonSetRows,
  defaultClusterUiState,
  nodeRows,
  restoreClusterUiState,
  type ClusterSort,
  type ClusterUiState,
} from './clusterState';
import { h } from './dom';
import type { ClusterUpdateMessage } from './protocol';
import { heatMap, SERIES, taxBars } from './renderClusterCharts';
import { loadInventoryFiles } from './sources';
import { VirtualList } from './virtualList';
import type { PreviewHost } from './webviewHost';

const NODE_ROW_HEIGHT = 26;
const OUTCOME_CLASS = ['runs', 'pending', 'excluded', 'taint'];
const OUTCOME_WORD = ['runs', 'Pending', 'not selected', 'taint not tolerated'];

interface Loaded {
  daemonSets: DaemonSet[];
  /** Per DaemonSet, the URI of its file (a chart's template, an overlay's kustomization). */
  uris: string[];
  /** Per DaemonSet, the chart or overlay that rendered it. */
  renderedBy: Array<string | undefined>;
  problems: string[];
  /** The charts and overlays, the bases left out, the failures, and what is not rendered. */
  rendered: RenderedClusterSource[];
  gathered: GatheredCluster;
  renderNotices: string[];
  nodes: ReturnType<typeof nodesWithGroupNodes>;
  pods: Pod[];
  /** The workspace's and the inventory's, for preemption. */
  priorityClasses: PriorityClass[];
  inventoryLabel: string | null;
  inventoryError: string | null;
  truncated: number;
}

function share(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function shareRange(pool: PoolSummary, resource: TaxResource): string {
  const range = pool.share[resource];
  if (!range) return '–';
  return Math.round(range.min * 100) === Math.round(range.max * 100) ? share(range.max) : `${share(range.min)}–${share(range.max)}`;
}

function quantity(nanos: bigint, resource: TaxResource): string {
  return nanos > 0n ? formatQuantityForPeople({ nanos, format: 'DecimalSI' }, resource) : '–';
}

function cellWords(cell: ClusterCell, size: number): string {
  const preempt = cell.preempting > 0 ? ` (${cell.preempting} preempt)` : '';
  switch (cell.state) {
    case 'runs':
      return `runs ${size}${preempt}`;
    case 'partial':
      return `${cell.runs}/${size}${preempt}`;
    case 'pending':
      return `Pending ${cell.pending}/${size}`;
    default:
      return cell.taint > 0 && cell.notSelected === 0 ? 'taint' : '–';
  }
}

export class ClusterApp {
  private ui: ClusterUiState;
  private loaded: Loaded | undefined;
  private view: ClusterView | undefined;
  private lastGood: ClusterView | undefined;
  private error: string | undefined;

  private readonly header = h('header', { class: 'header' });
  private readonly toolbar: HTMLElement;
  private readonly filterInput: HTMLInputElement;
  private readonly sortSelect: HTMLSelectElement;
  private readonly modeButton: HTMLButtonElement;
  private readonly groupInput: HTMLInputElement;
  private readonly body = h('div', { class: 'cluster-body' });
  private readonly nodesHost = h('div', { class: 'nodes-host' });
  private readonly nodeList: VirtualList<number>;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: PreviewHost,
  ) {
    this.ui = restoreClusterUiState(host.storedState()) ?? defaultClusterUiState();
    this.filterInput = h('input', { type: 'search', placeholder: 'Filter DaemonSets, nodes or pools', 'aria-label': 'Filter' }) as HTMLInputElement;
    this.filterInput.value = this.ui.filter;
    this.filterInput.addEventListener('input', () => this.update({ filter: this.filterInput.value }, false));
    this.sortSelect = h(
      'select',
      { 'aria-label': 'Sort DaemonSets' },
      ...(
        [
          ['name', 'Sort by name'],
          ['requests', 'Sort by CPU request'],
          ['coverage', 'Sort by nodes covered'],
          ['file', 'Sort by file'],
        ] as const
      ).map(([value, label]) => h('option', { value }, label)),
    ) as HTMLSelectElement;
    this.sortSelect.value = this.ui.sort;
    this.sortSelect.addEventListener('change', () => this.update({ sort: this.sortSelect.value as ClusterSort }, false));
    this.modeButton = h('button', { class: 'secondary mode-toggle', type: 'button' }) as HTMLButtonElement;
    this.modeButton.addEventListener('click', () => this.update({ mode: this.ui.mode === 'pools' ? 'nodes' : 'pools' }, false));
    this.groupInput = h('input', { type: 'text', list: 'pool-labels', placeholder: 'Group by label (default: pool labels)', 'aria-label': 'Group nodes by label' }) as HTMLInputElement;
    this.groupInput.value = this.ui.groupBy;
    this.groupInput.addEventListener('change', () => this.update({ groupBy: this.groupInput.value.trim() }, true));
    const labels = h('datalist', { id: 'pool-labels' }, ...[...NODE_POOL_LABELS, 'topology.kubernetes.io/zone', 'kubernetes.io/arch'].map((label) => h('option', { value: label })));
    const inventoryButton = h('button', { class: 'secondary', type: 'button' }, 'Select Node Inventory…');
    inventoryButton.addEventListener('click', () => this.host.post({ type: 'selectInventory' }));
    this.toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Cluster view' }, this.filterInput, this.sortSelect, this.groupInput, labels, this.modeButton, inventoryButton);
    this.nodeList = new VirtualList<number>({
      rowHeight: NODE_ROW_HEIGHT,
      label: 'Nodes and the DaemonSets on each',
      renderRow: (n) => this.renderNodeRow(n),
    });
    this.nodesHost.append(this.nodeList.element);
    root.replaceChildren(this.header, h('p', { class: 'muted' }, 'Loading the cluster view…'));
  }

  /** The last message, gathered again when the user counts the bases or not. */
  private message: ClusterUpdateMessage | undefined;

  receive(message: ClusterUpdateMessage): void {
    this.message = message;
    this.load();
    this.recompute();
    this.render();
  }

  private load(): void {
    const message = this.message;
    if (!message) return;
    try {
      const rendered = message.rendered ?? [];
      const gathered = gatherClusterDaemonSets(message.files, rendered, { includeBases: this.ui.includeBases });
      const fileName = (uri: string) => decodeURIComponent(uri.split('/').pop() ?? uri);
      const problems = gathered.problems.map(({ problem, renderedBy }) => `${fileName(problem.file)}:${problem.line}${renderedBy ? ` (rendered by ${renderedBy})` : ''}: ${problem.message}`);
      const inventory = loadInventoryFiles(message.inventory?.files ?? []);
      for (const problem of inventory.problems) if (problem.severity !== 'warning') problems.push(`${fileName(problem.file)}:${problem.line}: ${problem.message}`);
      this.loaded = {
        daemonSets: gathered.daemonSets.map((entry) => entry.daemonSet),
        uris: gathered.daemonSets.map((entry) => entry.uri),
        renderedBy: gathered.daemonSets.map((entry) => entry.renderedBy),
        problems,
        rendered,
        gathered,
        renderNotices: message.renderNotices ?? [],
        nodes: nodesWithGroupNodes(inventory.nodes, inventory.groups),
        pods: inventory.pods,
        priorityClasses: [...gathered.priorityClasses, ...inventory.priorityClasses],
        inventoryLabel: message.inventory?.label ?? null,
        inventoryError: message.inventoryError,
        truncated: message.truncated,
      };
      this.error = undefined;
    } catch (error) {
      this.error = `Could not read the inputs: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private update(change: Partial<ClusterUiState>, recompute: boolean): void {
    this.ui = { ...this.ui, ...change };
    this.host.store(this.ui);
    if (recompute) this.recompute();
    this.render();
  }

  private recompute(): void {
    if (!this.loaded) return;
    try {
      const input = applyClusterWhatIf(this.loaded.daemonSets, this.loaded.nodes, this.ui, this.loaded.renderedBy);
      // The last good view lends the scheduler its unchanged nodes' cells (a what-if removing or adding a pool).
      this.view = computeClusterView(
        { ...input, renderedBy: this.loaded.renderedBy, pods: this.loaded.pods, priorityClasses: this.loaded.priorityClasses, groupBy: this.ui.groupBy || undefined },
        this.lastGood,
      );
      this.lastGood = this.view;
      this.error = undefined;
    } catch (error) {
      // Keep the last good result on screen with the error above it.
      this.view = this.lastGood;
      this.error = `Could not compute the cluster view: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** The file of a DaemonSet of the view (the view's order is the loaded order). */
  private open(d: number): void {
    const loaded = this.loaded;
    const daemonSet = this.view?.daemonSets[d];
    if (!loaded || !daemonSet) return;
    // A rendered DaemonSet's line is in the rendered text: its template or kustomization opens at the top, its preview follows the render.
    const line = daemonSet.renderedBy ? 0 : Math.max(0, (daemonSet.line ?? 1) - 1);
    this.host.post({ type: 'openDaemonSet', uri: loaded.uris[d], line, daemonSet: `${daemonSet.namespace}/${daemonSet.name}` });
  }

  private render(): void {
    const loaded = this.loaded;
    const view = this.view;
    this.modeButton.textContent = this.ui.mode === 'pools' ? 'Show nodes' : 'Show pools';
    this.modeButton.setAttribute('aria-pressed', this.ui.mode === 'nodes' ? 'true' : 'false');
    const inventoryLine = loaded?.inventoryLabel ? `Nodes from ${loaded.inventoryLabel} (${loaded.nodes.length})` : 'No node inventory: select one, or add a *.nodes.yaml file';
    this.header.replaceChildren(
      h('h1', {}, 'DaemonSet Cluster View'),
      h('p', { class: 'muted inventory-line' }, inventoryLine),
      ...(view
        ? [
            h('p', { class: 'cluster-counts' }, `${plural(view.daemonSets.length, 'DaemonSet')} over ${plural(view.nodes.length, 'node')} in ${plural(view.pools.length, 'pool')}`),
            h('p', { class: 'muted basis' }, `${describeClusterBasis(view)}.`),
          ]
        : []),
    );
    const notices: HTMLElement[] = [];
    if (this.error) notices.push(h('div', { class: 'error', role: 'alert' }, this.error));
    if (loaded?.inventoryError) notices.push(h('div', { class: 'error', role: 'alert' }, loaded.inventoryError));
    if (loaded && loaded.problems.length > 0) {
      notices.push(h('section', { class: 'warning' }, h('strong', {}, `${plural(loaded.problems.length, 'file problem')} (those objects are left out):`), h('ul', {}, ...loaded.problems.slice(0, 10).map((p) => h('li', {}, p)))));
    }
    if (loaded && loaded.truncated > 0) notices.push(h('p', { class: 'warning' }, `${plural(loaded.truncated, 'YAML file')} of the workspace not read: the view reads the first files only.`));
    if (loaded) notices.push(...this.renderRenderFailures(loaded));
    if (!loaded || !view) {
      this.root.replaceChildren(this.header, ...notices, h('p', { class: 'muted' }, 'Loading the cluster view…'));
      return;
    }
    if (view.daemonSets.length === 0 || view.nodes.length === 0) {
      const why = view.daemonSets.length === 0 ? 'No DaemonSet in the workspace.' : 'The node inventory has no nodes.';
      this.root.replaceChildren(this.header, this.toolbar, this.renderWhatIf(), ...notices, h('p', { class: 'empty muted' }, why), ...this.renderSources(loaded));
      return;
    }
    const rows = daemonSetRows(view, this.ui.sort, this.ui.filter);
    this.body.replaceChildren(
      ...(this.ui.mode === 'pools'
        ? [this.renderPools(view), this.renderMatrix(view, rows), this.renderPending(view, rows), this.renderGaps(view), this.renderCollisions(view), ...this.renderSources(loaded)]
        : [this.renderNodesHeader(view, rows), this.nodesHost, this.renderGaps(view), this.renderCollisions(view), ...this.renderSources(loaded)]),
    );
    this.root.replaceChildren(this.header, this.toolbar, this.renderWhatIf(), ...notices, this.body);
    if (this.ui.mode === 'nodes') {
      this.nodeRowsOrder = rows;
      this.nodeList.setItems(nodeRows(view, this.ui.filter));
    }
  }

  /** Whether the what-if bar is open: it stays open across redraws once the user opened it. */
  private whatIfOpen = false;

  /** The DaemonSets shown as the node list's columns, in the matrix order. */
  private nodeRowsOrder: number[] = [];

  private renderWhatIf(): HTMLElement {
    const ui = this.ui;
    const pools = this.lastGood?.pools ?? [];
    const chips: HTMLElement[] = [];
    for (const pool of ui.removedPools) chips.push(this.chip(`without pool ${pool}`, { removedPools: ui.removedPools.filter((p) => p !== pool) }));
    for (const pool of ui.addedPools) chips.push(this.chip(`+${pool.count} nodes like ${pool.like} as ${pool.name}`, { addedPools: ui.addedPools.filter((p) => p !== pool) }));
    for (const [key, requests] of Object.entries(ui.requests)) {
      const { [key]: _dropped, ...rest } = ui.requests;
      chips.push(this.chip(`${key} requests ${[requests.cpu && `cpu ${requests.cpu}`, requests.memory && `memory ${requests.memory}`].filter(Boolean).join(', ')}`, { requests: rest }));
    }
    const poolSelect = h('select', { 'aria-label': 'What-if pool' }, ...pools.map((pool) => h('option', { value: pool.name }, pool.name))) as HTMLSelectElement;
    const count = h('input', { type: 'number', min: 1, max: 5000, value: 3, 'aria-label': 'Nodes to add', class: 'count-input' }) as HTMLInputElement;
    const remove = h('button', { class: 'secondary small', type: 'button' }, 'Remove pool');
    remove.addEventListener('click', () => {
      if (poolSelect.value && !ui.removedPools.includes(poolSelect.value)) this.update({ removedPools: [...ui.removedPools, poolSelect.value] }, true);
    });
    const add = h('button', { class: 'secondary small', type: 'button' }, 'Add pool like it');
    add.addEventListener('click', () => {
      const nodes = Number(count.value);
      if (!poolSelect.value || !Number.isInteger(nodes) || nodes < 1 || nodes > 5000) return;
      let name = `${poolSelect.value}-what-if`;
      for (let i = 2; ui.addedPools.some((p) => p.name === name); i++) name = `${poolSelect.value}-what-if-${i}`;
      this.update({ addedPools: [...ui.addedPools, { name, like: poolSelect.value, count: nodes }] }, true);
    });
    const daemonSelect = h('select', { 'aria-label': 'What-if DaemonSet' }, ...(this.loaded?.daemonSets ?? []).map((ds, d) => {
        const key = daemonSetKeyOf(ds, this.loaded?.renderedBy[d]);
        return h('option', { value: key }, key);
      })) as HTMLSelectElement;
    const cpu = h('input', { type: 'text', placeholder: 'cpu, e.g. 250m', 'aria-label': 'CPU request', class: 'quantity-input' }) as HTMLInputElement;
    const memory = h('input', { type: 'text', placeholder: 'memory, e.g. 256Mi', 'aria-label': 'Memory request', class: 'quantity-input' }) as HTMLInputElement;
    const apply = h('button', { class: 'secondary small', type: 'button' }, 'Set requests');
    const message = h('span', { class: 'error-text', role: 'status' });
    apply.addEventListener('click', () => {
      const next = restoreClusterUiState({ ...ui, requests: { ...ui.requests, [daemonSelect.value]: { ...(cpu.value.trim() ? { cpu: cpu.value.trim() } : {}), ...(memory.value.trim() ? { memory: memory.value.trim() } : {}) } } });
      if (!next || !next.requests[daemonSelect.value]) {
        message.textContent = 'Enter a Kubernetes quantity, e.g. 250m or 256Mi';
        return;
      }
      this.update({ requests: next.requests }, true);
    });
    const details = h(
      'details',
      { class: 'what-if-bar', ...(chips.length > 0 || this.whatIfOpen ? { open: true } : {}) },
      h('summary', {}, chips.length > 0 ? `What-if: ${plural(chips.length, 'change')}` : 'What-if'),
      h('div', { class: 'actions' }, poolSelect, remove, count, add),
      h('div', { class: 'actions' }, daemonSelect, cpu, memory, apply, message),
      chips.length > 0 ? h('div', { class: 'chips' }, ...chips) : null,
    );
    details.addEventListener('toggle', () => (this.whatIfOpen = (details as HTMLDetailsElement).open));
    return details;
  }

  private chip(text: string, undo: Partial<ClusterUiState>): HTMLElement {
    const button = h('button', { class: 'icon small', type: 'button', 'aria-label': `Undo: ${text}` }, 'Undo');
    button.addEventListener('click', () => this.update(undo, true));
    return h('span', { class: 'chip what-if-chip' }, text, ' ', button);
  }

  /** Charts and overlays that failed (their last good render still counted) and what is not rendered at all: above the view. */
  private renderRenderFailures(loaded: Loaded): HTMLElement[] {
    const out: HTMLElement[] = loaded.renderNotices.map((notice) => h('p', { class: 'warning render-notice' }, notice));
    for (const failure of loaded.gathered.failures) {
      const kept = failure.kept > 0 ? `; its last good render (${plural(failure.kept, 'DaemonSet')}) is shown` : '';
      out.push(h('div', { class: 'error render-failure', role: 'alert' }, `${failure.label} does not render: ${failure.error}${kept}`));
    }
    return out;
  }

  /** What the view counts besides the manifests: each chart and overlay, and the bases their overlays stand for. */
  private renderSources(loaded: Loaded): HTMLElement[] {
    if (loaded.rendered.length === 0 && loaded.gathered.bases.length === 0) return [];
    const counts = new Map<string, number>();
    for (const entry of loaded.gathered.daemonSets) if (entry.renderedBy) counts.set(entry.renderedBy, (counts.get(entry.renderedBy) ?? 0) + 1);
    const baseOf = new Map(loaded.gathered.bases.map((base) => [base.name, base]));
    const items = loaded.rendered.map((source) => {
      const base = baseOf.get(source.label);
      const how = source.kind === 'helm' ? 'Helm chart' : 'Kustomize overlay';
      const state = base && !base.counted ? `a base of ${base.overlays.join(', ')}, not counted` : plural(counts.get(source.label) ?? 0, 'DaemonSet');
      return h('li', { class: `rendered-source kind-${source.kind}`, 'data-source': source.label }, h('strong', {}, source.label), ` (${how}): ${state}`, source.error ? h('span', { class: 'error-text' }, ` — does not render: ${source.error}`) : null);
    });
    const bases = loaded.gathered.bases
      .filter((base) => !loaded.rendered.some((source) => source.label === base.name))
      .map((base) => h('li', { class: 'base-file' }, h('strong', {}, decodeURIComponent(base.name.split('/').slice(-2).join('/'))), ` — a base of ${base.overlays.join(', ')}, ${base.counted ? 'counted too' : 'not counted (the overlay is)'}`));
    const toggle = h('input', { type: 'checkbox', id: 'include-bases', ...(this.ui.includeBases ? { checked: true } : {}) }) as HTMLInputElement;
    toggle.addEventListener('change', () => {
      this.ui = { ...this.ui, includeBases: toggle.checked };
      this.host.store(this.ui);
      this.load();
      this.recompute();
      this.render();
    });
    return [h(
      'section',
      { class: 'rendered-sources', 'aria-labelledby': 'rendered-title' },
      h('h2', { id: 'rendered-title' }, 'Rendered charts and overlays'),
      h('p', { class: 'muted' }, 'A DaemonSet reaches the cluster through the overlay that deploys it: the files and kustomizations an overlay builds on are its bases, not counted unless you ask. Rendered again on save.'),
      h('ul', {}, ...items, ...bases),
      loaded.gathered.bases.length > 0 ? h('label', { class: 'include-bases' }, toggle, ' Count the bases too') : null,
    )];
  }

  private renderPools(view: ClusterView): HTMLElement {
    const table = h(
      'table',
      { class: 'cluster-pools', id: 'cluster-pools-table' },
      h('caption', { class: 'muted' }, 'Daemon tax per node: what the DaemonSets placed on the pool\'s most taxed node request'),
      h(
        'thead',
        {},
        h('tr', {}, ...['Pool', 'Nodes', 'Instance types', 'Daemons', 'CPU requests', 'CPU % alloc.', 'Memory requests', 'Memory % alloc.', 'Limits (CPU / memory)'].map((title) => h('th', { scope: 'col' }, title))),
      ),
      h(
        'tbody',
        {},
        ...view.pools.map((pool) =>
          h(
            'tr',
            { 'data-pool': pool.name },
            h('th', { scope: 'row' }, pool.name),
            h('td', {}, String(pool.nodeCount)),
            h('td', {}, pool.instanceTypes.join(', ') || '–'),
            h('td', {}, String(pool.daemonSets)),
            h('td', {}, quantity(pool.tax.requests.cpu, 'cpu')),
            h('td', {}, shareRange(pool, 'cpu')),
            h('td', {}, quantity(pool.tax.requests.memory, 'memory')),
            h('td', {}, shareRange(pool, 'memory')),
            h('td', {}, `${pool.tax.unlimited.cpu ? 'unlimited' : quantity(pool.tax.limits.cpu, 'cpu')} / ${pool.tax.unlimited.memory ? 'unlimited' : quantity(pool.tax.limits.memory, 'memory')}`),
          ),
        ),
      ),
    );
    return h(
      'section',
      { class: 'pools-section', 'aria-labelledby': 'pools-title' },
      h('h2', { id: 'pools-title' }, 'Node pools and the daemon tax'),
      h('ul', { class: 'headlines' }, ...view.pools.map((pool) => h('li', { class: 'pool-headline' }, pool.headline))),
      table,
      taxBars(view, 'cluster-pools-table'),
    );
  }

  private renderMatrix(view: ClusterView, rows: readonly number[]): HTMLElement {
    const table = h(
      'table',
      { class: 'matrix', id: 'cluster-matrix-table' },
      h('caption', { class: 'muted' }, 'Each cell: how many of the pool\'s nodes run the DaemonSet; click a cell to open it and its placement preview'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'DaemonSet'), h('th', { scope: 'col' }, 'Requests (CPU / memory)'), ...view.pools.map((pool) => h('th', { scope: 'col' }, pool.name)))),
      h(
        'tbody',
        {},
        ...rows.map((d) => {
          const daemonSet = view.daemonSets[d];
          const key = `${daemonSet.namespace}/${daemonSet.name}`;
          return h(
            'tr',
            { 'data-daemonset': key, ...(daemonSet.renderedBy ? { 'data-rendered-by': daemonSet.renderedBy } : {}) },
            h(
              'th',
              { scope: 'row' },
              h('span', { class: `swatch series-${d % SERIES}`, 'aria-hidden': 'true' }),
              key,
              daemonSet.renderedBy ? h('span', { class: 'muted rendered-by' }, ` — rendered by ${daemonSet.renderedBy}`) : null,
            ),
            h('td', { class: 'mono' }, TAX_RESOURCES.map((resource) => daemonSet.requests[resource] ?? '–').join(' / ')),
            ...view.pools.map((pool, p) => {
              const cell = view.cells[d][p];
              const why = cell.reasons.length > 0 ? `: ${cell.reasons.join('; ')}` : '';
              const name = renderedDaemonSetLabel(key, daemonSet.renderedBy);
              const button = h(
                'button',
                { class: `cell-button state-${cell.state}`, type: 'button', 'data-pool': pool.name, title: `${name} on ${pool.name}: ${cell.runs} of ${pool.nodeCount} run it${why}`, 'aria-label': `${name} on ${pool.name}: ${cellWords(cell, pool.nodeCount)}${why}` },
                cellWords(cell, pool.nodeCount),
              );
              button.addEventListener('click', () => this.open(d));
              return h('td', {}, button);
            }),
          );
        }),
      ),
    );
    return h(
      'section',
      { class: 'matrix-section', 'aria-labelledby': 'matrix-title' },
      h('h2', { id: 'matrix-title' }, 'DaemonSets × pools'),
      rows.length === 0 ? h('p', { class: 'muted' }, 'No DaemonSet matches the filter.') : table,
      rows.length > 0 ? heatMap(view, rows, 'cluster-matrix-table') : null,
    );
  }

  /** The cells where the scheduler leaves a daemon pod Pending, or binds it only by preempting: the words the matrix keeps in tooltips. */
  private renderPending(view: ClusterView, rows: readonly number[]): HTMLElement {
    const items: HTMLElement[] = [];
    for (const d of rows) {
      const daemonSet = view.daemonSets[d];
      view.pools.forEach((pool, p) => {
        const cell = view.cells[d][p];
        if (cell.pending === 0 && cell.preempting === 0) return;
        const what = [cell.pending > 0 ? `${cell.pending} of ${pool.nodeCount} nodes Pending` : '', cell.preempting > 0 ? `${cell.preempting} by preempting` : ''].filter(Boolean).join(', ');
        const why = cell.reasons.filter((reason) => reason.startsWith('Pending on') || / fits after preempting | stays Pending/.test(reason));
        items.push(h('li', { class: 'pending-cell' }, h('strong', {}, `${clusterDaemonSetLabel(daemonSet)} on ${pool.name}`), `: ${what}`, ...why.map((reason) => h('div', { class: 'muted' }, reason))));
      });
    }
    return h(
      'section',
      { class: 'pending', 'aria-labelledby': 'pending-title' },
      h('h2', { id: 'pending-title' }, 'Pending and preemption'),
      items.length === 0 ? h('p', { class: 'muted' }, 'None: every daemon pod the controller creates fits where it is placed.') : h('ul', {}, ...items),
    );
  }

  private renderGaps(view: ClusterView): HTMLElement {
    const name = (d: number) => clusterDaemonSetLabel(view.daemonSets[d]);
    return h(
      'section',
      { class: 'gaps', 'aria-labelledby': 'gaps-title' },
      h('h2', { id: 'gaps-title' }, 'Coverage gaps'),
      view.gaps.length === 0
        ? h('p', { class: 'muted' }, 'None: every DaemonSet that runs on most nodes runs on every pool.')
        : h(
            'ul',
            {},
            ...view.gaps.map((gap) =>
              h('li', { class: 'gap' }, h('strong', {}, `${view.pools[gap.pool].name} without ${name(gap.daemonSet)}`), ` (runs on ${share(gap.coverage)} of nodes): ${gap.missing} of ${gap.of} nodes`, gap.reason ? h('div', { class: 'muted' }, gap.reason) : null),
            ),
          ),
    );
  }

  private renderCollisions(view: ClusterView): HTMLElement {
    const name = (d: number) => clusterDaemonSetLabel(view.daemonSets[d]);
    return h(
      'section',
      { class: 'collisions', 'aria-labelledby': 'collisions-title' },
      h('h2', { id: 'collisions-title' }, 'Host-port collisions'),
      view.collisions.length === 0
        ? h('p', { class: 'muted' }, 'None.')
        : h(
            'ul',
            {},
            ...view.collisions.map((c) =>
              h('li', { class: 'collision' }, h('strong', {}, `${c.port}/${c.protocol}`), `: ${name(c.daemonSets[0])} and ${name(c.daemonSets[1])} on ${plural(c.nodes, 'node')} (${c.pools.join(', ')}): one of the two pods stays Pending`),
            ),
          ),
    );
  }

  private renderNodesHeader(view: ClusterView, rows: readonly number[]): HTMLElement {
    const legend = h(
      'p',
      { class: 'legend muted' },
      ...OUTCOME_WORD.map((word, outcome) => h('span', { class: 'legend-item' }, h('span', { class: `node-cell outcome-${OUTCOME_CLASS[outcome]}`, 'aria-hidden': 'true' }), ` ${word} `)),
    );
    return h(
      'section',
      { class: 'nodes-section', 'aria-labelledby': 'nodes-title' },
      h('h2', { id: 'nodes-title' }, 'DaemonSets × nodes'),
      h('p', { class: 'muted' }, `Columns: ${rows.map((d) => renderedDaemonSetLabel(view.daemonSets[d].name, view.daemonSets[d].renderedBy)).join(', ')}`),
      legend,
    );
  }

  private renderNodeRow(n: number): HTMLElement {
    const view = this.view as ClusterView;
    const node = view.nodes[n];
    const pool = view.pools[view.poolOfNode[n]];
    const tax = view.nodeTax[n];
    const cpuShare = tax.allocatable.cpu > 0n ? share(Number((tax.requests.cpu * 1000n) / tax.allocatable.cpu) / 1000) : '–';
    const cells = this.nodeRowsOrder.map((d) => {
      const outcome = view.outcomes[d * view.nodes.length + n];
      const daemonSet = view.daemonSets[d];
      const cell = h('button', {
        class: `node-cell outcome-${OUTCOME_CLASS[outcome]}`,
        type: 'button',
        title: `${clusterDaemonSetLabel(daemonSet)}: ${OUTCOME_WORD[outcome]}`,
        'aria-label': `${clusterDaemonSetLabel(daemonSet)}: ${OUTCOME_WORD[outcome]}`,
      });
      cell.addEventListener('click', () => this.open(d));
      return cell;
    });
    const runs = this.nodeRowsOrder.filter((d) => {
      const outcome = view.outcomes[d * view.nodes.length + n];
      return outcome === OUTCOME_RUNS || outcome === OUTCOME_PENDING;
    }).length;
    return h(
      'div',
      { class: 'cluster-node', 'data-node': node.metadata.name, 'aria-label': `${node.metadata.name}, pool ${pool.name}: ${plural(runs, 'daemon')}, ${cpuShare} of CPU` },
      h('span', { class: 'node-name' }, node.metadata.name),
      h('span', { class: 'muted node-pool' }, pool.name),
      h('span', { class: 'muted node-tax' }, `${plural(tax.daemonSets, 'daemon')} · ${cpuShare} CPU`),
      h('span', { class: 'node-cells' }, ...cells),
    );
  }
}
