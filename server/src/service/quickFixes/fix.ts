/** A quick fix: pure, from a diagnostic and its document to code actions with minimal text edits. */
import { yamlScalar } from '../../model/yamlEdits/yamlScalar';
import { asRecord } from '../kubernetesResource';
import type { CodeAction, DiagnosticLike } from '../types';
import type { EditContext } from '../../model/yamlEdits/documentEdits';
import type { OffsetEdit } from '../../model/yamlEdits/offsetEdit';

export interface FixContext extends EditContext {
  diagnostic: DiagnosticLike;
  /** The document's plain value. */
  root: Record<string, unknown>;
}

export type QuickFix = (ctx: FixContext) => CodeAction[];

export function stringMap(value: unknown): Array<[string, string]> {
  return Object.entries(asRecord(value) ?? {})
    .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    .map(([k, v]) => [k, v === null ? '' : String(v)]);
}

export function labelLines(ctx: FixContext, labels: Array<[string, string]>): string[] {
  return labels.map(([k, v]) => `${yamlScalar(k, ctx.style.quote)}: ${yamlScalar(v, ctx.style.quote)}`);
}

/** A code action from offset edits of the document's file, turned into ranges here. */
export function action(ctx: FixContext, title: string, edits: readonly OffsetEdit[], isPreferred = false): CodeAction {
  const ranged = edits.map((edit) => ({ range: ctx.file.lines.rangeAt(edit.start, edit.end), newText: edit.newText }));
  const result: CodeAction = { title, kind: 'quickfix', diagnostic: ctx.diagnostic, edits: ranged };
  if (isPreferred) result.isPreferred = true;
  return result;
}
