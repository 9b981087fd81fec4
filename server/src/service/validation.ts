/**
 * doValidation: every YAML document of a file is parsed, YAML problems are
 * reported, and each document rule that applies runs on its own, so one
 * failing rule (or one broken document) never hides the others.
 */
import { rangeOfPath, parseYamlFile, type ParsedYamlDocument, type ParsedYamlFile } from '../model/yamlDocuments';
import { formatFieldPath, type FieldPath } from '../model/fieldPath';
import { sameItems } from '../model/sameItems';
import type { CachedDiagnostics, DocumentDiagnosticsCache } from './documentDiagnosticsCache';
import { abbreviateLongWords } from './messageText';
import { dropTemplateArtifacts, templateDuplicateKeys } from './templateFindings';
import { applySuppressions } from './suppressions';
import { rangeInDocument, workloadsOfFile, type IndexedWorkload, type WorkspaceIndex } from './workspaceIndex';
import { workspaceRules, type InventoryContext, type LiveClusterContext, type WorkspaceRule, type WorkspaceRuleContext } from './workspaceRules';
import type { DaemonSet } from '../model/kubeTypes';
import { push, WorkspaceView } from './workspaceRules/workspaceView';
import { daemonSetFromDocument } from '../model/daemonSet';
import { objectDocuments } from '../model/listItemDocuments';
import type { DocumentFactsCache } from './documentFactsCache';
import { countCrossDocumentCheck, planCrossDocument, workloadFingerprint, type CrossDocumentCache, type CrossDocumentPlan } from './crossDocumentCache';
import type { WorkloadSummary } from '../model/workloads';
import { asRecord } from './kubernetesResource';
import { documentRules, type Rule } from './rules';
import type { Range, ServiceDiagnostic, Severity } from './types';
import { resolveKubernetesVersion, type VersionInForce } from '../model/kubernetesVersion';

export const YAML_SYNTAX_RULE = 'yaml-syntax';

export interface ValidationSettings {
  /** Per-rule severity, or 'off'. Rules not named keep their default. */
  rules?: Record<string, Severity | 'off'>;
  /** The node inventory for the inventory-aware rules, when the user has one. */
  inventory?: InventoryContext;
  /**
   * The cluster's Kubernetes version as the user set it (`daemonset.kubernetesVersion`,
   * `--kubernetes-version`) and how to name that source; else the inventory's kubelets decide.
   */
  kubernetesVersion?: { value: string; label: string };
  /** The file's committed text (git HEAD, or the CLI's --base), for selector-changed. */
  baseline?: { label: string; text: string };
  /** What runs in the selected cluster (kubectl in the host), for selector-changed and the live-* rules. */
  live?: LiveClusterContext;
}

export interface ValidationHooks {
  /** Called when a rule throws; the rule's findings for that document are dropped. */
  onRuleError?(rule: Rule | WorkspaceRule, error: unknown): void;
}

export function doValidation(
  uri: string,
  parsed: ParsedYamlFile,
  settings: ValidationSettings = {},
  hooks: ValidationHooks = {},
  rules: readonly Rule[] = documentRules,
  cache?: DocumentDiagnosticsCache,
  workspace?: WorkspaceValidation,
): ServiceDiagnostic[] {
  const diagnostics: ServiceDiagnostic[] = [];
  // A list's items are documents of their own (listItemDocuments.ts).
  const file = objectDocuments(parsed);
  const kubernetesVersion = kubernetesVersionOf(settings);
  const settingsKey = cache ? JSON.stringify([settings.rules ?? {}, kubernetesVersion]) : '';
  const crossDocument = workspace && againstWorkspace(uri, file, settings, hooks, workspace, kubernetesVersion, settingsKey || JSON.stringify([settings.rules ?? {}, kubernetesVersion]));
  // The documents' slices make up the whole text, so when none may hold a suppression comment
  // (known per cached document text), the file is not searched for them again.
  let suppressions = !cache;
  const startLines = documentStartLines(file);
  for (const doc of file.documents) {
    const startLine = startLines[doc.index];
    let cached: CachedDiagnostics | undefined = cache?.get(settingsKey, doc.text, startLine);
    if (!cached) {
      const found = validateDocument(file, doc, settings, hooks, rules, kubernetesVersion);
      cached = cache ? cache.set(settingsKey, doc.text, startLine, found) : { diagnostics: found, suppressions: true };
    }
    suppressions ||= cached.suppressions;
    const first = diagnostics.length;
    const ofDocument = cached.diagnostics;
    for (let i = 0; i < ofDocument.length; i++) diagnostics.push(ofDocument[i].relatedInformation ? withRelatedUri(ofDocument[i], uri) : ofDocument[i]);
    const own = diagnostics.length;
    // Right after the document's own rules, in position order among them. Each document's
    // diagnostics lie within its own lines, so sorting each document's sorts the file's.
    crossDocument?.(doc.index, diagnostics);
    if (diagnostics.length > own && own > first) {
      const merged = diagnostics.slice(first).sort(byPosition);
      for (let i = 0; i < merged.length; i++) diagnostics[first + i] = merged[i];
    } else if (diagnostics.length - own > 1) {
      const found = diagnostics.slice(own).sort(byPosition);
      for (let i = 0; i < found.length; i++) diagnostics[own + i] = found[i];
    }
  }
  return suppressions ? applySuppressions(file.lines, diagnostics) : diagnostics;
}

const startLinesOf = new WeakMap<ParsedYamlFile, number[]>();

/** The line each document of a parse starts on, found once per parse: every validation of it asks for each. */
function documentStartLines(file: ParsedYamlFile): number[] {
  let lines = startLinesOf.get(file);
  if (!lines) {
    lines = file.documents.map((doc) => file.lines.positionAt(doc.offset).line);
    startLinesOf.set(file, lines);
  }
  return lines;
}

/**
 * A document diagnostic's related information points into its own file, whose URI the cached
 * diagnostic does not carry: each cached diagnostic is given its URI once, so revalidating an
 * unchanged document hands back the very same objects (and the LSP layer converts them once).
 */
const relatedWithUri = new WeakMap<ServiceDiagnostic, { uri: string; diagnostic: ServiceDiagnostic }>();

function withRelatedUri(diagnostic: ServiceDiagnostic, uri: string): ServiceDiagnostic {
  const known = relatedWithUri.get(diagnostic);
  if (known?.uri === uri) return known.diagnostic;
  const stamped = { ...diagnostic, relatedInformation: diagnostic.relatedInformation?.map((r) => ({ ...r, uri })) };
  relatedWithUri.set(diagnostic, { uri, diagnostic: stamped });
  return stamped;
}

/** The version in force for this validation: the setting, else the inventory's oldest kubelet, else the newest supported. */
export function kubernetesVersionOf(settings: ValidationSettings): VersionInForce {
  return resolveKubernetesVersion({ setting: settings.kubernetesVersion, inventory: settings.inventory });
}

export interface WorkspaceValidation {
  index: WorkspaceIndex;
  rules?: readonly WorkspaceRule[];
  /** Reuses what unchanged documents yield; without it everything is read afresh. */
  facts?: DocumentFactsCache;
  /** Reuses the cross-document findings of documents whose findings an edit cannot change (crossDocumentCache.ts). */
  crossDocument?: CrossDocumentCache;
  /** Parses a baseline text; the service memoizes it, since it does not change while the user types. */
  parseBaseline?: (text: string) => ParsedYamlFile;
  /** The workloads of a parsed file; the service reads them once per parse, for validation and the live lookup alike. */
  workloads?: (uri: string, file: ParsedYamlFile) => IndexedWorkload[];
}

/**
 * The typed DaemonSet of a document, read once per document text when a facts cache is given.
 * Cached without its `source`: that names one position of the text (document index, line), and
 * its lazily read line holds the whole parsed file, which would keep one version of a large file
 * alive per edited document. No cross-document rule reads it.
 */
function typedDaemonSet(file: ParsedYamlFile, doc: ParsedYamlDocument, uri: string, facts?: DocumentFactsCache) {
  if (!facts) return daemonSetFromDocument(file, doc, uri).daemonSet;
  const entry = facts.of(doc);
  entry.daemonSet ??= { value: withoutSource(daemonSetFromDocument(file, doc, uri).daemonSet) };
  return entry.daemonSet.value;
}

function withoutSource(daemonSet: DaemonSet | undefined): DaemonSet | undefined {
  if (!daemonSet?.source) return daemonSet;
  const { source: _source, ...rest } = daemonSet;
  return rest;
}

/**
 * The cross-document rules, prepared once per validation: the returned function appends the
 * findings for the DaemonSets of one document. Never cached, since other files change them.
 */
function againstWorkspace(
  uri: string,
  file: ParsedYamlFile,
  settings: ValidationSettings,
  hooks: ValidationHooks,
  workspace: WorkspaceValidation,
  kubernetesVersion: VersionInForce,
  settingsKey: string,
): (documentIndex: number, diagnostics: ServiceDiagnostic[]) => void {
  const rules = workspace.rules ?? workspaceRules;
  const workloadsOf = workspace.workloads ?? ((fileUri: string, parsed: ParsedYamlFile) => workloadsOfFile(fileUri, parsed, workspace.facts));
  const sameFile = workloadsOf(uri, file);
  const plan = workspace.crossDocument && reusableState(uri, file, settings, workspace, sameFile, settingsKey);
  const next = plan?.next;
  const view = new WorkspaceView(uri, sameFile, workspace.index);
  const baseline = settings.baseline && {
    label: settings.baseline.label,
    workloads: workloadsOf(uri, (workspace.parseBaseline ?? parseYamlFile)(settings.baseline.text)),
  };
  const byDocument = new Map<number, IndexedWorkload[]>();
  for (const self of sameFile) if (self.kind === 'DaemonSet') push(byDocument, self.documentIndex, self);
  // Each rule's severity, read once per validation rather than for every DaemonSet; rules turned off are left out.
  const active: Array<{ rule: WorkspaceRule; severity: Severity; userSet: boolean }> = [];
  for (const rule of rules) {
    const set = settings.rules?.[rule.id];
    const severity = set ?? rule.defaultSeverity;
    if (severity !== 'off') active.push({ rule, severity, userSet: set !== undefined });
  }
  return (documentIndex, diagnostics) => {
    const reused = plan?.reused[documentIndex];
    if (reused) {
      for (const diagnostic of reused) diagnostics.push(diagnostic);
      if (next) next.documents[documentIndex].diagnostics = reused;
      return;
    }
    const found: ServiceDiagnostic[] = [];
    crossDocumentFindings(documentIndex, found);
    for (const diagnostic of found) diagnostics.push(diagnostic);
    if (next) next.documents[documentIndex].diagnostics = found;
  };

  function crossDocumentFindings(documentIndex: number, diagnostics: ServiceDiagnostic[]): void {
    for (const self of byDocument.get(documentIndex) ?? []) {
      countCrossDocumentCheck();
      const doc = file.documents[self.documentIndex];
      const ctx = new CrossDocumentContext(uri, file, doc, self, view, settings, baseline, kubernetesVersion, workspace.facts);
      let places: PathPlaces | undefined;
      // Indexed loops here and in validateDocument: they run for every rule of every document, and an
      // iterator per loop is garbage until the function is optimized.
      for (let r = 0; r < active.length; r++) {
        const { rule, severity, userSet } = active[r];
        try {
          const findings = rule.check(ctx);
          for (let f = 0; f < findings.length; f++) {
            const finding = findings[f];
            // A finding may lower its rule's default severity, but not a severity the user set.
            const findingSeverity = finding.severity && !userSet ? finding.severity : severity;
            const related = finding.related.length ? finding.related : undefined;
            diagnostics.push(diagnosticOf(file, doc, rule.id, findingSeverity, finding, related, workspace.facts, (places ??= [])));
          }
        } catch (error) {
          hooks.onRuleError?.(rule, error);
        }
      }
    }
  }
}

/**
 * What a cross-document rule is given about one DaemonSet. A class, so that one per DaemonSet is
 * cheap to build: an object literal with a getter is built by the runtime, property by property.
 */
class CrossDocumentContext implements WorkspaceRuleContext {
  readonly inventory: InventoryContext | undefined;
  readonly live: LiveClusterContext | undefined;
  private typed: { value: DaemonSet | undefined } | undefined;

  constructor(
    readonly uri: string,
    readonly file: ParsedYamlFile,
    readonly doc: ParsedYamlDocument,
    readonly self: IndexedWorkload,
    readonly workspace: WorkspaceView,
    settings: ValidationSettings,
    readonly baseline: WorkspaceRuleContext['baseline'],
    readonly kubernetesVersion: VersionInForce,
    private readonly facts: DocumentFactsCache | undefined,
  ) {
    this.inventory = settings.inventory;
    this.live = settings.live;
  }

  /** Read on demand: only the inventory-aware rules need the typed object. */
  get daemonSet(): DaemonSet | undefined {
    return (this.typed ??= { value: typedDaemonSet(this.file, this.doc, this.uri, this.facts) }).value;
  }
}

/**
 * The file's cross-document state for this validation (`next`, filled in as documents are checked)
 * and, per document, its findings of the last validation when they still hold (planCrossDocument).
 */
function reusableState(
  uri: string,
  file: ParsedYamlFile,
  settings: ValidationSettings,
  workspace: WorkspaceValidation,
  sameFile: readonly IndexedWorkload[],
  settingsKey: string,
): CrossDocumentPlan {
  const cache = workspace.crossDocument as CrossDocumentCache;
  const key = JSON.stringify([settingsKey, workspace.index.generationExcept(uri), settings.baseline?.label ?? '']);
  // Compared by identity, or by value for the baseline's text: it is read again, as the same text, on every validation.
  const inventory = [
    settings.inventory?.label,
    settings.inventory?.nodes,
    settings.inventory?.groups,
    settings.inventory?.pods,
    settings.inventory?.priorityClasses,
    settings.live,
    settings.baseline?.text,
  ];
  const byDocument = new Map<number, IndexedWorkload>();
  for (const workload of sameFile) byDocument.set(workload.documentIndex, workload);
  const last = cache.get(uri);
  const comparable = last !== undefined && last.key === key && sameItems(last.inventory, inventory);
  const startLines = documentStartLines(file);
  const documents = file.documents.map((doc, index) => ({ text: doc.text, startLine: startLines[index], summary: byDocument.get(index) }));
  const plan = planCrossDocument(last, comparable, { key, inventory }, documents, (index) => fingerprintOf(byDocument.get(index), documents[index].startLine), uri, settings.inventory !== undefined || settings.live !== undefined);
  cache.set(uri, plan.next);
  return plan;
}

/** The workload's summary, without where its document stands, and its related places relative to its document's first line. */
function fingerprintOf(workload: IndexedWorkload | undefined, startLine: number): string {
  if (!workload) return '';
  const { uri: _uri, ranges: _ranges, daemonSet: _daemonSet, priorityClass: _priorityClass, documentIndex: _documentIndex, ...rest } = workload;
  const ranges = workload.ranges();
  const local = (range: Range | undefined) => range && [range.start.line - startLine, range.start.character, range.end.line - startLine, range.end.character];
  return workloadFingerprint(rest as WorkloadSummary, [local(ranges.name), local(ranges.selector), local(ranges.podLabels), ranges.hostPorts.map(local)]);
}


/** Diagnostics of one YAML document; related information carries no URI yet. */
export function validateDocument(
  file: ParsedYamlFile,
  doc: ParsedYamlDocument,
  settings: ValidationSettings,
  hooks: ValidationHooks,
  rules: readonly Rule[],
  kubernetesVersion: VersionInForce = kubernetesVersionOf(settings),
): ServiceDiagnostic[] {
  const diagnostics: ServiceDiagnostic[] = [];
  const yamlSeverity = settings.rules?.[YAML_SYNTAX_RULE];
  if (yamlSeverity !== 'off') {
    const hasDuplicates = doc.template !== undefined && doc.problems.some((problem) => problem.code === 'DUPLICATE_KEY');
    const templateDuplicates = hasDuplicates ? templateDuplicateKeys(doc) : undefined;
    for (const problem of doc.problems) {
      // A key set in two branches of a template is not a duplicate.
      if (problem.code === 'DUPLICATE_KEY' && templateDuplicates?.has(problem.start - doc.offset)) continue;
      diagnostics.push({
        range: file.lines.rangeAt(problem.start, problem.end),
        severity: yamlSeverity ?? (problem.severity === 'error' ? 'error' : 'warning'),
        rule: YAML_SYNTAX_RULE,
        message: abbreviateLongWords(problem.message),
      });
    }
  }
  const root = asRecord(doc.value);
  if (!root) return diagnostics;
  const ctx = { file, doc, root, kubernetesVersion };
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    const severity = settings.rules?.[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    try {
      if (!rule.appliesTo(ctx)) continue;
      const findings = rule.check(ctx);
      for (let f = 0; f < findings.length; f++) {
        const finding = findings[f];
        const related = finding.related?.map((info) => ({
          uri: '',
          range: rangeOfPath(file, doc, info.path, 'key'),
          message: info.message,
        }));
        diagnostics.push(diagnosticOf(file, doc, rule.id, severity, finding, related));
      }
    } catch (error) {
      hooks.onRuleError?.(rule, error);
    }
  }
  const kept = doc.template ? dropTemplateArtifacts(file, doc, diagnostics, ABSENCE_RULES, SCHEMA_RULE) : diagnostics;
  // Position order; rules run in the API server's order, so among diagnostics
  // at one position the one Kubernetes reports first stays first (stable sort).
  return dropSupersededSchemaFindings(kept).sort(byPosition);
}

/**
 * Rules whose findings are about something absent: in a Go template whose
 * directive lines (includes, conditionals) were masked, the content may come
 * from there, so these findings would be false.
 */
const ABSENCE_RULES = new Set(['selector-drift', 'missing-resource-requests', 'no-priority-class', 'invalid-metadata']);

/**
 * A rule's finding as a diagnostic: the path names the field, the anchor (or the path) places the range.
 * With `facts` (cross-document findings) it is placed once per document text (rangeInDocument), since it
 * is asked for again after every edit elsewhere.
 */
function diagnosticOf(
  file: ParsedYamlFile,
  doc: ParsedYamlDocument,
  rule: string,
  severity: Severity,
  finding: { path: FieldPath; anchor?: FieldPath; on?: 'key' | 'value'; message: string; data?: Record<string, unknown> },
  relatedInformation: ServiceDiagnostic['relatedInformation'],
  facts?: DocumentFactsCache,
  places?: PathPlaces,
): ServiceDiagnostic {
  const path = finding.anchor ?? finding.path;
  const prefer = finding.on ?? 'value';
  const placed = places && placedPath(places, finding.path);
  const anchored = places && (path === finding.path ? placed : placedPath(places, path));
  const diagnostic: ServiceDiagnostic = {
    range: anchored ? (anchored[prefer] ??= placeOf(file, doc, path, prefer, facts)) : placeOf(file, doc, path, prefer, facts),
    severity,
    rule,
    message: abbreviateLongWords(finding.message),
    path: placed ? (placed.text ??= abbreviateLongWords(formatFieldPath(finding.path))) : abbreviateLongWords(formatFieldPath(finding.path)),
    relatedInformation: relatedInformation && withShortMessages(relatedInformation),
  };
  // Set, not spread from a literal made for every finding: few findings carry data.
  if (finding.data) diagnostic.data = finding.data;
  return diagnostic;
}

function placeOf(file: ParsedYamlFile, doc: ParsedYamlDocument, path: FieldPath, prefer: 'key' | 'value', facts: DocumentFactsCache | undefined): Range {
  return facts ? rangeInDocument(file, doc, path, prefer, facts) : rangeOfPath(file, doc, path, prefer);
}

/**
 * The range of each path one document's cross-document findings name, and the path's text, by path
 * object: a DaemonSet's findings name few paths (its selector, a host port), each once per rule
 * and problem, and the paths are constants or its summary's (never changed once
 * made). Ranges are shared by its diagnostics, which nothing changes.
 */
interface PlacedPath {
  path: FieldPath;
  key?: Range;
  value?: Range;
  text?: string;
}

/** A list, not a Map: a DaemonSet's findings name one to three paths. */
type PathPlaces = PlacedPath[];

/** Beyond this many paths (a DaemonSet of many host ports) the others are placed for each finding, not searched for. */
const MAX_PLACED_PATHS = 16;

function placedPath(places: PathPlaces, path: FieldPath): PlacedPath {
  for (let i = 0; i < places.length; i++) if (places[i].path === path) return places[i];
  const placed: PlacedPath = { path };
  if (places.length < MAX_PLACED_PATHS) places.push(placed);
  return placed;
}

/** Related information with long words abbreviated; the array itself (made for this diagnostic) when none is. */
function withShortMessages(related: NonNullable<ServiceDiagnostic['relatedInformation']>): NonNullable<ServiceDiagnostic['relatedInformation']> {
  let copy: typeof related | undefined;
  for (let i = 0; i < related.length; i++) {
    const message = abbreviateLongWords(related[i].message);
    if (message !== related[i].message) (copy ??= [...related])[i] = { ...related[i], message };
  }
  return copy ?? related;
}

function byPosition(a: ServiceDiagnostic, b: ServiceDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** The generic schema rule's findings give way to a specific rule's finding on the same range. */
export const SCHEMA_RULE = 'schema';

function dropSupersededSchemaFindings(diagnostics: ServiceDiagnostic[]): ServiceDiagnostic[] {
  const specific = new Set<string>();
  const key = (d: ServiceDiagnostic) =>
    `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}`;
  for (const d of diagnostics) if (d.rule !== SCHEMA_RULE && d.rule !== YAML_SYNTAX_RULE) specific.add(key(d));
  if (specific.size === 0) return diagnostics;
  return diagnostics.filter((d) => d.rule !== SCHEMA_RULE || !specific.has(key(d)));
}
