/**
 * The extension's own LSP request `daemonset/inventory`: which files form the
 * node inventory for a document. The server resolves it (it lists the
 * workspace already, and its diagnostics use the same answer); the preview
 * asks instead of deciding, so the two never disagree. Shared by the server
 * and the client: method name and payload types only, no imports.
 */
export const INVENTORY_REQUEST = 'daemonset/inventory';

export interface InventoryRequestParams {
  /** The document (a manifest) whose inventory is wanted. */
  uri: string;
}

export type InventoryRequestResult =
  /** No setting and nothing discovered. */
  | null
  /** `files`: file URIs in reading order; `label`: the setting's value or the discovered path. */
  | { label: string; files: string[] }
  /** The setting names something that cannot be the inventory. */
  | { label: string; error: string };
