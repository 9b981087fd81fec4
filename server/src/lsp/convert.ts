/** Service vocabulary → LSP types. The only place that maps between the two. */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  FoldingRangeKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
} from 'vscode-languageserver';
import type {
  CodeAction as ServiceCodeAction,
  CodeLens as ServiceCodeLens,
  CompletionItem as ServiceCompletionItem,
  CompletionList as ServiceCompletionList,
  DiagnosticLike,
  DocumentSymbol as ServiceDocumentSymbol,
  FoldingRange as ServiceFoldingRange,
  HoverResult,
  ServiceDiagnostic,
  Severity,
} from '../service/types';

export const DIAGNOSTIC_SOURCE = 'daemonset';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Each service diagnostic converted once: the service hands back the same objects for the
 * documents an edit did not touch, so an edit in a large file converts (and allocates) only
 * the diagnostics it changed. Neither side is ever mutated.
 */
const converted = new WeakMap<ServiceDiagnostic, Diagnostic>();

export function toLspDiagnostic(diagnostic: ServiceDiagnostic): Diagnostic {
  let lsp = converted.get(diagnostic);
  if (!lsp) {
    lsp = convertDiagnostic(diagnostic);
    converted.set(diagnostic, lsp);
  }
  return lsp;
}

/** Each list the service hands back converted once: it hands back the same list when a version is validated again. */
const convertedLists = new WeakMap<readonly ServiceDiagnostic[], Diagnostic[]>();

/** The list converted (the same array for the same list; neither is ever changed). */
export function toLspDiagnostics(diagnostics: readonly ServiceDiagnostic[]): Diagnostic[] {
  let lsp = convertedLists.get(diagnostics);
  if (!lsp) {
    lsp = diagnostics.map(toLspDiagnostic);
    convertedLists.set(diagnostics, lsp);
  }
  return lsp;
}

function convertDiagnostic(diagnostic: ServiceDiagnostic): Diagnostic {
  const related = diagnostic.relatedInformation;
  return {
    range: diagnostic.range,
    severity: severities[diagnostic.severity],
    source: DIAGNOSTIC_SOURCE,
    code: diagnostic.rule,
    message: diagnostic.message,
    relatedInformation: related && toLspRelated(related),
    data: lspData(diagnostic),
  };
}

type ServiceRelated = NonNullable<ServiceDiagnostic['relatedInformation']>;

/**
 * Each related list converted once: the cross-document rules hand the same list to every
 * diagnostic that names one peer (thousands, for the copies of one DaemonSet).
 */
const convertedRelated = new WeakMap<ServiceRelated, DiagnosticRelatedInformation[]>();

function toLspRelated(related: ServiceRelated): DiagnosticRelatedInformation[] {
  let lsp = convertedRelated.get(related);
  if (!lsp) {
    lsp = new Array<DiagnosticRelatedInformation>(related.length);
    for (let i = 0; i < related.length; i++) lsp[i] = { location: { uri: related[i].uri, range: related[i].range }, message: related[i].message };
    convertedRelated.set(related, lsp);
  }
  return lsp;
}

/** What a quick fix needs back: the rule's data and the field path, which wins over a `path` in the data. */
function lspData({ path, data }: ServiceDiagnostic): Record<string, unknown> | undefined {
  // Most diagnostics have a path and no data: a literal, not two spreads, for each of a large file's thousands.
  if (data === undefined) return path ? { path } : undefined;
  return path ? { ...data, path } : { ...data };
}

export function toLspHover(hover: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: hover.range };
}

const completionKinds: Record<ServiceCompletionItem['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  keyword: CompletionItemKind.Keyword,
};

export function toLspCompletionList(list: ServiceCompletionList): CompletionList {
  return {
    isIncomplete: list.isIncomplete,
    items: list.items.map((item) => {
      const out: CompletionItem = {
        label: item.label,
        kind: completionKinds[item.kind],
        textEdit: item.textEdit,
        insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      };
      if (item.detail) out.detail = item.detail;
      if (item.documentation) out.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
      if (item.sortText) out.sortText = item.sortText;
      if (item.filterText) out.filterText = item.filterText;
      if (item.preselect) out.preselect = true;
      if (item.command) out.command = item.command;
      return out;
    }),
  };
}

/** A diagnostic an editor hands back with a code-action request → the service's shape (rule, path, data). */
export function fromLspDiagnostic(diagnostic: Diagnostic): DiagnosticLike {
  const data = diagnostic.data && typeof diagnostic.data === 'object' ? { ...(diagnostic.data as Record<string, unknown>) } : undefined;
  const message = diagnostic.message as unknown;
  const out: DiagnosticLike = {
    range: diagnostic.range,
    message: typeof message === 'string' ? message : String((message as { value?: unknown } | null)?.value ?? ''),
  };
  if (typeof diagnostic.code === 'string') out.rule = diagnostic.code;
  if (data && typeof data.path === 'string') out.path = data.path;
  if (data) {
    delete data.path;
    if (Object.keys(data).length > 0) out.data = data;
  }
  return out;
}

export function toLspCodeAction(uri: string, action: ServiceCodeAction, diagnostics: Diagnostic[]): CodeAction {
  const out: CodeAction = {
    title: action.title,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [uri]: action.edits } },
  };
  if (action.isPreferred) out.isPreferred = true;
  if (diagnostics.length > 0) out.diagnostics = diagnostics;
  return out;
}

const symbolKinds: Record<ServiceDocumentSymbol['kind'], SymbolKind> = {
  class: SymbolKind.Class,
  object: SymbolKind.Object,
  field: SymbolKind.Field,
  array: SymbolKind.Array,
  key: SymbolKind.Key,
  module: SymbolKind.Module,
};

export function toLspDocumentSymbol(symbol: ServiceDocumentSymbol): DocumentSymbol {
  const out: DocumentSymbol = {
    name: symbol.name,
    kind: symbolKinds[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
  };
  if (symbol.detail) out.detail = symbol.detail;
  if (symbol.children) out.children = symbol.children.map(toLspDocumentSymbol);
  return out;
}

export function toLspFoldingRange(range: ServiceFoldingRange): FoldingRange {
  const out: FoldingRange = { startLine: range.startLine, endLine: range.endLine };
  if (range.kind === 'comment') out.kind = FoldingRangeKind.Comment;
  if (range.kind === 'region') out.kind = FoldingRangeKind.Region;
  return out;
}

export function toLspCodeLens(lens: ServiceCodeLens): CodeLens {
  return { range: lens.range, command: { title: lens.command.title, command: lens.command.command, arguments: lens.command.arguments } };
}
