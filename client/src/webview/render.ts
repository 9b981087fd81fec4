/**
 * Renders the preview from the manifest and inventory text.
 */
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';
import { h } from './dom';
import type { HostMessage, WebviewMessage } from './protocol';

type UpdateMessage = Extract<HostMessage, { type: 'update' }>;

function fileName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? uri);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function renderMessage(app: HTMLElement, text: string): void {
  app.replaceChildren(h('p', { class: 'muted' }, text));
}

export function renderPreview(app: HTMLElement, message: UpdateMessage, post: (m: WebviewMessage) => void): void {
  const manifest = parseYamlFile(message.manifest.text);
  const daemonSets = manifest.documents
    .map((doc) => ({ doc, root: record(doc.value) }))
    .filter(({ root }) => root?.kind === 'DaemonSet');
  const nodeNames: string[] = [];
  for (const file of message.inventory?.files ?? []) {
    for (const doc of parseYamlFile(file.text).documents) {
      const root = record(doc.value);
      const items = root?.kind === 'Node' ? [root] : Array.isArray(root?.items) ? (root.items as unknown[]) : [];
      for (const item of items) {
        const name = record(record(item)?.metadata)?.name;
        if (record(item)?.kind === 'Node' && typeof name === 'string') nodeNames.push(name);
      }
    }
  }
  const children: Node[] = [h('h1', {}, `DaemonSet placement · ${fileName(message.manifest.uri)}`)];
  if (message.inventoryError) children.push(h('p', { class: 'error', role: 'alert' }, `Node inventory: ${message.inventoryError}`));
  if (message.inventory) {
    children.push(h('p', { class: 'muted' }, `Node inventory ${message.inventory.label}: ${nodeNames.length} nodes`));
  } else {
    const select = h('button', { type: 'button' }, 'Select Node Inventory');
    select.addEventListener('click', () => post({ type: 'selectInventory' }));
    children.push(h('p', { class: 'muted' }, 'No node inventory. ', select));
  }
  if (daemonSets.length === 0) {
    children.push(h('p', { class: 'muted' }, 'This file has no DaemonSet.'));
  }
  for (const { root } of daemonSets) {
    const metadata = record(root?.metadata);
    children.push(h('h2', {}, `${String(metadata?.namespace ?? 'default')}/${String(metadata?.name ?? '(unnamed)')}`));
  }
  app.replaceChildren(...children);
}
