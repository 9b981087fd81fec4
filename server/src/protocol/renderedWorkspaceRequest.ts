/**
 * The extension's own LSP messages for the cluster view's rendered sources:
 * `daemonset/renderedWorkspace` asks the server for the DaemonSets every Helm
 * chart of the workspace renders (with `daemonset.helm.valuesFiles`) and every
 * Kustomize overlay renders (trusted workspaces only; the server renders them
 * for the diagnostics already), and `daemonset/renderedWorkspaceChanged` says
 * a render changed (a save under a chart or an overlay or its bases), so the
 * panel asks again. The shape is the reconciler's `RenderedClusterSource`
 * (the webview gathers with `gatherClusterDaemonSets`); this layer imports nothing.
 */
export const RENDERED_WORKSPACE_REQUEST = 'daemonset/renderedWorkspace';
export const RENDERED_WORKSPACE_CHANGED = 'daemonset/renderedWorkspaceChanged';

export interface RenderedWorkspaceSource {
  kind: 'helm' | 'kustomize';
  /** "charts/fluent-bit with values-prod.yaml", "overlays/prod". */
  label: string;
  /** What a click opens: the kustomization file or the chart's Chart.yaml (URI). */
  open: string;
  /** The chart's or overlay's folder (URI). */
  folder: string;
  /** The rendered texts: per template (its URI) for a chart, one (the kustomization's URI) for an overlay. */
  files: Array<{ uri: string; text: string }>;
  /** The folders (URIs) an overlay builds on, its own and its bases', and the files holding its DaemonSets. */
  buildsOn: string[];
  /** The last render failed: the message; `files` are the last good render, or empty. */
  error?: string;
}

export interface RenderedWorkspaceResult {
  sources: RenderedWorkspaceSource[];
  /** What is not rendered and why ("Kustomize overlays are not rendered: …"), or null. */
  notices: string[];
}
