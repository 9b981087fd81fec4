/**
 * Reading a file's committed text with git, for the selector-changed rule in
 * the language server and in `daemonset lint --base`. git runs through
 * execFile, never a shell, with a timeout and a bounded output.
 */
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';

const TIMEOUT_MS = 3_000;
const MAX_BUFFER = 16 * 1024 * 1024;

/** The file's text at `ref` (e.g. HEAD), or undefined when git, the repository or the file is missing. */
export function gitShow(path: string, ref: string): Promise<string | undefined> {
  // `<ref>:./<file>` is one argument; a ref starting with '-' would make it an option.
  if (ref.startsWith('-')) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', dirname(path), 'show', `${ref}:./${basename(path)}`],
      { timeout: TIMEOUT_MS, maxBuffer: MAX_BUFFER, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}

function git(dir: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, ...args], { timeout: TIMEOUT_MS, maxBuffer: MAX_BUFFER, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

/** The top folder of the repository `dir` is in, or undefined outside one (or without git). */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  const top = await git(dir, ['rev-parse', '--show-toplevel']);
  return top === undefined ? undefined : top.replace(/\r?\n$/, '');
}

/**
 * The files under `dir` whose working-tree text differs from `ref` (changed, added, deleted, or untracked and
 * not ignored), as paths relative to `dir` with '/'; undefined outside a repository.
 */
export async function gitChangedFiles(dir: string, ref: string): Promise<string[] | undefined> {
  if (ref.startsWith('-')) return undefined;
  const tracked = await git(dir, ['diff', '--name-only', '--relative', '-z', ref, '--', '.']);
  const untracked = await git(dir, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
  if (tracked === undefined || untracked === undefined) return undefined;
  return [...tracked.split('\0'), ...untracked.split('\0')].filter(Boolean);
}
