/**
 * The cross-document findings of each document of a file at its last
 * validation, so an edit re-runs the cross-document rules only for the
 * documents whose findings it can change: the edited document, and the
 * DaemonSets that were or become peers of a workload whose summary (labels,
 * selector, host ports, node selector, namespace, name…) or whose related
 * places changed — those that share one of its host ports on nodes they can
 * share, or whose selector or pod labels match its pod labels or selector,
 * before or after the edit.
 * Every other document keeps its findings, moved by as many lines as the
 * documents they point into moved (a line typed above them).
 *
 * A document's findings depend on nothing else of the file: other files
 * (the index's generation), the settings, the inventory and the baseline are
 * in the state's key, and any change of those recomputes every document's
 * findings. So do more changed workloads than `MAX_CHANGED_WORKLOADS` (a paste,
 * a replace-all), and, with an inventory or a live snapshot, any edited
 * DaemonSet or PriorityClass: the scheduler verdict (pending-on-nodes) weighs
 * every other DaemonSet's whole pod spec and the priority classes, and the
 * live rollout (live-strategy-changed) the workspace's priority classes,
 * which no summary holds.
 */
import { labelSelectorMatches, type LabelSelector, type Labels } from '../model/labelSelector';
import type { WorkloadSummary } from '../model/workloads';
import type { Range, ServiceDiagnostic } from './types';
import { canShareNodes } from './workspaceRules/hostPortConflict';
import { push } from './workspaceRules/workspaceView';

export interface CrossDocumentState {
  /** Settings, version in force, index generation, baseline label: what every document's findings depend on. */
  key: string;
  /** The inventory's label, nodes and groups, by identity (they are replaced, never changed, when it changes), and the baseline's text. */
  inventory: readonly unknown[];
  documents: DocumentState[];
}

export interface DocumentState {
  text: string;
  startLine: number;
  /**
   * JSON of the workload summary and its related places relative to the document's first line; '' when the
   * document is no workload. Undefined until asked for (fingerprintOfState) when `fingerprint` computes it:
   * a document with nothing to compare with (a first validation) needs none until it is edited.
   */
  workload: string | undefined;
  /** Computes `workload` on first use; dropped once it has (or once `settle` ran), so it keeps no parse alive. */
  fingerprint?: () => string;
  /** The workload summary, for telling whose findings a change of it touches. */
  summary: WorkloadSummary | undefined;
  diagnostics: ServiceDiagnostic[];
}

export class CrossDocumentCache {
  private readonly states = new Map<string, CrossDocumentState>();

  get(uri: string): CrossDocumentState | undefined {
    return this.states.get(uri);
  }

  set(uri: string, state: CrossDocumentState): void {
    this.states.set(uri, state);
  }

  forget(uri: string): void {
    this.states.delete(uri);
  }

  /**
   * Computes the fingerprints a validation left for later (planCrossDocument): called once its
   * diagnostics are out, so a first open does not wait for them and no state keeps a parse alive.
   */
  settle(): void {
    for (const state of this.states.values()) for (const doc of state.documents) fingerprintOfState(doc);
  }
}

let computedFingerprints = 0;

/** How many workload fingerprints were computed since the process started; read by tests. */
export function fingerprintsComputed(): number {
  return computedFingerprints;
}

/** What of a workload other documents' findings can see: its summary and where its related information points. */
export function workloadFingerprint(summary: WorkloadSummary | undefined, places: unknown): string {
  if (!summary) return '';
  computedFingerprints++;
  return JSON.stringify([summary, places]);
}

/** A document's fingerprint, computed now if it was left for later. */
export function fingerprintOfState(doc: DocumentState): string {
  if (doc.workload === undefined) {
    doc.workload = doc.fingerprint ? doc.fingerprint() : '';
    doc.fingerprint = undefined;
  }
  return doc.workload;
}

/** More changed workloads than this in one edit, and every document is checked again rather than matched against each. */
export const MAX_CHANGED_WORKLOADS = 32;

/** A document of the file being validated, as the plan sees it. */
export interface PlannedDocument {
  text: string;
  startLine: number;
  /** The document's workload summary, if it is one. */
  summary: WorkloadSummary | undefined;
}

export interface CrossDocumentPlan {
  next: CrossDocumentState;
  /** Per document: its findings of the last validation, moved to where they now are, or undefined when they are to be computed. */
  reused: Array<ServiceDiagnostic[] | undefined>;
}

let checkedDocuments = 0;

/** How many DaemonSet documents had their cross-document rules run since the process started; read by tests. */
export function crossDocumentChecks(): number {
  return checkedDocuments;
}

/** Counts one DaemonSet document whose cross-document rules ran (crossDocumentChecks). */
export function countCrossDocumentCheck(): void {
  checkedDocuments++;
}

/**
 * Decides which documents' findings of the `last` validation still hold. `comparable` says the
 * key and the inventory are those of `last`; `fingerprint` is asked at once only for documents
 * whose text changed, and left for later (DocumentState.fingerprint) for those with nothing to
 * compare with, since their findings are computed anyway; `inventory` says an inventory or a live snapshot is in use (a DaemonSet's or PriorityClass's edit then weighs on every DaemonSet).
 */
export function planCrossDocument(
  last: CrossDocumentState | undefined,
  comparable: boolean,
  state: { key: string; inventory: readonly unknown[] },
  documents: readonly PlannedDocument[],
  fingerprint: (index: number) => string,
  uri: string,
  inventory: boolean,
): CrossDocumentPlan {
  const count = documents.length;
  const old = comparable && last ? last.documents : [];
  // Documents before and after the edit keep their text: the same string objects, compared by identity first.
  let prefix = 0;
  const shortest = Math.min(old.length, count);
  while (prefix < shortest && old[prefix].text === documents[prefix].text) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && old[old.length - 1 - suffix].text === documents[count - 1 - suffix].text) suffix++;
  const middlePaired = old.length === count; // as many documents as before: the changed ones are where they were
  const oldIndexOf = (index: number) =>
    index < prefix ? index : index >= count - suffix ? index - count + old.length : middlePaired && old.length > 0 ? index : -1;

  const changes: Array<WorkloadSummary | undefined> = [];
  /** With an inventory (or a live snapshot), the scheduler verdict of every DaemonSet (its live rollout) weighs every DaemonSet's and PriorityClass's whole object. */
  let scheduling = false;
  const weighedBySchedule = (summary: WorkloadSummary | undefined) => summary?.kind === 'DaemonSet' || summary?.kind === 'PriorityClass';
  const own = new Array<boolean>(count).fill(false);
  const next: CrossDocumentState = {
    ...state,
    documents: documents.map((doc, index) => {
      const before = old[oldIndexOf(index)] as DocumentState | undefined;
      const state: DocumentState = { text: doc.text, startLine: doc.startLine, workload: undefined, summary: doc.summary, diagnostics: [] };
      if (before !== undefined && before.text === doc.text) {
        state.workload = before.workload;
        state.fingerprint = before.fingerprint;
        return state;
      }
      own[index] = true;
      scheduling ||= weighedBySchedule(before?.summary) || weighedBySchedule(doc.summary);
      if (before === undefined) {
        // Nothing to compare with: a change for its peers whatever its fingerprint.
        state.fingerprint = () => fingerprint(index);
        changes.push(doc.summary);
      } else {
        state.workload = fingerprint(index);
        if (fingerprintOfState(before) !== state.workload) changes.push(before.summary, doc.summary);
      }
      return state;
    }),
  };
  // Documents that are gone: what they were is a change for their peers.
  if (!middlePaired) {
    for (let index = prefix; index < old.length - suffix; index++) {
      changes.push(old[index].summary);
      scheduling ||= weighedBySchedule(old[index].summary);
    }
  }
  const changed = changes.filter((summary): summary is WorkloadSummary => summary !== undefined);

  const reused = new Array<ServiceDiagnostic[] | undefined>(count).fill(undefined);
  const recomputeAll =
    !comparable || !last || changed.length > MAX_CHANGED_WORKLOADS || (inventory && scheduling);
  if (recomputeAll) return { next, reused };

  const peers = peersOf(changed);
  const moveLine = lineMover(old, next.documents, oldIndexOf);
  documents.forEach((doc, index) => {
    if (own[index]) return;
    const summary = doc.summary;
    if (summary?.kind === 'DaemonSet' && peers(summary)) return;
    const before = old[oldIndexOf(index)];
    const moved = moveLine ? moveDiagnostics(before.diagnostics, uri, moveLine) : before.diagnostics;
    if (moved) reused[index] = moved;
  });
  return { next, reused };
}

/**
 * Whether a DaemonSet's cross-document findings may name one of the `changed` workloads (a
 * superset is fine): a host port in common (hostport-conflict), or, in one namespace, a selector
 * of one that matches the other's pod labels (overlapping-labels, pdb-on-daemonset).
 */
function peersOf(changed: readonly WorkloadSummary[]): (daemonSet: WorkloadSummary) => boolean {
  const ports = new Map<string, WorkloadSummary[]>();
  const namespaces = new Map<string, WorkloadSummary[]>();
  for (const workload of changed) {
    for (const use of workload.hostPorts) push(ports, `${use.port}/${use.protocol}`, workload);
    push(namespaces, workload.namespace, workload);
  }
  return (daemonSet) => {
    // hostport-conflict names only DaemonSets whose nodeSelectors let them share a node.
    if (ports.size > 0) for (const use of daemonSet.hostPorts) if (ports.get(`${use.port}/${use.protocol}`)?.some((other) => canShareNodes(daemonSet, other))) return true;
    const inNamespace = namespaces.get(daemonSet.namespace);
    if (!inNamespace) return false;
    return inNamespace.some((other) => selects(daemonSet.selector, other.podLabels) || selects(other.selector, daemonSet.podLabels));
  };
}

function selects(selector: LabelSelector | undefined, labels: Labels | undefined): boolean {
  return selector !== undefined && labels !== undefined && labelSelectorMatches(selector, labels);
}

/**
 * Where a line of the last validation's text is now: moved with the document it lies in, when
 * that document kept its text or its workload's fingerprint (which holds its related places
 * relative to its first line); undefined for a line of a document that is gone. No mover when no
 * document moved: a line in a document that is gone or whose places moved can only be named by a
 * peer of its workload, and the peers are checked again.
 */
function lineMover(
  old: readonly DocumentState[],
  now: readonly DocumentState[],
  oldIndexOf: (index: number) => number,
): ((line: number) => number | undefined) | undefined {
  const deltas = new Array<number | undefined>(old.length).fill(undefined);
  let moved = false;
  now.forEach((doc, index) => {
    const before = old[oldIndexOf(index)] as DocumentState | undefined;
    if (before && (before.text === doc.text || fingerprintOfState(before) === fingerprintOfState(doc))) {
      const delta = doc.startLine - before.startLine;
      deltas[oldIndexOf(index)] = delta;
      moved ||= delta !== 0;
    }
  });
  if (!moved) return undefined;
  return (line) => {
    let low = 0;
    let high = old.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (old[mid].startLine <= line) low = mid;
      else high = mid - 1;
    }
    const delta = deltas[low];
    return delta === undefined ? undefined : line + delta;
  };
}

/**
 * The diagnostics moved to where their lines now are (the same objects when nothing moved), or
 * undefined when a place they name is gone. Related places in other files do not move.
 */
function moveDiagnostics(diagnostics: ServiceDiagnostic[], uri: string, moveLine: (line: number) => number | undefined): ServiceDiagnostic[] | undefined {
  let moved: ServiceDiagnostic[] | undefined;
  for (let i = 0; i < diagnostics.length; i++) {
    const diagnostic = diagnostics[i];
    const range = moveRange(diagnostic.range, moveLine);
    if (!range) return undefined;
    let related = diagnostic.relatedInformation;
    if (related) {
      let relatedMoved: typeof related | undefined;
      for (let j = 0; j < related.length; j++) {
        const info = related[j];
        if (info.uri !== uri) continue;
        const to = moveRange(info.range, moveLine);
        if (!to) return undefined;
        if (to !== info.range) (relatedMoved ??= related.slice())[j] = { ...info, range: to };
      }
      related = relatedMoved ?? related;
    }
    if (range !== diagnostic.range || related !== diagnostic.relatedInformation) {
      (moved ??= diagnostics.slice(0, i)).push({ ...diagnostic, range, relatedInformation: related });
    } else if (moved) moved.push(diagnostic);
  }
  return moved ?? diagnostics;
}

function moveRange(range: Range, moveLine: (line: number) => number | undefined): Range | undefined {
  const line = moveLine(range.start.line);
  if (line === undefined) return undefined;
  const delta = line - range.start.line;
  if (delta === 0) return range;
  return { start: { line, character: range.start.character }, end: { line: range.end.line + delta, character: range.end.character } };
}
