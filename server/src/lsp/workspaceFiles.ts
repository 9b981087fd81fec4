/**
 * Finds and reads the workspace's YAML files for the index: every
 * `.yaml`/`.yml` file under the workspace folders, minus `files.exclude`,
 * `node_modules` and `.git`, bounded in count, depth and size so a huge
 * repository cannot stall the server (the walker is
 * server/src/host/fileWalker.ts). Reading yields between files; opening a
 * document never waits for it.
 */
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minimatch } from 'minimatch';
import { MAX_WALKED_FILES, walkFiles } from '../host/fileWalker';
import { isDiscoverableInventoryFile } from '../model/inventoryFiles';
import { isKustomizationFileName } from '../model/kustomization';

export const MAX_INDEXED_FILES = MAX_WALKED_FILES;
/**
 * The largest file the index reads. A GitOps repository may hold a chart or an overlay rendered
 * into one multi-document file of many MiB (CRDs, ConfigMaps) beside its DaemonSets: the index
 * parses only the documents whose kind line names a kind it keeps (indexWorkloads), so such a
 * file costs a read and a line scan. The bound keeps one read's memory (twice the file, as a
 * string) from growing without limit; 32 MiB is the Helm chart bound too (host/helmChart.ts).
 */
export const MAX_INDEXED_FILE_BYTES = 32 * 1024 * 1024;
/**
 * The largest inventory file read. `kubectl get nodes -o yaml` of 5,000 nodes is about 46 MB: the inventory
 * reader steps over what placement, status and cost do not need, and a file's result is kept while its text is
 * the same, so a dump of real size costs one read (about half a second). The bound keeps a stray file of many
 * hundred MB out of the server's memory.
 */
export const MAX_INVENTORY_FILE_BYTES = 256 * 1024 * 1024;
/** Lowers MAX_INVENTORY_FILE_BYTES for the language server (a test's seam: no 256 MiB file is written); never raises it. */
export const MAX_INVENTORY_FILE_BYTES_ENV = 'DAEMONSET_MAX_INVENTORY_FILE_BYTES';

/** The largest inventory file the language server reads: MAX_INVENTORY_FILE_BYTES, or less when the environment says so. */
export function maxInventoryFileBytes(env: Readonly<Record<string, string | undefined>>): number {
  const lowered = env[MAX_INVENTORY_FILE_BYTES_ENV]?.trim();
  return lowered && /^\d+$/.test(lowered) ? Math.min(Number(lowered), MAX_INVENTORY_FILE_BYTES) : MAX_INVENTORY_FILE_BYTES;
}
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

/** Whether the workspace index reads this file (YAML; JSON files are listed only for inventory discovery). */
export function isIndexedFile(path: string): boolean {
  return YAML_FILE.test(path);
}

/**
 * Lists what the server reads under a workspace folder: YAML files for the
 * index, the JSON files inventory discovery may pick, and Kustomize's
 * extensionless `Kustomization` files, through the shared
 * walker (bounded; `files.exclude`, `node_modules` and VCS folders left out).
 */
export async function listWorkspaceFiles(root: string, isExcluded: ExcludeMatcher, limit = MAX_INDEXED_FILES): Promise<string[]> {
  const walk = await walkFiles(root, {
    include: (path) => isIndexedFile(path) || isDiscoverableInventoryFile(path) || isKustomizationFileName(basename(path)),
    isExcluded,
    maxFiles: limit,
  });
  return walk.files;
}

/** The file's text for the index, or undefined when it is too large or unreadable. */
export async function readIndexableFile(path: string): Promise<string | undefined> {
  const read = await readFileUpTo(path, MAX_INDEXED_FILE_BYTES);
  return read && 'text' in read ? read.text : undefined;
}

/** A file's text; `tooLarge`, its size in bytes, when it is larger than the bound; undefined when it cannot be read. */
export type BoundedRead = { text: string } | { tooLarge: number } | undefined;

/** An inventory file's text, or its size when it is larger than `maxBytes` (the user is told: see lsp/inventory.ts). */
export function readInventoryFile(path: string, maxBytes = MAX_INVENTORY_FILE_BYTES): Promise<BoundedRead> {
  return readFileUpTo(path, maxBytes);
}

async function readFileUpTo(path: string, maxBytes: number): Promise<BoundedRead> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return undefined;
    if (stat.size > maxBytes) return { tooLarge: stat.size };
    return { text: await fs.readFile(path, 'utf8') };
  } catch {
    return undefined;
  }
}
