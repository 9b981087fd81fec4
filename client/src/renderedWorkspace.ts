/**
 * What the workspace's Helm charts and Kustomize overlays render, for the
 * cluster view: the language server's answer to `daemonset/renderedWorkspace`
 * (it renders them for the diagnostics already), and its
 * `daemonset/renderedWorkspaceChanged` after a save re-rendered one.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { State } from 'vscode-languageclient/node';
import { RENDERED_WORKSPACE_CHANGED, RENDERED_WORKSPACE_REQUEST, type RenderedWorkspaceResult } from '../../server/src/protocol/renderedWorkspaceRequest';
import type { RenderedWorkspaceSourceApi } from './clusterPanel';

export class ServerRenderedWorkspace implements RenderedWorkspaceSourceApi, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changes];

  constructor(private readonly client: BaseLanguageClient) {}

  /** Listens for the server's re-renders; call once the client is running. */
  listen(): void {
    this.disposables.push(
      this.client.onNotification(RENDERED_WORKSPACE_CHANGED, () => this.changes.fire()),
      // A restarted server (trust granted, *Restart Server*) renders afresh: the panel asks again.
      this.client.onDidChangeState((event) => {
        if (event.newState === State.Running) this.changes.fire();
      }),
    );
  }

  rendered(): Promise<RenderedWorkspaceResult> {
    return this.client.sendRequest<RenderedWorkspaceResult>(RENDERED_WORKSPACE_REQUEST, {});
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.changes.event(listener);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
