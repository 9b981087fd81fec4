/**
 * "DaemonSet: Import Nodes from Cluster": pick a kubectl context, run
 * `kubectl get nodes` and `kubectl get pods` (unfinished ones, all
 * namespaces; no shell, with a timeout, cancellable), write both into
 * `<context>.nodes.yaml` in the workspace and select it as the inventory.
 * Nothing is written unless both succeeded. The command lines and failure
 * messages are `daemonset import`'s (server/src/protocol/kubectl.ts).
 * Runs a program, so it is disabled in untrusted workspaces.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import {
  classifyKubectlFailure,
  getNodesArgs,
  getPodsArgs,
  importedInventoryText,
  inventoryFileName,
  KUBECTL_MAX_BUFFER,
  KUBECTL_TIMEOUT_MS,
  listContextsArgs,
  parseContexts,
  type ExecFailure,
} from '../../server/src/protocol/kubectl';

class KubectlError extends Error {}
/** The user cancelled: kubectl was stopped, and nothing is said or written. */
class Cancelled extends Error {}

function kubectl(args: string[], token?: vscode.CancellationToken): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kubectl', args, { timeout: KUBECTL_TIMEOUT_MS, maxBuffer: KUBECTL_MAX_BUFFER, windowsHide: true }, (error, stdout, stderr) => {
      if (token?.isCancellationRequested) reject(new Cancelled());
      else if (error) reject(new KubectlError(classifyKubectlFailure(error as ExecFailure, String(stderr)).message));
      else resolve(String(stdout));
    });
    token?.onCancellationRequested(() => child.kill());
  });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Returns the inventory file written, or undefined when cancelled or failed (the user was told). */
export async function importNodesFromCluster(): Promise<vscode.Uri | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Importing nodes runs kubectl, which needs a trusted workspace.');
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Open a folder first: the imported nodes are saved as a file in the workspace.');
    return undefined;
  }
  try {
    const contexts = parseContexts(await kubectl(listContextsArgs()));
    if (contexts.length === 0) throw new KubectlError('kubectl has no contexts: configure access to a cluster first (kubectl config get-contexts lists none).');
    const context = await vscode.window.showQuickPick(contexts, { title: 'Import Nodes from Cluster', placeHolder: 'kubectl context to read the nodes from' });
    if (!context) return undefined;
    const target = vscode.Uri.joinPath(folder.uri, inventoryFileName(context));
    if (await exists(target)) {
      const overwrite = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(target)} exists. Replace it with the nodes and pods of ${context}?`, { modal: true }, 'Replace');
      if (overwrite !== 'Replace') return undefined;
    }
    const text = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Importing from ${context}`, cancellable: true },
      async (progress, token) => {
        progress.report({ message: 'kubectl get nodes' });
        const nodes = await kubectl(getNodesArgs({ context }, 'yaml'), token);
        progress.report({ message: 'kubectl get pods' });
        const pods = await kubectl(getPodsArgs({ context }, undefined, 'yaml'), token);
        return importedInventoryText(context, new Date(), nodes, pods);
      },
    );
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    await vscode.workspace.getConfiguration('daemonset', folder.uri).update('inventory', vscode.workspace.asRelativePath(target, false), vscode.ConfigurationTarget.WorkspaceFolder);
    void vscode.window.showInformationMessage(`Imported the nodes and pods of ${context} into ${vscode.workspace.asRelativePath(target)}.`);
    return target;
  } catch (error) {
    if (error instanceof Cancelled) return undefined;
    void vscode.window.showErrorMessage(error instanceof KubectlError ? error.message : `Import failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
