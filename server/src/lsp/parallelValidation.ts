/**
 * The main thread's side of the validation worker (validationWorker.ts): the second core checks
 * the document rules of a large file's last documents during its first validation.
 *
 * The worker starts with the server, so its start-up is not in any open. When a large file is
 * opened, its text goes to the worker at once (`open`), which splits and parses it from the end
 * while the main thread parses it all and asks for settings. The validation of that version then
 * takes the job (`jobFor`) as the service's SharedDocumentChecks: `begin` sends the settings and
 * the shared claims, the service claims documents from the first one, and `collect` waits for the
 * worker's deliveries with Atomics.wait, so validation stays one synchronous call.
 *
 * Whatever goes wrong, the main thread checks what it did not get: no worker (its bundle missing,
 * it failed to start or exited), a worker that delivers nothing for `stallMs` (it is ended and a
 * new one started for the next file), a result whose document is not the main thread's.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { SharedChecksRequest, SharedChecksResult, SharedDocumentChecks } from '../service/sharedDocumentChecks';
import type { TextDocumentLike } from '../service/types';
import { CANCELLED, CLAIMED_BY_MAIN, CLAIMED_BY_WORKER, DELIVERED, FIRST_CLAIM, FREE, KNOWN, type WorkerRequest, type WorkerResult } from './validationWorkerProtocol';

export interface ValidationWorkerOptions {
  /** Texts shorter than this are validated on the main thread alone: the worker's share would not pay for the messages. */
  minLength?: number;
  /**
   * Texts longer than this are validated on the main thread alone: the worker's copy of the text and
   * what it parses ahead would add to the peak memory where memory is the limit (a 5,000-document file).
   */
  maxLength?: number;
  /** How long `collect` waits without a delivery before it checks the rest itself. */
  stallMs?: number;
  /** Worker failures after which no new one is started. */
  maxFailures?: number;
  /**
   * Whether no core is free for the worker, asked at each large open. By default, when the load
   * average reaches the number of cores: the worker's share would then be taken from the main
   * thread's time, and its parse of that share is work the main thread does too.
   */
  machineBusy?(): boolean;
  log?(message: string): void;
}

/** A 100-DaemonSet file is about 350 KB, a 1,000-DaemonSet one 3.5 MB, a 5,000-DaemonSet one 17 MB. */
const DEFAULT_MIN_LENGTH = 256 * 1024;
const DEFAULT_MAX_LENGTH = 8 * 1024 * 1024;
const DEFAULT_STALL_MS = 2000;
const DEFAULT_MAX_FAILURES = 3;

export class ValidationWorker {
  private worker: Worker | undefined;
  private results: MessagePort | undefined;
  private failures = 0;
  private jobs = 0;
  private current: WorkerJob | undefined;
  private disposed = false;
  private readonly minLength: number;
  private readonly maxLength: number;
  private readonly stallMs: number;
  private readonly maxFailures: number;

  /** `script`: the worker's bundle (dist/validation-worker.js); when it is missing, everything runs on the main thread. */
  constructor(
    private readonly script: string,
    private readonly options: ValidationWorkerOptions = {},
  ) {
    this.minLength = options.minLength ?? DEFAULT_MIN_LENGTH;
    this.maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    this.stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    this.maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
  }

  /** Starts the thread (at server initialization); a no-op when it runs or may not run. */
  start(): void {
    if (this.worker || this.disposed || this.failures >= this.maxFailures || !existsSync(this.script)) return;
    const channel = new MessageChannel();
    let worker: Worker;
    try {
      worker = new Worker(this.script, { workerData: { results: channel.port2 }, transferList: [channel.port2], stdout: true });
    } catch (error) {
      this.failed(`could not start: ${String(error)}`);
      return;
    }
    // It never keeps the process alive, and what it prints never reaches stdout, the protocol channel.
    worker.unref();
    worker.stdout.resume();
    channel.port1.unref();
    worker.on('error', (error) => {
      if (this.worker === worker) this.failed(String(error));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker && !this.disposed) this.failed(`exited with code ${code}`);
    });
    this.worker = worker;
    this.results = channel.port1;
  }

  /** Whether the thread runs: false before `start`, after `dispose` and after a failure until the next start. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /**
   * A file was opened: a large one goes to the worker, to be parsed there while the main thread
   * parses it and waits for settings. Replaces the job of any earlier file.
   */
  open(document: TextDocumentLike): void {
    const text = document.getText();
    if (text.length < this.minLength || text.length > this.maxLength || (this.options.machineBusy ?? noCoreFree)()) return;
    this.start();
    if (!this.worker) return;
    this.end();
    const id = ++this.jobs;
    this.current = new WorkerJob(this, id, document.uri, document.version);
    this.post({ type: 'open', job: id, text });
  }

  /** The job of this version of a document, for its validation; a job serves one validation. */
  jobFor(document: TextDocumentLike): WorkerJob | undefined {
    const job = this.current;
    if (!job || job.uri !== document.uri || job.version !== document.version || !this.worker) return undefined;
    this.current = undefined;
    return job;
  }

  /** A document changed or closed: the worker drops its job for an older version. */
  forget(uri: string): void {
    if (this.current?.uri === uri) this.end();
  }

  dispose(): void {
    this.disposed = true;
    this.end();
    const worker = this.worker;
    this.worker = undefined;
    this.results?.close();
    this.results = undefined;
    if (worker) void worker.terminate();
  }

  private end(): void {
    if (this.current) this.post({ type: 'end', job: this.current.id });
    this.current = undefined;
  }

  /** @internal for WorkerJob */
  post(message: WorkerRequest): boolean {
    if (!this.worker) return false;
    this.worker.postMessage(message);
    return true;
  }

  /** @internal for WorkerJob: the next result posted, if there is one. */
  receive(): WorkerResult | undefined {
    const port = this.results;
    return port && (receiveMessageOnPort(port)?.message as WorkerResult | undefined);
  }

  /** @internal for WorkerJob */
  get stallTimeout(): number {
    return this.stallMs;
  }

  /** @internal for WorkerJob: the worker stopped delivering; the next open starts a new one. */
  stalled(): void {
    const worker = this.worker;
    this.failed(`delivered nothing for ${this.stallMs} ms`);
    if (worker) void worker.terminate();
  }

  private failed(reason: string): void {
    this.failures++;
    this.options.log?.(`validation worker ${reason}; validating on the main thread${this.failures >= this.maxFailures ? ' from now on' : ''}`);
    this.worker = undefined;
    this.results?.close();
    this.results = undefined;
    this.current = undefined;
  }
}

/** Whether the last minute's load average leaves no core free. */
function noCoreFree(): boolean {
  return loadavg()[0] >= availableParallelism();
}

/** One validation's share of work with the worker (sharedDocumentChecks.ts). */
export class WorkerJob implements SharedDocumentChecks {
  private claims: Int32Array | undefined;
  private finished = false;

  constructor(
    private readonly owner: ValidationWorker,
    readonly id: number,
    readonly uri: string,
    readonly version: number,
  ) {}

  begin(request: SharedChecksRequest): boolean {
    const claims = new Int32Array(new SharedArrayBuffer((FIRST_CLAIM + request.documents.length) * Int32Array.BYTES_PER_ELEMENT));
    request.cached.forEach((known, index) => {
      if (known) claims[FIRST_CLAIM + index] = KNOWN;
    });
    const { cached: _cached, ...rest } = request;
    if (!this.owner.post({ type: 'check', job: this.id, claims: claims.buffer as SharedArrayBuffer, request: rest })) return false;
    this.claims = claims;
    return true;
  }

  claim(index: number): boolean {
    return this.claims !== undefined && Atomics.compareExchange(this.claims, FIRST_CLAIM + index, FREE, CLAIMED_BY_MAIN) === FREE;
  }

  /** How many documents the worker has delivered so far. */
  deliveredSoFar(): number {
    return this.claims ? Atomics.load(this.claims, DELIVERED) : 0;
  }

  /** How many documents the worker has claimed so far. */
  claimedByWorker(): number {
    let claimed = 0;
    if (this.claims) for (let i = FIRST_CLAIM; i < this.claims.length; i++) if (Atomics.load(this.claims, i) === CLAIMED_BY_WORKER) claimed++;
    return claimed;
  }

  collect(): Map<number, SharedChecksResult> {
    const found = new Map<number, SharedChecksResult>();
    const claims = this.claims;
    if (!claims) return found;
    // Once the main thread's claims are done the worker's are final: it stops at the first document the main thread holds.
    const claimed = this.claimedByWorker();
    let received = 0;
    while (received < claimed) {
      const seen = Atomics.load(claims, DELIVERED);
      for (let result = this.owner.receive(); result; result = this.owner.receive()) {
        if (result.job !== this.id) continue; // of a validation that ended before
        received++;
        if (result.found) found.set(result.index, result.found);
      }
      if (received >= claimed) break;
      if (waitForDelivery(claims, seen, this.owner.stallTimeout) === 'timed-out') {
        Atomics.store(claims, CANCELLED, 1);
        this.owner.stalled();
        break;
      }
    }
    this.finish();
    return found;
  }

  /**
   * Ends the job: the worker claims nothing more and drops the file. Called by `collect`, and by the
   * validation's caller in any case (a validation that found every document cached, or that threw,
   * never collects).
   */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.claims) Atomics.store(this.claims, CANCELLED, 1);
    this.owner.post({ type: 'end', job: this.id });
  }
}

/**
 * Blocks until the worker delivers again. A runtime that forbids blocking its main thread (none of
 * Node's do) counts as a stalled worker: this thread then checks the rest itself.
 */
function waitForDelivery(claims: Int32Array, seen: number, timeoutMs: number): 'ok' | 'not-equal' | 'timed-out' {
  try {
    return Atomics.wait(claims, DELIVERED, seen, timeoutMs);
  } catch {
    return 'timed-out';
  }
}
