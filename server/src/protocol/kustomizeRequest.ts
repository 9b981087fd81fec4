/**
 * The extension's own LSP messages for following a Kustomize overlay in the
 * preview: `daemonset/kustomizeRendered` asks the server (which renders the
 * overlays, in trusted workspaces) for an overlay's rendered YAML, and
 * `daemonset/kustomizeRenderedChanged` says it rendered again. The client
 * shows the rendered text as a read-only document of the `daemonset-rendered`
 * scheme whose query is the kustomization's URI, so the preview can follow it
 * and the server can answer its inventory as the kustomization's. Shared by
 * the server and the client: names, types and the URI shape, no imports.
 */
export const KUSTOMIZE_RENDERED_REQUEST = 'daemonset/kustomizeRendered';
export const KUSTOMIZE_RENDERED_CHANGED = 'daemonset/kustomizeRenderedChanged';
export const RENDERED_SCHEME = 'daemonset-rendered';

export interface KustomizeRenderedParams {
  /** The kustomization file (kustomization.yaml, .yml or Kustomization). */
  uri: string;
}

export type KustomizeRenderedResult =
  /** Not a kustomization the server knows (none in that folder, or outside the workspace). */
  | null
  /** `label`: the overlay's folder as the user names it (`overlays/prod`); `text`: kubectl kustomize's output. */
  | { label: string; text: string }
  /** Not rendered: kubectl's message, or why it did not run. */
  | { label: string; error: string };

export interface KustomizeRenderedChangedParams {
  /** The kustomization file whose rendered text changed. */
  uri: string;
}

/** The kustomization a `daemonset-rendered:` document shows, or undefined for any other URI. */
export function renderedSourceUri(uri: string): string | undefined {
  if (!uri.startsWith(`${RENDERED_SCHEME}:`)) return undefined;
  const query = uri.indexOf('?');
  if (query < 0) return undefined;
  try {
    return decodeURIComponent(uri.slice(query + 1).split('#')[0]);
  } catch {
    return undefined;
  }
}
