/**
 * The editor's live snapshots: per kube context (the `daemonset.kubeContext`
 * setting) and set of namespaces, what host/liveCluster.ts read with kubectl,
 * only in trusted workspaces. A lookup never waits for the network: it
 * answers what is cached and starts a fetch in the background when there is
 * none, it is older than STALE_MS or a refresh was asked; when a fetch ends,
 * `onSettled` lets the server validate again and refresh the lenses. The read
 * runs in a worker thread (host/liveClusterInWorker.ts): parsing a large
 * cluster's JSON never holds up an edit.
 */
import type { LiveClusterOptions, LiveClusterSnapshot } from '../host/liveCluster';
import { readLiveClusterInWorker } from '../host/liveClusterInWorker';
import type { LiveStatus } from '../service/types';

/** A snapshot older than this is read again on the next lookup (the old one is used meanwhile). */
export const STALE_MS = 5 * 60_000;

interface Entry {
  snapshot?: LiveClusterSnapshot;
  error?: string;
  /** When the last fetch started. */
  startedAtMs: number;
  fetching?: Promise<void>;
  context: string;
  namespaces: readonly string[];
}

export type LiveReader = (options: LiveClusterOptions) => Promise<LiveClusterSnapshot>;

export class LiveClusters {
  /** Off until the client says the workspace is trusted: kubectl is never run otherwise. */
  enabled = false;
  private readonly entries = new Map<string, Entry>();
  /** Stops every kubectl under way at shutdown, so none outlives the server. */
  private readonly stop = new AbortController();

  constructor(
    private readonly onSettled: () => void,
    private readonly readCluster: LiveReader = readLiveClusterInWorker,
    private readonly now: () => number = Date.now,
  ) {}

  /** Where the comparison stands for a document, at once; undefined without a context, DaemonSets or trust. */
  status(context: string, namespaces: readonly string[]): LiveStatus | undefined {
    if (!this.enabled || this.stop.signal.aborted || context === '' || namespaces.length === 0) return undefined;
    const key = JSON.stringify([context, namespaces]);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { context, namespaces, startedAtMs: -Infinity };
      this.entries.set(key, entry);
    }
    if (!entry.fetching && this.now() - entry.startedAtMs >= STALE_MS) this.start(entry);
    return { context, cluster: entry.snapshot, fetching: entry.fetching !== undefined, error: entry.error, nowMs: this.now() };
  }

  /** The cached snapshot, without starting a fetch; undefined when none (yet). */
  snapshot(context: string, namespaces: readonly string[]): LiveClusterSnapshot | undefined {
    if (!this.enabled || context === '') return undefined;
    return this.entries.get(JSON.stringify([context, namespaces]))?.snapshot;
  }

  /** Reads every cluster looked up so far again. */
  refresh(): void {
    if (!this.enabled || this.stop.signal.aborted) return;
    for (const entry of this.entries.values()) if (!entry.fetching) this.start(entry);
  }

  /** Stops the reads under way and starts none after. */
  dispose(): void {
    this.stop.abort();
  }

  /** Whether a fetch is under way (for tests and shutdown). */
  get busy(): boolean {
    return [...this.entries.values()].some((entry) => entry.fetching !== undefined);
  }

  private start(entry: Entry): void {
    entry.startedAtMs = this.now();
    entry.fetching = this.readCluster({ target: { context: entry.context }, namespaces: entry.namespaces, signal: this.stop.signal })
      .then(
        (snapshot) => {
          entry.snapshot = snapshot;
          entry.error = undefined;
        },
        (error: unknown) => {
          // A snapshot that cannot be confirmed is not compared with: the lens says why.
          entry.snapshot = undefined;
          entry.error = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        entry.fetching = undefined;
        this.onSettled();
      });
  }
}
