/**
 * "DaemonSet: Import Nodes from Cluster": pick a kubectl context and the
 * namespace of the pods (all, one the cluster lists, or one typed), run
 * `kubectl get nodes`, `kubectl get pods` (unfinished ones) and `kubectl get
 * priorityclasses` (no shell, with a timeout, cancellable), write them into
 * `<context>.nodes.yaml` in the workspace and select it as the inventory.
 * Nothing is written unless nodes and pods succeeded; PriorityClasses that
 * may not be read are left out, and the message says so. The command lines and failure
 * messages are `daemonset import`'s (server/src/protocol/kubectl.ts).
 * Runs a program, so it is disabled in untrusted workspaces.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import {
  classifyKubectlFailure,
  getNodesArgs,
  getPodsArgs,
  getPriorityClassesArgs,
  importedInventoryText,
  inventoryFileName,
  KUBECTL_MAX_BUFFER,
  KUBECTL_TIMEOUT_MS,
  listContextsArgs,
  listNamespacesArgs,
  parseContexts,
  parseNamespaces,
  type ExecFailure,
} from '../../server/src/protocol/kubectl';

export class KubectlError extends Error {}
/** The user cancelled: kubectl was stopped, and nothing is said or written. */
class Cancelled extends Error {}

/** kubectl's stdout; a KubectlError with the failure in words (missing, timeout, unreachable, denied). */
export function kubectl(args: string[], token?: vscode.CancellationToken): Promise<string> {
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
    const context = await pickKubectlContext('Import Nodes from Cluster', 'kubectl context to read the nodes from');
    if (!context) return undefined;
    const namespace = await pickNamespace(context);
    if (namespace === undefined) return undefined;
    const target = vscode.Uri.joinPath(folder.uri, inventoryFileName(context));
    if (await exists(target)) {
      const overwrite = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(target)} exists. Replace it with the nodes and pods of ${context}?`, { modal: true }, 'Replace');
      if (overwrite !== 'Replace') return undefined;
    }
    const { text, classesUnread } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Importing from ${context}`, cancellable: true },
      async (progress, token) => {
        progress.report({ message: 'kubectl get nodes' });
        const nodes = await kubectl(getNodesArgs({ context }, 'yaml'), token);
        progress.report({ message: 'kubectl get pods' });
        const pods = await kubectl(getPodsArgs({ context }, namespace || undefined, 'yaml'), token);
        progress.report({ message: 'kubectl get priorityclasses' });
        // The pods' priorities for preemption, as the live comparison reads them; a user may not be allowed to list them.
        const classes = await kubectl(getPriorityClassesArgs({ context }, 'yaml'), token).then(
          (priorityClasses) => ({ priorityClasses, classesUnread: undefined }),
          (error: unknown) => {
            if (error instanceof KubectlError) return { priorityClasses: undefined, classesUnread: error.message };
            throw error;
          },
        );
        return { text: importedInventoryText(context, new Date(), { nodes, pods, priorityClasses: classes.priorityClasses }, namespace || undefined), classesUnread: classes.classesUnread };
      },
    );
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    await vscode.workspace.getConfiguration('daemonset', folder.uri).update('inventory', vscode.workspace.asRelativePath(target, false), vscode.ConfigurationTarget.WorkspaceFolder);
    const scope = namespace ? `the pods of namespace ${namespace}` : 'the pods';
    const imported = `Imported the nodes, ${scope} and the PriorityClasses of ${context} into ${vscode.workspace.asRelativePath(target)}.`;
    if (classesUnread === undefined) void vscode.window.showInformationMessage(imported);
    else void vscode.window.showWarningMessage(`Imported the nodes and ${scope} of ${context} into ${vscode.workspace.asRelativePath(target)}, without the PriorityClasses (pods preempt with the built-in ones only): ${classesUnread}`);
    return target;
  } catch (error) {
    if (error instanceof Cancelled) return undefined;
    void vscode.window.showErrorMessage(error instanceof KubectlError ? error.message : `Import failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** A context of `kubectl config get-contexts`, picked by the user; undefined when dismissed. Throws a KubectlError when kubectl cannot list them. */
export async function pickKubectlContext(title: string, placeHolder: string, extra: vscode.QuickPickItem[] = []): Promise<string | undefined> {
  const contexts = parseContexts(await kubectl(listContextsArgs()));
  if (contexts.length === 0) throw new KubectlError('kubectl has no contexts: configure access to a cluster first (kubectl config get-contexts lists none).');
  const picked = await vscode.window.showQuickPick([...contexts.map((label) => ({ label })), ...extra], { title, placeHolder });
  return picked?.label;
}

const ALL_NAMESPACES = '$(globe) All namespaces';
const OTHER_NAMESPACE = '$(edit) Another namespace…';

/**
 * The namespace whose pods are imported: '' for all, a listed one, or one
 * typed (a user allowed to read one namespace may not list them); undefined
 * when dismissed.
 */
async function pickNamespace(context: string): Promise<string | undefined> {
  const listed = await kubectl(listNamespacesArgs({ context })).then(parseNamespaces, () => [] as string[]);
  const items: vscode.QuickPickItem[] = [
    { label: ALL_NAMESPACES, description: 'kubectl get pods --all-namespaces' },
    ...listed.map((label) => ({ label })),
    { label: OTHER_NAMESPACE },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Import Nodes from ${context}`, placeHolder: 'Namespace of the pods to import (nodes are cluster-wide)' });
  if (!picked) return undefined;
  if (picked.label === ALL_NAMESPACES) return '';
  if (picked.label !== OTHER_NAMESPACE) return picked.label;
  return vscode.window.showInputBox({
    title: `Import Nodes from ${context}`,
    prompt: 'Namespace of the pods to import',
    validateInput: (value) => (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) && value.length <= 63 ? undefined : 'A namespace name: lowercase letters, digits and dashes (RFC 1123 label).'),
  });
}
