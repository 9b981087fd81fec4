/**
 * Finds the node inventory for a manifest: the `daemonset.inventory` setting
 * (file or folder, relative to the workspace folder), else the first
 * `*.nodes.yaml` file of the workspace, else the first `nodes/` folder
 * holding YAML files.
 */
import * as vscode from 'vscode';
import type { InventoryPayload } from './webview/protocol';

const YAML_FILE = /\.ya?ml$/i;

export async function resolveInventory(resource: vscode.Uri | undefined): Promise<InventoryPayload | undefined> {
  const folder = resource ? vscode.workspace.getWorkspaceFolder(resource) : vscode.workspace.workspaceFolders?.[0];
  const configured = vscode.workspace.getConfiguration('daemonset', resource).get<string>('inventory', '').trim();
  if (configured) {
    const base = folder?.uri ?? (resource ? vscode.Uri.joinPath(resource, '..') : undefined);
    const target = configured.startsWith('/') || !base ? vscode.Uri.file(configured) : vscode.Uri.joinPath(base, configured);
    return { label: configured, files: await readInventoryFiles(target) };
  }
  const discovered = await vscode.workspace.findFiles(
    folder ? new vscode.RelativePattern(folder, '**/*.nodes.{yaml,yml}') : '**/*.nodes.{yaml,yml}',
    '**/node_modules/**',
    1,
  );
  if (discovered.length > 0) {
    return { label: vscode.workspace.asRelativePath(discovered[0]), files: await readInventoryFiles(discovered[0]) };
  }
  const inFolder = await vscode.workspace.findFiles(
    folder ? new vscode.RelativePattern(folder, '**/nodes/*.{yaml,yml}') : '**/nodes/*.{yaml,yml}',
    '**/node_modules/**',
    1,
  );
  if (inFolder.length === 0) return undefined;
  const nodesFolder = vscode.Uri.joinPath(inFolder[0], '..');
  return { label: `${vscode.workspace.asRelativePath(nodesFolder)}/`, files: await readInventoryFiles(nodesFolder) };
}

async function readInventoryFiles(target: vscode.Uri): Promise<Array<{ uri: string; text: string }>> {
  const stat = await vscode.workspace.fs.stat(target);
  const uris: vscode.Uri[] = [];
  if (stat.type & vscode.FileType.Directory) {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(target)) {
      if (type & vscode.FileType.File && YAML_FILE.test(name)) uris.push(vscode.Uri.joinPath(target, name));
    }
    uris.sort((a, b) => a.path.localeCompare(b.path));
  } else {
    uris.push(target);
  }
  const decoder = new TextDecoder();
  return Promise.all(
    uris.map(async (uri) => ({ uri: uri.toString(), text: decoder.decode(await vscode.workspace.fs.readFile(uri)) })),
  );
}
