/**
 * An inventory file larger than the language server reads (256 MiB; lowered here through
 * DAEMONSET_MAX_INVENTORY_FILE_BYTES so no such file is written) is left out, and the user is told
 * once per file (window/showMessage), not on every validation: the inventory rules run without it,
 * and the preview is answered the files the rules read.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { MessageType, type Diagnostic } from 'vscode-languageserver-protocol';
import { INVENTORY_REQUEST, type InventoryRequestResult } from '../../server/src/protocol/inventoryRequest';
import { MAX_INVENTORY_FILE_BYTES_ENV } from '../../server/src/lsp/workspaceFiles';
import { fixturesDir } from '../support/golden';
import { waitFor } from '../support/waitFor';
import { LspTestClient } from './support/lspClient';

const BOUND = 2048;

/** A node agent pinned to the gpu pool: its findings depend on the inventory read. */
const AGENT = readFileSync(join(fixturesDir, 'protocol', 'gpu-agent.yaml'), 'utf8');

const node = (name: string, pool: string) => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels:
    kubernetes.io/os: linux
    pool: ${pool}
`;

/** The GPU node, padded with comment lines past the bound when `large`. */
const gpuNodes = (large: boolean) => node('gpu-1', 'gpu') + (large ? '# padding of a large dump\n'.repeat(Math.ceil((BOUND * 2) / 26)) : '');

const codes = (list: Diagnostic[]) => list.map((diagnostic) => String(diagnostic.code));

describe('an inventory file above the size bound', () => {
  let folder: string;
  let client: LspTestClient;
  let agent: string;
  const ask = () => client.connection.sendRequest(INVENTORY_REQUEST, { uri: agent }) as Promise<InventoryRequestResult>;
  const file = (path: string) => pathToFileURL(join(folder, path)).href;
  const tooLargeMessages = () => {
    if (client.exitCode !== undefined) throw new Error(`the server exited (${client.exitCode}): ${client.stderr.join('')}`);
    return client.shownMessages.filter((message) => /nodes\/gpu\.yaml is not read/.test(message.message));
  };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'daemonset-inventory-bound-'));
    mkdirSync(join(folder, 'nodes'));
    writeFileSync(join(folder, 'agent.yaml'), AGENT);
    writeFileSync(join(folder, 'nodes', 'general.yaml'), node('general-1', 'general'));
    writeFileSync(join(folder, 'nodes', 'gpu.yaml'), gpuNodes(true));
    client = LspTestClient.start({ env: { ...process.env, [MAX_INVENTORY_FILE_BYTES_ENV]: String(BOUND) } });
    agent = file('agent.yaml');
  });

  afterEach(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs the inventory rules without it, tells the user once, and answers the preview without it', async () => {
    client.configuration = { inventory: 'nodes' };
    await client.initialize(pathToFileURL(folder).href);
    await client.open(agent, AGENT, 1);
    const first = await client.diagnostics(agent, 1);
    // Only general-1 is read: the GPU pool's node is in the file left out.
    assert.match(String(first.find((diagnostic) => diagnostic.code === 'no-matching-nodes')?.message), /1 node/, codes(first).join(', '));
    const [told] = await waitFor(() => tooLargeMessages().length > 0 && tooLargeMessages());
    assert.equal(told.type, MessageType.Warning);
    assert.match(told.message, /^The node inventory file nodes\/gpu\.yaml is not read: it is 4\.\d KiB, more than the 2 KiB the language server reads\. The inventory rules, the code lens and the preview run without it\.$/);
    assert.deepEqual(await ask(), { label: 'nodes', files: [file('nodes/general.yaml')] });

    // Validated again (an edit) and loaded again (a settings change): not told again.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: agent, version: 2 },
      contentChanges: [{ text: AGENT.replace('name: agent', 'name: agent2') }],
    });
    await client.diagnostics(agent, 2);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await ask(), { label: 'nodes', files: [file('nodes/general.yaml')] });
    assert.equal(tooLargeMessages().length, 1);

    // Once read, it takes part; grown past the bound again, the user is told again.
    writeFileSync(join(folder, 'nodes', 'gpu.yaml'), gpuNodes(false));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: file('nodes/gpu.yaml'), type: 2 }] });
    await client.waitForDiagnostics(agent, (list) => !codes(list).includes('no-matching-nodes'));
    writeFileSync(join(folder, 'nodes', 'gpu.yaml'), gpuNodes(true));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: file('nodes/gpu.yaml'), type: 2 }] });
    await client.waitForDiagnostics(agent, (list) => codes(list).includes('no-matching-nodes'));
    await waitFor(() => tooLargeMessages().length === 2);
  });

  it('is no inventory when it is the only file, and the preview is told why', async () => {
    client.configuration = { inventory: 'nodes/gpu.yaml' };
    await client.initialize(pathToFileURL(folder).href);
    await client.open(agent, AGENT, 1);
    const diagnostics = await client.diagnostics(agent, 1);
    assert.ok(!codes(diagnostics).includes('no-matching-nodes'), 'no rule runs on an inventory of no nodes');
    const answer = await ask();
    assert.ok(answer && 'error' in answer, JSON.stringify(answer));
    assert.equal(answer.label, 'nodes/gpu.yaml');
    assert.match(answer.error, /^The node inventory file nodes\/gpu\.yaml is not read: it is 4\.\d KiB/);
    await waitFor(() => tooLargeMessages().length === 1);
  });
});
