/**
 * The workloads of every YAML file the server was given: the data the
 * cross-document rules look up (which objects select which pods, who binds
 * which host port). Pure: the LSP layer decides which files to read and feeds
 * their text here; the index keeps only summaries and ranges, not the ASTs.
 */
import { offsetsOfPath, parseYamlFileDocuments, type ParsedYamlDocument, type ParsedYamlFile } from '../model/yamlDocuments';
import { NAME_PATH, type FieldPath } from '../model/fieldPath';
import { daemonSetFromDocument } from '../model/daemonSet';
import { objectDocuments } from '../model/listItemDocuments';
import type { DaemonSet, PriorityClass } from '../model/kubeTypes';
import { priorityClassFromDocument } from '../model/priorityClass';
import { mayBeSummarized, summarizeWorkload, type WorkloadSummary } from '../model/workloads';
import type { DocumentFactsCache } from './documentFactsCache';
import type { Range } from './types';

export interface WorkloadRanges {
  /** Range of `metadata.name` (or the document's first key): where related information points. */
  name: Range;
  selector?: Range;
  podLabels?: Range;
  hostPorts: Range[];
}

export interface IndexedWorkload extends WorkloadSummary {
  uri: string;
  /** Source ranges, computed on first use: only related information needs them, and they need the AST. */
  ranges(): WorkloadRanges;
  /** The typed DaemonSet (kind DaemonSet only), read on first use: the scheduler verdict weighs other DaemonSets. */
  daemonSet?(): DaemonSet | undefined;
  /** The typed PriorityClass (kind PriorityClass only), read on first use. */
  priorityClass?(): PriorityClass | undefined;
}

/** The PriorityClasses among `workloads`, typed. */
export function typedPriorityClasses(workloads: readonly IndexedWorkload[]): PriorityClass[] {
  const out: PriorityClass[] = [];
  for (const workload of workloads) {
    const priorityClass = workload.priorityClass?.();
    if (priorityClass) out.push(priorityClass);
  }
  return out;
}

export function indexWorkloads(uri: string, text: string): IndexedWorkload[] {
  // Files without a kind are not ours to index; skip the parse.
  if (!text.includes('kind:')) return [];
  // Nor are documents whose kind line names a kind no rule looks up: a rendered chart of
  // thousands of ConfigMaps and CRDs costs a line scan, not a parse, beside its DaemonSets.
  return workloadsOfFile(uri, parseYamlFileDocuments(text, (slice) => mayBeSummarized(slice.text)));
}

/** The workloads of an already parsed file; `facts` lets a caller reuse summaries of unchanged documents. */
export function workloadsOfFile(uri: string, parsed: ParsedYamlFile, facts?: DocumentFactsCache): IndexedWorkload[] {
  const workloads: IndexedWorkload[] = [];
  // A list's items are documents of their own, indexed as their own documents would be (listItemDocuments.ts).
  const file = objectDocuments(parsed);
  for (const doc of file.documents) {
    // Templated labels and selectors are placeholders: comparing them would only invent overlaps.
    if (doc.template) continue;
    const cached = facts ? facts.of(doc).summary : summarizeWorkload(doc);
    if (!cached) continue;
    // The document index is the only part of a summary that depends on where the document is.
    const summary = cached.documentIndex === doc.index ? cached : { ...cached, documentIndex: doc.index };
    let placed: WorkloadRanges | undefined;
    const ranges = () => (placed ??= new PlacedRanges(file, doc, cached, facts));
    // Not `{ ...summary, uri, ranges }`: V8 gave each object so made a hidden class of its own (two
    // kilobytes per workload, for every workload of a file at each edit); assigned, they share one.
    const workload: IndexedWorkload = Object.assign({ uri, ranges }, summary);
    if (summary.kind === 'DaemonSet') {
      let typed: { value: DaemonSet | undefined } | undefined;
      // With facts, the same object the document's own rules read (validation's typedDaemonSet): one read per text.
      const readTyped = () => ({ value: daemonSetFromDocument(file, doc, uri).daemonSet });
      workload.daemonSet = () =>
        (typed ??= facts ? (facts.get(doc.text, () => ({ summary: cached })).daemonSet ??= readTyped()) : readTyped()).value;
    } else if (summary.kind === 'PriorityClass') {
      let typed: { value: PriorityClass | undefined } | undefined;
      workload.priorityClass = () => (typed ??= { value: priorityClassFromDocument(file, doc, uri) }).value;
    }
    workloads.push(workload);
  }
  return workloads;
}

/**
 * Offsets [start, end) of a path relative to the document's slice, remembered per document text
 * when `facts` is given: the paths cross-document findings point at (host ports, selectors) are
 * asked for again by every peer and on every edit.
 */
function localOffsetsOfPath(doc: ParsedYamlDocument, path: FieldPath, prefer: 'key' | 'value', facts?: DocumentFactsCache): [number, number] {
  if (!facts) return placeInDocument(doc, path, prefer);
  const entry = facts.of(doc);
  const places = (entry.places ??= new Map());
  const key = placeKey(path);
  let found = places.get(key);
  if (!found) places.set(key, (found = {}));
  return (found[prefer] ??= placeInDocument(doc, path, prefer));
}

function placeInDocument(doc: ParsedYamlDocument, path: FieldPath, prefer: 'key' | 'value'): [number, number] {
  const [start, end] = offsetsOfPath(doc, path, prefer);
  return [start - doc.offset, end - doc.offset];
}

/**
 * A path's key among a document's places, written once per path object: the paths cross-document
 * findings and related information point at are constants or a summary's own (field paths are
 * never changed once made), and a key made anew would be hashed anew on every lookup.
 */
const placeKeys = new WeakMap<FieldPath, string>();

function placeKey(path: FieldPath): string {
  let key = placeKeys.get(path);
  if (key === undefined) placeKeys.set(path, (key = JSON.stringify(path)));
  return key;
}

/** The range of a path of a document, placed once per document text when `facts` is given (localOffsetsOfPath). */
export function rangeInDocument(file: ParsedYamlFile, doc: ParsedYamlDocument, path: FieldPath, prefer: 'key' | 'value', facts?: DocumentFactsCache): Range {
  const [start, end] = localOffsetsOfPath(doc, path, prefer, facts);
  return file.lines.rangeAt(doc.offset + start, doc.offset + end);
}

/**
 * Where a workload's related information points, each range placed when first asked for (and,
 * with `facts`, once per document text): a peer's finding names one of them, a host port or a
 * selector, and most workloads are nobody's peer for most of them.
 */
class PlacedRanges implements WorkloadRanges {
  private placedName: Range | undefined;
  private placedSelector: Range | undefined;
  private placedPodLabels: Range | undefined;
  private placedHostPorts: Range[] | undefined;

  constructor(
    private readonly file: ParsedYamlFile,
    private readonly doc: ParsedYamlDocument,
    private readonly summary: WorkloadSummary,
    private readonly facts: DocumentFactsCache | undefined,
  ) {}

  get name(): Range {
    return (this.placedName ??= this.place(NAME_PATH, 'value'));
  }

  get selector(): Range | undefined {
    const path = this.summary.selectorPath;
    return path && (this.placedSelector ??= this.place(path, 'key'));
  }

  get podLabels(): Range | undefined {
    const path = this.summary.podLabelsPath;
    return path && (this.placedPodLabels ??= this.place(path, 'key'));
  }

  get hostPorts(): Range[] {
    return (this.placedHostPorts ??= this.summary.hostPorts.map((use) => this.place(use.path, 'value')));
  }

  private place(path: FieldPath, prefer: 'key' | 'value'): Range {
    return rangeInDocument(this.file, this.doc, path, prefer, this.facts);
  }
}

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedWorkload[]>();
  private byNamespace: Map<string, IndexedWorkload[]> | undefined;
  /** Increases on every change, so callers can tell whether results are stale. */
  generation = 0;

  /** Indexes (or re-indexes) a file from its text. Returns whether its workloads changed. */
  update(uri: string, text: string): boolean {
    return this.updateWorkloads(uri, indexWorkloads(uri, text));
  }

  /** Indexes (or re-indexes) a file from its workloads, found from a parse the caller already has. Returns whether they changed. */
  updateWorkloads(uri: string, workloads: IndexedWorkload[]): boolean {
    const previous = this.files.get(uri);
    if (previous && JSON.stringify(previous) === JSON.stringify(workloads)) return false;
    if (workloads.length === 0 && !previous) return false;
    if (workloads.length === 0) this.files.delete(uri);
    else this.files.set(uri, workloads);
    this.changed(uri);
    return true;
  }

  remove(uri: string): boolean {
    if (!this.files.delete(uri)) return false;
    this.changed(uri);
    return true;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Workloads of a namespace in every indexed file except `exceptUri`. */
  inNamespace(namespace: string, exceptUri?: string): IndexedWorkload[] {
    if (!this.byNamespace) {
      this.byNamespace = new Map();
      for (const workloads of this.files.values()) {
        for (const workload of workloads) {
          const list = this.byNamespace.get(workload.namespace) ?? [];
          list.push(workload);
          this.byNamespace.set(workload.namespace, list);
        }
      }
    }
    const all = this.byNamespace.get(namespace) ?? [];
    return exceptUri === undefined ? all : all.filter((w) => w.uri !== exceptUri);
  }

  /** Every indexed DaemonSet, in any namespace, except those of `exceptUri`. */
  daemonSets(exceptUri?: string): IndexedWorkload[] {
    const out: IndexedWorkload[] = [];
    for (const [uri, workloads] of this.files) {
      if (uri === exceptUri) continue;
      for (const workload of workloads) if (workload.kind === 'DaemonSet') out.push(workload);
    }
    return out;
  }

  /** Every indexed PriorityClass except those of `exceptUri`, typed. */
  priorityClasses(exceptUri?: string): PriorityClass[] {
    const out: PriorityClass[] = [];
    for (const [uri, workloads] of this.files) if (uri !== exceptUri) out.push(...typedPriorityClasses(workloads));
    return out;
  }

  /** How many of the changes counted by `generation` were to each file's own entry. */
  private readonly changesOf = new Map<string, number>();

  /**
   * The generation as the validation of `uri` sees it: every lookup it makes leaves `uri`'s own entry out, so a change
   * of that entry alone (the workspace scan indexing an open file from disk) leaves its cached results valid.
   */
  generationExcept(uri: string): number {
    return this.generation - (this.changesOf.get(uri) ?? 0);
  }

  private changed(uri: string): void {
    this.byNamespace = undefined;
    this.generation++;
    this.changesOf.set(uri, (this.changesOf.get(uri) ?? 0) + 1);
  }
}
