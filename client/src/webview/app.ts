/**
 * The preview's controller: keeps the inputs from the extension and the UI
 * state (chosen DaemonSet, filter, what-if edits, rollout step), recomputes
 * the placement with the reconciler when an input changes, and renders.
 * Bad input never throws out of here: the panel shows the problem and keeps
 * the last good result, greyed.
 */
import type { DaemonSet, Node as KubeNode, Taint } from '../../../server/src/model/kubeTypes';
import { isLoadError, type LoadProblem } from '../../../server/src/model/objectReader';
import { plural } from '../../../server/src/model/plural';
import { addTolerationEdit, tolerationForTaint } from '../../../server/src/model/yamlEdits/addToleration';
import { inventoryEdits } from '../../../server/src/model/yamlEdits/inventoryEdits';
import { formatTaint, type NodeMutation } from '../../../server/src/reconciler';
import { h } from './dom';
import { DEFAULT_FILTER, filterAndSort, type NodeFilter, type SortOrder } from './nodeFilter';
import { computePlacementView, OUTCOME_TITLES, OUTCOMES, type NodeRow, type Outcome, type PlacementView } from './placementView';
import { parseHostMessage, type HostMessage, type ProblemLocation, type WebviewMessage } from './protocol';
import { renderDetail } from './renderDetail';
import { CELL_LINE_HEIGHT, CELL_WIDTH, gridItems, listItems, renderCells, renderGroup, renderNodeRow, ROW_HEIGHT, type ListItem } from './renderNodes';
import { renderRollout } from './renderRollout';
import { renderCost, renderCounts, renderProblems, renderStatusTable, renderWhatIf } from './renderSummary';
import { baselineDaemonSet, computeRollout, type RolloutView } from './rolloutView';
import { daemonSetKey, fileName, loadSources, type LoadedSources } from './sources';
import { defaultUiState, restoreUiState, type UiState } from './uiState';
import { VirtualList } from './virtualList';
import { computeWhatIf, type PlacementDiff } from './whatIf';

export interface HostApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

type UpdateMessage = Extract<HostMessage, { type: 'update' }>;

/** What one render shows, computed from the inputs and the what-if edits. */
interface Computed {
  daemonSet: DaemonSet;
  nodes: KubeNode[];
  view: PlacementView;
  diff: PlacementDiff | undefined;
  skipped: number[];
}

const PLAY_INTERVAL_MS = 700;

export class PreviewApp {
  private ui: UiState;
  private message: UpdateMessage | undefined;
  private empty: string | undefined = 'Loading placement preview…';
  private sources: LoadedSources | undefined;
  /** The inputs of the last result computed without problems: shown greyed while the inputs are broken. */
  private lastGood: { daemonSet: DaemonSet; nodes: KubeNode[] } | undefined;
  private computed: Computed | undefined;
  private stale = false;
  private notice: string | undefined;
  private lastPreselect: string | null = null;
  private lastProblemsPosted = '';
  private rollout: { key: string; view: RolloutView } | undefined;
  private playTimer: ReturnType<typeof setInterval> | undefined;
  /** A "Save to inventory" is on its way to the extension. */
  private saving = false;

  private readonly header = h('header', { class: 'header' });
  private readonly problems = h('div', { class: 'problems' });
  private readonly content = h('div', { class: 'content' });
  private readonly summary = h('div', { class: 'summary' });
  private readonly detail = h('div', { class: 'detail-host' });
  private readonly rolloutBody = h('div', { class: 'rollout-body' });
  private readonly rolloutSection: HTMLDetailsElement;
  private readonly toolbar: HTMLElement;
  private readonly outcomeSelect: HTMLSelectElement;
  private readonly searchInput: HTMLInputElement;
  private readonly sortSelect: HTMLSelectElement;
  private readonly viewButton: HTMLButtonElement;
  private readonly shownCount = h('span', { class: 'muted shown-count', 'aria-live': 'polite' });
  private readonly list: VirtualList<ListItem>;
  private readonly grid: VirtualList<ListItem>;
  private readonly listHost = h('div', { class: 'list-host' });

  constructor(
    private readonly root: HTMLElement,
    private readonly host: HostApi,
  ) {
    this.ui = restoreUiState(host.getState()) ?? defaultUiState();
    this.outcomeSelect = h(
      'select',
      { 'aria-label': 'Show nodes by outcome' },
      h('option', { value: 'all' }, 'All outcomes'),
      OUTCOMES.map((outcome) => h('option', { value: outcome }, OUTCOME_TITLES[outcome])),
    ) as HTMLSelectElement;
    this.searchInput = h('input', { type: 'search', placeholder: 'Filter by name, label or taint', 'aria-label': 'Filter nodes by name, label or taint', spellcheck: 'false' }) as HTMLInputElement;
    this.sortSelect = h(
      'select',
      { 'aria-label': 'Sort nodes' },
      h('option', { value: 'outcome' }, 'Group by outcome'),
      h('option', { value: 'name' }, 'Sort by name'),
      h('option', { value: 'cpu' }, 'Sort by CPU share'),
      h('option', { value: 'memory' }, 'Sort by memory share'),
    ) as HTMLSelectElement;
    this.viewButton = h('button', { type: 'button', class: 'small secondary', 'aria-pressed': 'false' }, 'Grid view') as HTMLButtonElement;
    this.outcomeSelect.addEventListener('change', () => this.setFilter({ outcome: this.outcomeSelect.value as Outcome | 'all' }));
    this.searchInput.addEventListener('input', () => this.setFilter({ text: this.searchInput.value }));
    this.sortSelect.addEventListener('change', () => this.setFilter({ sort: this.sortSelect.value as SortOrder }));
    this.viewButton.addEventListener('click', () => {
      this.ui.view = this.ui.view === 'list' ? 'grid' : 'list';
      this.save();
      this.renderNodes();
    });
    this.toolbar = h('div', { class: 'toolbar', role: 'search' }, this.outcomeSelect, this.searchInput, this.sortSelect, this.viewButton, this.shownCount);

    const actions = { addToleration: (row: NodeRow, taint: Taint) => this.addToleration(row, taint) };
    this.list = new VirtualList<ListItem>({
      rowHeight: ROW_HEIGHT,
      label: 'Nodes',
      renderRow: (item) => (item.kind === 'group' ? renderGroup(item.outcome, item.count) : item.kind === 'node' ? renderNodeRow(item.row, actions) : h('div')),
      isNavigable: (item) => item.kind === 'node',
      onActivate: (item) => item.kind === 'node' && this.selectNode(item.row.name),
    });
    this.grid = new VirtualList<ListItem>({
      rowHeight: CELL_LINE_HEIGHT,
      label: 'Nodes (grid)',
      renderRow: (item) => (item.kind === 'cells' ? renderCells(item.rows, (row) => this.selectNode(row.name), this.ui.selectedNode) : h('div')),
      onActivate: (item) => item.kind === 'cells' && item.rows[0] && this.selectNode(item.rows[0].name),
    });
    this.rolloutSection = h('details', { class: 'rollout' }, h('summary', {}, h('h2', {}, 'Rollout')), this.rolloutBody) as HTMLDetailsElement;
    this.rolloutSection.open = this.ui.rolloutOpen;
    this.rolloutSection.addEventListener('toggle', () => {
      this.ui.rolloutOpen = this.rolloutSection.open;
      this.save();
      this.renderRolloutSection();
    });
    this.syncToolbar();
    window.addEventListener('resize', () => this.ui.view === 'grid' && this.renderNodes());
    this.render();
  }

  /** A message from the extension; anything malformed is ignored. */
  receive(raw: unknown): void {
    const message = parseHostMessage(raw);
    if (!message) return;
    if (message.type === 'inventorySaved') {
      this.saving = false;
      if (message.ok) {
        // The update before this answer carries the saved files: the edits are in the inventory now.
        this.ui.mutations = [];
        this.save();
        this.notice = 'Saved the what-if edits to the node inventory.';
      } else {
        this.notice = `Could not save to the node inventory: ${message.error ?? 'unknown error'}`;
      }
      this.render();
      return;
    }
    if (message.type === 'noManifest') {
      this.message = undefined;
      this.empty = 'Open a YAML file with a DaemonSet to see where its pods run.';
      this.render();
      return;
    }
    this.message = message;
    this.empty = undefined;
    this.notice = undefined;
    try {
      this.sources = loadSources(message.manifest, message.inventory?.files ?? []);
    } catch (error) {
      this.sources = undefined;
      this.notice = `Could not read the inputs: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (message.preselect !== this.lastPreselect) {
      this.lastPreselect = message.preselect;
      const wanted = this.sources?.daemonSets.find((ds) => daemonSetKey(ds) === message.preselect || ds.metadata.name === message.preselect);
      if (wanted) this.ui.selected = daemonSetKey(wanted);
    }
    this.postInventoryProblems();
    this.render();
  }

  private save(): void {
    this.host.setState(this.ui);
  }

  private postInventoryProblems(): void {
    const problems: ProblemLocation[] = (this.sources?.inventoryProblems ?? []).slice(0, 1000).map((problem) => ({
      uri: problem.file,
      line: Math.max(1, problem.line),
      column: Math.max(0, problem.column),
      message: problem.path ? `${problem.path}: ${problem.message}` : problem.message,
      ...(isLoadError(problem) ? {} : { severity: 'warning' as const }),
    }));
    const key = JSON.stringify(problems);
    if (key === this.lastProblemsPosted) return;
    this.lastProblemsPosted = key;
    this.host.postMessage({ type: 'inventoryProblems', problems });
  }

  private setFilter(change: Partial<NodeFilter>): void {
    this.ui.filter = { ...this.ui.filter, ...change };
    this.save();
    this.renderNodes();
  }

  private syncToolbar(): void {
    this.outcomeSelect.value = this.ui.filter.outcome;
    this.searchInput.value = this.ui.filter.text;
    this.sortSelect.value = this.ui.filter.sort;
  }

  private selectNode(name: string | null): void {
    this.ui.selectedNode = name;
    this.save();
    this.renderDetail();
    if (this.ui.view === 'grid') this.grid.render();
  }

  private mutate(mutation: NodeMutation): void {
    this.ui.mutations = [...this.ui.mutations, mutation];
    if (mutation.kind === 'removeNode' && this.ui.selectedNode === mutation.node) this.ui.selectedNode = null;
    if (mutation.kind === 'addNode') this.ui.selectedNode = mutation.node.metadata.name;
    this.save();
    this.render();
  }

  private addToleration(row: NodeRow, taint: Taint): void {
    const message = this.message;
    const daemonSet = this.computed?.daemonSet;
    if (!message || !daemonSet?.source || this.stale) {
      this.showNotice('The manifest has problems; fix them before adding a toleration.');
      return;
    }
    const edit = addTolerationEdit(message.manifest.text, daemonSet.source.documentIndex, daemonSet.source.basePath, tolerationForTaint(taint));
    if ('error' in edit) {
      this.showNotice(`Cannot add the toleration: ${edit.error}.`);
      return;
    }
    this.host.postMessage({
      type: 'applyEdit',
      uri: message.manifest.uri,
      version: message.manifest.version,
      edits: [edit],
      label: `Add toleration for ${formatTaint(taint)} (node ${row.name})`,
    });
    this.showNotice(`Adding a toleration for ${formatTaint(taint)} to ${daemonSetKey(daemonSet)}…`);
  }

  /** "Save to inventory": minimal edits of the inventory files the panel was sent, computed here, written by the extension. */
  private saveToInventory(): void {
    const message = this.message;
    const computed = this.computed;
    if (!message?.inventory || !computed || this.stale) {
      this.showNotice('The node inventory has problems; fix them before saving to it.');
      return;
    }
    const result = inventoryEdits(message.inventory.files, this.ui.mutations, computed.nodes);
    if ('error' in result) {
      this.showNotice(`${result.error[0].toUpperCase()}${result.error.slice(1)}.`);
      return;
    }
    if (result.files.length === 0) {
      this.ui.mutations = [];
      this.save();
      this.notice = 'The node inventory already holds these edits.';
      this.render();
      return;
    }
    this.saving = true;
    this.host.postMessage({ type: 'saveInventory', edits: result.files.map((file) => ({ uri: file.uri, edits: file.edits })) });
    this.notice = 'Saving the what-if edits to the node inventory…';
    this.render();
  }

  private showNotice(text: string): void {
    this.notice = text;
    this.renderProblems();
  }

  /** Recomputes the placement from the inputs and renders everything. */
  render(): void {
    try {
      this.compute();
    } catch (error) {
      this.computed = undefined;
      this.notice = `Preview failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.renderAll();
  }

  private chosenDaemonSet(): DaemonSet | undefined {
    const daemonSets = this.sources?.daemonSets ?? [];
    return daemonSets.find((ds) => daemonSetKey(ds) === this.ui.selected) ?? (this.ui.selected === null ? daemonSets[0] : undefined);
  }

  private compute(): void {
    const message = this.message;
    const sources = this.sources;
    if (!message || !sources) {
      this.computed = undefined;
      return;
    }
    if (this.ui.selected !== null && !sources.daemonSets.some((ds) => daemonSetKey(ds) === this.ui.selected) && sources.manifestProblems.length === 0) {
      // The chosen DaemonSet was renamed or removed (not merely broken): follow the file.
      this.ui.selected = null;
    }
    const daemonSet = this.chosenDaemonSet();
    if (daemonSet && this.ui.selected === null) this.ui.selected = daemonSetKey(daemonSet);
    // Warnings (a file from which no node could be read) are shown, but the nodes that were read are the inventory.
    const inventoryBroken = message.inventoryError !== null || sources.inventoryProblems.some(isLoadError);
    let inputs: { daemonSet: DaemonSet; nodes: KubeNode[] } | undefined;
    if (daemonSet && !inventoryBroken && message.inventory) {
      inputs = { daemonSet, nodes: sources.nodes };
      this.lastGood = inputs;
      this.stale = false;
    } else if (this.lastGood && (inventoryBroken || (!daemonSet && sources.manifestProblems.length > 0))) {
      inputs = this.lastGood;
      this.stale = true;
    } else {
      this.stale = false;
    }
    if (!inputs) {
      this.computed = undefined;
      return;
    }
    const whatIf = computeWhatIf(inputs.daemonSet, inputs.nodes, this.ui.mutations);
    const view = computePlacementView(inputs.daemonSet, whatIf.nodes);
    this.computed = { daemonSet: inputs.daemonSet, nodes: whatIf.nodes, view, diff: whatIf.diff, skipped: whatIf.skipped };
  }

  private renderAll(): void {
    this.renderHeader();
    this.renderProblems();
    if (!this.message) {
      this.root.replaceChildren(this.header, h('p', { class: 'muted' }, this.empty ?? ''));
      return;
    }
    this.root.replaceChildren(this.header, this.problems, this.content);
    const computed = this.computed;
    this.content.classList.toggle('stale', this.stale);
    this.content.setAttribute('aria-disabled', this.stale ? 'true' : 'false');
    if (!computed) {
      this.content.replaceChildren(this.renderEmptyState());
      return;
    }
    const summary: Node[] = [renderStatusTable(computed.view), renderCounts(computed.view)];
    if (computed.diff) {
      summary.push(
        renderWhatIf(this.ui.mutations, computed.skipped, computed.diff, {
          undo: (index) => {
            this.ui.mutations = this.ui.mutations.filter((_, i) => i !== index);
            this.save();
            this.render();
          },
          reset: () => {
            this.ui.mutations = [];
            this.save();
            this.render();
          },
          save: this.message?.inventory?.files.length ? () => this.saveToInventory() : undefined,
          saving: this.saving,
        }),
      );
    }
    summary.push(renderCost(computed.view));
    this.summary.replaceChildren(...summary);
    this.content.replaceChildren(this.summary, this.rolloutSection, h('h2', {}, 'Nodes'), this.toolbar, this.detail, this.listHost);
    this.renderDetail();
    this.renderNodes();
    this.renderRolloutSection();
  }

  private renderHeader(): void {
    const message = this.message;
    const children: Array<Node | string | null> = [h('h1', {}, 'DaemonSet placement')];
    if (message) {
      const daemonSets = this.sources?.daemonSets ?? [];
      if (daemonSets.length > 1) {
        const picker = h(
          'select',
          { 'aria-label': 'DaemonSet', class: 'picker' },
          daemonSets.map((ds) => h('option', { value: daemonSetKey(ds), selected: daemonSetKey(ds) === this.ui.selected }, daemonSetKey(ds))),
        ) as HTMLSelectElement;
        picker.addEventListener('change', () => {
          this.ui.selected = picker.value;
          this.ui.step = 0;
          this.save();
          this.render();
        });
        children.push(h('div', { class: 'picker-line' }, picker, h('span', { class: 'muted' }, ` ${daemonSets.length} DaemonSets in ${fileName(message.manifest.uri)}`)));
      } else {
        const shown = this.computed ? daemonSetKey(this.computed.daemonSet) : this.ui.selected ?? '';
        children.push(h('div', { class: 'picker-line' }, h('strong', { class: 'ds-name' }, shown), h('span', { class: 'muted' }, ` in ${fileName(message.manifest.uri)}`)));
      }
      const select = h('button', { type: 'button', class: 'small secondary' }, 'Select Node Inventory');
      select.addEventListener('click', () => this.host.postMessage({ type: 'selectInventory' }));
      const importNodes = h(
        'button',
        { type: 'button', class: 'small secondary', disabled: !message.trusted, title: message.trusted ? 'Run kubectl get nodes -o yaml and save the nodes' : 'Trust the workspace to import nodes with kubectl' },
        'Import Nodes from Cluster',
      );
      importNodes.addEventListener('click', () => this.host.postMessage({ type: 'importNodes' }));
      const inventory = message.inventory
        ? `Nodes from ${message.inventory.label} (${this.sources?.nodes.length ?? 0})`
        : 'No node inventory';
      children.push(h('div', { class: 'inventory-line' }, h('span', { class: 'muted' }, inventory), ' ', select, ' ', importNodes));
    }
    this.header.replaceChildren(...children.filter((child): child is Node | string => child !== null));
  }

  private renderProblems(): void {
    const children: Node[] = [];
    const message = this.message;
    const sources = this.sources;
    const reveal = (problem: LoadProblem) => this.host.postMessage({ type: 'reveal', uri: problem.file, line: Math.max(0, problem.line - 1) });
    if (sources && sources.manifestProblems.length > 0) children.push(renderProblems('The manifest has problems', sources.manifestProblems, reveal));
    const inventoryErrors = sources?.inventoryProblems.filter(isLoadError) ?? [];
    const inventoryWarnings = sources?.inventoryProblems.filter((problem) => !isLoadError(problem)) ?? [];
    if (message && (message.inventoryError || inventoryErrors.length > 0)) {
      children.push(renderProblems('The node inventory has problems', inventoryErrors, reveal, message.inventoryError ? [message.inventoryError] : []));
    }
    if (message && inventoryWarnings.length > 0) children.push(renderProblems('The node inventory has warnings', inventoryWarnings, reveal, [], 'warning'));
    if (this.stale) children.push(h('p', { class: 'muted' }, 'Showing the last good result, greyed, until the problems are fixed.'));
    if (this.notice) children.push(h('p', { class: 'notice', role: 'status' }, this.notice));
    this.problems.replaceChildren(...children);
  }

  private renderEmptyState(): HTMLElement {
    const message = this.message;
    if (message && !message.inventory && !message.inventoryError) {
      const select = h('button', { type: 'button' }, 'Select Node Inventory');
      select.addEventListener('click', () => this.host.postMessage({ type: 'selectInventory' }));
      const importNodes = h('button', { type: 'button', disabled: !message.trusted }, 'Import Nodes from Cluster');
      importNodes.addEventListener('click', () => this.host.postMessage({ type: 'importNodes' }));
      return h(
        'section',
        { class: 'empty' },
        h('p', {}, 'No node inventory: set daemonset.inventory, add a *.nodes.yaml file or a nodes/ folder, or:'),
        h('p', { class: 'actions' }, select, ' ', importNodes),
        message.trusted ? null : h('p', { class: 'muted' }, 'Importing runs kubectl, so it needs a trusted workspace.'),
      );
    }
    if (this.sources && this.sources.daemonSets.length === 0 && this.sources.manifestProblems.length === 0) {
      return h('p', { class: 'muted' }, 'This file has no DaemonSet.');
    }
    return h('p', { class: 'muted' }, 'Nothing to show until the problems above are fixed.');
  }

  private renderNodes(): void {
    const computed = this.computed;
    if (!computed) return;
    const rows = filterAndSort(computed.view.rows, this.ui.filter);
    this.viewButton.textContent = this.ui.view === 'grid' ? 'List view' : 'Grid view';
    this.viewButton.setAttribute('aria-pressed', this.ui.view === 'grid' ? 'true' : 'false');
    const total = computed.view.rows.length;
    this.shownCount.textContent = rows.length === total ? plural(total, 'node') : `${rows.length} of ${plural(total, 'node')}`;
    if (this.ui.view === 'grid') {
      if (this.listHost.firstChild !== this.grid.element) this.listHost.replaceChildren(this.grid.element);
      const width = this.grid.element.clientWidth || this.root.clientWidth || 600;
      this.grid.setItems(gridItems(rows, Math.max(1, Math.floor((width - 8) / CELL_WIDTH))));
    } else {
      if (this.listHost.firstChild !== this.list.element) this.listHost.replaceChildren(this.list.element);
      this.list.setItems(listItems(rows, this.ui.filter.sort === 'outcome', computed.view.counts));
    }
  }

  private renderDetail(): void {
    const computed = this.computed;
    const name = this.ui.selectedNode;
    const row = name === null ? undefined : computed?.view.rows.find((candidate) => candidate.name === name);
    if (!computed || !row) {
      this.detail.replaceChildren();
      return;
    }
    const node = computed.nodes.find((candidate) => candidate.metadata.name === row.name);
    this.detail.replaceChildren(
      renderDetail(row, node, new Set(computed.nodes.map((n) => n.metadata.name)), {
        mutate: (mutation) => this.mutate(mutation),
        addToleration: (target, taint) => this.addToleration(target, taint),
        close: () => this.selectNode(null),
      }),
    );
  }

  private renderRolloutSection(): void {
    const computed = this.computed;
    const message = this.message;
    if (!computed || !message || !this.rolloutSection.open) {
      if (!this.rolloutSection.open) this.stopPlaying();
      return;
    }
    const baselines = message.baselines;
    const baselineIndex = Math.min(this.ui.baseline, Math.max(0, baselines.length - 1));
    let view: RolloutView | undefined;
    if (baselines.length > 0) {
      const key = `${baselineIndex}\u0000${daemonSetKey(computed.daemonSet)}\u0000${message.manifest.version}\u0000${this.ui.mutations.length}\u0000${JSON.stringify(this.ui.mutations)}\u0000${message.manifest.text.length}`;
      if (this.rollout?.key !== key) {
        try {
          const previous = baselineDaemonSet(baselines[baselineIndex].text, daemonSetKey(computed.daemonSet));
          this.rollout = { key, view: computeRollout(previous, computed.daemonSet, computed.nodes, Date.now()) };
        } catch (error) {
          this.rollout = { key, view: { kind: 'missing', message: `cannot simulate the rollout: ${error instanceof Error ? error.message : String(error)}` } };
        }
      }
      view = this.rollout.view;
    }
    const steps = view?.kind === 'plan' ? view.plan.steps.length : 0;
    if (this.ui.step > steps) this.ui.step = steps;
    if (this.playTimer && this.ui.step >= steps) this.stopPlaying();
    this.rolloutBody.replaceChildren(
      ...renderRollout(view, { baselines: baselines.map((b) => b.label), baseline: baselineIndex, step: this.ui.step, playing: this.playTimer !== undefined }, {
        setBaseline: (index) => {
          this.ui.baseline = index;
          this.ui.step = 0;
          this.save();
          this.renderRolloutSection();
        },
        setStep: (step) => {
          this.ui.step = Math.max(0, Math.min(step, steps));
          this.save();
          this.renderRolloutSection();
        },
        togglePlay: () => {
          if (this.playTimer) this.stopPlaying();
          else this.startPlaying();
          this.renderRolloutSection();
        },
      }),
    );
  }

  private startPlaying(): void {
    const view = this.rollout?.view;
    const steps = view?.kind === 'plan' ? view.plan.steps.length : 0;
    if (this.ui.step >= steps) this.ui.step = 0;
    this.playTimer = setInterval(() => {
      this.ui.step++;
      this.save();
      this.renderRolloutSection();
    }, PLAY_INTERVAL_MS);
  }

  private stopPlaying(): void {
    if (this.playTimer) clearInterval(this.playTimer);
    this.playTimer = undefined;
  }
}

export { DEFAULT_FILTER };
