/**
 * How a live snapshot read in the worker (liveClusterWorker.ts) reaches the
 * language server's main thread (liveClusterInWorker.ts) without stalling it.
 * A snapshot of a large cluster holds tens of thousands of pod objects:
 * structured-cloned in one message, the main thread would spend some 300 ms
 * deserializing them in one go before it could answer an edit. So the worker
 * serializes the nodes and pods in chunks of CHUNK_ITEMS (v8.serialize, the
 * structured clone's own format: `undefined` fields and all) and the pods'
 * text in pieces of TEXT_CHUNK_CHARS, and transfers each buffer (no copy) as soon as it is
 * made: the nodes while the pods are still being read, the pods while the
 * main thread is already reading the first chunks. The main thread
 * deserializes one chunk per turn of its event loop, answering requests and
 * firing timers in between. The rest of the snapshot comes last, small, in
 * one message; a failure travels as its kind and words and is rebuilt as the
 * same error the direct read throws.
 */
import { deserialize, serialize } from 'node:v8';
import type { MessagePort } from 'node:worker_threads';
import type { Node, Pod } from '../model/kubeTypes';
import { KubectlError } from './kubectl';
import type { LiveClusterOptions, LiveClusterSnapshot } from './liveCluster';

/** Items per serialized chunk: about a millisecond of the main thread's time each (far more on a busy machine). */
export const CHUNK_ITEMS = 100;
/** Characters of the pods' text per chunk: the main thread joins them without copying (a rope V8 flattens when the text is first sent). */
export const TEXT_CHUNK_CHARS = 1 << 20;

/** What the main thread hands the worker (its workerData): the options that survive a structured clone (no signal, no clock). */
export type LiveWorkerRequest = Omit<LiveClusterOptions, 'signal' | 'now' | 'onNodes'>;

/** The parts of a snapshot sent in chunks. */
type ChunkedPart = 'nodes' | 'pods' | 'podsText';

/** The snapshot without its large parts, structured-cloned as it is (a few DaemonSets and PriorityClasses, words), and its large parts' keys: sent in chunks, or there and undefined. */
interface SnapshotHead {
  rest: Omit<LiveClusterSnapshot, ChunkedPart>;
  parts: Partial<Record<ChunkedPart, 'sent' | 'undefined'>>;
}

/** The worker's messages: chunks, then the snapshot's head or why there is none. */
export type WorkerMessage =
  | { kind: 'chunk'; part: ChunkedPart; chunk: ArrayBuffer }
  | { kind: 'snapshot'; head: SnapshotHead }
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

/** The worker's side: sends a snapshot part by part, the nodes possibly early (`sent` says which parts went already). */
export class SnapshotSender {
  private readonly sent = new Set<ChunkedPart>();

  constructor(private readonly port: MessagePort) {}

  private post(part: ChunkedPart, value: unknown): void {
    const chunk = serialized(value);
    this.port.postMessage({ kind: 'chunk', part, chunk } satisfies WorkerMessage, [chunk]);
  }

  /** A list's chunks, once. */
  sendList(part: 'nodes' | 'pods', items: readonly (Node | Pod)[]): void {
    if (this.sent.has(part)) return;
    this.sent.add(part);
    for (let start = 0; start < items.length; start += CHUNK_ITEMS) this.post(part, items.slice(start, start + CHUNK_ITEMS));
  }

  /** What is left of the snapshot, then its head. */
  sendSnapshot(snapshot: LiveClusterSnapshot): void {
    const { nodes, pods, podsText, ...rest } = snapshot;
    const parts: SnapshotHead['parts'] = {};
    for (const part of ['nodes', 'pods', 'podsText'] as const) if (part in snapshot) parts[part] = snapshot[part] === undefined ? 'undefined' : 'sent';
    if (nodes) this.sendList('nodes', nodes);
    if (pods) this.sendList('pods', pods);
    if (podsText !== undefined) for (let start = 0; start < podsText.length; start += TEXT_CHUNK_CHARS) this.post('podsText', podsText.slice(start, start + TEXT_CHUNK_CHARS));
    this.port.postMessage({ kind: 'snapshot', head: { rest, parts } } satisfies WorkerMessage);
  }

  sendFailure(error: unknown): void {
    const data: FailureData =
      error instanceof KubectlError
        ? { message: error.message, kubectl: { problem: error.problem, ...(error.details ? { details: error.details } : {}) } }
        : { message: error instanceof Error ? error.message : String(error) };
    this.port.postMessage({ kind: 'failed', error: data } satisfies WorkerMessage);
  }
}

/** The main thread's side: the error the direct read would have thrown. */
export function decodeFailure(data: FailureData): Error {
  return data.kubectl ? new KubectlError(data.kubectl.problem, data.message, data.kubectl.details) : new Error(data.message);
}

/**
 * The main thread's side of a snapshot: chunks are queued as they arrive and
 * deserialized one per turn of the event loop (setImmediate), so I/O and
 * timers run between any two; the snapshot is whole once the head has come
 * and every chunk before it is read.
 */
export class SnapshotReceiver {
  private readonly queue: Array<{ part: ChunkedPart; chunk: ArrayBuffer }> = [];
  private readonly nodes: Node[] = [];
  private readonly pods: Pod[] = [];
  private podsText = '';
  private head: SnapshotHead | undefined;
  private scheduled = false;
  private ended = false;

  constructor(
    private readonly done: (snapshot: LiveClusterSnapshot) => void,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Whether the head has come (every part has been sent). */
  get complete(): boolean {
    return this.head !== undefined;
  }

  /** A chunk or the head; the caller handles `failed`. */
  receive(message: Exclude<WorkerMessage, { kind: 'failed' }>): void {
    if (this.ended) return;
    if (message.kind === 'chunk') this.queue.push({ part: message.part, chunk: message.chunk });
    else this.head = message.head;
    this.schedule();
  }

  /** Stops reading chunks (the read failed or was cancelled). */
  end(): void {
    this.ended = true;
    this.queue.length = 0;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.step();
    });
  }

  private step(): void {
    if (this.ended) return;
    const next = this.queue.shift();
    if (next) {
      try {
        this.read(next.part, deserialize(new Uint8Array(next.chunk)));
      } catch (error) {
        this.end();
        this.failed(error);
        return;
      }
    }
    if (this.queue.length > 0) this.schedule();
    else if (this.head) this.finish(this.head);
  }

  private read(part: ChunkedPart, value: unknown): void {
    if (part === 'podsText') this.podsText += value as string;
    else for (const item of value as Array<Node & Pod>) (part === 'nodes' ? this.nodes : this.pods).push(item);
  }

  private finish(head: SnapshotHead): void {
    this.ended = true;
    const snapshot: LiveClusterSnapshot = { ...head.rest };
    const { nodes, pods, podsText } = head.parts;
    if (nodes) snapshot.nodes = nodes === 'sent' ? this.nodes : undefined;
    if (pods) snapshot.pods = pods === 'sent' ? this.pods : undefined;
    if (podsText) snapshot.podsText = podsText === 'sent' ? this.podsText : undefined;
    this.done(snapshot);
  }
}
