/**
 * What the cross-document rules read from each YAML document (its workload
 * summary and, for DaemonSets, the typed object), keyed by the document's
 * text. Both are pure functions of that text, so an edit in one document of a
 * large file re-reads only that document.
 */
import type { DaemonSet } from '../model/kubeTypes';
import { summarizeWorkload, type WorkloadSummary } from '../model/workloads';
import type { ParsedYamlDocument } from '../model/yamlDocuments';
import type { DocumentSymbol, Position } from './types';

export interface DocumentFacts {
  summary: WorkloadSummary | undefined;
  /** Read lazily: only DaemonSets need it. */
  daemonSet?: { value: DaemonSet | undefined };
  /**
   * Offsets [start, end) into the document's text of the paths cross-document findings and their
   * related information point at, by path (JSON) and `prefer`: placed once per text, then moved
   * with the document, so an edit elsewhere never places a peer again.
   */
  places?: Map<string, { key?: [number, number]; value?: [number, number] }>;
  /**
   * The document's outline symbol (symbols.ts), its positions relative to the document's start (lines
   * counted from its first line, characters on that line from where it starts): moved with the document. `placed`: where the document
   * last started and the symbol there, handed out again while it stays there (read-only).
   */
  symbol?: { value: DocumentSymbol | undefined; placed?: { start: Position; symbol: DocumentSymbol } };
}

export class DocumentFactsCache {
  private readonly entries = new Map<string, DocumentFacts>();

  constructor(private readonly maxEntries = 50_000) {}

  get(text: string, compute: () => DocumentFacts): DocumentFacts {
    let facts = this.entries.get(text);
    if (!facts) {
      facts = compute();
      this.entries.set(text, facts);
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return facts;
  }

  /** The facts of a parsed document: those of its text, its summary read when the text is new. */
  of(doc: ParsedYamlDocument): DocumentFacts {
    return this.get(doc.text, () => ({ summary: summarizeWorkload(doc) }));
  }
}
