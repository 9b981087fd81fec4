/**
 * The preview's wiring: holds the state (`previewState.ts`), turns the
 * extension's messages and the user's intents into its transitions, hands the
 * requests they return to the host (`webviewHost.ts`), and redraws the views the
 * transition touched (`renderPanel.ts` for the frame; the node list, grid,
 * detail and rollout). The toolbar, list and grid elements are kept across
 * renders so scrolling and focus survive a redraw.
 */
import type { Taint } from '../../../server/src/model/kubeTypes';
import { plural } from '../../../server/src/model/plural';
import type { NodeMutation } from '../../../server/src/reconciler';
import { h } from './dom';
import type { PreviewHost } from './webviewHost';
import { filterAndSort, type NodeFilter, type SortOrder } from './nodeFilter';
import { OUTCOME_TITLES, OUTCOMES, type NodeRow, type Outcome } from './placementView';
import * as State from './previewState';
import type { Baseline, HostMessage } from './protocol';
import { renderDetail } from './renderDetail';
import { CELL_LINE_HEIGHT, CELL_WIDTH, gridItems, listItems, renderCells, renderGroup, renderNodeRow, ROW_HEIGHT, type ListItem } from './renderNodes';
import { renderNodePools } from './renderNodePools';
import { renderEmptyState, renderHeader, renderPanelProblems, type PanelIntents } from './renderPanel';
import { renderRollout } from './renderRollout';
import { renderCost, renderCounts, renderStatusTable, renderWhatIf } from './renderSummary';
import { rolloutFromBaseline, type RolloutView } from './rolloutView';
import { defaultUiState } from './uiState';
import { VirtualList } from './virtualList';

const PLAY_INTERVAL_MS = 700;

export class PreviewApp {
  private state: State.PreviewState;
  /** The rollout simulated last, with its inputs: recomputed only when one of them is another object. */
  private rollout: { inputs: RolloutInputs; view: RolloutView } | undefined;
  private playTimer: ReturnType<typeof setInterval> | undefined;
  private readonly intents: PanelIntents;

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
    private readonly host: PreviewHost,
  ) {
    this.state = State.initialState(host.restoredUi() ?? defaultUiState());
    this.intents = {
      selectDaemonSet: (key) => this.update(State.selectDaemonSet(this.state, key)),
      selectInventory: () => this.host.post({ type: 'selectInventory' }),
      importNodes: () => this.host.post({ type: 'importNodes' }),
      reveal: (problem) => this.host.post({ type: 'reveal', uri: problem.file, line: Math.max(0, problem.line - 1) }),
    };
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
      this.commit(State.toggleView(this.state));
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
      renderRow: (item) => (item.kind === 'cells' ? renderCells(item.rows, (row) => this.selectNode(row.name), this.state.ui.selectedNode) : h('div')),
      onActivate: (item) => item.kind === 'cells' && item.rows[0] && this.selectNode(item.rows[0].name),
    });
    this.rolloutSection = h('details', { class: 'rollout' }, h('summary', {}, h('h2', {}, 'Rollout')), this.rolloutBody) as HTMLDetailsElement;
    this.rolloutSection.open = this.state.ui.rolloutOpen;
    this.rolloutSection.addEventListener('toggle', () => {
      this.commit(State.setRolloutOpen(this.state, this.rolloutSection.open));
      this.renderRolloutSection();
    });
    this.syncToolbar();
    window.addEventListener('resize', () => this.state.ui.view === 'grid' && this.renderNodes());
    this.renderAll();
  }

  /** A message from the extension, validated by the host. */
  receive(message: HostMessage): void {
    this.state = State.receive(this.state, message);
    // A saved what-if is cleared for good: the stored UI state must not bring it back.
    if (message.type === 'inventorySaved' && message.ok) this.host.saveUi(this.state.ui);
    if (message.type === 'update') this.host.postInventoryProblems(State.inventoryProblemLocations(this.state));
    this.renderAll();
  }

  /** Takes the next state and stores its UI part. */
  private commit(next: State.PreviewState): void {
    this.state = next;
    this.host.saveUi(next.ui);
  }

  /** A transition that recomputed the result: store it and redraw everything. */
  private update(next: State.PreviewState): void {
    this.commit(next);
    this.renderAll();
  }

  /** A transition that may ask the extension for something. */
  private apply(outcome: State.Outcome): void {
    if (outcome.request) this.host.post(outcome.request);
    if (outcome.redraw === 'all') {
      this.update(outcome.state);
    } else {
      this.state = outcome.state;
      this.renderProblems();
    }
  }

  private setFilter(change: Partial<NodeFilter>): void {
    this.commit(State.setFilter(this.state, change));
    this.renderNodes();
  }

  private syncToolbar(): void {
    const { filter } = this.state.ui;
    this.outcomeSelect.value = filter.outcome;
    this.searchInput.value = filter.text;
    this.sortSelect.value = filter.sort;
  }

  private selectNode(name: string | null): void {
    this.commit(State.selectNode(this.state, name));
    this.renderDetail();
    if (this.state.ui.view === 'grid') this.grid.render();
  }

  private mutate(mutation: NodeMutation): void {
    this.update(State.editWhatIf(this.state, mutation));
  }

  private addToleration(row: NodeRow, taint: Taint): void {
    this.apply(State.addToleration(this.state, row.name, taint));
  }

  private renderAll(): void {
    const state = this.state;
    this.header.replaceChildren(...renderHeader(state, this.intents));
    this.renderProblems();
    if (!state.message) {
      this.root.replaceChildren(this.header, h('p', { class: 'muted' }, state.empty ?? ''));
      return;
    }
    this.root.replaceChildren(this.header, this.problems, this.content);
    const computed = state.computed;
    this.content.classList.toggle('stale', state.stale);
    this.content.setAttribute('aria-disabled', state.stale ? 'true' : 'false');
    if (!computed) {
      this.content.replaceChildren(renderEmptyState(state, this.intents));
      return;
    }
    const summary: Node[] = [renderStatusTable(computed.view), renderCounts(computed.view)];
    if (computed.diff) {
      summary.push(
        renderWhatIf(state.ui.mutations, computed.skipped, computed.diff, {
          undo: (index) => this.update(State.undoWhatIf(this.state, index)),
          reset: () => this.update(State.resetWhatIf(this.state)),
          save: state.message.inventory?.files.length ? () => this.apply(State.saveToInventory(this.state)) : undefined,
          saving: state.saving,
        }),
      );
    }
    summary.push(renderCost(computed.view));
    if (computed.pools) summary.push(renderNodePools(computed.pools, (uri, line) => this.host.post({ type: 'reveal', uri, line })));
    this.summary.replaceChildren(...summary);
    this.content.replaceChildren(this.summary, this.rolloutSection, h('h2', {}, 'Nodes'), this.toolbar, this.detail, this.listHost);
    this.renderDetail();
    this.renderNodes();
    this.renderRolloutSection();
  }

  private renderProblems(): void {
    this.problems.replaceChildren(...renderPanelProblems(this.state, this.intents.reveal));
  }

  private renderNodes(): void {
    const computed = this.state.computed;
    if (!computed) return;
    const { filter, view } = this.state.ui;
    const rows = filterAndSort(computed.view.rows, filter);
    this.viewButton.textContent = view === 'grid' ? 'List view' : 'Grid view';
    this.viewButton.setAttribute('aria-pressed', view === 'grid' ? 'true' : 'false');
    const total = computed.view.rows.length;
    this.shownCount.textContent = rows.length === total ? plural(total, 'node') : `${rows.length} of ${plural(total, 'node')}`;
    if (view === 'grid') {
      if (this.listHost.firstChild !== this.grid.element) this.listHost.replaceChildren(this.grid.element);
      const width = this.grid.element.clientWidth || this.root.clientWidth || 600;
      this.grid.setItems(gridItems(rows, Math.max(1, Math.floor((width - 8) / CELL_WIDTH))));
    } else {
      if (this.listHost.firstChild !== this.list.element) this.listHost.replaceChildren(this.list.element);
      this.list.setItems(listItems(rows, filter.sort === 'outcome', computed.view.counts));
    }
  }

  private renderDetail(): void {
    const computed = this.state.computed;
    const name = this.state.ui.selectedNode;
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

  /** The rollout of the shown DaemonSet from the chosen baseline, simulated when its inputs change. */
  private rolloutView(): RolloutView | undefined {
    const { computed, message } = this.state;
    if (!computed || !message || message.baselines.length === 0) return undefined;
    // Every update and what-if edit computes the placement anew (new objects); choosing a step or opening the section does not.
    const inputs: RolloutInputs = { baseline: message.baselines[State.baselineIndex(this.state)], daemonSet: computed.daemonSet, nodes: computed.nodes, scheduling: computed.scheduling };
    if (!this.rollout || !sameRolloutInputs(this.rollout.inputs, inputs)) {
      try {
        this.rollout = { inputs, view: rolloutFromBaseline(inputs.baseline, inputs.daemonSet, inputs.nodes, Date.now(), inputs.scheduling) };
      } catch (error) {
        this.rollout = { inputs, view: { kind: 'missing', message: `cannot simulate the rollout: ${error instanceof Error ? error.message : String(error)}` } };
      }
    }
    return this.rollout.view;
  }

  private renderRolloutSection(): void {
    const { computed, message } = this.state;
    if (!computed || !message || !this.rolloutSection.open) {
      if (!this.rolloutSection.open) this.stopPlaying();
      return;
    }
    const view = this.rolloutView();
    const steps = rolloutSteps(view);
    // The plan may have shrunk since the step was stored: show its end (stored with the next change).
    this.state = State.setStep(this.state, this.state.ui.step, steps);
    if (this.playTimer && this.state.ui.step >= steps) this.stopPlaying();
    this.rolloutBody.replaceChildren(
      ...renderRollout(view, { baselines: message.baselines.map((b) => b.label), baseline: State.baselineIndex(this.state), step: this.state.ui.step, playing: this.playTimer !== undefined }, {
        setBaseline: (index) => {
          this.commit(State.setBaseline(this.state, index));
          this.renderRolloutSection();
        },
        setStep: (step) => {
          this.commit(State.setStep(this.state, step, steps));
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
    const steps = rolloutSteps(this.rollout?.view);
    if (this.state.ui.step >= steps) this.state = State.setStep(this.state, 0, steps);
    this.playTimer = setInterval(() => {
      this.commit(State.setStep(this.state, this.state.ui.step + 1, rolloutSteps(this.rollout?.view)));
      this.renderRolloutSection();
    }, PLAY_INTERVAL_MS);
  }

  private stopPlaying(): void {
    if (this.playTimer) clearInterval(this.playTimer);
    this.playTimer = undefined;
  }
}

/** What the stepper's rollout is simulated from: the baseline, and the manifest's DaemonSet, nodes (what-if edits applied) and the inventory's pods and classes. */
interface RolloutInputs {
  baseline: Baseline;
  daemonSet: State.Computed['daemonSet'];
  nodes: State.Computed['nodes'];
  scheduling: State.Computed['scheduling'];
}

function sameRolloutInputs(a: RolloutInputs, b: RolloutInputs): boolean {
  return a.baseline === b.baseline && a.daemonSet === b.daemonSet && a.nodes === b.nodes && a.scheduling === b.scheduling;
}

function rolloutSteps(view: RolloutView | undefined): number {
  return view?.kind === 'plan' ? view.plan.steps.length : 0;
}
