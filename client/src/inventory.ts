/**
 * The node inventory for the preview. Which files form it is the language
 * server's answer to `daemonset/inventory` (the rule set lives in
 * server/src/model/inventoryFiles.ts), so the preview reads exactly the nodes
 * the diagnostics and the code lens use; this host only reads the files.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { INVENTORY_REQUEST, type InventoryRequestParams, type InventoryRequestResult } from '../../server/src/protocol/inventoryRequest';
import type { InventoryPayload } from './webview/protocol';

/** Finds a manifest's inventory and reads it; throws with a message for the panel when it cannot. */
export type InventorySource = (resource: vscode.Uri) => Promise<InventoryPayload | undefined>;

export function serverInventorySource(client: BaseLanguageClient): InventorySource {
  return async (resource) => {
    const params: InventoryRequestParams = { uri: client.code2ProtocolConverter.asUri(resource) };
    const answer = await client.sendRequest<InventoryRequestResult>(INVENTORY_REQUEST, params);
    if (!answer) return undefined;
    if ('error' in answer) throw new Error(answer.error);
    const decoder = new TextDecoder();
    const files = await Promise.all(
      answer.files.map(async (file) => {
        const uri = client.protocol2CodeConverter.asUri(file);
        return { uri: uri.toString(), text: decoder.decode(await vscode.workspace.fs.readFile(uri)) };
      }),
    );
    return { label: answer.label, files };
  };
}
