/**
 * Messages between the extension and the preview webview. Both sides
 * validate what they receive: a webview is untrusted input.
 */

export interface SourceText {
  uri: string;
  text: string;
}

export interface InventoryPayload {
  /** The setting's value or the discovered file, as the user knows it. */
  label: string;
  files: SourceText[];
}

/** Extension → webview. */
export type HostMessage =
  | {
      type: 'update';
      manifest: SourceText;
      inventory: InventoryPayload | null;
      inventoryError: string | null;
    }
  | { type: 'noManifest' };

/** Webview → extension. */
export type WebviewMessage = { type: 'ready' } | { type: 'selectInventory' } | { type: 'reveal'; uri: string; line: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isSourceText(value: unknown): value is SourceText {
  return isRecord(value) && typeof value.uri === 'string' && typeof value.text === 'string';
}

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'noManifest') return { type: 'noManifest' };
  if (value.type !== 'update' || !isSourceText(value.manifest)) return undefined;
  const inventory = value.inventory;
  if (inventory !== null) {
    if (!isRecord(inventory) || typeof inventory.label !== 'string' || !Array.isArray(inventory.files)) return undefined;
    if (!inventory.files.every(isSourceText)) return undefined;
  }
  if (value.inventoryError !== null && typeof value.inventoryError !== 'string') return undefined;
  return value as HostMessage;
}

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'selectInventory':
      return { type: value.type };
    case 'reveal':
      return typeof value.uri === 'string' && Number.isInteger(value.line) && (value.line as number) >= 0
        ? { type: 'reveal', uri: value.uri, line: value.line as number }
        : undefined;
    default:
      return undefined;
  }
}
