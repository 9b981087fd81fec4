/**
 * How a live snapshot read in the worker (liveClusterWorker.ts) reaches the
 * language server's main thread (liveClusterInWorker.ts) without stalling it.
 * A snapshot of a large cluster holds tens of thousands of pod objects:
 * structured-cloned in one message, the main thread would spend some 300 ms
 * deserializing them in one go before it could answer an edit. So the worker
 * serializes the nodes and pods in chunks of CHUNK_ITEMS (v8.serialize, the
 * structured clone's own format: `undefined` fields and all) and the pods'
 * text on its own, and transfers those buffers (no copy); the main thread
 * deserializes one chunk per turn of its event loop, answering requests and
 * firing timers in between. A failure travels as its kind and words, and is
 * rebuilt as the same error the direct read throws.
 */
import { deserialize, serialize } from 'node:v8';
import { KubectlError } from './kubectl';
import type { LiveClusterOptions, LiveClusterSnapshot } from './liveCluster';

/** What the main thread hands the worker (its workerData): the options that survive a structured clone (no signal, no clock). */
export type LiveWorkerRequest = Omit<LiveClusterOptions, 'signal' | 'now'>;

/** Items per serialized chunk: a few ms of the main thread's time each, even on a busy machine. */
export const CHUNK_ITEMS = 500;

/** The snapshot without its large parts, structured-cloned as it is (a few DaemonSets and PriorityClasses, words). */
type SnapshotHead = Omit<LiveClusterSnapshot, 'nodes' | 'pods' | 'podsText'>;

/** The worker's answer: a snapshot, or why there is none. */
export type WorkerAnswer =
  | { kind: 'snapshot'; head: SnapshotHead; nodes?: ArrayBuffer[]; pods?: ArrayBuffer[]; podsText?: ArrayBuffer }
  | { kind: 'failed'; error: FailureData };

/** An error as it crosses threads (an Error's class does not). */
export interface FailureData {
  message: string;
  /** Set for a KubectlError: its problem and kubectl's stderr. */
  kubectl?: { problem: KubectlError['problem']; details?: KubectlError['details'] };
}

/** The message the main thread sends the worker to end the read (the server is shutting down). */
export const CANCEL_MESSAGE = 'cancel';

/** One transferable buffer holding `value` in the structured clone's format. */
function serialized(value: unknown): ArrayBuffer {
  const bytes = serialize(value);
  // A buffer of its own is transferred as it is; a view into a larger one is copied out.
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function chunked(items: readonly unknown[]): ArrayBuffer[] {
  const chunks: ArrayBuffer[] = [];
  for (let start = 0; start < items.length; start += CHUNK_ITEMS) chunks.push(serialized(items.slice(start, start + CHUNK_ITEMS)));
  return chunks;
}

/** The worker's side: the message and the buffers to transfer with it. */
export function encodeSnapshot(snapshot: LiveClusterSnapshot): { answer: WorkerAnswer; transfer: ArrayBuffer[] } {
  const { nodes, pods, podsText, ...head } = snapshot;
  const answer: WorkerAnswer = {
    kind: 'snapshot',
    head,
    ...(nodes ? { nodes: chunked(nodes) } : {}),
    ...(pods ? { pods: chunked(pods) } : {}),
    ...(podsText === undefined ? {} : { podsText: serialized(podsText) }),
  };
  return { answer, transfer: [...(answer.nodes ?? []), ...(answer.pods ?? []), ...(answer.podsText ? [answer.podsText] : [])] };
}

export function encodeFailure(error: unknown): WorkerAnswer {
  if (error instanceof KubectlError) return { kind: 'failed', error: { message: error.message, kubectl: { problem: error.problem, ...(error.details ? { details: error.details } : {}) } } };
  return { kind: 'failed', error: { message: error instanceof Error ? error.message : String(error) } };
}

/** The main thread's side: the error the direct read would have thrown. */
export function decodeFailure(data: FailureData): Error {
  return data.kubectl ? new KubectlError(data.kubectl.problem, data.message, data.kubectl.details) : new Error(data.message);
}

/** Lets the event loop run (I/O, timers) before the next chunk. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Thrown between chunks when the read was cancelled meanwhile. */
function checkNotCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new KubectlError('failed', 'cancelled');
}

async function decodeChunks<T>(chunks: ArrayBuffer[], signal: AbortSignal | undefined): Promise<T[]> {
  const items: T[] = [];
  for (let index = 0; index < chunks.length; index++) {
    await nextTurn();
    checkNotCancelled(signal);
    for (const item of deserialize(new Uint8Array(chunks[index])) as T[]) items.push(item);
  }
  return items;
}

/** The snapshot of a `snapshot` answer, one chunk per turn of the event loop. */
export async function decodeSnapshot(answer: Extract<WorkerAnswer, { kind: 'snapshot' }>, signal?: AbortSignal): Promise<LiveClusterSnapshot> {
  const snapshot: LiveClusterSnapshot = { ...answer.head };
  if (answer.nodes) snapshot.nodes = await decodeChunks(answer.nodes, signal);
  if (answer.pods) snapshot.pods = await decodeChunks(answer.pods, signal);
  if (answer.podsText) {
    await nextTurn();
    checkNotCancelled(signal);
    snapshot.podsText = deserialize(new Uint8Array(answer.podsText)) as string;
  }
  return snapshot;
}
