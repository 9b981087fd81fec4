/**
 * The language service's own vocabulary. It mirrors the LSP shapes closely
 * (0-based positions, UTF-16 offsets) so the adapter in `lsp/` converts
 * trivially, but nothing here depends on the protocol packages: the same
 * service runs in the CLI and in tests.
 */
import type { LiveCluster } from '../model/liveCluster';
import type { Node, Pod, PriorityClass } from '../model/kubeTypes';
import type { NodeGroup } from '../model/nodeGroup';
import type { Position, Range } from '../model/textPositions';

export type { Position, Range };

/** The minimum a caller hands the service: a text with an identity and a version. */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
  /**
   * How much of the text at its start and at its end is as it was at `version`, when the editor's
   * changes since then are known (incremental sync): the parse then splits only the lines between.
   */
  unchangedSince?(version: number): { prefix: number; suffix: number } | undefined;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedInformation {
  uri: string;
  range: Range;
  message: string;
}

export interface ServiceDiagnostic {
  range: Range;
  severity: Severity;
  /** Stable kebab-case rule id, documented in the README. */
  rule: string;
  message: string;
  /** Dotted field path of the offending field, e.g. `spec.selector.matchLabels.app`. */
  path?: string;
  relatedInformation?: RelatedInformation[];
  /** Structured facts for quick fixes (e.g. the taints to tolerate), passed through the protocol as `data`. */
  data?: Record<string, unknown>;
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range: Range;
}

/** What the editing features take besides the document: the node inventory, when the user has one. */
export interface EditingOptions {
  inventory?: InventoryLike;
  /** The comparison with the selected cluster, for the status lens above each DaemonSet. */
  live?: LiveStatus;
}

/** Where the comparison with the selected cluster stands: fetching, fetched (when, what) or failed. */
export interface LiveStatus {
  context: string;
  /** The last snapshot read, when one was. */
  cluster?: LiveCluster;
  /** A fetch is under way (the lens says so; diagnostics follow when it arrives). */
  fetching: boolean;
  /** Why the last fetch failed, in words. */
  error?: string;
  /** The clock the age of the snapshot is told against. */
  nowMs: number;
}

/** A node inventory as the service sees it (the same shape as the validation setting). */
export interface InventoryLike {
  /** How the user knows it: the setting's value or the discovered file. */
  label: string;
  nodes: Node[];
  /** Node groups the inventory declares (kind, Karpenter, eksctl, Cluster API); groups of known size are not also in `nodes`. */
  groups?: readonly NodeGroup[];
  /** The inventory's Pods and PriorityClasses, for the scheduler verdict. */
  pods?: readonly Pod[];
  priorityClasses?: readonly PriorityClass[];
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export type CompletionItemKind = 'property' | 'value' | 'enum' | 'snippet' | 'keyword';

export interface CompletionItem {
  label: string;
  kind: CompletionItemKind;
  /** One line shown beside the label, e.g. the field's type. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces the word at the cursor. */
  textEdit: TextEdit;
  /** Whether `textEdit.newText` is a snippet (`$1`, `${1|a,b|}`) or plain text. */
  snippet: boolean;
  sortText?: string;
  filterText?: string;
  preselect?: boolean;
  /** Run after inserting, e.g. to open the value suggestions. */
  command?: Command;
}

export interface CompletionList {
  isIncomplete: boolean;
  items: CompletionItem[];
}

/** A diagnostic as a code-action request hands it back: the rule and path are what the fixes key on. */
export interface DiagnosticLike {
  range: Range;
  rule?: string;
  message: string;
  path?: string;
  data?: Record<string, unknown>;
}

export interface CodeAction {
  title: string;
  kind: 'quickfix';
  /** The diagnostic the action fixes. */
  diagnostic?: DiagnosticLike;
  /** Edits of the document the action was asked for. */
  edits: TextEdit[];
  isPreferred?: boolean;
}

export type SymbolKind = 'class' | 'object' | 'field' | 'array' | 'key' | 'module';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  /** 0-based lines. */
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface CodeLens {
  range: Range;
  command: Command;
}
