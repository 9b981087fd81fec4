/**
 * The DaemonSet language service: a pure facade over parsing, validation and
 * the editing features. It holds no protocol state; its only state is a parse
 * cache keyed by document URI and version and a diagnostics cache keyed by
 * YAML document text.
 */
import type { Rule } from './rules';
import { doHover } from './hover';
import { DocumentDiagnosticsCache } from './documentDiagnosticsCache';
import { documentRules } from './rules';
import { ParsedFileCache } from './parsedFileCache';
import type { HoverResult, Position, ServiceDiagnostic, TextDocumentLike } from './types';
import { doValidation, type ValidationSettings } from './validation';

export interface LanguageServiceOptions {
  onRuleError?(rule: Rule, error: unknown): void;
}

export interface LanguageService {
  doValidation(document: TextDocumentLike, settings?: ValidationSettings): ServiceDiagnostic[];
  doHover(document: TextDocumentLike, position: Position): HoverResult | undefined;
  /** Forget a closed document. */
  forget(uri: string): void;
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = new ParsedFileCache();
  const diagnosticsCache = new DocumentDiagnosticsCache();
  return {
    doValidation(document, settings) {
      return doValidation(
        document.uri,
        cache.get(document),
        settings,
        { onRuleError: options.onRuleError },
        documentRules,
        diagnosticsCache,
      );
    },
    doHover(document, position) {
      const file = cache.get(document);
      return doHover(file, file.lines.offsetAt(position));
    },
    forget(uri) {
      cache.delete(uri);
    },
  };
}

export type { HoverResult, Position, ServiceDiagnostic, TextDocumentLike, ValidationSettings };
