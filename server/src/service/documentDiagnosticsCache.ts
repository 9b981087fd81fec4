/**
 * Diagnostics of single YAML documents, keyed by the document's text and the
 * settings. Document rules depend on nothing else, so an edit in one
 * document of a 5,000-document file re-checks one document: the others'
 * diagnostics are reused, shifted to the lines where their document now starts.
 */
import { mayHoldSuppressions } from './suppressions';
import type { ServiceDiagnostic } from './types';

export interface CachedDiagnostics {
  readonly diagnostics: ServiceDiagnostic[];
  /** Whether the text may hold a suppression comment: a file none of whose documents does is not searched for them. */
  readonly suppressions: boolean;
}

interface Entry extends CachedDiagnostics {
  startLine: number;
  diagnostics: ServiceDiagnostic[];
}

export class DocumentDiagnosticsCache {
  /** Settings key → document text → entry; nested so no key string joins a document's text. */
  private readonly entries = new Map<string, Map<string, Entry>>();
  private size = 0;

  constructor(private readonly maxEntries = 50_000) {}

  get(settingsKey: string, text: string, startLine: number): CachedDiagnostics | undefined {
    const entry = this.entries.get(settingsKey)?.get(text);
    if (!entry || entry.startLine === startLine) return entry;
    // Remembered where the document now starts: the next validations hand back these same objects.
    const delta = startLine - entry.startLine;
    entry.startLine = startLine;
    entry.diagnostics = entry.diagnostics.map((d) => shift(d, delta));
    return entry;
  }

  set(settingsKey: string, text: string, startLine: number, diagnostics: ServiceDiagnostic[]): CachedDiagnostics {
    let bySettings = this.entries.get(settingsKey);
    if (!bySettings) {
      bySettings = new Map();
      this.entries.set(settingsKey, bySettings);
    }
    if (!bySettings.has(text)) this.size++;
    const entry = { startLine, diagnostics, suppressions: mayHoldSuppressions(text) };
    bySettings.set(text, entry);
    if (this.size > this.maxEntries) {
      // Rarely reached: start over rather than track recency across settings.
      this.entries.clear();
      this.size = 0;
    }
    return entry;
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
