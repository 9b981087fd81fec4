/**
 * The extension's own LSP request `daemonset/renderedTemplate`: what a Helm
 * chart template renders to with the chart's values and the
 * `daemonset.helm.valuesFiles` setting, so the preview shows the DaemonSet the
 * chart produces. The server renders (it does so for the diagnostics already);
 * shared by the server and the client: method name and payload types only.
 */
export const RENDERED_TEMPLATE_REQUEST = 'daemonset/renderedTemplate';

export interface RenderedTemplateParams {
  /** The document: a file under a chart's templates/ folder. */
  uri: string;
}

export type RenderedTemplateResult =
  /** Not a chart template. */
  | null
  /**
   * `label`: "charts/agent with values-prod.yaml"; `text`: what the template rendered to;
   * `templateLines`: for each rendered line, the template line (0-based) that produced it, or -1.
   */
  | { label: string; text: string; templateLines: number[] }
  /** The chart does not render: Go's message, with the template and line. */
  | { label: string; error: string };
