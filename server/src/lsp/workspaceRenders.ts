/**
 * The rendered sources of the cluster view (`daemonset/renderedWorkspace`):
 * every Helm chart of the workspace rendered with its values.yaml and the
 * `daemonset.helm.valuesFiles` setting (in-process and offline, as for the
 * diagnostics, so in any workspace), and every Kustomize overlay whose
 * resources hold a DaemonSet as `lsp/kustomize.ts` renders it (trusted
 * workspaces only; an untrusted one gets a notice instead, and no kubectl runs).
 *
 * Charts are rendered from the saved files, when the panel asks, and again
 * only after a file under the chart was saved, created or deleted (or the
 * settings changed); a chart or an overlay that fails keeps its last good
 * render beside the error. Each such change is announced
 * (`daemonset/renderedWorkspaceChanged`) once the panel has asked.
 */
import { basename, dirname, sep } from 'node:path';
import type { KubernetesVersion } from '../model/kubernetesVersion';
import { renderedTemplates } from '../model/helmRender';
import type { RenderedWorkspaceResult, RenderedWorkspaceSource } from '../protocol/renderedWorkspaceRequest';
import { chartLabel, renderWorkspaceChart } from './helmRendering';
import type { OverlayRendering } from './kustomize';
import { pathToUri } from './workspaceFiles';

/** Changes within this time of each other are announced once. */
const CHANGED_DELAY_MS = 300;

export interface WorkspaceRendersHost {
  roots(): readonly string[];
  /** `daemonset.helm.valuesFiles` for a chart (its Chart.yaml's URI). */
  valuesFiles(uri: string): Promise<readonly string[]>;
  kubernetesVersion(uri: string): Promise<KubernetesVersion>;
  /** Every overlay holding a DaemonSet, up to date. */
  overlays(): Promise<OverlayRendering[]>;
  /** Whether kubectl may run (the workspace is trusted). */
  trusted(): boolean;
  /** Whether `daemonset.kustomize.enabled` is on. */
  kustomizeEnabled(): Promise<boolean>;
  /** A render may have changed: the panel should ask again. */
  changed(): void;
}

interface Chart {
  root: string;
  /** The values files, version and trust the last render used, and whether a file changed since: a different key renders again. */
  key?: string;
  source?: RenderedWorkspaceSource;
}

/** Whether a chart folder is a subchart of another (under its `charts/`): the parent renders it. */
function isSubchart(root: string, roots: Iterable<string>): boolean {
  for (const other of roots) if (other !== root && root.startsWith(other + sep + 'charts' + sep)) return true;
  return false;
}

export class WorkspaceRenders {
  private readonly charts = new Map<string, Chart>();
  /** Whether the panel asked: only then are changes announced. */
  private asked = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly host: WorkspaceRendersHost) {}

  /** The workspace listing: every Chart.yaml is a chart. */
  addListing(paths: readonly string[]): void {
    let found = false;
    for (const path of paths) {
      if (basename(path) !== 'Chart.yaml') continue;
      const root = dirname(path);
      if (!this.charts.has(root)) this.charts.set(root, { root });
      found = true;
    }
    // The overlays of the listing too: a panel that asked before the listing arrived asks again.
    if (found || paths.length > 0) this.announce();
  }

  /** A saved, created, changed or deleted file: the chart holding it renders again; a Chart.yaml comes or goes. */
  noteFileChange(path: string, deleted = false): void {
    let touched = false;
    if (basename(path) === 'Chart.yaml') {
      const root = dirname(path);
      if (deleted) touched = this.charts.delete(root);
      else if (!this.charts.has(root)) {
        this.charts.set(root, { root });
        touched = true;
      }
    }
    for (const chart of this.charts.values()) {
      if (path.startsWith(chart.root + sep)) {
        chart.key = undefined;
        touched = true;
      }
    }
    if (touched) this.announce();
  }

  /** Settings or trust changed, or an overlay rendered again. */
  noteChange(): void {
    this.announce();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  async result(): Promise<RenderedWorkspaceResult> {
    this.asked = true;
    const notices: string[] = [];
    const sources: RenderedWorkspaceSource[] = [];
    const roots = [...this.charts.keys()].sort();
    for (const root of roots) {
      const chart = this.charts.get(root);
      if (!chart || isSubchart(root, roots)) continue;
      const source = await this.renderChart(chart);
      if (source) sources.push(source);
    }
    if (!(await this.host.kustomizeEnabled())) {
      notices.push(
        'Kustomize overlays are not rendered: daemonset.kustomize.enabled is off; their bases are counted as they are.',
      );
    } else if (!this.host.trusted()) {
      notices.push(
        'Kustomize overlays are not rendered: kubectl kustomize runs only in a trusted workspace; their bases are counted as they are.',
      );
    } else {
      for (const overlay of await this.host.overlays()) sources.push(this.overlaySource(overlay));
    }
    return { sources, notices };
  }

  private async renderChart(chart: Chart): Promise<RenderedWorkspaceSource | undefined> {
    const chartUri = pathToUri(`${chart.root}${sep}Chart.yaml`);
    const valuesFiles = await this.host.valuesFiles(chartUri);
    const kubernetesVersion = await this.host.kubernetesVersion(chartUri);
    const key = JSON.stringify([valuesFiles, kubernetesVersion]);
    if (chart.key === key && chart.source) return chart.source;
    const outcome = await renderWorkspaceChart(chart.root, {
      valuesFiles,
      kubernetesVersion,
      workspaceRoots: this.host.roots(),
    });
    if (this.disposed || this.charts.get(chart.root) !== chart) return undefined;
    const folder = pathToUri(chart.root);
    const base = { kind: 'helm' as const, open: chartUri, folder, buildsOn: [] };
    if (outcome.ok) {
      const files = renderedTemplates(outcome.rendered).map((template) => ({
        uri: pathToUri(`${chart.root}${sep}${template.path.split('/').join(sep)}`),
        text: template.text,
      }));
      chart.source = { ...base, label: outcome.rendered.label, files };
    } else {
      const error = outcome.error;
      const where = error.template
        ? `${error.template}${error.line !== undefined ? `:${error.line}` : ''}: `
        : '';
      // The last good render stays, with the error beside it.
      chart.source = {
        ...base,
        label: chartLabel(chart.root, valuesFiles, this.host.roots()),
        files: chart.source?.files ?? [],
        error: `${where}${error.message}`,
      };
    }
    chart.key = key;
    return chart.source;
  }

  private overlaySource(overlay: OverlayRendering): RenderedWorkspaceSource {
    const uri = pathToUri(overlay.file);
    const text = 'text' in overlay.rendered ? overlay.rendered.text : overlay.lastGood;
    return {
      kind: 'kustomize',
      label: overlay.label,
      open: uri,
      folder: pathToUri(dirname(overlay.file)),
      files: text === undefined ? [] : [{ uri, text }],
      buildsOn: [...overlay.folders.map(pathToUri), ...overlay.sources.map(pathToUri)],
      ...('error' in overlay.rendered ? { error: overlay.rendered.error } : {}),
    };
  }

  private announce(): void {
    if (!this.asked || this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.disposed) this.host.changed();
    }, CHANGED_DELAY_MS);
  }
}
