/**
 * The findings of a chart's rendered output, on the template that produced
 * them. Every rule runs on what the template rendered to (as the API server
 * would receive it); each finding is placed on the template line that
 * produced its line (renderedLineMap.ts), else on the nearest enclosing line
 * that a template line produced (a field from `toYaml … | nindent` lands on
 * the key above the action), else on the template's first line, naming the
 * rendered path. A render that fails is one finding at the line Go names.
 *
 * Combined with the masked checks of the template itself (templateFindings.ts):
 * those stay, as they judge the literal YAML; a rendered finding of the same
 * rule on the same template line is left out, so nothing is reported twice.
 */
import { outcomeChart, templateName, type ChartRenderOutcome } from '../../model/helmRender';
import type { Range, ServiceDiagnostic, Severity } from '../types';
import { mapRenderedLines } from './renderedLineMap';

/** The rule of a chart that does not render (a `required` value missing, a `fail`, a template syntax error). */
export const HELM_RENDER_RULE = 'helm-render';
export const HELM_RENDER_SEVERITY: Severity = 'error';

export interface RenderedTemplate {
  /** The template's text as the editor has it. */
  templateText: string;
  /** Its path in the chart folder: `templates/daemonset.yaml`. */
  templatePath: string;
  outcome: ChartRenderOutcome;
}

/** Validates a rendered text as its own document; the language service supplies it. */
export type ValidateRendered = (text: string) => ServiceDiagnostic[];
/** The rendered line (0-based) of a diagnostic's field path, in the document holding the diagnostic. */
export type LocateRenderedPath = (text: string, diagnostic: ServiceDiagnostic) => number | undefined;

function lineRange(lines: readonly string[], line: number, column?: number): Range {
  const text = lines[line] ?? '';
  // Go's column is the byte offset of the failing action within its line, from 0.
  const start = column !== undefined ? Math.min(Math.max(column, 0), text.length) : text.length - text.trimStart().length;
  const end = Math.max(text.trimEnd().length, start);
  return { start: { line, character: start }, end: { line, character: end } };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The rendered line's own template line, else the nearest less indented line above it that has one. */
function traceLine(rendered: readonly string[], map: ReadonlyArray<number | undefined>, line: number): { line: number; exact: boolean } | undefined {
  if (map[line] !== undefined) return { line: map[line] as number, exact: true };
  let indent = rendered[line]?.trim() ? indentOf(rendered[line]) : Infinity;
  for (let above = line - 1; above >= 0; above--) {
    const text = rendered[above];
    if (!text.trim() || text.trimStart().startsWith('#')) continue;
    if (text.trim() === '---') break;
    const own = indentOf(text);
    // A sequence item's dash sits at its key's indentation: `- name: x` is the parent of `  image: y`.
    if (own < indent || (own === indent && text.trimStart().startsWith('- ') && !rendered[line].trimStart().startsWith('- '))) {
      if (map[above] !== undefined) return { line: map[above] as number, exact: false };
      indent = own;
    }
  }
  return undefined;
}

export function renderedChartDiagnostics(
  input: RenderedTemplate,
  validate: ValidateRendered,
  masked: readonly ServiceDiagnostic[],
  locatePath?: LocateRenderedPath,
): ServiceDiagnostic[] {
  const templateLines = input.templateText.split(/\r?\n/);
  const { outcome } = input;
  const chart = outcomeChart(outcome);
  const name = chart === undefined ? undefined : templateName(chart, input.templatePath);
  if (!outcome.ok) {
    const error = outcome.error;
    if (error.template === name && error.line !== undefined) {
      return [
        {
          range: lineRange(templateLines, error.line - 1, error.column),
          severity: HELM_RENDER_SEVERITY,
          rule: HELM_RENDER_RULE,
          message: `${error.label} does not render: ${error.message}`,
        },
      ];
    }
    const where = error.template ? ` (${error.template}${error.line !== undefined ? `:${error.line}` : ''})` : '';
    return [
      {
        range: lineRange(templateLines, 0),
        severity: HELM_RENDER_SEVERITY,
        rule: HELM_RENDER_RULE,
        message: `${error.label} does not render${where}: ${error.message}`,
      },
    ];
  }
  const renderedText = name === undefined ? undefined : outcome.rendered.manifests[name];
  if (renderedText === undefined || renderedText.trim() === '') return [];
  const label = outcome.rendered.label;
  const rendered = renderedText.split(/\r?\n/);
  const map = mapRenderedLines(input.templateText, renderedText);
  const seen = new Set(masked.map((d) => `${d.rule}@${d.range.start.line}`));
  const results: ServiceDiagnostic[] = [];
  for (const diagnostic of validate(renderedText)) {
    let traced = traceLine(rendered, map, diagnostic.range.start.line);
    // A finding placed on one field (the selector) about another (the pod labels): the field it names may trace exactly.
    if (!traced?.exact && diagnostic.path) {
      const pathLine = locatePath?.(renderedText, diagnostic);
      const byPath = pathLine === undefined ? undefined : traceLine(rendered, map, pathLine);
      if (byPath?.exact) traced = byPath;
    }
    const line = traced?.line ?? 0;
    const key = `${diagnostic.rule}@${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let range = lineRange(templateLines, line);
    if (traced?.exact && diagnostic.range.start.line === diagnostic.range.end.line) {
      // The flagged text itself, where the template line spells it literally.
      const flagged = rendered[diagnostic.range.start.line].slice(diagnostic.range.start.character, diagnostic.range.end.character);
      const at = flagged.trim() ? templateLines[line].indexOf(flagged) : -1;
      if (at >= 0) range = { start: { line, character: at }, end: { line, character: at + flagged.length } };
    }
    const path = diagnostic.path ? ` at ${diagnostic.path}` : '';
    const suffix = traced?.exact ? ` (as rendered by ${label})` : ` (as rendered by ${label}${path})`;
    results.push({
      ...diagnostic,
      range,
      message: diagnostic.message + suffix,
      // Related locations point into the rendered text, which has no file, and a quick fix would
      // edit the rendered YAML, not the template: both are left out.
      relatedInformation: undefined,
      data: undefined,
    });
  }
  return results;
}
