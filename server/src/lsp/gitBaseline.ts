/**
 * The committed text of a file (`git show HEAD:<file>`), for the
 * selector-changed rule, only when the client said the workspace is trusted
 * (git itself runs through host/git.ts: execFile, no shell). Results
 * are cached per file until it is saved or a short time has passed (a commit
 * or checkout changes HEAD without touching the file).
 */
import { gitShow } from '../host/git';
import { uriToPath } from './workspaceFiles';

const CACHE_MS = 10_000;

export interface Baseline {
  label: string;
  text: string;
}

export class GitBaselines {
  private readonly cache = new Map<string, { at: number; baseline: Promise<Baseline | undefined> }>();
  enabled = false;

  forDocument(uri: string): Promise<Baseline | undefined> {
    const path = uriToPath(uri);
    if (!this.enabled || !path) return Promise.resolve(undefined);
    const cached = this.cache.get(uri);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.baseline;
    const baseline = gitShow(path, 'HEAD').then((text) =>
      text === undefined ? undefined : { label: 'git HEAD', text },
    );
    this.cache.set(uri, { at: Date.now(), baseline });
    return baseline;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
