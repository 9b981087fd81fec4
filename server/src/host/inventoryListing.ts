/**
 * The node inventory's files on disk: lists what the setting (or the CLI's
 * `--inventory`) names, or takes the workspace listing for discovery, and lets
 * the model's resolver choose (server/src/model/inventoryFiles.ts). The
 * language server and the CLI both come through here.
 */
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { isInventoryFileName, normalizePath, resolveInventory, type InventoryResolution, type PathListing } from '../model/inventoryFiles';
import { walkFiles, type WalkResult } from './fileWalker';

export interface InventoryFiles {
  resolution: InventoryResolution;
  /** The chosen files as absolute paths, in reading order. */
  files: string[];
  /** Entries under the setting's folder that could not be read (absolute paths). */
  unreadable: WalkResult['unreadable'];
}

/** Listing paths are '/'-separated, relative to `base` or absolute; this turns one into a file system path. */
export function listedToPath(base: string, listed: string): string {
  return resolve(base, listed);
}

/** What the setting names: one file, a folder's inventory files (recursively), or nothing. */
async function listSettingTarget(base: string, setting: string): Promise<{ listing: PathListing; unreadable: WalkResult['unreadable'] }> {
  const target = normalizePath(setting.trim());
  const full = listedToPath(base, target);
  let stats;
  try {
    stats = await fs.stat(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const unreadable = code === 'ENOENT' || code === 'ENOTDIR' ? [] : [{ path: full, reason: code ?? String(error) }];
    return { listing: { files: [], directories: [] }, unreadable };
  }
  if (!stats.isDirectory()) return { listing: { files: [target], directories: [] }, unreadable: [] };
  const walk = await walkFiles(full, { include: isInventoryFileName });
  const prefix = target === '' ? '' : `${target}/`;
  const inTarget = (path: string) => {
    const rel = path.slice(full.length + 1).split(/[\\/]/).join('/');
    return rel === '' ? target : prefix + rel;
  };
  return {
    listing: { files: walk.files.map(inTarget), directories: [target, ...walk.directories.slice(1).map(inTarget)] },
    unreadable: walk.unreadable,
  };
}

/**
 * The inventory's files for a workspace folder (`base`): the setting's target
 * when `setting` is set, else discovery over `workspaceFiles` (paths relative
 * to `base`, e.g. from the walker).
 */
export async function findInventoryFiles(base: string, setting: string, workspaceFiles: readonly string[] = []): Promise<InventoryFiles> {
  const { listing, unreadable } = setting.trim()
    ? await listSettingTarget(base, setting)
    : { listing: { files: workspaceFiles, directories: [] }, unreadable: [] };
  const resolution = resolveInventory(setting, listing);
  const files = resolution.kind === 'found' ? resolution.files.map((file) => listedToPath(base, file)) : [];
  return { resolution, files, unreadable };
}
