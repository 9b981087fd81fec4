/**
 * What a Helm chart rendered to, as the renderer (dist/helm-renderer.wasm,
 * Go's text/template) reports it: each template's output by its template
 * name (`<chart>/templates/daemonset.yaml`), or the one error that stopped
 * the render, with the template and line Go names in it.
 */

export interface RenderedChart {
  /** The chart's name (Chart.yaml), the first segment of every template name. */
  chart: string;
  /** Template name → its rendered text, for every template that is not a partial (`_*.tpl`). */
  manifests: Readonly<Record<string, string>>;
  /** Shown with the findings: "charts/cilium with values-prod.yaml". */
  label: string;
}

export interface ChartRenderError {
  message: string;
  /** The chart's name, when its Chart.yaml could be read. */
  chart?: string;
  /** Where Go says the error is: the template name, its 1-based line and (when given) the 0-based byte offset in the line. */
  template?: string;
  line?: number;
  column?: number;
  label: string;
}

export type ChartRenderOutcome = { ok: true; rendered: RenderedChart } | { ok: false; error: ChartRenderError };

/** `template: demo/templates/ds.yaml:10:3: executing "…" at <…>: error calling required: need x` → where and what. */
const GO_TEMPLATE_ERROR = /template: ([^:\n]+):(\d+)(?::(\d+))?: (?:executing "[^"\n]*" at <.*?>: )?(?:error calling \w+: )?/g;

/**
 * Reads a Go template error. Helm's errors nest (`include` and `tpl` wrap the
 * error of the template they run), so the innermost location is the one that
 * failed: the last `template: name:line` in the message.
 */
export function parseTemplateError(message: string, label: string, chart?: string): ChartRenderError {
  const named = chart ? { chart } : {};
  let match: RegExpExecArray | null;
  let last: RegExpExecArray | undefined;
  GO_TEMPLATE_ERROR.lastIndex = 0;
  while ((match = GO_TEMPLATE_ERROR.exec(message)) !== null) last = match;
  if (!last) return { message, label, ...named };
  const reason = message.slice(last.index + last[0].length).trim() || message;
  return {
    message: reason,
    template: last[1],
    line: Number(last[2]),
    ...(last[3] ? { column: Number(last[3]) } : {}),
    label,
    ...named,
  };
}

/** The template name of a file of the chart: `<chart>/<path relative to the chart root>`. */
export function templateName(chart: string, relativePath: string): string {
  return `${chart}/${relativePath.split('\\').join('/')}`;
}

/** The chart's name in an outcome, when known. */
export function outcomeChart(outcome: ChartRenderOutcome): string | undefined {
  return outcome.ok ? outcome.rendered.chart : outcome.error.chart;
}

/** The chart-relative path of a template name (`cilium/templates/ds.yaml` → `templates/ds.yaml`). */
export function templatePathOf(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}

/** Whether a chart-relative path is a manifest template (a .yaml/.yml under a templates/ folder). */
export function isManifestTemplate(path: string): boolean {
  return /\.ya?ml$/i.test(path) && path.split('/').slice(0, -1).includes('templates');
}

/** What each manifest template rendered to, by chart-relative path (subcharts' under `charts/<name>/`), in path order; empty output left out. */
export function renderedTemplates(rendered: RenderedChart): Array<{ path: string; text: string }> {
  return Object.keys(rendered.manifests)
    .sort()
    .map((name) => ({ path: templatePathOf(name), text: rendered.manifests[name] }))
    .filter((template) => isManifestTemplate(template.path) && template.text.trim() !== '');
}
