/** The preview asks the built server which files form a manifest's inventory (`daemonset/inventory`). */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { INVENTORY_REQUEST, type InventoryRequestResult } from '../../server/src/protocol/inventoryRequest';
import { copyInventoryWorkspace, type TempWorkspace } from '../support/inventoryWorkspace';
import { LspTestClient } from './support/lspClient';

describe('daemonset/inventory', () => {
  let client: LspTestClient;
  let workspace: TempWorkspace;
  let manifest: string;
  const ask = (uri: string) => client.connection.sendRequest(INVENTORY_REQUEST, { uri }) as Promise<InventoryRequestResult>;
  const file = (path: string) => pathToFileURL(join(workspace.root, path)).href;

  before(async () => {
    workspace = copyInventoryWorkspace();
    manifest = pathToFileURL(join(workspace.root, 'deploy', 'agent.yaml')).href;
    client = LspTestClient.start();
    await client.initialize(pathToFileURL(workspace.root).href);
  });

  after(async () => {
    await client.stop();
    workspace.dispose();
  });

  it('answers the discovered file: the first *.nodes file in path order, JSON included', async () => {
    client.configuration = null;
    assert.deepEqual(await ask(manifest), { label: 'clusters/a/edge.nodes.json', files: [file('clusters/a/edge.nodes.json')] });
  });

  it('answers a folder setting with its files, recursively, in path order, through a link loop', async () => {
    client.configuration = { inventory: 'pools/nodes' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await ask(manifest), {
      label: 'pools/nodes',
      files: [file('pools/nodes/pool-a.yaml'), file('pools/nodes/sub/pool-b.json'), file('pools/nodes/sub/pool-c.yml')],
    });
  });

  it('answers an error for a setting that names nothing', async () => {
    client.configuration = { inventory: 'missing.yaml' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await ask(manifest), { label: 'missing.yaml', error: 'missing.yaml: cannot read: no such file or folder' });
  });
});
