/**
 * Messages between the extension and the preview webview. Both sides
 * validate what they receive: a webview is untrusted input.
 */
import type { OffsetEdit } from '../../../server/src/model/yamlEdits/offsetEdit';
import type { RenderedClusterSource } from '../../../server/src/reconciler/clusterSources';

/** The one edit shape on the wire (type only: the extension host still loads no model code). */
export type { OffsetEdit };

export interface SourceText {
  uri: string;
  text: string;
}

export interface ManifestText extends SourceText {
  /** The document version the text belongs to; edits computed from it carry it back. */
  version: number;
}

export interface InventoryPayload {
  /** The setting's value or the discovered file, as the user knows it. */
  label: string;
  files: SourceText[];
}

/** An earlier version of the manifest to compare with, for the rollout stepper. */
export interface Baseline {
  /** "the saved file", "git HEAD" or "live in <context>". */
  label: string;
  text: string;
  /** The live pods (a JSON list), for a live baseline: the rollout starts from them and their controller-revision-hash, and fits surge pods beside the others. */
  pods?: string;
  /** The cluster's PriorityClasses (kubectl's output), for a live baseline: its surge pods preempt with them, beside the inventory's. */
  priorityClasses?: string;
}

/** Extension → webview. */
export type HostMessage =
  | {
      type: 'update';
      manifest: ManifestText;
      inventory: InventoryPayload | null;
      inventoryError: string | null;
      baselines: Baseline[];
      /** `namespace/name` or name of the DaemonSet to show (from a code lens), or null. */
      preselect: string | null;
      /** Whether the workspace is trusted: importing nodes runs kubectl. */
      trusted: boolean;
      /** The `daemonset.kubernetesVersion` setting as written, when set: the panel resolves the version in force as the diagnostics do. */
      kubernetesVersion?: string;
    }
  | { type: 'noManifest' }
  /** The answer to `saveInventory`: on success the inventory in the next update holds the what-if edits. */
  | { type: 'inventorySaved'; ok: boolean; error?: string };

/** Extension → cluster view: every YAML file of the workspace that holds a DaemonSet, and the inventory. */
export interface ClusterUpdateMessage {
  type: 'clusterUpdate';
  /** Files with at least one DaemonSet or PriorityClass (other kinds in them are left alone), in path order. */
  files: SourceText[];
  inventory: InventoryPayload | null;
  inventoryError: string | null;
  /** How many YAML files were left out because the workspace has more than the view reads. */
  truncated: number;
  /** The DaemonSets the workspace's Helm charts and Kustomize overlays render (absent: none). */
  rendered?: RenderedClusterSource[];
  /** What is not rendered and why (an untrusted workspace renders no overlay). */
  renderNotices?: string[];
}

export interface ProblemLocation {
  uri: string;
  /** 1-based, as the model reports them. */
  line: number;
  column: number;
  message: string;
  /** Absent for an error; `warning` for a readable but suspect file (no node could be read from it). */
  severity?: 'warning';
}

/** Edits of one inventory file, computed from the text the webview was sent. */
export interface InventoryFileEditMessage {
  uri: string;
  version?: number;
  /** Edits of the text the webview was sent: sorted and non-overlapping. */
  edits: OffsetEdit[];
}

/** Webview → extension. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'selectInventory' }
  | { type: 'importNodes' }
  | { type: 'reveal'; uri: string; line: number }
  /** Edits of the manifest text the webview was sent (at `version`): sorted and non-overlapping. */
  | { type: 'applyEdit'; uri: string; version: number; edits: OffsetEdit[]; label: string }
  | { type: 'inventoryProblems'; problems: ProblemLocation[] }
  /** "Save to inventory": write the what-if edits into the inventory files. */
  | { type: 'saveInventory'; edits: InventoryFileEditMessage[] }
  /** Cluster view: open a DaemonSet's file at its line (0-based) and its placement preview. */
  | { type: 'openDaemonSet'; uri: string; line: number; daemonSet: string };

const MAX_EDITS = 100;
const MAX_PROBLEMS = 1000;
const MAX_TEXT = 1_000_000;
const MAX_FILES = 100;
const MAX_RANGE_EDITS = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isNatural(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isSourceText(value: unknown): value is SourceText {
  return isRecord(value) && typeof value.uri === 'string' && typeof value.text === 'string';
}

function isBaseline(value: unknown): value is Baseline {
  const optionalText = (field: unknown) => field === undefined || typeof field === 'string';
  return isRecord(value) && typeof value.label === 'string' && typeof value.text === 'string' && optionalText(value.pods) && optionalText(value.priorityClasses);
}

function isOffsetEdit(value: unknown): value is OffsetEdit {
  return isRecord(value) && isNatural(value.start) && isNatural(value.end) && value.start <= value.end && typeof value.newText === 'string' && value.newText.length <= MAX_TEXT;
}

/** 1…max edits, sorted and non-overlapping, copied field by field. */
function parseOffsetEdits(value: unknown, max: number): OffsetEdit[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > max || !value.every(isOffsetEdit)) return undefined;
  for (let i = 1; i < value.length; i++) if ((value[i - 1] as OffsetEdit).end > (value[i] as OffsetEdit).start) return undefined;
  return value.map((e: OffsetEdit) => ({ start: e.start, end: e.end, newText: e.newText }));
}

/** A file's edits: a URI, an optional version, and 1…MAX_RANGE_EDITS sorted, non-overlapping edits. */
function parseInventoryFileEdit(value: unknown): InventoryFileEditMessage | undefined {
  if (!isRecord(value) || typeof value.uri !== 'string' || (value.version !== undefined && !isNatural(value.version))) return undefined;
  const edits = parseOffsetEdits(value.edits, MAX_RANGE_EDITS);
  if (!edits) return undefined;
  const parsed: InventoryFileEditMessage = { uri: value.uri, edits };
  if (value.version !== undefined) parsed.version = value.version as number;
  return parsed;
}

function isProblemLocation(value: unknown): value is ProblemLocation {
  return isRecord(value) && typeof value.uri === 'string' && isNatural(value.line) && value.line >= 1 && isNatural(value.column) && typeof value.message === 'string' && (value.severity === undefined || value.severity === 'warning');
}

const MAX_CLUSTER_FILES = 5000;

function isInventoryPayload(value: unknown): value is InventoryPayload {
  return isRecord(value) && typeof value.label === 'string' && Array.isArray(value.files) && value.files.every(isSourceText);
}

const MAX_RENDERED_SOURCES = 500;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** A chart's or an overlay's render, copied field by field. */
function parseRenderedSource(value: unknown): RenderedClusterSource | undefined {
  if (!isRecord(value) || (value.kind !== 'helm' && value.kind !== 'kustomize')) return undefined;
  if (typeof value.label !== 'string' || typeof value.open !== 'string' || typeof value.folder !== 'string') return undefined;
  if (!Array.isArray(value.files) || value.files.length > MAX_CLUSTER_FILES || !value.files.every(isSourceText) || !isStringArray(value.buildsOn)) return undefined;
  if (value.error !== undefined && typeof value.error !== 'string') return undefined;
  return {
    kind: value.kind,
    label: value.label,
    open: value.open,
    folder: value.folder,
    files: value.files.map((file: SourceText) => ({ uri: file.uri, text: file.text })),
    buildsOn: [...value.buildsOn],
    ...(typeof value.error === 'string' ? { error: value.error } : {}),
  };
}

function parseClusterUpdate(value: Record<string, unknown>): ClusterUpdateMessage | undefined {
  if (!Array.isArray(value.files) || value.files.length > MAX_CLUSTER_FILES || !value.files.every(isSourceText)) return undefined;
  if (value.inventory !== null && !isInventoryPayload(value.inventory)) return undefined;
  if (value.inventoryError !== null && typeof value.inventoryError !== 'string') return undefined;
  if (!isNatural(value.truncated)) return undefined;
  let rendered: RenderedClusterSource[] = [];
  if (value.rendered !== undefined) {
    if (!Array.isArray(value.rendered) || value.rendered.length > MAX_RENDERED_SOURCES) return undefined;
    const parsed = value.rendered.map(parseRenderedSource);
    if (parsed.some((source) => source === undefined)) return undefined;
    rendered = parsed as RenderedClusterSource[];
  }
  if (value.renderNotices !== undefined && !isStringArray(value.renderNotices)) return undefined;
  return {
    type: 'clusterUpdate',
    files: value.files.map((file: SourceText) => ({ uri: file.uri, text: file.text })),
    inventory: value.inventory as InventoryPayload | null,
    inventoryError: value.inventoryError as string | null,
    truncated: value.truncated,
    rendered,
    renderNotices: value.renderNotices === undefined ? [] : [...(value.renderNotices as string[])],
  };
}

/** The cluster view's one incoming message, validated like the preview's. */
export function parseClusterHostMessage(value: unknown): ClusterUpdateMessage | undefined {
  return isRecord(value) && value.type === 'clusterUpdate' ? parseClusterUpdate(value) : undefined;
}

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'noManifest') return { type: 'noManifest' };
  if (value.type === 'inventorySaved') {
    if (typeof value.ok !== 'boolean' || (value.error !== undefined && typeof value.error !== 'string')) return undefined;
    return value.error === undefined ? { type: 'inventorySaved', ok: value.ok } : { type: 'inventorySaved', ok: value.ok, error: value.error };
  }
  if (value.type !== 'update' || !isSourceText(value.manifest) || !isNatural((value.manifest as unknown as Record<string, unknown>).version)) return undefined;
  const inventory = value.inventory;
  if (inventory !== null) {
    if (!isRecord(inventory) || typeof inventory.label !== 'string' || !Array.isArray(inventory.files)) return undefined;
    if (!inventory.files.every(isSourceText)) return undefined;
  }
  if (value.inventoryError !== null && typeof value.inventoryError !== 'string') return undefined;
  if (!Array.isArray(value.baselines) || !value.baselines.every(isBaseline)) return undefined;
  if (value.preselect !== null && typeof value.preselect !== 'string') return undefined;
  if (typeof value.trusted !== 'boolean') return undefined;
  if (value.kubernetesVersion !== undefined && (typeof value.kubernetesVersion !== 'string' || value.kubernetesVersion.length > 100)) return undefined;
  return value as HostMessage;
}

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'selectInventory':
    case 'importNodes':
      return { type: value.type };
    case 'reveal':
      return typeof value.uri === 'string' && isNatural(value.line) ? { type: 'reveal', uri: value.uri, line: value.line } : undefined;
    case 'openDaemonSet':
      return typeof value.uri === 'string' && isNatural(value.line) && typeof value.daemonSet === 'string'
        ? { type: 'openDaemonSet', uri: value.uri, line: value.line, daemonSet: value.daemonSet }
        : undefined;
    case 'applyEdit': {
      if (typeof value.uri !== 'string' || !isNatural(value.version) || typeof value.label !== 'string') return undefined;
      const edits = parseOffsetEdits(value.edits, MAX_EDITS);
      return edits ? { type: 'applyEdit', uri: value.uri, version: value.version, label: value.label, edits } : undefined;
    }
    case 'inventoryProblems':
      if (!Array.isArray(value.problems) || value.problems.length > MAX_PROBLEMS || !value.problems.every(isProblemLocation)) return undefined;
      return {
        type: 'inventoryProblems',
        problems: value.problems.map((p: ProblemLocation) => ({ uri: p.uri, line: p.line, column: p.column, message: p.message, ...(p.severity ? { severity: p.severity } : {}) })),
      };
    case 'saveInventory': {
      if (!Array.isArray(value.edits) || value.edits.length === 0 || value.edits.length > MAX_FILES) return undefined;
      const files = value.edits.map(parseInventoryFileEdit);
      if (!files.every((file): file is InventoryFileEditMessage => file !== undefined)) return undefined;
      if (new Set(files.map((file) => file.uri)).size !== files.length) return undefined;
      return { type: 'saveInventory', edits: files };
    }
    default:
      return undefined;
  }
}
