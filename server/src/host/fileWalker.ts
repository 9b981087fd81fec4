/**
 * The one folder walker of the language server's workspace index and the CLI:
 * breadth-first (so a bound keeps the shallow files), bounded in file count
 * and depth, skipping version-control folders and `node_modules` and, where
 * there is one, `files.exclude`. Symbolic links are followed inside the
 * root: a folder whose real path lies outside the root's, or was already
 * visited, is not entered, so a link loop ends and a link never leads out. Entries that cannot be read are reported, not thrown: the server
 * skips them, the CLI fails with exit 2.
 */
import { promises as fs, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { comparePaths } from '../model/inventoryFiles';

export const MAX_WALKED_FILES = 5_000;
/** Folder levels below the root that are read. */
export const MAX_WALK_DEPTH = 16;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface WalkOptions {
  /** Which files to list, by their '/'-separated path relative to the root. */
  include: (relativePath: string) => boolean;
  /** Left out, with everything below (e.g. `files.exclude`). */
  isExcluded?: (relativePath: string) => boolean;
  maxFiles?: number;
  maxDepth?: number;
}

export interface WalkResult {
  /** Absolute paths, in path order. */
  files: string[];
  /** Absolute paths of the folders read, the root first. */
  directories: string[];
  /** Entries that could not be read, with the reason (an errno code such as EACCES or ENOENT). */
  unreadable: Array<{ path: string; reason: string }>;
  /** Whether a bound stopped the walk early. */
  truncated: boolean;
}

function toRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

export async function walkFiles(root: string, options: WalkOptions): Promise<WalkResult> {
  const maxFiles = options.maxFiles ?? MAX_WALKED_FILES;
  const maxDepth = options.maxDepth ?? MAX_WALK_DEPTH;
  const result: WalkResult = { files: [], directories: [], unreadable: [], truncated: false };
  const visited = new Set<string>();
  let realRoot: string | undefined;
  const queue: Array<{ path: string; depth: number }> = [{ path: root, depth: 0 }];
  while (queue.length > 0) {
    const { path: dir, depth } = queue.shift() as { path: string; depth: number };
    let entries: Dirent[];
    try {
      const real = await fs.realpath(dir);
      realRoot ??= real;
      // A link back to a folder already read, or out of the root: not entered.
      if (visited.has(real) || (real !== realRoot && !real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep))) continue;
      visited.add(real);
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      result.unreadable.push({ path: dir, reason: reasonOf(error) });
      continue;
    }
    result.directories.push(dir);
    entries.sort((a, b) => comparePaths(a.name, b.name));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const rel = toRelative(root, full);
      if (ALWAYS_SKIPPED.has(entry.name) || options.isExcluded?.(rel)) continue;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.stat(full);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          result.unreadable.push({ path: full, reason: reasonOf(error) === 'ENOENT' ? 'broken symbolic link' : reasonOf(error) });
          continue;
        }
      }
      if (isDirectory) {
        if (depth + 1 > maxDepth) result.truncated = true;
        else queue.push({ path: full, depth: depth + 1 });
      } else if (isFile && options.include(rel)) {
        if (result.files.length >= maxFiles) {
          result.truncated = true;
          queue.length = 0;
          break;
        }
        result.files.push(full);
      }
    }
  }
  result.files.sort((a, b) => comparePaths(toRelative(root, a), toRelative(root, b)));
  return result;
}
