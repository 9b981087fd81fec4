/**
 * Chart templates in the editor: when a document lies in a `templates/`
 * folder of a chart (a Chart.yaml above it), the chart is rendered with its
 * values.yaml plus the `daemonset.helm.valuesFiles` setting (paths relative
 * to the chart folder), with the editor's unsaved texts of the chart's open
 * files, and the service places the rendered findings on the template. A
 * template of an unpacked subchart (`parent/charts/x/templates/`) renders with
 * its parent chart, as Helm renders it, unless the parent leaves it out (its
 * condition off): then on its own. A chart's Chart.yaml gets the findings of
 * its packaged subcharts (`charts/*.tgz`), whose templates are no files.
 */
import { existsSync, promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { KubernetesVersion } from '../model/kubernetesVersion';
import { templateName, type ChartRenderOutcome } from '../model/helmRender';
import { chartFilesAt, findChartRoot, findParentChartRoot, hasPackagedSubcharts, mayBeChartTemplate, renderChartFolder } from '../host/helmChart';
import { uriToPath } from './workspaceFiles';

export interface TemplateRender {
  /** The chart folder rendered (the outermost parent of an unpacked subchart). */
  root: string;
  templatePath: string;
  outcome: ChartRenderOutcome;
}

export interface ChartYamlRender {
  outcome: ChartRenderOutcome;
  /** Whether a chart-relative path is a file (else it comes from a packaged subchart). */
  onDisk(path: string): boolean;
}

type OpenDocuments = Iterable<{ uri: string; getText(): string }>;

function chartRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** Whether validating the document may render a chart (a chart template's, or a Chart.yaml's packaged subcharts). */
export function mayRenderChart(uri: string): boolean {
  const path = uriToPath(uri);
  return path !== undefined && (mayBeChartTemplate(path) || basename(path) === 'Chart.yaml');
}

/** Renders the chart of a template document; undefined when the document is not a chart template. */
export async function renderTemplateDocument(
  uri: string,
  openDocuments: OpenDocuments,
  valuesFiles: readonly string[],
  kubernetesVersion: KubernetesVersion,
  workspaceRoots: readonly string[],
): Promise<TemplateRender | undefined> {
  const path = uriToPath(uri);
  const roots = path && (await renderingRoots(path));
  if (!path || !roots) return undefined;
  for (const root of roots.slice(0, -1)) {
    const outcome = await renderOpenChart(root, openDocuments, valuesFiles, kubernetesVersion, workspaceRoots);
    const templatePath = chartRelative(root, path);
    const leftOut = outcome.ok && renderedTemplate(outcome, templatePath) === undefined;
    if (!leftOut) return { root, templatePath, outcome };
  }
  const root = roots[roots.length - 1];
  const outcome = await renderOpenChart(root, openDocuments, valuesFiles, kubernetesVersion, workspaceRoots);
  return { root, templatePath: chartRelative(root, path), outcome };
}

/**
 * The chart folders that may render a template, in the order they are tried: the outermost parent chart
 * (an unpacked subchart's template renders with its parent's values, as `helm template` of the parent
 * does), then the template's own chart (for a subchart its parent leaves out, e.g. a disabled condition).
 * Undefined when the file is no chart template. The preview and its stepper's baselines both use it, so
 * an earlier render comes from the same chart as the current one.
 */
async function renderingRoots(path: string): Promise<string[] | undefined> {
  if (!mayBeChartTemplate(path)) return undefined;
  const root = await findChartRoot(path);
  if (!root) return undefined;
  const parent = await findParentChartRoot(root);
  return parent === root ? [root] : [parent, root];
}

/** The manifest text a chart render made of one template (by chart-relative path); undefined when left out or failed. */
function renderedTemplate(outcome: ChartRenderOutcome, templatePath: string): string | undefined {
  return outcome.ok ? outcome.rendered.manifests[templateName(outcome.rendered.chart, templatePath)] : undefined;
}

/** Renders the chart folder `root` with the editor's texts of its open files and the values files the settings name. */
function renderOpenChart(root: string, openDocuments: OpenDocuments, valuesFiles: readonly string[], kubernetesVersion: KubernetesVersion, workspaceRoots: readonly string[]): Promise<ChartRenderOutcome> {
  return renderWorkspaceChart(root, { overrides: openOverrides(root, openDocuments), valuesFiles, kubernetesVersion, workspaceRoots });
}

/** Renders the chart of a Chart.yaml document that vendors packaged subcharts; undefined for any other document. */
export async function renderChartYamlDocument(
  uri: string,
  openDocuments: OpenDocuments,
  valuesFiles: readonly string[],
  kubernetesVersion: KubernetesVersion,
  workspaceRoots: readonly string[],
): Promise<ChartYamlRender | undefined> {
  const path = uriToPath(uri);
  if (!path || basename(path) !== 'Chart.yaml') return undefined;
  const root = dirname(path);
  if (!(await hasPackagedSubcharts(root))) return undefined;
  const outcome = await renderOpenChart(root, openDocuments, valuesFiles, kubernetesVersion, workspaceRoots);
  return { outcome, onDisk: (templatePath) => existsSync(resolve(root, templatePath)) };
}

/**
 * The Chart.yaml that shows what a rendered template's chart gets from its packaged subcharts,
 * when the chart vendors one and the Chart.yaml lies in the workspace; undefined otherwise.
 */
export async function packagedSubchartsChartYaml(render: TemplateRender, workspaceRoots: readonly string[]): Promise<{ path: string; render: ChartYamlRender } | undefined> {
  const { root } = render;
  if (!workspaceRoots.some((folder) => root === folder || root.startsWith(folder + sep))) return undefined;
  if (!(await hasPackagedSubcharts(root))) return undefined;
  return { path: resolve(root, 'Chart.yaml'), render: { outcome: render.outcome, onDisk: (templatePath) => existsSync(resolve(root, templatePath)) } };
}

/** "charts/agent with values-prod.yaml": a chart folder as the workspace names it, with the values files it is rendered with. */
export function chartLabel(root: string, valuesFiles: readonly string[], workspaceRoots: readonly string[]): string {
  const workspace = workspaceRoots.find((folder) => root === folder || root.startsWith(folder + sep));
  const shownRoot = workspace ? chartRelative(workspace, root) || '.' : root;
  return valuesFiles.length ? `${shownRoot} with ${valuesFiles.join(', ')}` : shownRoot;
}

/** Renders a chart folder of the workspace with its values.yaml and the `daemonset.helm.valuesFiles` setting (relative to the chart). */
export async function renderWorkspaceChart(
  root: string,
  options: { overrides?: Record<string, string>; excluded?: ReadonlySet<string>; valuesFiles: readonly string[]; kubernetesVersion: KubernetesVersion; workspaceRoots: readonly string[] },
): Promise<ChartRenderOutcome> {
  return renderChartFolder(root, {
    valuesFiles: options.valuesFiles.map((file) => (isAbsolute(file) ? file : resolve(root, file))),
    set: [],
    kubernetesVersion: options.kubernetesVersion,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.excluded ? { excluded: options.excluded } : {}),
    label: chartLabel(root, options.valuesFiles, options.workspaceRoots),
  });
}

/** The open documents' texts under a chart folder, by chart-relative path. */
function openOverrides(root: string, openDocuments: OpenDocuments): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const open of openDocuments) {
    const openPath = uriToPath(open.uri);
    if (openPath && openPath.startsWith(root + sep)) overrides[chartRelative(root, openPath)] = open.getText();
  }
  return overrides;
}

async function differsFromDisk(root: string, overrides: Readonly<Record<string, string>>): Promise<boolean> {
  for (const [rel, text] of Object.entries(overrides)) {
    const saved = await fs.readFile(join(root, ...rel.split('/')), 'utf8').catch(() => undefined);
    if (saved !== text) return true;
  }
  return false;
}

/**
 * Earlier renders of a template, for the rollout stepper of a preview that follows it: the chart as saved
 * (when an open file of the chart has unsaved changes) and, where git may run, the chart as committed at
 * HEAD — each rendered with the same values files and version as the current render.
 */
export async function templateBaselines(
  uri: string,
  openDocuments: OpenDocuments,
  valuesFiles: readonly string[],
  kubernetesVersion: KubernetesVersion,
  workspaceRoots: readonly string[],
  options: { git: boolean },
): Promise<Array<{ label: string; text: string }>> {
  const path = uriToPath(uri);
  const roots = path && (await renderingRoots(path));
  if (!path || !roots) return [];
  // Rendered as the preview renders the current text: by the first chart in `roots` whose render has the template.
  const firstRender = async (render: (root: string) => Promise<ChartRenderOutcome | undefined>): Promise<string | undefined> => {
    for (const root of roots) {
      const outcome = await render(root);
      if (!outcome) continue;
      // A failed render is the answer, as in the preview: no fallback to a chart that renders the template otherwise.
      if (!outcome.ok) return undefined;
      const text = renderedTemplate(outcome, chartRelative(root, path));
      if (text !== undefined) return text;
    }
    return undefined;
  };
  const baselines: Array<{ label: string; text: string }> = [];
  const common = { valuesFiles, kubernetesVersion, workspaceRoots };
  // The outermost chart holds every file that can change the render (the parent's values included).
  if (await differsFromDisk(roots[0], openOverrides(roots[0], openDocuments))) {
    const saved = await firstRender((root) => renderWorkspaceChart(root, common));
    if (saved !== undefined) baselines.push({ label: 'the saved chart', text: saved });
  }
  if (options.git) {
    const head = await firstRender(async (root) => {
      const past = await chartFilesAt(root, 'HEAD');
      return past && renderWorkspaceChart(root, { ...common, overrides: past.overrides, excluded: past.excluded });
    });
    if (head !== undefined) baselines.push({ label: 'git HEAD', text: head });
  }
  return baselines;
}
