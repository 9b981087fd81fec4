/**
 * Another thread that checks the document rules of some of a file's documents
 * while the validating thread checks the others and runs the cross-document
 * rules (the language server's validation worker, `lsp/validationWorker.ts`).
 *
 * Both threads claim documents one at a time, this one from the first, the
 * other from the last, so the file splits where they meet, however fast each
 * thread runs. A document the other thread claimed but could not deliver
 * (it failed, crashed or took too long) is checked here: what is published is
 * always what a validation on one thread publishes.
 */
import type { VersionInForce } from '../model/kubernetesVersion';
import type { ServiceDiagnostic, Severity } from './types';

/** What the other thread needs to check documents exactly as this one would. */
export interface SharedChecksRequest {
  /** Each document's offset and length in the file: the other thread checks nothing of a file it splits otherwise. */
  documents: ReadonlyArray<readonly [number, number]>;
  /** Per document: its diagnostics are known here already, so neither thread checks it. */
  cached: readonly boolean[];
  rules: Record<string, Severity | 'off'>;
  kubernetesVersion: VersionInForce;
}

/** One document's own diagnostics as the other thread found them, and the rules that threw there. */
export interface SharedChecksResult {
  diagnostics: ServiceDiagnostic[];
  ruleErrors: Array<{ rule: string; message: string }>;
}

export interface SharedDocumentChecks {
  /** Starts the other thread on the file's documents; false when it cannot take part (all is then checked here). */
  begin(request: SharedChecksRequest): boolean;
  /** Claims a document for this thread; false once the other thread has claimed it (and so every later one). */
  claim(index: number): boolean;
  /** Once this thread's claims are done: what the other thread delivered, per document index. */
  collect(): Map<number, SharedChecksResult>;
}
