/**
 * The placement preview panel: one webview beside the editor that follows the
 * active YAML editor. The extension only gathers text (manifest, node
 * inventory, earlier versions of the manifest) and applies the edits the
 * webview asks for; the webview parses the text and runs the reconciler
 * itself, so filters and what-if edits never round-trip through here.
 */
import * as vscode from 'vscode';
import { BaselineCache } from './baselines';
import type { InventorySource } from './inventory';
import { InventoryDiagnostics } from './inventoryDiagnostics';
import { parseWebviewMessage, type Baseline, type HostMessage, type InventoryFileEditMessage, type InventoryPayload, type OffsetEdit } from './webview/protocol';
import { previewHtml } from './webviewHtml';
import type { RenderedBaselineSource, RenderedSource } from './renderedTemplate';
import { RENDERED_SCHEME } from '../../server/src/protocol/kustomizeRequest';

export const PREVIEW_VIEW_TYPE = 'daemonset.preview';
const UPDATE_DELAY_MS = 200;

export class PreviewPanel implements vscode.Disposable {
  private static current: PreviewPanel | undefined;
  /** Asks what a Helm chart template renders to (the language server); set on activation. */
  static renderedSource: RenderedSource | undefined;
  /** Asks for earlier renders of a chart template or an overlay (the language server); set on activation. */
  static renderedBaselines: RenderedBaselineSource | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private readonly baselines = new BaselineCache();
  /** Earlier renders per document and dirtiness, asked once until the next save: typing re-renders nothing for the stepper. */
  private renderedBaselines = new Map<string, Promise<Baseline[]>>();
  private readonly diagnostics = new InventoryDiagnostics();
  private document: vscode.TextDocument | undefined;
  private preselect: string | null = null;
  private inventoryUris = new Set<string>();
  /** The inventory texts last sent to the webview, by URI: what its "Save to inventory" edits are computed from. */
  private inventoryTexts = new Map<string, string>();
  private saving = false;
  /** While the panel shows a chart template as rendered: for each rendered line, the template line (-1: none). */
  private renderedLines: number[] | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;

  static show(context: vscode.ExtensionContext, inventory: InventorySource, document: vscode.TextDocument | undefined, preselect?: string): PreviewPanel {
    if (PreviewPanel.current) {
      const panel = PreviewPanel.current;
      panel.panel.reveal(vscode.ViewColumn.Beside, true);
      if (preselect !== undefined) panel.preselect = preselect;
      if (document) panel.follow(document, preselect !== undefined);
      return panel;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'DaemonSet Placement', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, PreviewPanel.options(context));
    PreviewPanel.current = new PreviewPanel(panel, context, inventory, document, preselect ?? null);
    return PreviewPanel.current;
  }

  /** After a window reload: the serializer hands back the panel; it follows the active YAML editor again. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, inventory: InventorySource): PreviewPanel {
    PreviewPanel.current?.dispose();
    panel.webview.options = PreviewPanel.options(context);
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'yaml');
    const document = editor?.document.languageId === 'yaml' ? editor.document : undefined;
    PreviewPanel.current = new PreviewPanel(panel, context, inventory, document, null);
    return PreviewPanel.current;
  }

  private static options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // The webview keeps its UI state with setState; no need to keep it alive while hidden.
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
    };
  }

  static get active(): PreviewPanel | undefined {
    return PreviewPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly inventorySource: InventorySource,
    document: vscode.TextDocument | undefined,
    preselect: string | null,
  ) {
    this.document = document;
    this.preselect = preselect;
    panel.webview.html = previewHtml(panel.webview, context.extensionUri, vscode.Uri.joinPath);
    this.disposables.push(
      this.diagnostics,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.languageId === 'yaml') this.follow(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.scheduleUpdate();
        else if (this.inventoryUris.has(event.document.uri.toString())) this.scheduleUpdate();
      }),
      vscode.workspace.onDidSaveTextDocument((saved) => {
        this.baselines.invalidate(saved.uri);
        this.renderedBaselines.clear(); // a saved template, values file, base or patch changes the renders
        this.scheduleUpdate();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('daemonset.inventory') || event.affectsConfiguration('daemonset.kubernetesVersion') || event.affectsConfiguration('daemonset.helm')) this.scheduleUpdate(0);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.renderedBaselines.clear(); // git HEAD renders need a trusted workspace
        this.scheduleUpdate(0);
      }),
    );
  }

  follow(document: vscode.TextDocument, force = false): void {
    if (document === this.document && !force) return;
    if (document !== this.document && !force) this.preselect = null;
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
      case 'importNodes':
        void vscode.commands.executeCommand('daemonset.importNodes');
        break;
      case 'reveal':
        void this.reveal(message.uri, message.line);
        break;
      case 'applyEdit':
        void this.applyEdit(message.uri, message.version, message.edits, message.label);
        break;
      case 'inventoryProblems':
        this.diagnostics.publish(message.problems, this.inventoryUris);
        break;
      case 'saveInventory':
        void this.saveInventory(message.edits);
        break;
    }
  }

  private async reveal(uri: string, line: number): Promise<void> {
    // Only the files this panel shows: the manifest and the inventory it sent.
    if (uri !== this.document?.uri.toString() && !this.inventoryUris.has(uri)) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    // A line of the rendered chart: the template line that produced it.
    if (this.renderedLines && uri === this.document?.uri.toString()) line = Math.max(this.renderedLines[line] ?? 0, 0);
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }

  /** Applies edits the webview computed from the text it was sent, only if that text is still current. */
  private async applyEdit(uri: string, version: number, edits: readonly OffsetEdit[], label: string): Promise<void> {
    const document = this.document;
    if (!document || uri !== document.uri.toString()) return;
    if (this.renderedLines) {
      // The webview's edit is of the rendered text; the template's text differs.
      void vscode.window.showInformationMessage(
        `The preview shows ${vscode.workspace.asRelativePath(document.uri)} as its chart renders it: change the template or the values to change it.`,
      );
      return;
    }
    if (document.version !== version) {
      void vscode.window.showWarningMessage('The manifest changed while the preview was computing; try again.');
      this.scheduleUpdate(0);
      return;
    }
    const length = document.getText().length;
    if (edits.some((edit) => edit.end > length)) return;
    const workspaceEdit = new vscode.WorkspaceEdit();
    for (const edit of edits) {
      workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText, {
        label,
        needsConfirmation: false,
      });
    }
    if (!(await vscode.workspace.applyEdit(workspaceEdit))) void vscode.window.showErrorMessage(`Could not edit ${vscode.workspace.asRelativePath(document.uri)}: ${label}.`);
  }

  /**
   * "Save to inventory": applies the webview's edits to the inventory files as
   * one WorkspaceEdit and saves them. Only the files of the current inventory,
   * and only when they still hold the text the edits were computed from.
   */
  private async saveInventory(files: readonly InventoryFileEditMessage[]): Promise<void> {
    if (this.saving) return;
    this.saving = true;
    let error: string | undefined;
    try {
      error = await this.writeInventory(files);
      if (!error) await this.update();
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    } finally {
      this.saving = false;
    }
    if (error) {
      void vscode.window.showErrorMessage(`Could not save to the node inventory: ${error}`);
      this.scheduleUpdate(0);
    }
    await this.post(error ? { type: 'inventorySaved', ok: false, error } : { type: 'inventorySaved', ok: true });
  }

  /** Undefined when written and saved, else the reason in words. */
  private async writeInventory(files: readonly InventoryFileEditMessage[]): Promise<string | undefined> {
    const documents: vscode.TextDocument[] = [];
    const workspaceEdit = new vscode.WorkspaceEdit();
    for (const file of files) {
      const sent = this.inventoryTexts.get(file.uri);
      // Never write outside the inventory this panel shows.
      if (!this.inventoryUris.has(file.uri) || sent === undefined) return `${file.uri} is not a file of the current node inventory`;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(file.uri));
      const name = vscode.workspace.asRelativePath(document.uri);
      if (document.isDirty) return `${name} has unsaved changes; save or revert it first`;
      if (document.getText() !== sent) return `${name} changed since the preview read it; try again`;
      const length = sent.length;
      for (const edit of file.edits) {
        if (edit.end > length) return `an edit reaches past the end of ${name}`;
        workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText, {
          label: 'Save what-if edits to the node inventory',
          needsConfirmation: false,
        });
      }
      documents.push(document);
    }
    if (!(await vscode.workspace.applyEdit(workspaceEdit))) return 'the editor refused the edit';
    for (const document of documents) {
      if (!(await document.save())) return `${vscode.workspace.asRelativePath(document.uri)} could not be saved`;
    }
    return undefined;
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
      inventory = (await this.inventorySource(document.uri)) ?? null;
    } catch (error) {
      inventoryError = `cannot read the node inventory: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.inventoryUris = new Set(inventory?.files.map((file) => file.uri) ?? []);
    this.inventoryTexts = new Map(inventory?.files.map((file) => [file.uri, file.text]) ?? []);
    const rendered = PreviewPanel.renderedSource ? await PreviewPanel.renderedSource(document.uri).catch(() => null) : null;
    // A chart template or an overlay is previewed as rendered: its rollout baselines are renders too (the chart
    // as saved, the chart or overlay at git HEAD), never the template's or kustomization's own text.
    const followsRender = (rendered !== null && !('error' in rendered)) || document.uri.scheme === RENDERED_SCHEME;
    const baselines = followsRender ? await this.renderedBaselinesOf(document) : await this.baselines.baselines(document).catch(() => []);
    if (document !== this.document) return; // followed another editor meanwhile; that update is on its way
    const name = document.uri.path.split('/').pop() ?? 'DaemonSet';
    if (rendered && 'error' in rendered) {
      // Keep the last good result; say why it is not current.
      this.panel.title = `Placement: ${name} (${rendered.label} does not render)`;
      void vscode.window.setStatusBarMessage(`DaemonSet preview: ${rendered.label} does not render: ${rendered.error}`, 10_000);
      return;
    }
    this.renderedLines = rendered ? rendered.templateLines : undefined;
    this.panel.title = rendered ? `Placement: ${name} as rendered by ${rendered.label}` : `Placement: ${name}`;
    const kubernetesVersion = vscode.workspace.getConfiguration('daemonset', document.uri).get<string>('kubernetesVersion')?.trim();
    await this.post({
      type: 'update',
      manifest: { uri: document.uri.toString(), text: rendered ? rendered.text : document.getText(), version: document.version },
      inventory,
      inventoryError,
      baselines,
      preselect: this.preselect,
      trusted: vscode.workspace.isTrusted,
      ...(kubernetesVersion ? { kubernetesVersion } : {}),
    });
  }

  private renderedBaselinesOf(document: vscode.TextDocument): Promise<Baseline[]> {
    const key = `${document.uri.toString()}\u0000${document.isDirty}`;
    let found = this.renderedBaselines.get(key);
    if (!found) {
      const source = PreviewPanel.renderedBaselines;
      found = source ? source(document.uri).catch(() => []) : Promise.resolve([]);
      this.renderedBaselines.set(key, found);
    }
    return found;
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
