/**
 * The findings of what a chart's packaged subcharts (`charts/*.tgz`) render to.
 * Their templates are no file the editor or the CLI can open, so each finding
 * lands on the parent's Chart.yaml: on the `name` of the `dependencies` entry
 * of that subchart (matched by its alias, else its name), else, for a vendored
 * archive that no entry declares, on Chart.yaml's first line. The message names
 * the subchart, the template's path inside the archive and the rendered field.
 * A render that fails in a packaged template is said there too.
 *
 * Templates of unpacked subcharts (`charts/x/templates/*.yaml`) are files:
 * their findings go on their own lines (renderedChartDiagnostics.ts).
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { LineIndex } from '../../model/textPositions';
import { isManifestTemplate, type ChartRenderOutcome } from '../../model/helmRender';
import type { Range, ServiceDiagnostic } from '../types';
import { HELM_RENDER_RULE, HELM_RENDER_SEVERITY, type ValidateRendered } from './renderedChartDiagnostics';

export interface PackagedSubchartRender {
  /** The parent chart's Chart.yaml, as the editor has it. */
  chartYamlText: string;
  outcome: ChartRenderOutcome;
  /** Whether a chart-relative path (`charts/x/templates/ds.yaml`) is a file on disk; the others come from an archive. */
  onDisk(path: string): boolean;
}

/** Validates the rendered text of one template (its chart-relative path) as its own document. */
export type ValidateSubchartTemplate = (templatePath: string, text: string) => ReturnType<ValidateRendered>;

export interface SubchartTemplate {
  /** The subchart's name in the parent (its alias, if it has one): the folder Helm names it by. */
  subchart: string;
  /** The template's path inside the archive: `frr-k8s/templates/controller.yaml`. */
  archivePath: string;
}

/** `charts/frr-k8s/templates/controller.yaml` → subchart `frr-k8s`, `frr-k8s/templates/controller.yaml`; undefined for the chart's own templates. */
export function subchartTemplate(templatePath: string): SubchartTemplate | undefined {
  const match = /^charts\/([^/]+)\/(.+)$/.exec(templatePath);
  return match ? { subchart: match[1], archivePath: `${match[1]}/${match[2]}` } : undefined;
}

function firstLineRange(lines: LineIndex): Range {
  const first = lines.text.split(/\r?\n/, 1)[0] ?? '';
  const start = first.length - first.trimStart().length;
  return { start: { line: 0, character: start }, end: { line: 0, character: Math.max(first.trimEnd().length, start) } };
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/** The range of each dependency's `name` value, by the name Helm gives the subchart (alias, else name). */
function dependencyNameRanges(text: string, lines: LineIndex): Map<string, Range> {
  const ranges = new Map<string, Range>();
  let dependencies: unknown;
  try {
    const document = parseDocument(text, { prettyErrors: false });
    dependencies = isMap(document.contents) ? document.contents.get('dependencies', true) : undefined;
  } catch {
    return ranges;
  }
  if (!isSeq(dependencies)) return ranges;
  for (const item of dependencies.items) {
    if (!isMap(item)) continue;
    const nameNode = item.get('name', true) as Node | undefined;
    const name = scalarText(nameNode);
    if (name === undefined || !nameNode?.range) continue;
    const key = scalarText(item.get('alias', true)) ?? name;
    if (ranges.has(key)) continue;
    ranges.set(key, { start: lines.positionAt(nameNode.range[0]), end: lines.positionAt(nameNode.range[1]) });
  }
  return ranges;
}

export function packagedSubchartDiagnostics(input: PackagedSubchartRender, validate: ValidateSubchartTemplate): ServiceDiagnostic[] {
  const { outcome } = input;
  const lines = new LineIndex(input.chartYamlText);
  let entries: Map<string, Range> | undefined;
  const rangeOf = (subchart: string): Range => (entries ??= dependencyNameRanges(input.chartYamlText, lines)).get(subchart) ?? firstLineRange(lines);
  const chartPrefix = (chart: string | undefined) => (chart === undefined ? undefined : `${chart}/`);
  if (!outcome.ok) {
    const prefix = chartPrefix(outcome.error.chart);
    const template = outcome.error.template;
    if (!prefix || !template?.startsWith(prefix)) return [];
    const path = template.slice(prefix.length);
    const sub = subchartTemplate(path);
    if (!sub || input.onDisk(path)) return [];
    const where = `${sub.archivePath}${outcome.error.line !== undefined ? `:${outcome.error.line}` : ''}`;
    return [
      {
        range: rangeOf(sub.subchart),
        severity: HELM_RENDER_SEVERITY,
        rule: HELM_RENDER_RULE,
        message: `${outcome.error.label} does not render (subchart ${sub.subchart}, ${where}): ${outcome.error.message}`,
      },
    ];
  }
  const prefix = chartPrefix(outcome.rendered.chart) as string;
  const results: ServiceDiagnostic[] = [];
  for (const name of Object.keys(outcome.rendered.manifests).sort()) {
    const text = outcome.rendered.manifests[name];
    if (!name.startsWith(prefix) || text.trim() === '') continue;
    const path = name.slice(prefix.length);
    const sub = subchartTemplate(path);
    if (!sub || !isManifestTemplate(path) || input.onDisk(path)) continue;
    const range = rangeOf(sub.subchart);
    for (const diagnostic of validate(path, text)) {
      const at = diagnostic.path ? ` at ${diagnostic.path}` : '';
      results.push({
        ...diagnostic,
        range,
        message: `${diagnostic.message} (as rendered by ${outcome.rendered.label}: subchart ${sub.subchart}, ${sub.archivePath}${at})`,
        // Related locations and quick fixes point into the rendered text, which has no file.
        relatedInformation: undefined,
        data: undefined,
      });
    }
  }
  return results;
}
