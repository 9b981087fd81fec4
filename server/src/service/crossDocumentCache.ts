/**
 * The cross-document findings of each document of a file at its last
 * validation, so an edit that changes no workload (a grace period, an
 * image, a comment) re-runs the cross-document rules only for the document
 * it touched: every other document's findings depend on nothing but the
 * workloads of the file and the index, their places and the settings, and
 * those did not change.
 *
 * Reuse is all or nothing per validation: any change of a workload summary
 * (labels, selector, host ports, node selector, names…), of where a
 * workload's related information points, of where any document starts, of
 * the index (its generation), of the settings, the inventory or the
 * baseline, and every document's findings are computed afresh.
 */
import type { WorkloadSummary } from '../model/workloads';
import type { ServiceDiagnostic } from './types';

export interface CrossDocumentState {
  /** Settings, version in force, index generation, baseline label: what every document's findings depend on. */
  key: string;
  /** The inventory's label, nodes and groups, by identity (they are replaced, never changed, when it changes), and the baseline's text. */
  inventory: readonly unknown[];
  documents: Array<{
    text: string;
    startLine: number;
    /** JSON of the workload summary and its related places; '' when the document is no workload. */
    workload: string;
    diagnostics: ServiceDiagnostic[];
  }>;
}

export class CrossDocumentCache {
  private readonly states = new Map<string, CrossDocumentState>();

  get(uri: string): CrossDocumentState | undefined {
    return this.states.get(uri);
  }

  set(uri: string, state: CrossDocumentState): void {
    this.states.set(uri, state);
  }

  forget(uri: string): void {
    this.states.delete(uri);
  }
}

/** What of a workload other documents' findings can see: its summary and where its related information points. */
export function workloadFingerprint(summary: WorkloadSummary | undefined, places: unknown): string {
  return summary ? JSON.stringify([summary, places]) : '';
}
