/**
 * Chart templates in the editor: when a document lies in a `templates/`
 * folder of a chart (a Chart.yaml above it), the chart is rendered with its
 * values.yaml plus the `daemonset.helm.valuesFiles` setting (paths relative
 * to the chart folder), with the editor's unsaved texts of the chart's open
 * files, and the service places the rendered findings on the template.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { KubernetesVersion } from '../model/kubernetesVersion';
import type { ChartRenderOutcome } from '../model/helmRender';
import { findChartRoot, mayBeChartTemplate, renderChartFolder } from '../host/helmChart';
import { uriToPath } from './workspaceFiles';

export interface TemplateRender {
  templatePath: string;
  outcome: ChartRenderOutcome;
}

function chartRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** Renders the chart of a template document; undefined when the document is not a chart template. */
export async function renderTemplateDocument(
  uri: string,
  openDocuments: Iterable<{ uri: string; getText(): string }>,
  valuesFiles: readonly string[],
  kubernetesVersion: KubernetesVersion,
  workspaceRoots: readonly string[],
): Promise<TemplateRender | undefined> {
  const path = uriToPath(uri);
  if (!path || !mayBeChartTemplate(path)) return undefined;
  const root = await findChartRoot(path);
  if (!root) return undefined;
  const overrides: Record<string, string> = {};
  for (const open of openDocuments) {
    const openPath = uriToPath(open.uri);
    if (openPath && openPath.startsWith(root + sep)) overrides[chartRelative(root, openPath)] = open.getText();
  }
  const outcome = await renderWorkspaceChart(root, { overrides, valuesFiles, kubernetesVersion, workspaceRoots });
  return { templatePath: chartRelative(root, path), outcome };
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
  options: { overrides?: Record<string, string>; valuesFiles: readonly string[]; kubernetesVersion: KubernetesVersion; workspaceRoots: readonly string[] },
): Promise<ChartRenderOutcome> {
  return renderChartFolder(root, {
    valuesFiles: options.valuesFiles.map((file) => (isAbsolute(file) ? file : resolve(root, file))),
    set: [],
    kubernetesVersion: options.kubernetesVersion,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    label: chartLabel(root, options.valuesFiles, options.workspaceRoots),
  });
}
