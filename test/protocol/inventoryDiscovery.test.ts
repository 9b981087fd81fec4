/**
 * A document's first diagnostics do not wait for the walk of its workspace folder, which discovery of a
 * `*.nodes.yaml` inventory needs (a GitOps repository of thousands of files takes hundreds of milliseconds
 * to walk): the inventory's findings follow once the walk has settled. A setting that names the inventory
 * needs no walk at all. An inventory of real size (a `kubectl get nodes -o yaml` dump of MBs) is read.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { nodeInventoryDump } from '../../bench/hardCorpus';
import { fixturesDir } from '../support/golden';
import { LspTestClient } from './support/lspClient';

/** A node agent pinned to the gpu pool: its findings depend on the inventory read. */
const AGENT = readFileSync(join(fixturesDir, 'protocol', 'gpu-agent.yaml'), 'utf8');

const NODES = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata:
      name: general-1
      labels:
        kubernetes.io/os: linux
        pool: general
`;

const codes = (list: Diagnostic[]) => list.map((diagnostic) => String(diagnostic.code));

describe('inventory discovery and the first publish', () => {
  let folder: string;
  let client: LspTestClient;
  let releaseWalk: () => void;
  let walkHeld: boolean;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'daemonset-discovery-'));
    writeFileSync(join(folder, 'agent.yaml'), AGENT);
    writeFileSync(join(folder, 'cluster.nodes.yaml'), NODES);
    client = LspTestClient.start();
    // The walk starts once files.exclude is known: the client holds its answer back.
    walkHeld = true;
    const walkMayStart = new Promise<void>((resolve) => (releaseWalk = resolve));
    client.connection.onRequest('workspace/configuration', async (params: { items: Array<{ section?: string }> }) => {
      if (params.items.some((item) => item.section === 'files.exclude')) await walkMayStart;
      return params.items.map((item) => (item.section === 'daemonset' ? client.configuration : null));
    });
  });

  afterEach(async () => {
    releaseWalk();
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('publishes while the walk is held, then adds the discovered inventory\'s findings once it has settled', async () => {
    await client.initialize(pathToFileURL(folder).href);
    const agent = pathToFileURL(join(folder, 'agent.yaml')).href;
    await client.open(agent, AGENT, 1);
    const first = await client.diagnostics(agent, 1);
    assert.ok(walkHeld, 'published while the walk was held');
    assert.ok(!codes(first).includes('no-matching-nodes'), 'no inventory is known before the walk');
    walkHeld = false;
    releaseWalk();
    const settled = await client.waitForDiagnostics(agent, (list) => codes(list).includes('no-matching-nodes'));
    assert.match(String(settled.find((diagnostic) => diagnostic.code === 'no-matching-nodes')?.message), /cluster\.nodes\.yaml/);
  });

  it('does not wait for the walk when a setting names the inventory', async () => {
    client.configuration = { inventory: 'cluster.nodes.yaml' };
    await client.initialize(pathToFileURL(folder).href);
    const agent = pathToFileURL(join(folder, 'agent.yaml')).href;
    await client.open(agent, AGENT, 1);
    const first = await client.diagnostics(agent, 1);
    assert.ok(walkHeld, 'published while the walk was held');
    assert.ok(codes(first).includes('no-matching-nodes'), `the named inventory's finding is in the first publish: ${codes(first).join(', ')}`);
  });

  it('reads a kubectl dump of several MiB (it was skipped above 2 MiB)', async () => {
    const dump = nodeInventoryDump(400);
    assert.ok(dump.length > 3 * 1024 * 1024, `the dump is ${dump.length} bytes`);
    writeFileSync(join(folder, 'cluster.nodes.yaml'), dump);
    client.configuration = { inventory: 'cluster.nodes.yaml' };
    releaseWalk();
    await client.initialize(pathToFileURL(folder).href);
    const agent = pathToFileURL(join(folder, 'agent.yaml')).href;
    await client.open(agent, AGENT, 1);
    const diagnostics = await client.diagnostics(agent, 1);
    assert.match(String(diagnostics.find((diagnostic) => diagnostic.code === 'no-matching-nodes')?.message), /400 nodes/);
  });
});
