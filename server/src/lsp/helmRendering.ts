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
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { KubernetesVersion } from '../model/kubernetesVersion';
import { templateName, type ChartRenderOutcome } from '../model/helmRender';
import { findChartRoot, findParentChartRoot, hasPackagedSubcharts, mayBeChartTemplate, renderChartFolder } from '../host/helmChart';
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

/** Renders the chart folder `root` with the editor's texts of its open files and the values files the settings name. */
function renderOpenChart(root: string, openDocuments: OpenDocuments, valuesFiles: readonly string[], kubernetesVersion: KubernetesVersion, workspaceRoots: readonly string[]): Promise<ChartRenderOutcome> {
  const overrides: Record<string, string> = {};
  for (const open of openDocuments) {
    const openPath = uriToPath(open.uri);
    if (openPath && openPath.startsWith(root + sep)) overrides[chartRelative(root, openPath)] = open.getText();
  }
  const workspace = workspaceRoots.find((folder) => root === folder || root.startsWith(folder + sep));
  const shownRoot = workspace ? chartRelative(workspace, root) || '.' : root;
  const label = valuesFiles.length ? `${shownRoot} with ${valuesFiles.join(', ')}` : shownRoot;
  return renderChartFolder(root, {
    valuesFiles: valuesFiles.map((file) => (isAbsolute(file) ? file : resolve(root, file))),
    set: [],
    kubernetesVersion,
    overrides,
    label,
  });
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
  if (!path || !mayBeChartTemplate(path)) return undefined;
  const root = await findChartRoot(path);
  if (!root) return undefined;
  const parent = await findParentChartRoot(root);
  if (parent !== root) {
    const outcome = await renderOpenChart(parent, openDocuments, valuesFiles, kubernetesVersion, workspaceRoots);
    const templatePath = chartRelative(parent, path);
    const leftOut = outcome.ok && outcome.rendered.manifests[templateName(outcome.rendered.chart, templatePath)] === undefined;
    if (!leftOut) return { root: parent, templatePath, outcome };
  }
  const outcome = await renderOpenChart(root, openDocuments, valuesFiles, kubernetesVersion, workspaceRoots);
  return { root, templatePath: chartRelative(root, path), outcome };
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
