/**
 * Earlier versions of a manifest for the rollout stepper: the file as saved
 * (when the editor has unsaved changes) and the version at git HEAD (trusted
 * workspaces only: it runs git). Read lazily and cached until the file is
 * saved again, so typing never spawns a process.
 */
import { execFile } from 'node:child_process';
import { dirname, basename } from 'node:path';
import * as vscode from 'vscode';
import type { Baseline } from './webview/protocol';

const GIT_TIMEOUT_MS = 5_000;
const MAX_BUFFER = 16 * 1024 * 1024;

/** `git show HEAD:./<file>` in the file's folder; undefined when not in git, not committed, or git is missing. */
function gitHeadText(fsPath: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['show', `HEAD:./${basename(fsPath)}`],
      { cwd: dirname(fsPath), timeout: GIT_TIMEOUT_MS, maxBuffer: MAX_BUFFER, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}

export class BaselineCache {
  private readonly saved = new Map<string, Promise<string | undefined>>();
  private readonly head = new Map<string, Promise<string | undefined>>();

  /** Forget a file's versions (after a save, a checkout or a commit changed them). */
  invalidate(uri: vscode.Uri): void {
    this.saved.delete(uri.toString());
    this.head.delete(uri.toString());
  }

  async baselines(document: vscode.TextDocument): Promise<Baseline[]> {
    const key = document.uri.toString();
    const result: Baseline[] = [];
    if (document.isDirty && !document.isUntitled) {
      if (!this.saved.has(key)) {
        this.saved.set(
          key,
          Promise.resolve(vscode.workspace.fs.readFile(document.uri)).then(
            (bytes) => new TextDecoder().decode(bytes),
            () => undefined,
          ),
        );
      }
      const text = await this.saved.get(key);
      if (text !== undefined) result.push({ label: 'the saved file', text });
    }
    if (document.uri.scheme === 'file' && vscode.workspace.isTrusted) {
      if (!this.head.has(key)) this.head.set(key, gitHeadText(document.uri.fsPath));
      const text = await this.head.get(key);
      if (text !== undefined) result.push({ label: 'git HEAD', text });
    }
    return result;
  }
}
