/**
 * The worker thread that reads a live snapshot for the language server
 * (liveClusterInWorker.ts starts it; scripts/build.mjs bundles it as
 * dist/live-cluster-worker.js): it runs kubectl, parses and cuts its output
 * exactly as the direct read does (fetchLiveCluster), so the hundreds of MB
 * of a large cluster's JSON never reach the main thread, and hands the
 * snapshot over in transferable chunks (liveClusterTransfer.ts) — the nodes
 * as soon as they are read, while kubectl lists the pods — or the failure in
 * words. A cancel message stops the kubectl under way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fetchLiveCluster } from './liveCluster';
import { CANCEL_MESSAGE, SnapshotSender, type LiveWorkerRequest } from './liveClusterTransfer';

if (!parentPort) throw new Error('liveClusterWorker runs in a worker thread');
const sender = new SnapshotSender(parentPort);
const stop = new AbortController();
parentPort.on('message', (message: unknown) => {
  if (message === CANCEL_MESSAGE) stop.abort();
});

async function read(): Promise<void> {
  try {
    const snapshot = await fetchLiveCluster({ ...(workerData as LiveWorkerRequest), signal: stop.signal, onNodes: (nodes) => sender.sendList('nodes', nodes) });
    sender.sendSnapshot(snapshot);
  } catch (error) {
    sender.sendFailure(error);
  }
}
void read();
