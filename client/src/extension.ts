/**
 * Extension entry point: starts the language server and registers the
 * DaemonSet commands and the preview's serializer. The only code that knows
 * the `vscode` API lives in client/src.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLUSTER_VIEW_TYPE, ClusterPanel } from './clusterPanel';
import { BaselineCache, serverLiveBaselineSource } from './baselines';
import { importNodesFromCluster } from './kubectlImport';
import { serverInventorySource, type InventorySource } from './inventory';
import { RenderedOverlays } from './kustomizePreview';
import { createLanguageClient } from './languageClient';
import { refreshLive, selectClusterContext } from './liveCluster';
import { PREVIEW_VIEW_TYPE, PreviewPanel } from './previewPanel';
import { serverRenderedBaselines, serverRenderedSource } from './renderedTemplate';
import { ServerRenderedWorkspace } from './renderedWorkspace';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createLanguageClient(context);
  const inventory = serverInventorySource(client);
  const overlays = new RenderedOverlays(client);
  BaselineCache.live = serverLiveBaselineSource(client);
  PreviewPanel.renderedSource = serverRenderedSource(client);
  PreviewPanel.renderedBaselines = serverRenderedBaselines(client);
  const renderedWorkspace = new ServerRenderedWorkspace(client);
  ClusterPanel.renderedSource = renderedWorkspace;
  context.subscriptions.push(
    overlays,
    renderedWorkspace,
    vscode.commands.registerCommand('daemonset.previewOverlay', (uri?: unknown, daemonSet?: unknown) =>
      previewOverlay(context, inventory, overlays, toUri(uri), typeof daemonSet === 'string' ? daemonSet : undefined),
    ),
    vscode.commands.registerCommand('daemonset.openPreview', (uri?: unknown, daemonSet?: unknown) =>
      // A URI from the editor title, or a URI string from the server's code lens.
      openPreview(context, inventory, toUri(uri), typeof daemonSet === 'string' ? daemonSet : undefined),
    ),
    vscode.commands.registerCommand('daemonset.openClusterView', () => ClusterPanel.show(context, inventory)),
    vscode.commands.registerCommand('daemonset.selectInventory', () => selectInventory()),
    vscode.commands.registerCommand('daemonset.importNodes', async () => {
      if (await importNodesFromCluster()) {
        PreviewPanel.active?.refresh();
        ClusterPanel.active?.refresh();
      }
    }),
    vscode.commands.registerCommand('daemonset.selectClusterContext', () => selectClusterContext()),
    vscode.commands.registerCommand('daemonset.refreshLive', async () => {
      if (client) await refreshLive(client);
    }),
    vscode.commands.registerCommand('daemonset.restartServer', async () => {
      await client?.restart();
    }),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        PreviewPanel.revive(panel, context, inventory);
      },
    }),
    vscode.window.registerWebviewPanelSerializer(CLUSTER_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        ClusterPanel.revive(panel, context, inventory);
      },
    }),
  );
  // Trust granted later: restart, so the server may now run git and kubectl for selector-changed and the live rules.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  await client.start();
  overlays.listen();
  renderedWorkspace.listen();
}

function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string') {
    try {
      return vscode.Uri.parse(value, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** From the palette, the editor title (a URI) or a code lens (a URI and the DaemonSet's name). */
async function openPreview(context: vscode.ExtensionContext, inventory: InventorySource, uri: vscode.Uri | undefined, daemonSet: string | undefined): Promise<void> {
  let document = vscode.window.activeTextEditor?.document;
  if (uri) document = await vscode.workspace.openTextDocument(uri);
  if (document && document.languageId !== 'yaml') document = undefined;
  PreviewPanel.show(context, inventory, document, daemonSet);
}

/**
 * A kustomization (from the explorer, the editor title, the active editor, or the cluster view with the DaemonSet
 * to show): its rendered YAML beside the preview, which follows it.
 */
async function previewOverlay(context: vscode.ExtensionContext, inventory: InventorySource, overlays: RenderedOverlays, uri: vscode.Uri | undefined, daemonSet?: string): Promise<void> {
  const kustomization = uri ?? vscode.window.activeTextEditor?.document.uri;
  const document = kustomization && (await overlays.open(kustomization));
  if (!document) {
    void vscode.window.showWarningMessage('Preview Overlay as Rendered: open a kustomization.yaml (or Kustomization) first.');
    return;
  }
  await vscode.window.showTextDocument(document, { preview: true });
  PreviewPanel.show(context, inventory, document, daemonSet);
}

async function selectInventory(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const picked = await vscode.window.showOpenDialog({
    title: 'Select Node Inventory',
    openLabel: 'Use as Node Inventory',
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: folder?.uri,
    filters: { 'Node YAML or JSON': ['yaml', 'yml', 'json'] },
  });
  if (!picked || picked.length === 0) return;
  const value = folder ? vscode.workspace.asRelativePath(picked[0], false) : picked[0].fsPath;
  const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('daemonset', folder?.uri).update('inventory', value, target);
  PreviewPanel.active?.refresh();
  ClusterPanel.active?.refresh();
}
