/**
 * The DaemonSet language service: a pure facade over parsing, validation and
 * the editing features. It holds no protocol state; its only state is a parse
 * cache keyed by document URI and version, a diagnostics cache keyed by YAML
 * document text, and the workspace index the caller feeds with file texts.
 */
import type { Rule } from './rules';
import type { WorkspaceRule } from './workspaceRules';
import { WorkspaceIndex } from './workspaceIndex';
import { doHover } from './hover';
import { doComplete } from './completion';
import { getCodeActions, type CodeActionContext } from './codeActions';
import { getCodeLenses } from './codeLens';
import { getFoldingRanges } from './folding';
import { findDocumentSymbols } from './symbols';
import { DocumentDiagnosticsCache } from './documentDiagnosticsCache';
import { DocumentFactsCache } from './documentFactsCache';
import { CrossDocumentCache } from './crossDocumentCache';
import { parseYamlFile, type ParsedYamlFile } from '../model/yamlDocuments';
import { documentRules } from './rules';
import { ParsedFileCache } from './parsedFileCache';
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

export interface LanguageServiceOptions {
  onRuleError?(rule: Rule | WorkspaceRule, error: unknown): void;
}

export interface LanguageService {
  doValidation(document: TextDocumentLike, settings?: ValidationSettings): ServiceDiagnostic[];
  /** Schema documentation and DaemonSet notes of the field under the cursor; with an inventory, what it does to the nodes. */
  doHover(document: TextDocumentLike, position: Position, options?: EditingOptions): HoverResult | undefined;
  /** Keys, values and snippets valid at the cursor, also in broken documents. */
  doComplete(document: TextDocumentLike, position: Position, options?: EditingOptions): CompletionList;
  /** Quick fixes for the diagnostics of a code-action request. */
  getCodeActions(document: TextDocumentLike, context: CodeActionContext): CodeAction[];
  /** The outline: each object as `Kind namespace/name`, a DaemonSet's containers, tolerations and volumes below it. */
  findDocumentSymbols(document: TextDocumentLike): DocumentSymbol[];
  /** Per document, per block and per comment run; by indentation, so broken text folds too. */
  getFoldingRanges(document: TextDocumentLike): FoldingRange[];
  /** Above each DaemonSet: on how many inventory nodes it runs (opens the preview), or a prompt to select an inventory. */
  getCodeLenses(document: TextDocumentLike, options?: EditingOptions): CodeLens[];
  /**
   * Parses a document version ahead of the requests that will need it, e.g.
   * while the adapter waits for settings; a no-op when it is parsed already.
   */
  parse(document: TextDocumentLike): void;
  /** Forget a closed document. */
  forget(uri: string): void;
  /** Index a workspace file (or the current text of an open one) for the cross-document rules. Returns whether it changed anything. */
  updateWorkspaceFile(uri: string, text: string): boolean;
  removeWorkspaceFile(uri: string): boolean;
  readonly workspaceIndex: WorkspaceIndex;
}

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
  return {
    workspaceIndex,
    updateWorkspaceFile: (uri, text) => workspaceIndex.update(uri, text),
    removeWorkspaceFile: (uri) => workspaceIndex.remove(uri),
    doValidation(document, settings) {
      return doValidation(
        document.uri,
        cache.get(document),
        settings,
        { onRuleError: options.onRuleError },
        documentRules,
        diagnosticsCache,
        { index: workspaceIndex, facts: documentFacts, parseBaseline, crossDocument },
      );
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
      return findDocumentSymbols(cache.get(document));
    },
    getFoldingRanges(document) {
      return getFoldingRanges(cache.get(document));
    },
    getCodeLenses(document, editing) {
      return getCodeLenses(document.uri, cache.get(document), editing);
    },
    parse(document) {
      cache.get(document);
    },
    forget(uri) {
      cache.delete(uri);
      crossDocument.forget(uri);
    },
  };
}

export type { CodeAction, CodeActionContext, CodeLens, CompletionList, DocumentSymbol, FoldingRange, EditingOptions, HoverResult, Position, ServiceDiagnostic, TextDocumentLike, ValidationSettings };
