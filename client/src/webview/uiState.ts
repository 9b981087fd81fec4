/**
 * The panel's UI state, kept with the webview's setState so it survives
 * hide/show and a window reload: which DaemonSet, the filter, the view, the
 * what-if edits, the rollout step. Restored state is validated like any
 * other input.
 */
import type { NodeMutation } from '../../../server/src/reconciler';
import { DEFAULT_FILTER, isNodeFilter, type NodeFilter } from './nodeFilter';

export interface UiState {
  version: 1;
  /** `namespace/name` of the DaemonSet shown, or null for the first of the file. */
  selected: string | null;
  filter: NodeFilter;
  view: 'list' | 'grid';
  mutations: NodeMutation[];
  selectedNode: string | null;
  baseline: number;
  step: number;
  rolloutOpen: boolean;
}

export function defaultUiState(): UiState {
  return { version: 1, selected: null, filter: { ...DEFAULT_FILTER }, view: 'list', mutations: [], selectedNode: null, baseline: 0, step: 0, rolloutOpen: false };
}

const MUTATION_KINDS = new Set(['addNode', 'removeNode', 'setLabel', 'removeLabel', 'addTaint', 'removeTaint', 'cordon', 'uncordon', 'markNotReady']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Shape check for a stored mutation; a stored addNode's node must look like a Node the model produced. */
function isMutation(value: unknown): value is NodeMutation {
  if (!isRecord(value) || typeof value.kind !== 'string' || !MUTATION_KINDS.has(value.kind)) return false;
  if (value.kind === 'addNode') {
    const node = value.node;
    return (
      isRecord(node) &&
      isRecord(node.metadata) &&
      typeof node.metadata.name === 'string' &&
      isRecord(node.metadata.labels) &&
      isRecord(node.spec) &&
      Array.isArray(node.spec.taints) &&
      isRecord(node.status) &&
      Array.isArray(node.status.conditions) &&
      isRecord(node.status.allocatable)
    );
  }
  if (typeof value.node !== 'string') return false;
  if (value.kind === 'setLabel') return typeof value.key === 'string' && typeof value.value === 'string';
  if (value.kind === 'removeLabel' || value.kind === 'removeTaint') return typeof value.key === 'string';
  if (value.kind === 'addTaint') return isRecord(value.taint) && typeof value.taint.key === 'string' && typeof value.taint.effect === 'string';
  return true;
}

export function restoreUiState(value: unknown): UiState | undefined {
  if (!isRecord(value) || value.version !== 1) return undefined;
  const state = defaultUiState();
  if (typeof value.selected === 'string') state.selected = value.selected;
  if (isNodeFilter(value.filter)) state.filter = { ...value.filter };
  if (value.view === 'grid') state.view = 'grid';
  if (Array.isArray(value.mutations)) state.mutations = value.mutations.filter(isMutation);
  if (typeof value.selectedNode === 'string') state.selectedNode = value.selectedNode;
  if (Number.isInteger(value.baseline) && (value.baseline as number) >= 0) state.baseline = value.baseline as number;
  if (Number.isInteger(value.step) && (value.step as number) >= 0) state.step = value.step as number;
  state.rolloutOpen = value.rolloutOpen === true;
  return state;
}
