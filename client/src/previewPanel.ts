/**
 * The placement preview panel: one webview beside the editor that follows the
 * active YAML editor. The extension only gathers text (manifest and node
 * inventory); the webview parses it and runs the reconciler itself, so what-if
 * edits never round-trip through the extension host.
 */
import * as vscode from 'vscode';
import { resolveInventory } from './inventory';
import { parseWebviewMessage, type HostMessage, type InventoryPayload } from './webview/protocol';
import { previewHtml } from './webviewHtml';

const VIEW_TYPE = 'daemonset.preview';
const UPDATE_DELAY_MS = 200;

export class PreviewPanel implements vscode.Disposable {
  private static current: PreviewPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;

  static show(context: vscode.ExtensionContext, document: vscode.TextDocument | undefined): PreviewPanel {
    if (PreviewPanel.current) {
      PreviewPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      if (document) PreviewPanel.current.follow(document);
      return PreviewPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'DaemonSet Placement',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
      },
    );
    PreviewPanel.current = new PreviewPanel(panel, context, document);
    return PreviewPanel.current;
  }

  static get active(): PreviewPanel | undefined {
    return PreviewPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    document: vscode.TextDocument | undefined,
  ) {
    this.document = document;
    panel.webview.html = previewHtml(panel.webview, context.extensionUri, vscode.Uri.joinPath);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.languageId === 'yaml') this.follow(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.scheduleUpdate();
      }),
      vscode.workspace.onDidSaveTextDocument(() => this.scheduleUpdate()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('daemonset.inventory')) this.scheduleUpdate();
      }),
    );
  }

  follow(document: vscode.TextDocument): void {
    if (document === this.document) return;
    this.document = document;
    this.scheduleUpdate(0);
  }

  refresh(): void {
    this.scheduleUpdate(0);
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return; // malformed or unexpected: ignored, no side effects
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.scheduleUpdate(0);
        break;
      case 'selectInventory':
        void vscode.commands.executeCommand('daemonset.selectInventory');
        break;
      case 'reveal':
        void this.reveal(message.uri, message.line);
        break;
    }
  }

  private async reveal(uri: string, line: number): Promise<void> {
    const target = vscode.Uri.parse(uri);
    const document = await vscode.workspace.openTextDocument(target);
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
    });
  }

  private scheduleUpdate(delay = UPDATE_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  private async update(): Promise<void> {
    if (!this.ready) return;
    const document = this.document;
    if (!document) {
      await this.post({ type: 'noManifest' });
      return;
    }
    let inventory: InventoryPayload | null = null;
    let inventoryError: string | null = null;
    try {
      inventory = (await resolveInventory(document.uri)) ?? null;
    } catch (error) {
      inventoryError = error instanceof Error ? error.message : String(error);
    }
    this.panel.title = `Placement: ${document.uri.path.split('/').pop() ?? 'DaemonSet'}`;
    await this.post({
      type: 'update',
      manifest: { uri: document.uri.toString(), text: document.getText() },
      inventory,
      inventoryError,
    });
  }

  private async post(message: HostMessage): Promise<void> {
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (PreviewPanel.current === this) PreviewPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
