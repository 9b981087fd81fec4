/**
 * Earlier versions of a manifest for the rollout stepper: the live DaemonSet
 * in the selected cluster with its pods (the language server's cached
 * snapshot, `daemonset/liveBaseline`; trusted workspaces only), the file as
 * saved (when the editor has unsaved changes) and the version at git HEAD
 * (trusted workspaces only: it runs git). Read lazily and cached until the
 * file is saved again, so typing never spawns a process.
 */
import { execFile } from 'node:child_process';
import { dirname, basename } from 'node:path';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LIVE_BASELINE_REQUEST, type LiveBaselineParams, type LiveBaselineResult } from '../../server/src/protocol/liveRequest';
import type { Baseline } from './webview/protocol';

/** The live DaemonSet and pods of a manifest's namespaces, when a cluster is selected and read. */
export type LiveBaselineSource = (document: vscode.TextDocument) => Promise<Baseline | undefined>;

export function serverLiveBaselineSource(client: BaseLanguageClient): LiveBaselineSource {
  return async (document) => {
    const params: LiveBaselineParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
    const answer = await client.sendRequest<LiveBaselineResult>(LIVE_BASELINE_REQUEST, params);
    return answer ?? undefined;
  };
}

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
  /** Set once the language client runs (extension.ts): every panel asks the same server. */
  static live: LiveBaselineSource | undefined;
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
    if (vscode.workspace.isTrusted && BaselineCache.live) {
      // The server's cached snapshot: what kubectl apply would roll from, so first.
      const live = await BaselineCache.live(document).catch(() => undefined);
      if (live) result.push(live);
    }
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
