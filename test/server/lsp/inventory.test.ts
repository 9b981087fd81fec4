import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { InventoryProvider } from '../../../server/src/lsp/inventory';
import { repoRoot } from '../../support/golden';

describe('InventoryProvider', () => {
  it('reads a file again only when its text changed, however often the inventory is invalidated', async () => {
    const root = mkdtempSync(join(tmpdir(), 'inventory-cache-'));
    try {
      const nodes = join(root, 'cluster.nodes.yaml');
      const text = readFileSync(join(repoRoot, 'examples', 'nodes', 'mixed-pool.nodes.yaml'), 'utf8');
      writeFileSync(nodes, text);
      const document = pathToFileURL(join(root, 'ds.yaml')).href;
      const provider = new InventoryProvider(() => [root]);
      provider.setWorkspaceListing(root, Promise.resolve([nodes]));
      const first = await provider.forDocument(document, '');
      assert.ok(first && first.nodes.length > 0);

      provider.clear(); // a settings change
      assert.ok(provider.invalidate(pathToFileURL(nodes).href) === false);
      const again = await provider.forDocument(document, '');
      assert.equal(again?.nodes[0], first.nodes[0], 'the same text is not read again');

      writeFileSync(nodes, text.replace(/^(\s+name: )(\S+)/m, '$1renamed-node'));
      provider.invalidate(pathToFileURL(nodes).href);
      const changed = await provider.forDocument(document, '');
      assert.notEqual(changed?.nodes[0], first.nodes[0], 'a changed text is read');
      assert.ok(changed?.nodes.some((node) => node.metadata.name === 'renamed-node'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
