/**
 * The cluster view panel host: gathers the text of every YAML file of the
 * workspace that holds a DaemonSet (or a PriorityClass), and the node inventory the language
 * server names for the workspace folder (`daemonset/inventory`, as the
 * preview does), and posts them. The webview parses and computes
 * (clusterApp.ts). Files come from `workspace.findFiles`, which honours
 * `files.exclude` and `search.exclude` like every workspace search, with the
 * editor's unsaved text where a file is open; a cheap text test keeps the
 * payload to files that can hold a DaemonSet (the webview's model decides).
 */
import * as vscode from 'vscode';
import type { RenderedWorkspaceResult } from '../../server/src/protocol/renderedWorkspaceRequest';
import type { InventorySource } from './inventory';
import { parseWebviewMessage, type ClusterUpdateMessage, type InventoryPayload, type SourceText } from './webview/protocol';
import { previewHtml } from './webviewHtml';

export const CLUSTER_VIEW_TYPE = 'daemonset.clusterView';

/** What the workspace's charts and overlays render (the language server, `daemonset/renderedWorkspace`). */
export interface RenderedWorkspaceSourceApi {
  rendered(): Promise<RenderedWorkspaceResult>;
  /** Called when a render changed (a save under a chart, an overlay or its bases). */
  onDidChange(listener: () => void): vscode.Disposable;
}
const UPDATE_DELAY_MS = 400;
/** Files read at most: a monorepo's YAML beyond this is left out, and the panel says how many. */
const MAX_FILES = 2000;
const MAX_FILE_BYTES = 1_000_000;
/** DaemonSets, and the PriorityClasses their preemption is judged by. */
const DAEMONSET_KIND = /^\s*kind:\s*["']?(DaemonSet|PriorityClass)["']?\s*(#.*)?$/m;
const YAML_FILES = '**/*.{yaml,yml}';
const EXCLUDED = '**/{node_modules,.git}/**';

export class ClusterPanel implements vscode.Disposable {
  private static current: ClusterPanel | undefined;
  /** Set on activation, once the language client exists. */
  static renderedSource: RenderedWorkspaceSourceApi | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private files = new Set<string>();
  /** The rendered files sent (templates, kustomizations) and what rendered them: what a click may open. */
  private renderedFiles = new Map<string, 'helm' | 'kustomize'>();
  /** The last answer about charts and overlays: kept while the server cannot answer. */
  private lastRendered: NonNullable<ClusterUpdateMessage['rendered']> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;

  static show(context: vscode.ExtensionContext, inventory: InventorySource): ClusterPanel {
    if (ClusterPanel.current) {
      ClusterPanel.current.panel.reveal(vscode.ViewColumn.Active);
      ClusterPanel.current.scheduleUpdate(0);
      return ClusterPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(CLUSTER_VIEW_TYPE, 'DaemonSet Cluster View', vscode.ViewColumn.Active, ClusterPanel.options(context));
    ClusterPanel.current = new ClusterPanel(panel, context, inventory);
    return ClusterPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, inventory: InventorySource): ClusterPanel {
    ClusterPanel.current?.dispose();
    panel.webview.options = ClusterPanel.options(context);
    ClusterPanel.current = new ClusterPanel(panel, context, inventory);
    return ClusterPanel.current;
  }

  static get active(): ClusterPanel | undefined {
    return ClusterPanel.current;
  }

  private static options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')] };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly inventorySource: InventorySource,
  ) {
    panel.webview.html = previewHtml(panel.webview, context.extensionUri, vscode.Uri.joinPath, 'cluster');
    const watcher = vscode.workspace.createFileSystemWatcher(YAML_FILES);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.scheduleUpdate()),
      watcher.onDidDelete(() => this.scheduleUpdate()),
      watcher.onDidChange(() => this.scheduleUpdate()),
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.files.has(event.document.uri.toString()) || DAEMONSET_KIND.test(event.document.getText())) this.scheduleUpdate();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('daemonset.inventory') || event.affectsConfiguration('daemonset.helm') || event.affectsConfiguration('daemonset.kustomize')) this.scheduleUpdate(0);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleUpdate(0)),
    );
    // The server rendered a chart or an overlay again (after a save): ask again.
    if (ClusterPanel.renderedSource) this.disposables.push(ClusterPanel.renderedSource.onDidChange(() => this.scheduleUpdate()));
  }

  refresh(): void {
    this.scheduleUpdate(0);
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.scheduleUpdate(0);
        break;
      case 'selectInventory':
        void vscode.commands.executeCommand('daemonset.selectInventory');
        break;
      case 'openDaemonSet':
        void this.openDaemonSet(message.uri, message.line, message.daemonSet);
        break;
      default:
        break; // the preview's messages mean nothing here
    }
  }

  /**
   * Opens a DaemonSet this panel sent, at its line, and its placement preview beside it. A chart's DaemonSet opens
   * its template, which the preview shows as rendered; an overlay's opens the kustomization and the overlay's rendered preview.
   */
  private async openDaemonSet(uri: string, line: number, daemonSet: string): Promise<void> {
    const rendered = this.renderedFiles.get(uri);
    if (rendered === 'kustomize') {
      const kustomization = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      await vscode.window.showTextDocument(kustomization, { viewColumn: vscode.ViewColumn.One });
      await vscode.commands.executeCommand('daemonset.previewOverlay', kustomization.uri, daemonSet);
      return;
    }
    if (!this.files.has(uri) && rendered !== 'helm') return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    await vscode.commands.executeCommand('daemonset.openPreview', document.uri, daemonSet);
  }

  private scheduleUpdate(delay = UPDATE_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  private async daemonSetFiles(): Promise<{ files: SourceText[]; truncated: number }> {
    // A Helm chart's templates are not manifests (their `{{ … }}` values are not a DaemonSet's): skipped, as
    // `daemonset cluster` skips them; the chart is counted as the language server renders it (renderedSources).
    const listed = await vscode.workspace.findFiles(YAML_FILES, EXCLUDED, MAX_FILES + 1);
    // Chart.yaml is one of the listed YAML files: no second workspace search for the charts.
    const chartTemplates = listed.map((uri) => uri.toString()).filter((uri) => uri.endsWith('/Chart.yaml')).map((chart) => chart.replace(/Chart\.yaml$/, 'templates/'));
    const uris = listed
      .filter((uri) => !chartTemplates.some((folder) => uri.toString().startsWith(folder)))
      .sort((a, b) => (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0));
    const truncated = Math.max(0, listed.length - MAX_FILES);
    const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    const decoder = new TextDecoder();
    const files: SourceText[] = [];
    for (const uri of uris.slice(0, MAX_FILES)) {
      const key = uri.toString();
      let text = open.get(key)?.getText();
      if (text === undefined) {
        try {
          const bytes = await vscode.workspace.fs.readFile(uri);
          if (bytes.byteLength > MAX_FILE_BYTES) continue;
          text = decoder.decode(bytes);
        } catch {
          continue; // deleted meanwhile, or unreadable: the next update sees the workspace as it is
        }
      }
      if (DAEMONSET_KIND.test(text)) files.push({ uri: key, text });
    }
    return { files, truncated };
  }

  private async update(): Promise<void> {
    if (!this.ready) return;
    const { files, truncated } = await this.daemonSetFiles();
    this.files = new Set(files.map((file) => file.uri));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? (files[0] ? vscode.Uri.parse(files[0].uri) : undefined);
    let inventory: InventoryPayload | null = null;
    let inventoryError: string | null = null;
    if (folder) {
      try {
        inventory = (await this.inventorySource(folder)) ?? null;
      } catch (error) {
        inventoryError = `cannot read the node inventory: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    const { rendered, renderNotices } = await this.renderedSources();
    this.renderedFiles = new Map(rendered.flatMap((source) => source.files.map((file) => [file.uri, source.kind] as const)));
    const message: ClusterUpdateMessage = { type: 'clusterUpdate', files, inventory, inventoryError, truncated, rendered, renderNotices };
    await this.panel.webview.postMessage(message);
  }

  /** The charts and overlays as the server renders them; a server that cannot answer is said in the panel. */
  private async renderedSources(): Promise<{ rendered: NonNullable<ClusterUpdateMessage['rendered']>; renderNotices: string[] }> {
    if (!ClusterPanel.renderedSource) return { rendered: [], renderNotices: [] };
    try {
      const answer = await ClusterPanel.renderedSource.rendered();
      this.lastRendered = answer.sources;
      return { rendered: answer.sources, renderNotices: answer.notices };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { rendered: this.lastRendered, renderNotices: [`Charts and overlays were not rendered again: the language server did not answer (${why}); the last renders are shown.`] };
    }
  }

  dispose(): void {
    if (ClusterPanel.current === this) ClusterPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
