/** Service vocabulary → LSP types. The only place that maps between the two. */
import {
  DiagnosticSeverity,
  MarkupKind,
  type Diagnostic,
  type Hover,
} from 'vscode-languageserver';
import type { HoverResult, ServiceDiagnostic, Severity } from '../service/types';

export const DIAGNOSTIC_SOURCE = 'daemonset';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(diagnostic: ServiceDiagnostic): Diagnostic {
  return {
    range: diagnostic.range,
    severity: severities[diagnostic.severity],
    source: DIAGNOSTIC_SOURCE,
    code: diagnostic.rule,
    message: diagnostic.message,
    relatedInformation: diagnostic.relatedInformation?.map((related) => ({
      location: { uri: related.uri, range: related.range },
      message: related.message,
    })),
    data: diagnostic.path || diagnostic.data ? { ...diagnostic.data, ...(diagnostic.path ? { path: diagnostic.path } : {}) } : undefined,
  };
}

export function toLspHover(hover: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: hover.range };
}
