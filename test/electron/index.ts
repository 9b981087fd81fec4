/**
 * Extension-API tests that run inside a VS Code extension host launched by
 * @vscode/test-electron (`npm run test:electron`, needs a VS Code download, so
 * not part of `npm test`; the same behaviour is covered there in code-server).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../support/waitFor';

const examples = path.resolve(__dirname, '..', '..', 'examples');

const tests: Array<[string, () => Promise<void>]> = [
  [
    'reports selector drift as an error diagnostic',
    async () => {
      const uri = vscode.Uri.file(path.join(examples, 'selector-drift.yaml'));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const diagnostics = await waitFor(() => {
        const list = vscode.languages.getDiagnostics(uri);
        return list.length > 0 ? list : undefined;
      });
      assert.equal(diagnostics[0].code, 'selector-drift');
      assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    },
  ],
  [
    'contributes the DaemonSet commands',
    async () => {
      const commands = await vscode.commands.getCommands(true);
      for (const id of ['daemonset.openPreview', 'daemonset.selectInventory']) assert.ok(commands.includes(id), id);
    },
  ],
  [
    'opens the placement preview beside the editor',
    async () => {
      await vscode.commands.executeCommand('daemonset.openPreview');
      await waitFor(() =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('Placement')),
      );
    },
  ],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, test] of tests) {
    try {
      await test();
      console.log(`ok - ${name}`);
    } catch (error) {
      failures.push(name);
      console.error(`not ok - ${name}\n${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  console.log(`${tests.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} extension test(s) failed`);
}
