/**
 * The language service's own vocabulary. It mirrors the LSP shapes closely
 * (0-based positions, UTF-16 offsets) so the adapter in `lsp/` converts
 * trivially, but nothing here depends on the protocol packages: the same
 * service runs in the CLI and in tests.
 */
import type { Position, Range } from '../model/textPositions';

export type { Position, Range };

/** The minimum a caller hands the service: a text with an identity and a version. */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
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
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range: Range;
}
