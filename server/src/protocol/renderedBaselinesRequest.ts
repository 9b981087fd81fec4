/**
 * The extension's own LSP request `daemonset/renderedBaselines`: earlier
 * versions of what a chart template or a Kustomize overlay renders, for the
 * rollout stepper of a preview that follows a render — the chart as saved
 * (when the editor has unsaved changes in it) and the chart or overlay as
 * committed at git HEAD, each rendered the way the current one is (trusted
 * workspaces only: it runs git, and kubectl for an overlay). Shared by the
 * server and the client: method name and payload types only.
 */
export const RENDERED_BASELINES_REQUEST = 'daemonset/renderedBaselines';

export interface RenderedBaselinesParams {
  /** A chart template (an open document), or a `daemonset-rendered:` overlay document. */
  uri: string;
}

/** "the saved chart", "git HEAD": each the rendered text of the same template or overlay. */
export type RenderedBaselinesResult = Array<{ label: string; text: string }>;
