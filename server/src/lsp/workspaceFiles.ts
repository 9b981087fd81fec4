/**
 * Finds and reads the workspace's YAML files for the index: every
 * `.yaml`/`.yml` file under the workspace folders, minus `files.exclude`,
 * `node_modules` and `.git`, bounded in count and size so a huge repository
 * cannot stall the server. Reading yields between files; opening a document
 * never waits for it.
 */
import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minimatch } from 'minimatch';

export const MAX_INDEXED_FILES = 5_000;
export const MAX_INDEXED_FILE_BYTES = 2 * 1024 * 1024;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const YAML_FILE = /\.ya?ml$/i;

export interface ExcludeMatcher {
  (relativePath: string): boolean;
}

/** `files.exclude` (`{ "**\/dist": true }`) as a predicate over workspace-relative paths. */
export function excludeMatcher(filesExclude: unknown): ExcludeMatcher {
  const patterns =
    filesExclude && typeof filesExclude === 'object'
      ? Object.entries(filesExclude as Record<string, unknown>)
          .filter(([, enabled]) => enabled === true)
          .map(([pattern]) => pattern)
      : [];
  return (path) => patterns.some((pattern) => minimatch(path, pattern, { dot: true }));
}

export function uriToPath(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Lists YAML files under a folder, breadth-first, up to `limit`. */
export async function findYamlFiles(root: string, isExcluded: ExcludeMatcher, limit = MAX_INDEXED_FILES): Promise<string[]> {
  const found: string[] = [];
  const queue = [root];
  while (queue.length > 0 && found.length < limit) {
    const dir = queue.shift() as string;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: skip it
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      if (ALWAYS_SKIPPED.has(entry.name) || isExcluded(rel)) continue;
      if (entry.isDirectory()) queue.push(full);
      else if (entry.isFile() && YAML_FILE.test(entry.name)) {
        found.push(full);
        if (found.length >= limit) break;
      }
    }
  }
  return found;
}

/** The file's text, or undefined when it is too large or unreadable. */
export async function readIndexableFile(path: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile() || stat.size > MAX_INDEXED_FILE_BYTES) return undefined;
    return await fs.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
