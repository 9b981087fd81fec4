/**
 * The worker thread that reads a live snapshot for the language server
 * (liveClusterInWorker.ts starts it; scripts/build.mjs bundles it as
 * dist/live-cluster-worker.js): it runs kubectl, parses and cuts its output
 * exactly as the direct read does (fetchLiveCluster), so the hundreds of MB
 * of a large cluster's JSON never reach the main thread, and answers once,
 * with the snapshot in transferable chunks or the failure in words
 * (liveClusterTransfer.ts). A cancel message stops the kubectl under way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fetchLiveCluster } from './liveCluster';
import { CANCEL_MESSAGE, encodeFailure, encodeSnapshot, type LiveWorkerRequest } from './liveClusterTransfer';

const port = parentPort;
if (!port) throw new Error('liveClusterWorker runs in a worker thread');
const stop = new AbortController();
port.on('message', (message: unknown) => {
  if (message === CANCEL_MESSAGE) stop.abort();
});
async function answer(): Promise<void> {
  try {
    const { answer, transfer } = encodeSnapshot(await fetchLiveCluster({ ...(workerData as LiveWorkerRequest), signal: stop.signal }));
    port?.postMessage(answer, transfer);
  } catch (error) {
    port?.postMessage(encodeFailure(error));
  }
}
void answer();
