/**
 * A copy of test/fixtures/inventoryWorkspace in a temporary folder, with a
 * symbolic link loop (`pools/nodes/sub/loop` → `..`) and a link out of the
 * workspace made there (links are not committed).
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './golden';

export const INVENTORY_WORKSPACE_FIXTURE = join(repoRoot, 'test', 'fixtures', 'inventoryWorkspace');

export interface TempWorkspace {
  root: string;
  dispose(): void;
}

export function copyInventoryWorkspace(options: { omit?: string[] } = {}): TempWorkspace {
  const parent = mkdtempSync(join(tmpdir(), 'daemonset-inventory-'));
  const root = join(parent, 'workspace');
  cpSync(INVENTORY_WORKSPACE_FIXTURE, root, { recursive: true });
  for (const path of options.omit ?? []) rmSync(join(root, path), { recursive: true, force: true });
  symlinkSync('..', join(root, 'pools', 'nodes', 'sub', 'loop'), 'dir');
  // A link leading out of the workspace, to a folder holding inventory files: never followed.
  cpSync(join(INVENTORY_WORKSPACE_FIXTURE, 'other'), join(parent, 'outside'), { recursive: true });
  symlinkSync(join(parent, 'outside'), join(root, 'pools', 'nodes', 'elsewhere'), 'dir');
  return { root, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}
