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
