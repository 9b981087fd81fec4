/**
 * The preview follows a Kustomize overlay: *DaemonSet: Preview Overlay as
 * Rendered* on a kustomization opens a read-only document of the overlay's
 * rendered YAML (`daemonset-rendered:/overlays/prod (rendered).yaml?<the
 * kustomization's URI>`), which the language server renders as it does for
 * the diagnostics (trusted workspaces only), and shows it in the preview. When
 * the server renders the overlay again (a save under it or its bases) the
 * document changes, and the preview follows.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  KUSTOMIZE_RENDERED_CHANGED,
  KUSTOMIZE_RENDERED_REQUEST,
  RENDERED_SCHEME,
  type KustomizeRenderedChangedParams,
  type KustomizeRenderedParams,
  type KustomizeRenderedResult,
} from '../../server/src/protocol/kustomizeRequest';

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** The rendered text as a document's content: the YAML, or why there is none as a comment the preview shows as "no DaemonSet". */
function contentOf(answer: KustomizeRenderedResult, source: string): string {
  if (!answer) return `# ${source} is not a kustomization the DaemonSet language server renders.\n`;
  if ('error' in answer) return `# kubectl kustomize ${answer.label}: ${answer.error.replace(/\r?\n/g, '\n# ')}\n`;
  return `# DaemonSets as rendered by ${answer.label} (kubectl kustomize); read-only.\n${answer.text}`;
}

export class RenderedOverlays implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  /** The rendered documents opened, by their kustomization's URI (as the server spells it). */
  private readonly opened = new Map<string, vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: BaseLanguageClient) {
    this.disposables.push(this.changes, vscode.workspace.registerTextDocumentContentProvider(RENDERED_SCHEME, this));
  }

  /** Listens for the server's re-renders; call once the client is running. */
  listen(): void {
    this.disposables.push(
      this.client.onNotification(KUSTOMIZE_RENDERED_CHANGED, (params: KustomizeRenderedChangedParams) => {
        const uri = this.opened.get(params.uri);
        if (uri) this.changes.fire(uri);
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const params: KustomizeRenderedParams = { uri: uri.query };
    const answer = await this.client.sendRequest<KustomizeRenderedResult>(KUSTOMIZE_RENDERED_REQUEST, params);
    return contentOf(answer, uri.query);
  }

  /** The rendered document of a kustomization file, opened as YAML; undefined when the URI is not a kustomization. */
  async open(kustomization: vscode.Uri): Promise<vscode.TextDocument | undefined> {
    if (kustomization.scheme !== 'file' || !KUSTOMIZATION_FILE.test(kustomization.path)) return undefined;
    const source = this.client.code2ProtocolConverter.asUri(kustomization);
    const folder = vscode.workspace.asRelativePath(vscode.Uri.joinPath(kustomization, '..'), false);
    const uri = vscode.Uri.from({ scheme: RENDERED_SCHEME, path: `/${folder} (rendered).yaml`, query: source });
    this.opened.set(source, uri);
    const document = await vscode.workspace.openTextDocument(uri);
    return document.languageId === 'yaml' ? document : vscode.languages.setTextDocumentLanguage(document, 'yaml');
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
