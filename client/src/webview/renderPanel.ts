/**
 * The panel's frame, built from the state: the header (DaemonSet picker and
 * inventory line), the problems and notices above the result, and the empty
 * state. Event handlers only call the intents they are given.
 */
import { describeVersionSource, formatVersion, parseKubernetesVersion } from '../../../server/src/model/kubernetesVersion';
import { nodesWithGroupNodes } from '../../../server/src/model/nodeGroupNodes';
import { isLoadError, type LoadProblem } from '../../../server/src/model/objectReader';
import { plural } from '../../../server/src/model/plural';
import { h } from './dom';
import { versionInForce, type PreviewState } from './previewState';
import { renderProblems } from './renderSummary';
import { daemonSetKey, fileName } from './sources';

export interface InventoryIntents {
  selectInventory(): void;
  importNodes(): void;
}

export interface PanelIntents extends InventoryIntents {
  selectDaemonSet(key: string): void;
  reveal(problem: LoadProblem): void;
}

/** "Select Node Inventory" and "Import Nodes from Cluster"; `compact` for the header, full size for the empty state. */
export function renderInventoryButtons(trusted: boolean, intents: InventoryIntents, compact: boolean): [HTMLElement, HTMLElement] {
  const style = compact ? { class: 'small secondary' } : {};
  const select = h('button', { type: 'button', ...style }, 'Select Node Inventory');
  select.addEventListener('click', () => intents.selectInventory());
  const importNodes = h(
    'button',
    { type: 'button', ...style, disabled: !trusted, title: trusted ? 'Run kubectl get nodes -o yaml and save the nodes' : 'Trust the workspace to import nodes with kubectl' },
    'Import Nodes from Cluster',
  );
  importNodes.addEventListener('click', () => intents.importNodes());
  return [select, importNodes];
}

export function renderHeader(state: PreviewState, intents: PanelIntents): Node[] {
  const message = state.message;
  const children: Node[] = [h('h1', {}, 'DaemonSet placement')];
  if (!message) return children;
  const daemonSets = state.sources?.daemonSets ?? [];
  if (daemonSets.length > 1) {
    const picker = h(
      'select',
      { 'aria-label': 'DaemonSet', class: 'picker' },
      daemonSets.map((ds) => h('option', { value: daemonSetKey(ds), selected: daemonSetKey(ds) === state.ui.selected }, daemonSetKey(ds))),
    ) as HTMLSelectElement;
    picker.addEventListener('change', () => intents.selectDaemonSet(picker.value));
    children.push(h('div', { class: 'picker-line' }, picker, h('span', { class: 'muted' }, ` ${daemonSets.length} DaemonSets in ${fileName(message.manifest.uri)}`)));
  } else {
    const shown = state.computed ? daemonSetKey(state.computed.daemonSet) : state.ui.selected ?? '';
    children.push(h('div', { class: 'picker-line' }, h('strong', { class: 'ds-name' }, shown), h('span', { class: 'muted' }, ` in ${fileName(message.manifest.uri)}`)));
  }
  const [select, importNodes] = renderInventoryButtons(message.trusted, intents, true);
  const inventory = message.inventory ? `Nodes from ${message.inventory.label} (${inventorySize(state)})` : 'No node inventory';
  children.push(h('div', { class: 'inventory-line' }, h('span', { class: 'muted' }, inventory), ' ', select, ' ', importNodes));
  const version = renderVersionLine(state);
  if (version) children.push(version);
  return children;
}

/** "Kubernetes 1.31 (declared by the `dev` kind node in kind.yaml)": the version the version-gated findings are judged by, and where it came from. */
function renderVersionLine(state: PreviewState): HTMLElement | undefined {
  const inForce = versionInForce(state);
  if (!inForce) return undefined;
  const setting = state.message?.kubernetesVersion;
  const ignored = setting !== undefined && !parseKubernetesVersion(setting) ? ` — the daemonset.kubernetesVersion setting "${setting}" is not a version like 1.29 and is ignored` : '';
  return h(
    'div',
    { class: 'version-line', 'data-version-source': inForce.source.kind },
    h('span', {}, `Kubernetes ${formatVersion(inForce.version)}`),
    ' ',
    h('span', { class: 'muted' }, `(${describeVersionSource(inForce.source)})${ignored}`),
  );
}

/** "3" nodes, or "3 nodes, 2 node pools" when the inventory declares groups (their nodes of known size counted with the nodes). */
function inventorySize(state: PreviewState): string {
  const sources = state.sources;
  if (!sources) return '0';
  if (sources.groups.length === 0) return String(sources.nodes.length);
  return `${plural(nodesWithGroupNodes(sources.nodes, sources.groups).length, 'node')}, ${plural(sources.groups.length, 'node pool')}`;
}

/** The problems of the inputs, the stale marker and the notice. */
export function renderPanelProblems(state: PreviewState, reveal: (problem: LoadProblem) => void): Node[] {
  const children: Node[] = [];
  const { message, sources } = state;
  if (sources && sources.manifestProblems.length > 0) children.push(renderProblems('The manifest has problems', sources.manifestProblems, reveal));
  const inventoryErrors = sources?.inventoryProblems.filter(isLoadError) ?? [];
  const inventoryWarnings = sources?.inventoryProblems.filter((problem) => !isLoadError(problem)) ?? [];
  if (message && (message.inventoryError || inventoryErrors.length > 0)) {
    children.push(renderProblems('The node inventory has problems', inventoryErrors, reveal, message.inventoryError ? [message.inventoryError] : []));
  }
  if (message && inventoryWarnings.length > 0) children.push(renderProblems('The node inventory has warnings', inventoryWarnings, reveal, [], 'warning'));
  if (state.stale) children.push(h('p', { class: 'muted' }, 'Showing the last good result, greyed, until the problems are fixed.'));
  if (state.notice) children.push(h('p', { class: 'notice', role: 'status' }, state.notice));
  return children;
}

/** What the content shows when there is no result: no inventory, no DaemonSet, or problems to fix. */
export function renderEmptyState(state: PreviewState, intents: InventoryIntents): HTMLElement {
  const { message, sources } = state;
  if (message && !message.inventory && !message.inventoryError) {
    const [select, importNodes] = renderInventoryButtons(message.trusted, intents, false);
    return h(
      'section',
      { class: 'empty' },
      h('p', {}, 'No node inventory: set daemonset.inventory, add a *.nodes.yaml file or a nodes/ folder, or:'),
      h('p', { class: 'actions' }, select, ' ', importNodes),
      message.trusted ? null : h('p', { class: 'muted' }, 'Importing runs kubectl, so it needs a trusted workspace.'),
    );
  }
  if (sources && sources.daemonSets.length === 0 && sources.manifestProblems.length === 0) {
    return h('p', { class: 'muted' }, 'This file has no DaemonSet.');
  }
  return h('p', { class: 'muted' }, 'Nothing to show until the problems above are fixed.');
}
