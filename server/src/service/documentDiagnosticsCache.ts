/**
 * Diagnostics of single YAML documents, keyed by the document's text and the
 * settings. Document rules depend on nothing else, so an edit in one
 * document of a 5,000-document file re-checks one document: the others'
 * diagnostics are reused, shifted to the lines where their document now starts.
 */
import type { ServiceDiagnostic } from './types';

interface Entry {
  startLine: number;
  diagnostics: ServiceDiagnostic[];
}

export class DocumentDiagnosticsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 50_000) {}

  get(settingsKey: string, text: string, startLine: number): ServiceDiagnostic[] | undefined {
    const key = settingsKey + '\u0000' + text;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const delta = startLine - entry.startLine;
    if (delta === 0) return entry.diagnostics;
    return entry.diagnostics.map((d) => shift(d, delta));
  }

  set(settingsKey: string, text: string, startLine: number, diagnostics: ServiceDiagnostic[]): void {
    const key = settingsKey + '\u0000' + text;
    this.entries.delete(key);
    this.entries.set(key, { startLine, diagnostics });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}

function shift(diagnostic: ServiceDiagnostic, delta: number): ServiceDiagnostic {
  const move = (range: ServiceDiagnostic['range']) => ({
    start: { line: range.start.line + delta, character: range.start.character },
    end: { line: range.end.line + delta, character: range.end.character },
  });
  return {
    ...diagnostic,
    range: move(diagnostic.range),
    relatedInformation: diagnostic.relatedInformation?.map((r) => ({ ...r, range: move(r.range) })),
  };
}
