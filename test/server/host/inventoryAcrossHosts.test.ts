/**
 * The language server (diagnostics, code lens, and the `daemonset/inventory`
 * answer the preview reads) and the CLI take the same inventory files for the
 * same workspace. test/protocol/inventory.test.ts asks the built server.
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import type { CliIo } from '../../../server/src/cli/io';
import { InventoryProvider } from '../../../server/src/lsp/inventory';
import { excludeMatcher, listWorkspaceFiles } from '../../../server/src/lsp/workspaceFiles';
import { copyInventoryWorkspace } from '../../support/inventoryWorkspace';

async function serverInventory(root: string, setting: string): Promise<{ files: string[]; nodes: string[] }> {
  const provider = new InventoryProvider(() => [root]);
  provider.setWorkspaceListing(root, listWorkspaceFiles(root, excludeMatcher(undefined)));
  const document = pathToFileURL(join(root, 'deploy', 'agent.yaml')).href;
  const found = await provider.filesForDocument(document, setting);
  const inventory = await provider.forDocument(document, setting);
  return {
    files: found.files.map((file) => relative(root, file).split(sep).join('/')),
    nodes: inventory?.nodes.map((node) => node.metadata.name) ?? [],
  };
}

async function cli(root: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: root, now: () => 0 };
  return { code: await runCli(argv, io), stdout, stderr };
}

async function cliNodes(root: string, inventory: string): Promise<string[]> {
  const { code, stdout, stderr } = await cli(root, ['preview', 'deploy/agent.yaml', '--inventory', inventory, '--format', 'json']);
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout).daemonSets[0].nodes.map((node: { name: string }) => node.name);
}

describe('inventory resolution is the same in the server and the CLI', () => {
  it('no setting: the first *.nodes file in path order, JSON included', async () => {
    const workspace = copyInventoryWorkspace();
    try {
      const server = await serverInventory(workspace.root, '');
      assert.deepEqual(server, { files: ['clusters/a/edge.nodes.json'], nodes: ['edge-1'] });
      assert.deepEqual(await cliNodes(workspace.root, server.files[0]), server.nodes);
    } finally {
      workspace.dispose();
    }
  });

  it('a folder setting: every YAML and JSON file in it, recursively, in path order, through a link loop', async () => {
    const workspace = copyInventoryWorkspace();
    try {
      const server = await serverInventory(workspace.root, 'pools/nodes');
      assert.deepEqual(server, {
        files: ['pools/nodes/pool-a.yaml', 'pools/nodes/sub/pool-b.json', 'pools/nodes/sub/pool-c.yml'],
        nodes: ['pool-a-1', 'pool-b-1', 'pool-c-1'],
      });
      assert.deepEqual(await cliNodes(workspace.root, 'pools/nodes'), server.nodes);
    } finally {
      workspace.dispose();
    }
  });

  it('no setting and no *.nodes file: the first nodes/ folder in path order', async () => {
    const workspace = copyInventoryWorkspace({ omit: ['clusters'] });
    try {
      const server = await serverInventory(workspace.root, '');
      assert.deepEqual(server, { files: ['other/nodes/other.yaml'], nodes: ['other-1'] });
      assert.deepEqual(await cliNodes(workspace.root, 'other/nodes'), server.nodes);
    } finally {
      workspace.dispose();
    }
  });

  it('the CLI exits 2 naming an unreadable entry of an inventory folder', async () => {
    const workspace = copyInventoryWorkspace();
    try {
      symlinkSync(join(workspace.root, 'gone'), join(workspace.root, 'pools', 'nodes', 'dangling.yaml'));
      const { code, stderr } = await cli(workspace.root, ['preview', 'deploy/agent.yaml', '--inventory', 'pools/nodes']);
      assert.equal(code, 2);
      assert.equal(stderr, 'daemonset: pools/nodes/dangling.yaml: cannot read: broken symbolic link\n');
      // The server leaves the entry out and reads the rest.
      assert.deepEqual((await serverInventory(workspace.root, 'pools/nodes')).nodes, ['pool-a-1', 'pool-b-1', 'pool-c-1']);
    } finally {
      workspace.dispose();
    }
  });

  it('the CLI exits 2 for an empty or missing inventory', async () => {
    const workspace = copyInventoryWorkspace();
    try {
      const missing = await cli(workspace.root, ['preview', 'deploy/agent.yaml', '--inventory', 'gone']);
      assert.deepEqual([missing.code, missing.stderr], [2, 'daemonset: gone: cannot read: no such file or folder\n']);
      mkdirSync(join(workspace.root, 'empty'));
      const empty = await cli(workspace.root, ['preview', 'deploy/agent.yaml', '--inventory', './empty/']);
      assert.deepEqual([empty.code, empty.stderr], [2, 'daemonset: ./empty/: no .yaml, .yml or .json files in the folder\n']);
    } finally {
      workspace.dispose();
    }
  });
});
