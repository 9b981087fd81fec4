/** Reading manifests and inventories from files and directories; every failure is a one-line CliError. */
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { walkFiles } from '../host/fileWalker';
import { findInventoryFiles } from '../host/inventoryListing';
import { readTextFileSync } from '../host/textFile';
import { loadDaemonSetsFromText } from '../model/daemonSet';
import { loadInventoryFromText, mergeInventories, type InventoryLoadResult } from '../model/inventory';
import type { DaemonSet } from '../model/kubeTypes';
import { plural } from '../model/plural';
import { formatLoadProblem, isLoadError, type LoadProblem } from '../model/objectReader';
import { CliError } from './args';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  now: () => number;
  /** The environment programs run in (kubectl for import); default: this process's. */
  env?: NodeJS.ProcessEnv;
}

/** A path as the user knows it: relative to the working directory when inside it, with forward slashes. */
export function displayPath(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : path;
}

function readText(io: CliIo, path: string): string {
  try {
    return readTextFileSync(resolve(io.cwd, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? String(error);
    throw new CliError(`${path}: cannot read: ${why}`);
  }
}

/** Exits 2 on the first error; warnings are not the caller's to judge here (see readInventory). */
export function failOnProblems(all: readonly LoadProblem[]): void {
  const problems = all.filter(isLoadError);
  if (problems.length === 0) return;
  const more = problems.length > 1 ? ` (and ${plural(problems.length - 1, 'more problem')})` : '';
  throw new CliError(formatLoadProblem(problems[0]) + more);
}

export function readDaemonSets(io: CliIo, path: string): DaemonSet[] {
  return readDaemonSetManifest(io, path).daemonSets;
}

/** The manifest's DaemonSets, with its text and the path as shown to the user. */
export function readDaemonSetManifest(io: CliIo, path: string): { daemonSets: DaemonSet[]; text: string; file: string } {
  return daemonSetsOfText(readText(io, path), displayPath(io, resolve(io.cwd, path)));
}

/** The DaemonSets of a manifest text (a file's, or a chart's rendered output), named `file` in messages. */
export function daemonSetsOfText(text: string, file: string): { daemonSets: DaemonSet[]; text: string; file: string } {
  const result = loadDaemonSetsFromText(text, file);
  failOnProblems(result.problems);
  if (result.daemonSets.length === 0) throw new CliError(`${file}: no DaemonSet found (expected kind: DaemonSet, apiVersion: apps/v1)`);
  return { daemonSets: result.daemonSets, text, file };
}

/** A `walkFiles` result, or a CliError naming the first entry that could not be read. */
export function failOnUnreadable(io: CliIo, unreadable: ReadonlyArray<{ path: string; reason: string }>): void {
  if (unreadable.length === 0) return;
  const more = unreadable.length > 1 ? ` (and ${unreadable.length - 1} more)` : '';
  throw new CliError(`${displayPath(io, unreadable[0].path)}: cannot read: ${unreadable[0].reason}${more}`);
}

/**
 * The inventory named by `--inventory`: a file, or every .yaml/.yml/.json file of a folder (recursively, in path
 * order). Read for its nodes, its warnings (a file from which no node could be read) go to stderr; read for its pods
 * only (`rollout --pods`), they do not apply.
 */
export async function readInventory(io: CliIo, path: string, readFor: 'nodes' | 'pods' = 'nodes'): Promise<InventoryLoadResult> {
  const found = await findInventoryFiles(io.cwd, path);
  failOnUnreadable(io, found.unreadable);
  if (found.resolution.kind === 'invalid') throw new CliError(found.resolution.message);
  const result = mergeInventories(found.files.map((file) => loadInventoryFromText(readText(io, file), displayPath(io, file))));
  failOnProblems(result.problems);
  if (readFor === 'nodes') for (const problem of result.problems) io.stderr(`daemonset: ${formatLoadProblem(problem)}\n`);
  return result;
}

const MANIFEST_FILE = /\.ya?ml$/i;

/** The files named on the command line, folders searched (recursively) for .yaml/.yml files; each file once. */
export async function collectManifestFiles(io: CliIo, inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const full = resolve(io.cwd, input);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      throw new CliError(`${input}: cannot read: no such file or directory`);
    }
    if (stats.isDirectory()) {
      const walk = await walkFiles(full, { include: (path) => MANIFEST_FILE.test(path) });
      failOnUnreadable(io, walk.unreadable);
      files.push(...walk.files);
    } else {
      files.push(full);
    }
  }
  return [...new Set(files)];
}
