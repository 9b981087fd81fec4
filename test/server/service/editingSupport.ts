/** Shared setup of the editing-feature tests: the example inventories and fixture documents. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import type { InventoryLike } from '../../../server/src/service/types';
import { readFixture, repoRoot } from '../../support/golden';
import { textDocument } from '../../support/textDocument';

export function exampleInventory(name = 'kind-cluster'): InventoryLike {
  const file = `${name}.nodes.yaml`;
  const text = readFileSync(join(repoRoot, 'examples', 'nodes', file), 'utf8');
  return { label: file, nodes: loadInventoryFromText(text, file).nodes };
}

export function fixtureDocument(relativePath: string) {
  const text = readFixture(relativePath);
  return { text, document: textDocument(text, `file:///fixtures/${relativePath}`) };
}
