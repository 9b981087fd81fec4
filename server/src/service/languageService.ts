/**
 * The DaemonSet language service: a pure facade over parsing, validation and
 * the editing features. It holds no protocol state; its only state is a parse
 * cache keyed by document URI and version, a diagnostics cache keyed by YAML
 * document text, and the workspace index the caller feeds with file texts.
 */
import type { Rule } from './rules';
import type { WorkspaceRule } from './workspaceRules';
import { WorkspaceIndex, workloadsOfFile, type IndexedWorkload } from './workspaceIndex';
import { doHover } from './hover';
import { doComplete } from './completion';
import { getCodeActions, type CodeActionContext } from './codeActions';
import { getCodeLenses } from './codeLens';
import { FoldingStretches, getFoldingRanges } from './folding';
import { findDocumentSymbols } from './symbols';
import { DocumentDiagnosticsCache } from './documentDiagnosticsCache';
import { DocumentFactsCache } from './documentFactsCache';
import { CrossDocumentCache } from './crossDocumentCache';
import { parseYamlFile, type ParsedYamlFile } from '../model/yamlDocuments';
import { documentRules } from './rules';
import { ParsedFileCache } from './parsedFileCache';
import type { ChartRenderOutcome } from '../model/helmRender';
import type { LineIndex } from '../model/textPositions';
import { parseFieldPath } from '../model/fieldPath';
import { rangeOfPath } from '../model/yamlDocuments';
import { documentAtOffset } from '../model/yamlNavigation';
import { objectDocuments } from '../model/listItemDocuments';
import { HELM_RENDER_RULE, renderedChartDiagnostics } from './helm/renderedChartDiagnostics';
import { packagedSubchartDiagnostics } from './helm/packagedSubchartDiagnostics';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  DocumentSymbol,
  FoldingRange,
  EditingOptions,
  HoverResult,
  Position,
  ServiceDiagnostic,
  TextDocumentLike,
} from './types';
import { doValidation, type ValidationSettings } from './validation';
import { sameItems } from '../model/sameItems';

export interface LanguageServiceOptions {
  onRuleError?(rule: Rule | WorkspaceRule, error: unknown): void;
}

export interface LanguageService {
  /**
   * The same array (never to be changed by the caller) when a version is validated again with the
   * same settings and workspace: the LSP layer validates a version while the debounce waits and
   * again when it publishes.
   */
  doValidation(document: TextDocumentLike, settings?: ValidationSettings): ServiceDiagnostic[];
  /**
   * The findings of what a chart template rendered to, placed on the template's lines; `masked`
   * are the template's own findings (doValidation), which a rendered finding does not repeat.
   */
  doRenderedValidation(document: TextDocumentLike, render: { templatePath: string; outcome: ChartRenderOutcome }, masked: readonly ServiceDiagnostic[], settings?: ValidationSettings): ServiceDiagnostic[];
  /**
   * The findings of what the chart's packaged subcharts (`charts/*.tgz`) rendered to, on the
   * chart's Chart.yaml (`chartYaml`): on the subchart's `dependencies` entry, else on its first line.
   */
  doPackagedSubchartValidation(chartYaml: TextDocumentLike, render: { outcome: ChartRenderOutcome; onDisk(path: string): boolean }, settings?: ValidationSettings): ServiceDiagnostic[];
  /** Schema documentation and DaemonSet notes of the field under the cursor; with an inventory, what it does to the nodes. */
  doHover(document: TextDocumentLike, position: Position, options?: EditingOptions): HoverResult | undefined;
  /** Keys, values and snippets valid at the cursor, also in broken documents. */
  doComplete(document: TextDocumentLike, position: Position, options?: EditingOptions): CompletionList;
  /** Quick fixes for the diagnostics of a code-action request. */
  getCodeActions(document: TextDocumentLike, context: CodeActionContext): CodeAction[];
  /**
   * The outline: each object as `Kind namespace/name`, a DaemonSet's containers, tolerations and volumes below it.
   * The symbols are kept for the next request and the next version: read-only to callers.
   */
  findDocumentSymbols(document: TextDocumentLike): DocumentSymbol[];
  /**
   * Per document, per block and per comment run; by indentation, so broken text folds too.
   * The ranges are kept for the next request and the next version: read-only to callers.
   */
  getFoldingRanges(document: TextDocumentLike): FoldingRange[];
  /** Above each DaemonSet: on how many inventory nodes it runs (opens the preview), or a prompt to select an inventory. */
  getCodeLenses(document: TextDocumentLike, options?: EditingOptions): CodeLens[];
  /**
   * Parses a document version ahead of the requests that will need it, e.g.
   * while the adapter waits for settings; a no-op when it is parsed already.
   */
  parse(document: TextDocumentLike): void;
  /**
   * The line index of the document's current version, from its parse: the LSP adapter's text
   * documents take their line offsets from it rather than reading a large text once more.
   * Shared with the parse: never to be changed.
   */
  lineIndex(document: TextDocumentLike): LineIndex;
  /** The namespaces of the document's DaemonSets: those the comparison with the live cluster reads. */
  daemonSetNamespaces(document: TextDocumentLike): string[];
  /** The workloads of the document's current version, read once per version (validation and the live lookup share them). */
  fileWorkloads(document: TextDocumentLike): readonly IndexedWorkload[];
  /**
   * Does what validations left for after their diagnostics are published (the cross-document
   * fingerprints of a first validation, needed only once the file is edited). Call it when idle;
   * a validation that comes first computes what it needs itself.
   */
  afterPublish(): void;
  /** Forget a closed document. */
  forget(uri: string): void;
  /**
   * Index a workspace file (or the current text of an open one) for the cross-document rules, from the parse of its
   * open document when that is of the same text. Returns whether it changed anything.
   */
  updateWorkspaceFile(uri: string, text: string): boolean;
  removeWorkspaceFile(uri: string): boolean;
  readonly workspaceIndex: WorkspaceIndex;
}

/** A rendered text's own document: `<template uri>#helm-rendered`, `<Chart.yaml uri>#helm-rendered/<subchart template>`. */
const RENDERED_SUFFIX = '#helm-rendered';

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = new ParsedFileCache();
  const diagnosticsCache = new DocumentDiagnosticsCache();
  const workspaceIndex = new WorkspaceIndex();
  const documentFacts = new DocumentFactsCache();
  const crossDocument = new CrossDocumentCache();
  const baselines = new Map<string, ParsedYamlFile>();
  const parseBaseline = (text: string): ParsedYamlFile => {
    let parsed = baselines.get(text);
    if (!parsed) {
      parsed = parseYamlFile(text);
      if (baselines.size >= 16) baselines.delete(baselines.keys().next().value as string);
      baselines.set(text, parsed);
    }
    return parsed;
  };
  /**
   * The outline and the folding ranges per parse of a file: the editor asks for them again after each edit,
   * and the outline and breadcrumbs for the same version more than once.
   */
  const symbolsByFile = new WeakMap<ParsedYamlFile, readonly DocumentSymbol[]>();
  const foldingByFile = new WeakMap<ParsedYamlFile, readonly FoldingRange[]>();
  /** Per open document: its last version's folding, by stretch of text, for the next version (folding.ts). */
  const foldingStretches = new Map<string, FoldingStretches>();
  /** Per parse of a file (a version, or a baseline text): validation and the live lookup ask for them in turn. */
  const workloadsByFile = new WeakMap<ParsedYamlFile, { uri: string; workloads: IndexedWorkload[] }>();
  const workloadsOf = (uri: string, file: ParsedYamlFile): IndexedWorkload[] => {
    const known = workloadsByFile.get(file);
    if (known?.uri === uri) return known.workloads;
    const workloads = workloadsOfFile(uri, file, documentFacts);
    workloadsByFile.set(file, { uri, workloads });
    return workloads;
  };
  /** Per parse of a document version: its last validation and what that was given (validationInputs). */
  const validated = new WeakMap<ParsedYamlFile, { inputs: unknown[]; diagnostics: ServiceDiagnostic[] }>();
  /** The namespaces of a parse's DaemonSets: asked for by each validation and each code lens request. */
  const namespacesOf = new WeakMap<readonly IndexedWorkload[], string[]>();
  /** Rendered texts are validated as documents of their own, one per template, versioned by text. */
  const renderedVersions = new Map<string, { text: string; version: number }>();
  const validateRendered = (uri: string, text: string, settings?: ValidationSettings): ServiceDiagnostic[] => {
    const previous = renderedVersions.get(uri);
    const version = previous?.text === text ? previous.version : (previous?.version ?? 0) + 1;
    renderedVersions.set(uri, { text, version });
    const { baseline: _baseline, ...rest } = settings ?? {};
    return doValidation(uri, cache.get({ uri, version, getText: () => text }), rest, { onRuleError: options.onRuleError }, documentRules, diagnosticsCache, {
      index: workspaceIndex,
      facts: documentFacts,
      parseBaseline,
    });
  };
  return {
    workspaceIndex,
    doRenderedValidation(document, render, masked, settings) {
      const uri = `${document.uri}${RENDERED_SUFFIX}`;
      const severity = settings?.rules?.[HELM_RENDER_RULE];
      return renderedChartDiagnostics(
        { templateText: document.getText(), templatePath: render.templatePath, outcome: render.outcome },
        (text) => validateRendered(uri, text, settings),
        masked,
        (text, diagnostic) => {
          const file = objectDocuments(cache.get({ uri, version: renderedVersions.get(uri)?.version ?? 0, getText: () => text }));
          const doc = documentAtOffset(file, file.lines.offsetAt(diagnostic.range.start));
          return doc && diagnostic.path ? rangeOfPath(file, doc, parseFieldPath(diagnostic.path)).start.line : undefined;
        },
      )
        .filter((d) => d.rule !== HELM_RENDER_RULE || severity !== 'off')
        .map((d) => (d.rule === HELM_RENDER_RULE && severity && severity !== 'off' ? { ...d, severity } : d));
    },
    doPackagedSubchartValidation(chartYaml, render, settings) {
      const severity = settings?.rules?.[HELM_RENDER_RULE];
      return packagedSubchartDiagnostics({ chartYamlText: chartYaml.getText(), outcome: render.outcome, onDisk: render.onDisk }, (templatePath, text) =>
        validateRendered(`${chartYaml.uri}${RENDERED_SUFFIX}/${templatePath}`, text, settings),
      )
        .filter((d) => d.rule !== HELM_RENDER_RULE || severity !== 'off')
        .map((d) => (d.rule === HELM_RENDER_RULE && severity && severity !== 'off' ? { ...d, severity } : d));
    },
    updateWorkspaceFile(uri, text) {
      // An open document whose file reads as its text (the scan, a save) is indexed from the parse its validation made.
      const open = cache.parsedText(uri, text);
      return open ? workspaceIndex.updateWorkloads(uri, workloadsOf(uri, open)) : workspaceIndex.update(uri, text);
    },
    removeWorkspaceFile: (uri) => workspaceIndex.remove(uri),
    doValidation(document, settings) {
      const file = cache.get(document);
      const inputs = validationInputs(document.uri, settings, workspaceIndex.generationExcept(document.uri));
      const last = validated.get(file);
      if (last && sameItems(last.inputs, inputs)) return last.diagnostics;
      const diagnostics = doValidation(
        document.uri,
        file,
        settings,
        { onRuleError: options.onRuleError },
        documentRules,
        diagnosticsCache,
        { index: workspaceIndex, facts: documentFacts, parseBaseline, crossDocument, workloads: workloadsOf },
      );
      validated.set(file, { inputs, diagnostics });
      return diagnostics;
    },
    doHover(document, position, editing) {
      const file = cache.get(document);
      return doHover(file, file.lines.offsetAt(position), editing);
    },
    doComplete(document, position, editing) {
      const file = cache.get(document);
      return doComplete(file, file.lines.offsetAt(position), editing);
    },
    getCodeActions(document, context) {
      return getCodeActions(cache.get(document), context);
    },
    findDocumentSymbols(document) {
      const file = cache.get(document);
      let symbols = symbolsByFile.get(file);
      if (!symbols) symbolsByFile.set(file, (symbols = findDocumentSymbols(file, documentFacts)));
      return [...symbols];
    },
    getFoldingRanges(document) {
      const file = cache.get(document);
      let ranges = foldingByFile.get(file);
      if (!ranges) {
        let stretches = foldingStretches.get(document.uri);
        if (!stretches) foldingStretches.set(document.uri, (stretches = new FoldingStretches()));
        stretches.beginVersion();
        foldingByFile.set(file, (ranges = getFoldingRanges(file, stretches)));
      }
      return [...ranges];
    },
    getCodeLenses(document, editing) {
      return getCodeLenses(document.uri, cache.get(document), editing, workspaceIndex);
    },
    parse(document) {
      cache.get(document);
    },
    lineIndex(document) {
      return cache.get(document).lines;
    },
    fileWorkloads(document) {
      return workloadsOf(document.uri, cache.get(document));
    },
    daemonSetNamespaces(document) {
      const workloads = workloadsOf(document.uri, cache.get(document));
      let namespaces = namespacesOf.get(workloads);
      if (!namespaces) {
        namespaces = [...new Set(workloads.filter((w) => w.kind === 'DaemonSet' && w.name).map((w) => w.namespace))].sort();
        namespacesOf.set(workloads, namespaces);
      }
      return [...namespaces];
    },
    afterPublish() {
      crossDocument.settle();
    },
    forget(uri) {
      cache.delete(uri);
      foldingStretches.delete(uri);
      // The template's rendered text, and a Chart.yaml's packaged subchart templates (`#helm-rendered/charts/…`).
      for (const rendered of [...renderedVersions.keys()]) {
        if (rendered === `${uri}${RENDERED_SUFFIX}` || rendered.startsWith(`${uri}${RENDERED_SUFFIX}/`)) {
          cache.delete(rendered);
          renderedVersions.delete(rendered);
        }
      }
      crossDocument.forget(uri);
    },
  };
}

/**
 * What a validation of a parse depends on besides it, compared item by item: the URI, the index's
 * generation, and each setting with, for an object (rules, inventory, baseline, live cluster), each
 * of its fields by identity (the LSP layer rebuilds these objects per validation from the same parts).
 */
function validationInputs(uri: string, settings: ValidationSettings | undefined, generation: number): unknown[] {
  const inputs: unknown[] = [uri, generation];
  if (!settings) return inputs;
  for (const [key, value] of Object.entries(settings)) {
    inputs.push(key);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) for (const [field, part] of Object.entries(value)) inputs.push(field, part);
    else inputs.push(value);
  }
  return inputs;
}

export type { CodeAction, CodeActionContext, CodeLens, CompletionList, DocumentSymbol, FoldingRange, EditingOptions, HoverResult, Position, ServiceDiagnostic, TextDocumentLike, ValidationSettings };
