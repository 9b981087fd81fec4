/**
 * getCodeActions: quick fixes for the diagnostics in a request, one pure
 * function per rule (service/quickFixes/*), each answering minimal text
 * edits that keep comments, indentation style and key order.
 */
import { abbreviateLongWords } from './messageText';
import { detectYamlStyle } from '../model/yamlEdits/yamlStyle';
import { documentAtOffset } from '../model/yamlNavigation';
import { hasYamlErrors, type ParsedYamlFile } from '../model/yamlDocuments';
import { asRecord, isDaemonSetDocument } from './kubernetesResource';
import { fixApiVersion } from './quickFixes/apiVersion';
import { fixDnsPolicy } from './quickFixes/dnsPolicy';
import type { QuickFix } from './quickFixes/fix';
import { fixPendingWithPriority, fixPriorityClass } from './quickFixes/priorityClass';
import { fixResourceRequests } from './quickFixes/resourceRequests';
import { fixRestartPolicy } from './quickFixes/restartPolicy';
import { fixSelectorDrift } from './quickFixes/selectorDrift';
import { fixMissingToleration } from './quickFixes/toleration';
import { fixLegacyControlPlaneToleration } from './quickFixes/legacyControlPlane';
import { fixHostPortWithSurge } from './quickFixes/hostPortSurge';
import { fixInvalidToleration } from './quickFixes/invalidToleration';
import { fixNodeNamePinned } from './quickFixes/nodeName';
import { fixSchemaTypo } from './quickFixes/schemaTypo';
import type { CodeAction, DiagnosticLike, Range } from './types';
import { outlineOf, type DocumentOutline } from '../model/yamlOutline';
import { objectDocuments } from '../model/listItemDocuments';

/** Rule id → its quick fix. */
export const quickFixes: Readonly<Record<string, QuickFix>> = {
  'selector-drift': fixSelectorDrift,
  'invalid-pod-template': fixRestartPolicy,
  'deprecated-api-version': fixApiVersion,
  'missing-resource-requests': fixResourceRequests,
  'no-priority-class': fixPriorityClass,
  'pending-on-nodes': fixPendingWithPriority,
  'hostnetwork-dns-policy': fixDnsPolicy,
  'missing-toleration': fixMissingToleration,
  'legacy-control-plane-toleration': fixLegacyControlPlaneToleration,
  'hostport-with-surge': fixHostPortWithSurge,
  'node-name-pinned': fixNodeNamePinned,
  'invalid-toleration': fixInvalidToleration,
  schema: fixSchemaTypo,
};

export interface CodeActionContext {
  /** The diagnostics at the requested range, as the editor hands them back. */
  diagnostics: DiagnosticLike[];
}

export function getCodeActions(parsed: ParsedYamlFile, context: CodeActionContext): CodeAction[] {
  const actions: CodeAction[] = [];
  // A diagnostic in a list's item is fixed in the item's document (listItemDocuments.ts).
  const file = objectDocuments(parsed);
  const eol = file.text.includes('\r\n') ? ('\r\n' as const) : ('\n' as const);
  for (const diagnostic of context.diagnostics) {
    const fix = diagnostic.rule ? quickFixes[diagnostic.rule] : undefined;
    if (!fix) continue;
    const doc = documentAtOffset(file, file.lines.offsetAt(diagnostic.range.start));
    if (!doc || !isDaemonSetDocument(doc) || hasYamlErrors(doc)) continue;
    const root = asRecord(doc.value);
    if (!root) continue;
    const style = { ...detectYamlStyle(doc.text), eol };
    // Edits are computed on the document's outline (yamlOutline.ts), so a long flow collection is not composed
    // for a fix elsewhere; a fix that reaches into or next to a left-out collection is computed on the whole AST.
    const outline = outlineOf(doc);
    let fixed = fix({ file, doc: outline.doc, root, diagnostic, style });
    if (outline.leftOut.length > 0 && fixed.some((action) => action.edits.some((edit) => touchesLeftOut(file, outline, edit.range)))) {
      fixed = fix({ file, doc, root, diagnostic, style });
    }
    for (const action of fixed) actions.push({ ...action, title: abbreviateLongWords(action.title) });
  }
  return actions;
}

function touchesLeftOut(file: ParsedYamlFile, outline: DocumentOutline, range: Range): boolean {
  const start = file.lines.offsetAt(range.start) - outline.doc.offset;
  const end = file.lines.offsetAt(range.end) - outline.doc.offset;
  return outline.leftOut.some(([from, to]) => start <= to && end >= from);
}
