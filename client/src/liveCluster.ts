/**
 * "DaemonSet: Select Cluster Context" and "DaemonSet: Refresh Live Cluster
 * State": the context whose live DaemonSets the server compares the open
 * manifests with (`daemonset.kubeContext`), and a new read of it. The
 * server runs kubectl (server/src/lsp/liveClusters.ts); here kubectl only
 * lists the contexts. Both run programs, so they need a trusted workspace.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REFRESH_LIVE_REQUEST } from '../../server/src/protocol/liveRequest';
import { KubectlError, pickKubectlContext } from './kubectlImport';

const NO_CONTEXT = '$(circle-slash) None';

export async function selectClusterContext(): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Comparing with a live cluster runs kubectl, which needs a trusted workspace.');
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const configuration = vscode.workspace.getConfiguration('daemonset', folder?.uri);
  const current = configuration.get<string>('kubeContext') ?? '';
  try {
    const picked = await pickKubectlContext('Select Cluster Context', current ? `Compared with ${current} now` : 'kubectl context to compare the DaemonSets with', [
      { label: NO_CONTEXT, description: 'no live comparison' },
    ]);
    if (picked === undefined) return;
    const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
    await configuration.update('kubeContext', picked === NO_CONTEXT ? '' : picked, target);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof KubectlError ? error.message : `Listing the kubectl contexts failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function refreshLive(client: LanguageClient): Promise<void> {
  if (!vscode.workspace.isTrusted) return;
  await client.sendRequest(REFRESH_LIVE_REQUEST);
}
