/**
 * The preview panel's state and its pure transitions: a message from the
 * extension or a user intent in, the next state out. No DOM and no messages
 * to the extension here — a request the extension must carry out is returned
 * for the host module (`webviewHost.ts`) to post — so every transition runs, and is
 * tested, in Node. Bad input never throws out of here: the state carries the
 * problem and keeps the last good result, marked stale.
 */
import type { DaemonSet, Node as KubeNode, Taint } from '../../../server/src/model/kubeTypes';
import { resolveKubernetesVersion, VERSION_SETTING_LABEL, type VersionInForce } from '../../../server/src/model/kubernetesVersion';
import type { NodeGroup } from '../../../server/src/model/nodeGroup';
import { nodesWithGroupNodes } from '../../../server/src/model/nodeGroupNodes';
import { isLoadError } from '../../../server/src/model/objectReader';
import { addTolerationEdit, tolerationForTaint } from '../../../server/src/model/yamlEdits/addToleration';
import { inventoryEdits } from '../../../server/src/model/yamlEdits/inventoryEdits';
import { formatTaint, type NodeMutation } from '../../../server/src/reconciler';
import type { NodeFilter } from './nodeFilter';
import { computeNodePoolsView, type NodePoolsView } from './nodePoolsView';
import { computePlacementView, type PlacementView, type SchedulingContext } from './placementView';
import type { HostMessage, ProblemLocation, WebviewMessage } from './protocol';
import { daemonSetKey, fileName, loadSources, type LoadedSources } from './sources';
import type { UiState } from './uiState';
import { computeWhatIf, type PlacementDiff } from './whatIf';

export type UpdateMessage = Extract<HostMessage, { type: 'update' }>;

/** What the panel shows, computed from the inputs and the what-if edits. */
export interface Computed {
  daemonSet: DaemonSet;
  nodes: KubeNode[];
  /** The inventory's pods and PriorityClasses (and the manifest's other DaemonSets) the result was judged with: the rollout stepper's too. */
  scheduling: SchedulingContext;
  view: PlacementView;
  /** The inventory's node groups with their verdicts; undefined when it declares none. */
  pools: NodePoolsView | undefined;
  diff: PlacementDiff | undefined;
  skipped: number[];
}

/** What a result is computed from: the read Nodes with the nodes of exact-size groups, and the groups. */
interface Inputs {
  daemonSet: DaemonSet;
  nodes: KubeNode[];
  groups: NodeGroup[];
  /** What the scheduler verdict weighs: the inventory's pods and classes, and the manifest's other DaemonSets. */
  scheduling: SchedulingContext;
}

export interface PreviewState {
  /** What survives hide/show and reloads (the host stores it with setState). */
  readonly ui: UiState;
  /** The last `update` from the extension, or undefined before one or after `noManifest`. */
  readonly message: UpdateMessage | undefined;
  /** The text shown while there is no manifest. */
  readonly empty: string | undefined;
  readonly sources: LoadedSources | undefined;
  /** The inputs of the last result computed without problems: shown greyed while the inputs are broken. */
  readonly lastGood: Inputs | undefined;
  readonly computed: Computed | undefined;
  /** The result shown is the last good one, not the current inputs'. */
  readonly stale: boolean;
  readonly notice: string | undefined;
  /** The last `preselect` applied: a code lens chooses the DaemonSet once, not on every update. */
  readonly lastPreselect: string | null;
  /** A "Save to inventory" is on its way to the extension. */
  readonly saving: boolean;
  /** What to tell once that save is done (kind renames the nodes after a removed one). */
  readonly saveNotes: readonly string[];
}

/** A transition that may ask the extension to do something. */
export interface Outcome {
  state: PreviewState;
  request?: WebviewMessage;
  /** Whether the whole panel must be redrawn, or only the notice changed. */
  redraw: 'all' | 'notice';
}

export function initialState(ui: UiState): PreviewState {
  return {
    ui,
    message: undefined,
    empty: 'Loading placement preview…',
    sources: undefined,
    lastGood: undefined,
    computed: undefined,
    stale: false,
    notice: undefined,
    lastPreselect: null,
    saving: false,
    saveNotes: [],
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A message from the extension (already validated by `protocol.ts`). */
export function receive(state: PreviewState, message: HostMessage): PreviewState {
  if (message.type === 'inventorySaved') {
    if (message.ok) {
      // The update before this answer carries the saved files: the edits are in the inventory now.
      const notice = ['Saved the what-if edits to the node inventory.', ...state.saveNotes.map((note) => `${note}.`)].join(' ');
      return recompute({ ...state, saving: false, saveNotes: [], ui: { ...state.ui, mutations: [] }, notice });
    }
    return recompute({ ...state, saving: false, saveNotes: [], notice: `Could not save to the node inventory: ${message.error ?? 'unknown error'}` });
  }
  if (message.type === 'noManifest') {
    return recompute({ ...state, message: undefined, empty: 'Open a YAML file with a DaemonSet to see where its pods run.' });
  }
  let sources: LoadedSources | undefined;
  let notice: string | undefined;
  try {
    sources = loadSources(message.manifest, message.inventory?.files ?? []);
  } catch (error) {
    sources = undefined;
    notice = `Could not read the inputs: ${errorText(error)}`;
  }
  let ui = state.ui;
  let lastPreselect = state.lastPreselect;
  if (message.preselect !== lastPreselect) {
    lastPreselect = message.preselect;
    const wanted = sources?.daemonSets.find((ds) => daemonSetKey(ds) === message.preselect || ds.metadata.name === message.preselect);
    if (wanted) ui = { ...ui, selected: daemonSetKey(wanted) };
  }
  return recompute({ ...state, message, empty: undefined, notice, sources, ui, lastPreselect });
}

/** The inventory's problems as the extension shows them in the Problems view (at most 1000). */
export function inventoryProblemLocations(state: PreviewState): ProblemLocation[] {
  return (state.sources?.inventoryProblems ?? []).slice(0, 1000).map((problem) => ({
    uri: problem.file,
    line: Math.max(1, problem.line),
    column: Math.max(0, problem.column),
    message: problem.path ? `${problem.path}: ${problem.message}` : problem.message,
    ...(isLoadError(problem) ? {} : { severity: 'warning' as const }),
  }));
}

/**
 * The cluster's Kubernetes version the panel judges by, resolved as the
 * diagnostics resolve it (model resolveKubernetesVersion): the setting, else
 * the oldest kubelet of the inventory, else the oldest version a node group
 * declares, else the newest supported.
 */
export function versionInForce(state: PreviewState): VersionInForce | undefined {
  const { message, sources } = state;
  if (!message) return undefined;
  return resolveKubernetesVersion({
    setting: message.kubernetesVersion ? { value: message.kubernetesVersion, label: VERSION_SETTING_LABEL } : undefined,
    inventory: message.inventory && sources ? { label: message.inventory.label, nodes: sources.nodes, groups: sources.groups, displayFile: fileName } : undefined,
  });
}

/** The DaemonSet the UI state chooses: by key, or the file's first when none is chosen. */
export function chosenDaemonSet(state: PreviewState): DaemonSet | undefined {
  const daemonSets = state.sources?.daemonSets ?? [];
  return daemonSets.find((ds) => daemonSetKey(ds) === state.ui.selected) ?? (state.ui.selected === null ? daemonSets[0] : undefined);
}

/** Recomputes the placement from the inputs; a failure becomes the notice, never an exception. */
export function recompute(state: PreviewState): PreviewState {
  try {
    return compute(state);
  } catch (error) {
    return { ...state, computed: undefined, stale: false, notice: `Preview failed: ${errorText(error)}` };
  }
}

function compute(state: PreviewState): PreviewState {
  const { message, sources } = state;
  if (!message || !sources) return { ...state, computed: undefined };
  let ui = state.ui;
  if (ui.selected !== null && !sources.daemonSets.some((ds) => daemonSetKey(ds) === ui.selected) && sources.manifestProblems.length === 0) {
    // The chosen DaemonSet was renamed or removed (not merely broken): follow the file.
    ui = { ...ui, selected: null };
  }
  const daemonSet = chosenDaemonSet({ ...state, ui });
  if (daemonSet && ui.selected === null) ui = { ...ui, selected: daemonSetKey(daemonSet) };
  // Warnings (a file from which no node could be read) are shown, but the nodes that were read are the inventory.
  const inventoryBroken = message.inventoryError !== null || sources.inventoryProblems.some(isLoadError);
  let inputs: Inputs | undefined;
  let lastGood = state.lastGood;
  let stale = false;
  if (daemonSet && !inventoryBroken && message.inventory) {
    inputs = {
      daemonSet,
      nodes: nodesWithGroupNodes(sources.nodes, sources.groups),
      groups: sources.groups,
      scheduling: { pods: sources.pods, priorityClasses: sources.priorityClasses, otherDaemonSets: sources.daemonSets.filter((other) => other !== daemonSet) },
    };
    lastGood = inputs;
  } else if (lastGood && (inventoryBroken || (!daemonSet && sources.manifestProblems.length > 0))) {
    inputs = lastGood;
    stale = true;
  }
  if (!inputs) return { ...state, ui, lastGood, stale, computed: undefined };
  const whatIf = computeWhatIf(inputs.daemonSet, inputs.nodes, ui.mutations);
  const view = computePlacementView(inputs.daemonSet, whatIf.nodes, inputs.scheduling);
  const pools = computeNodePoolsView(inputs.daemonSet, inputs.groups);
  return { ...state, ui, lastGood, stale, computed: { daemonSet: inputs.daemonSet, nodes: whatIf.nodes, scheduling: inputs.scheduling, view, pools, diff: whatIf.diff, skipped: whatIf.skipped } };
}

export function withNotice(state: PreviewState, notice: string): PreviewState {
  return { ...state, notice };
}

/** A what-if edit: removing the selected node closes its detail; an added node is selected. */
export function editWhatIf(state: PreviewState, mutation: NodeMutation): PreviewState {
  let selectedNode = state.ui.selectedNode;
  if (mutation.kind === 'removeNode' && selectedNode === mutation.node) selectedNode = null;
  if (mutation.kind === 'addNode') selectedNode = mutation.node.metadata.name;
  return recompute({ ...state, ui: { ...state.ui, mutations: [...state.ui.mutations, mutation], selectedNode } });
}

export function undoWhatIf(state: PreviewState, index: number): PreviewState {
  return recompute({ ...state, ui: { ...state.ui, mutations: state.ui.mutations.filter((_, i) => i !== index) } });
}

export function resetWhatIf(state: PreviewState): PreviewState {
  return recompute({ ...state, ui: { ...state.ui, mutations: [] } });
}

export function selectDaemonSet(state: PreviewState, key: string): PreviewState {
  return recompute({ ...state, ui: { ...state.ui, selected: key, step: 0 } });
}

export function selectNode(state: PreviewState, name: string | null): PreviewState {
  return { ...state, ui: { ...state.ui, selectedNode: name } };
}

export function setFilter(state: PreviewState, change: Partial<NodeFilter>): PreviewState {
  return { ...state, ui: { ...state.ui, filter: { ...state.ui.filter, ...change } } };
}

export function toggleView(state: PreviewState): PreviewState {
  return { ...state, ui: { ...state.ui, view: state.ui.view === 'list' ? 'grid' : 'list' } };
}

export function setRolloutOpen(state: PreviewState, open: boolean): PreviewState {
  return { ...state, ui: { ...state.ui, rolloutOpen: open } };
}

/** Another baseline starts the rollout from its first step. */
export function setBaseline(state: PreviewState, index: number): PreviewState {
  return { ...state, ui: { ...state.ui, baseline: index, step: 0 } };
}

/** The rollout step, kept within the plan's `steps`. */
export function setStep(state: PreviewState, step: number, steps: number): PreviewState {
  const clamped = Math.max(0, Math.min(step, steps));
  return clamped === state.ui.step ? state : { ...state, ui: { ...state.ui, step: clamped } };
}

/** The baseline index within the baselines the extension sent. */
export function baselineIndex(state: PreviewState): number {
  return Math.min(state.ui.baseline, Math.max(0, (state.message?.baselines.length ?? 0) - 1));
}

/** "Add toleration" on a node's taint: an edit of the manifest for the extension to apply, or a notice why not. */
export function addToleration(state: PreviewState, nodeName: string, taint: Taint): Outcome {
  const message = state.message;
  const daemonSet = state.computed?.daemonSet;
  if (!message || !daemonSet?.source || state.stale) {
    return { state: withNotice(state, 'The manifest has problems; fix them before adding a toleration.'), redraw: 'notice' };
  }
  const edit = addTolerationEdit(message.manifest.text, daemonSet.source.documentIndex, daemonSet.source.basePath, tolerationForTaint(taint));
  if ('error' in edit) return { state: withNotice(state, `Cannot add the toleration: ${edit.error}.`), redraw: 'notice' };
  return {
    state: withNotice(state, `Adding a toleration for ${formatTaint(taint)} to ${daemonSetKey(daemonSet)}…`),
    request: { type: 'applyEdit', uri: message.manifest.uri, version: message.manifest.version, edits: [edit], label: `Add toleration for ${formatTaint(taint)} (node ${nodeName})` },
    redraw: 'notice',
  };
}

/** "Save to inventory": minimal edits of the inventory files the panel was sent, for the extension to write. */
export function saveToInventory(state: PreviewState): Outcome {
  const message = state.message;
  const computed = state.computed;
  if (!message?.inventory || !computed || state.stale) {
    return { state: withNotice(state, 'The node inventory has problems; fix them before saving to it.'), redraw: 'notice' };
  }
  const result = inventoryEdits(message.inventory.files, state.ui.mutations, computed.nodes);
  if ('error' in result) return { state: withNotice(state, `${result.error[0].toUpperCase()}${result.error.slice(1)}.`), redraw: 'notice' };
  if (result.files.length === 0) {
    return { state: recompute({ ...state, ui: { ...state.ui, mutations: [] }, notice: 'The node inventory already holds these edits.' }), redraw: 'all' };
  }
  return {
    state: recompute({ ...state, saving: true, saveNotes: result.notes, notice: 'Saving the what-if edits to the node inventory…' }),
    request: { type: 'saveInventory', edits: result.files.map((file) => ({ uri: file.uri, edits: file.edits })) },
    redraw: 'all',
  };
}
