/** A quick fix: pure, from a diagnostic and its document to code actions with minimal text edits. */
import type { FieldPath } from '../../model/yamlDocuments';
import { yamlScalar } from '../../model/yamlStyle';
import { asRecord } from '../kubernetesResource';
import type { CodeAction, DiagnosticLike } from '../types';
import type { EditContext } from './edits';

export interface FixContext extends EditContext {
  diagnostic: DiagnosticLike;
  /** The document's plain value. */
  root: Record<string, unknown>;
}

export type QuickFix = (ctx: FixContext) => CodeAction[];

export const POD_SPEC: FieldPath = ['spec', 'template', 'spec'];
export const TEMPLATE_LABELS: FieldPath = ['spec', 'template', 'metadata', 'labels'];

export { valueAt } from '../rules/fieldAccess';

export function stringMap(value: unknown): Array<[string, string]> {
  return Object.entries(asRecord(value) ?? {})
    .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    .map(([k, v]) => [k, v === null ? '' : String(v)]);
}

export function labelLines(labels: Array<[string, string]>): string[] {
  return labels.map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(v)}`);
}

export function action(ctx: FixContext, title: string, edits: CodeAction['edits'], isPreferred = false): CodeAction {
  const result: CodeAction = { title, kind: 'quickfix', diagnostic: ctx.diagnostic, edits };
  if (isPreferred) result.isPreferred = true;
  return result;
}
