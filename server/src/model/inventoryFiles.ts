/**
 * Which files form the node inventory: the one rule set the preview (through
 * the server's `daemonset/inventory` request), the diagnostics and the CLI
 * share. Pure: the hosts list the workspace (server/src/host/fileWalker.ts)
 * and read the files; this module only chooses.
 *
 * 1. The `daemonset.inventory` setting (the CLI's `--inventory`): a file is
 *    the inventory whatever its name; a folder contributes every `.yaml`,
 *    `.yml` and `.json` file in it, recursively (as deep as the walker goes).
 * 2. Else the first `*.nodes.yaml` / `*.nodes.yml` / `*.nodes.json` file of
 *    the workspace.
 * 3. Else the first folder named `nodes` holding such files, read as in 1.
 *
 * "First" and the order of a folder's files are path order: segment by
 * segment, by UTF-16 code unit (locale-independent, so every host agrees, and
 * a folder's files stay together).
 */

/** A listing of the workspace (or of the setting's target): '/'-separated paths, relative or absolute as the setting is. */
export interface PathListing {
  files: readonly string[];
  /** Folders that exist, so an empty folder is told from a missing one. */
  directories: readonly string[];
}

export type InventoryResolution =
  /** No setting and nothing to discover. */
  | { kind: 'none' }
  /** `files` are listing paths, in the order their nodes are read. */
  | { kind: 'found'; label: string; target: string; isDirectory: boolean; files: string[] }
  /** The setting names something that cannot be the inventory; `message` says why. */
  | { kind: 'invalid'; label: string; target: string; message: string };

const INVENTORY_EXTENSION = /\.(ya?ml|json)$/i;
const DISCOVERED_FILE = /(^|\/)[^/]+\.nodes\.(ya?ml|json)$/i;
const NODES_FOLDER = 'nodes';

/** A file a folder inventory reads: `.yaml`, `.yml` or `.json`. */
export function isInventoryFileName(path: string): boolean {
  return INVENTORY_EXTENSION.test(path);
}

/** Whether discovery (rules 2 and 3) may pick this workspace file: a walker lists at least these. */
export function isDiscoverableInventoryFile(path: string): boolean {
  return DISCOVERED_FILE.test(path) || (isInventoryFileName(path) && normalizePath(path).split('/').slice(0, -1).includes(NODES_FOLDER));
}

/** Path order: segment by segment, by code unit. */
export function comparePaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}

/** `./a//b/` → `a/b`, `a/../b` → `b`, backslashes as slashes; a leading `/` or `..` is kept. */
export function normalizePath(path: string): string {
  const absolute = /^([a-z]:)?[\\/]/i.test(path);
  const out: string[] = [];
  for (const segment of path.split(/[\\/]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (segment !== '..' || !absolute) out.push(segment);
  }
  const joined = out.join('/');
  return absolute && !/^[a-z]:/i.test(joined) ? `/${joined}` : joined;
}

function filesUnder(folder: string, files: readonly string[]): string[] {
  const prefix = folder === '' ? '' : `${folder}/`;
  return files.filter((file) => file.startsWith(prefix) && isInventoryFileName(file)).sort(comparePaths);
}

/** Which files form the inventory, by the rules above; `setting` is the raw setting value ('' for none). */
export function resolveInventory(setting: string, listing: PathListing): InventoryResolution {
  const files = listing.files.map(normalizePath);
  const configured = setting.trim();
  if (configured) {
    const target = normalizePath(configured);
    if (files.includes(target)) return { kind: 'found', label: configured, target, isDirectory: false, files: [target] };
    if (target === '' || listing.directories.some((dir) => normalizePath(dir) === target)) {
      const inFolder = filesUnder(target, files);
      if (inFolder.length === 0) {
        return { kind: 'invalid', label: configured, target, message: `${configured}: no .yaml, .yml or .json files in the folder` };
      }
      return { kind: 'found', label: configured, target, isDirectory: true, files: inFolder };
    }
    return { kind: 'invalid', label: configured, target, message: `${configured}: cannot read: no such file or folder` };
  }
  const sorted = [...files].sort(comparePaths);
  const named = sorted.find((file) => DISCOVERED_FILE.test(file));
  if (named) return { kind: 'found', label: named, target: named, isDirectory: false, files: [named] };
  for (const file of sorted) {
    if (!isInventoryFileName(file)) continue;
    const segments = file.split('/');
    const at = segments.indexOf(NODES_FOLDER);
    if (at < 0 || at === segments.length - 1) continue;
    // Sorted by path, the first file under any `nodes` folder lies in the first such folder.
    const folder = segments.slice(0, at + 1).join('/');
    return { kind: 'found', label: `${folder}/`, target: folder, isDirectory: true, files: filesUnder(folder, sorted) };
  }
  return { kind: 'none' };
}
