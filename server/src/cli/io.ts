/** Reading manifests and inventories from files and directories; every failure is a one-line CliError. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
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
}

function displayPath(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : path;
}

function readText(io: CliIo, path: string): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
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
  const file = displayPath(io, resolve(io.cwd, path));
  const result = loadDaemonSetsFromText(readText(io, path), file);
  failOnProblems(result.problems);
  if (result.daemonSets.length === 0) throw new CliError(`${file}: no DaemonSet found (expected kind: DaemonSet, apiVersion: apps/v1)`);
  return result.daemonSets;
}

const YAML_FILE = /\.(ya?ml|json)$/i;

/** Files under `dir` whose names match `pattern`, recursively, sorted by path; folders named in `skip` are left out. */
export function listFiles(dir: string, pattern: RegExp, skip: ReadonlySet<string> = new Set()): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (skip.has(entry)) continue;
    const full = join(dir, entry);
    const stats = statSync(full);
    if (stats.isDirectory()) files.push(...listFiles(full, pattern, skip));
    else if (pattern.test(entry)) files.push(full);
  }
  return files;
}

/**
 * A file, or every YAML file of a directory (recursively, sorted by path). Read for its nodes, its warnings
 * (a file from which no node could be read) go to stderr; read for its pods only (`rollout --pods`), they do not apply.
 */
export function readInventory(io: CliIo, path: string, readFor: 'nodes' | 'pods' = 'nodes'): InventoryLoadResult {
  const full = resolve(io.cwd, path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(full).isDirectory();
  } catch {
    throw new CliError(`${path}: cannot read: no such file or directory`);
  }
  const files = isDirectory ? listFiles(full, YAML_FILE) : [full];
  if (isDirectory && files.length === 0) throw new CliError(`${path}: no .yaml, .yml or .json files in the directory`);
  const result = mergeInventories(files.map((file) => loadInventoryFromText(readText(io, file), displayPath(io, file))));
  failOnProblems(result.problems);
  if (readFor === 'nodes') for (const problem of result.problems) io.stderr(`daemonset: ${formatLoadProblem(problem)}\n`);
  return result;
}
