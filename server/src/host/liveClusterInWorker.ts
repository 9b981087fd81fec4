/**
 * The language server's live snapshot, read off its main thread: a worker
 * thread (liveClusterWorker.ts) runs kubectl and parses its output, hundreds
 * of MB for a large cluster, then hands over the snapshot in chunks the main
 * thread deserializes one per turn of its event loop (liveClusterTransfer.ts),
 * so edits and completions never wait for more than a chunk. The result, and
 * every failure, is what fetchLiveCluster gives: the same snapshot, the same
 * KubectlError; a worker that cannot start, crashes or exits becomes a
 * KubectlError saying so, never an exception in the server. The CLI reads
 * directly (fetchLiveCluster): it has nothing to answer meanwhile, and the
 * hand-over would only add to its wait.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { KubectlError } from './kubectl';
import type { LiveClusterOptions, LiveClusterSnapshot } from './liveCluster';
import { CANCEL_MESSAGE, decodeFailure, SnapshotReceiver, type LiveWorkerRequest, type WorkerMessage } from './liveClusterTransfer';

/** The worker's bundle, beside dist/server.js (scripts/build.mjs). */
export const LIVE_WORKER_BUNDLE = 'live-cluster-worker.js';

/** A worker running the bundled script, or, from sources (tests under tsx), the TypeScript entry through tsx's register hook. */
function startWorker(workerData: LiveWorkerRequest, script: string | undefined): Worker {
  if (script !== undefined) return new Worker(script, { workerData });
  if (!__filename.endsWith('.ts')) return new Worker(join(__dirname, LIVE_WORKER_BUNDLE), { workerData });
  const entry = join(__dirname, 'liveClusterWorker.ts');
  const source = `require(require.resolve('tsx/cjs/api', { paths: [${JSON.stringify(__dirname)}] })).register(); require(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true, workerData });
}

function readerFailure(what: string): KubectlError {
  return new KubectlError('failed', `The live snapshot's reader ${what}`);
}

export interface LiveWorkerOptions extends Omit<LiveClusterOptions, 'onNodes'> {
  /** Another worker script (tests: one that fails); default: the bundled or source worker. */
  workerScript?: string;
}

/** fetchLiveCluster's snapshot, read in a worker thread; `now`, when given, dates it as it arrives. */
export function readLiveClusterInWorker(options: LiveWorkerOptions): Promise<LiveClusterSnapshot> {
  const { signal, now, workerScript, ...request } = options;
  if (signal?.aborted) return Promise.reject(new KubectlError('failed', 'cancelled'));
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startWorker(request, workerScript);
    } catch (error) {
      reject(readerFailure(`could not start: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    let settled = false;
    const settle = (outcome: () => void): void => {
      signal?.removeEventListener('abort', cancel);
      receiver.end();
      if (settled) return;
      settled = true;
      outcome();
    };
    const receiver = new SnapshotReceiver(
      (snapshot) => {
        settle(() => resolve(now ? { ...snapshot, fetchedAtMs: now() } : snapshot));
      },
      (error) => settle(() => reject(error)),
    );
    // The worker stops its kubectl and answers `cancelled`; the caller does not wait for it.
    function cancel(): void {
      worker.postMessage(CANCEL_MESSAGE);
      worker.unref();
      settle(() => reject(new KubectlError('failed', 'cancelled')));
    }
    signal?.addEventListener('abort', cancel, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'failed') {
        void worker.terminate();
        settle(() => reject(decodeFailure(message.error)));
        return;
      }
      // The head is the worker's last message: it has done its work.
      if (message.kind === 'snapshot') void worker.terminate();
      receiver.receive(message);
    });
    worker.on('messageerror', (error) => {
      void worker.terminate();
      settle(() => reject(readerFailure(`sent a snapshot that cannot be read: ${error.message}`)));
    });
    worker.on('error', (error) => settle(() => reject(readerFailure(`failed: ${error.message}`))));
    // Terminated after its head, the worker exits while its chunks are still being read: only an exit before the head is a failure.
    worker.on('exit', (code) => {
      if (!receiver.complete) settle(() => reject(readerFailure(`stopped (exit code ${code})`)));
    });
  });
}
