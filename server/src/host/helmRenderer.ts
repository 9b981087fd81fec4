/**
 * The Helm renderer in-process: Go's text/template + Sprig + Helm's functions,
 * compiled to WebAssembly at build time (dist/helm-renderer.wasm, see
 * scripts/build-helm-wasm.mjs). The module is compiled once, lazily, and
 * runs in a worker thread so a render has a time bound: a render that runs
 * past it ends the worker (the next render starts a fresh one). The output
 * bound is kept inside Go. The renderer has no environment, file system or
 * network: Go's wasm glue gets none from the worker, and the chart's files
 * and values come in the request.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** A render that takes longer than this is ended. */
export const RENDER_TIME_LIMIT_MS = 10_000;
/** Rendered output of one chart beyond this fails the render. */
export const RENDER_OUTPUT_LIMIT_BYTES = 16 * 1024 * 1024;

export interface HelmRenderRequest {
  /** The chart folder's files by '/'-separated path relative to the chart root. */
  files: Record<string, string>;
  /** Paths of `files` whose content is base64 (packaged subcharts, binary files). */
  base64?: string[];
  /** The user's values files in order (later wins). */
  values: Array<{ name: string; text: string }>;
  /** `--set` arguments in order, applied after the values files. */
  set: string[];
  release?: { name?: string; namespace?: string; isUpgrade?: boolean; revision?: number };
  /** `.Capabilities.KubeVersion`, e.g. "1.30" or "v1.30.2". */
  kubeVersion: string;
  /** `.Capabilities.APIVersions`. */
  apiVersions: string[];
}

/** `chart` is the chart's name when its Chart.yaml could be read. */
export type HelmRenderResponse = { ok: true; chart: string; manifests: Record<string, string> } | { ok: false; error: string; chart?: string };

/** The worker: loads Go's glue without any host file system (Go's fallback answers ENOSYS), runs the module, serves renders. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
delete globalThis.fs;
require(workerData.wasmExec);
const go = new globalThis.Go();
go.argv = ['helm-renderer'];
go.env = {};
WebAssembly.instantiate(workerData.module, go.importObject).then((instance) => {
  go.run(instance);
  parentPort.postMessage({ ready: true });
  parentPort.on('message', ({ id, request }) => {
    let response;
    try {
      response = globalThis.helmRender(request);
    } catch (error) {
      response = JSON.stringify({ error: 'renderer stopped: ' + String(error && error.message || error), fatal: true });
    }
    parentPort.postMessage({ id, response });
  });
}, (error) => parentPort.postMessage({ failed: String(error && error.message || error) }));
`;

/** Where the build put the module: next to the bundle in dist/, or the repository's dist/ when run from sources. */
export function rendererFiles(): { wasm: string; wasmExec: string } | undefined {
  for (const dir of [__dirname, join(__dirname, '..', '..', '..', 'dist')]) {
    const wasm = join(dir, 'helm-renderer.wasm');
    const wasmExec = join(dir, 'wasm_exec.js');
    if (existsSync(wasm) && existsSync(wasmExec)) return { wasm, wasmExec };
  }
  return undefined;
}

interface Pending {
  resolve: (response: HelmRenderResponse) => void;
  timer: ReturnType<typeof setTimeout>;
}

class RendererWorker {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Renders waiting for the module to start. */
  private waiting = 0;
  private readonly ready: Promise<void>;
  dead = false;

  constructor(private readonly worker: Worker) {
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (message: { ready?: boolean; failed?: string; id?: number; response?: string }) => {
        if (message.ready) resolve();
        else if (message.failed) reject(new Error(message.failed));
        else if (message.id !== undefined) this.settle(message.id, parseResponse(message.response ?? ''));
      });
      worker.on('error', (error) => {
        reject(error);
        this.fail(`the renderer failed: ${error.message}`);
      });
      worker.on('exit', () => {
        reject(new Error('the renderer exited'));
        this.fail('the renderer exited');
      });
    });
    this.ready.catch(() => undefined);
    worker.unref();
  }

  async render(request: string, timeLimitMs: number): Promise<HelmRenderResponse> {
    const id = this.nextId++;
    this.waiting++;
    this.worker.ref(); // a pending render keeps the process (the CLI) alive; an idle worker does not
    try {
      await this.ready;
    } finally {
      this.waiting--;
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle(id, { ok: false, error: `rendering took longer than ${timeLimitMs / 1000} s and was stopped` });
        void this.terminate();
      }, timeLimitMs);
      this.pending.set(id, { resolve, timer });
      this.worker.postMessage({ id, request });
    });
  }

  private settle(id: number, response: HelmRenderResponse & { fatal?: boolean }): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (this.pending.size === 0 && this.waiting === 0) this.worker.unref();
    // Go has exited (a fatal error): the module cannot serve another render.
    if (response.fatal) void this.terminate();
    pending.resolve(response);
  }

  private fail(error: string): void {
    this.dead = true;
    for (const id of [...this.pending.keys()]) this.settle(id, { ok: false, error });
  }

  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}

function parseResponse(text: string): HelmRenderResponse & { fatal?: boolean } {
  try {
    const parsed = JSON.parse(text) as { chart?: string; manifests?: Record<string, string>; error?: string; fatal?: boolean };
    if (typeof parsed.error === 'string') {
      return { ok: false, error: parsed.error, ...(parsed.chart ? { chart: parsed.chart } : {}), ...(parsed.fatal ? { fatal: true } : {}) };
    }
    return { ok: true, chart: parsed.chart ?? '', manifests: parsed.manifests ?? {} };
  } catch {
    return { ok: false, error: 'the renderer answered something that is not JSON' };
  }
}

let compiled: Promise<{ module: WebAssembly.Module; wasmExec: string }> | undefined;
let current: RendererWorker | undefined;

function compileOnce(): Promise<{ module: WebAssembly.Module; wasmExec: string }> {
  compiled ??= (async () => {
    const files = rendererFiles();
    if (!files) throw new Error('the Helm renderer (dist/helm-renderer.wasm) is not built: run npm run compile');
    return { module: await WebAssembly.compile(readFileSync(files.wasm)), wasmExec: files.wasmExec };
  })();
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

/**
 * Renders a chart. Never throws: a missing module, a template error, a
 * render past the time bound or output past the output bound come back as
 * `{ ok: false, error }`.
 */
export async function renderHelmChart(request: HelmRenderRequest, timeLimitMs = RENDER_TIME_LIMIT_MS): Promise<HelmRenderResponse> {
  try {
    const { module, wasmExec } = await compileOnce();
    if (!current || current.dead) {
      current = new RendererWorker(new Worker(WORKER_SOURCE, { eval: true, workerData: { module, wasmExec } }));
    }
    return await current.render(JSON.stringify({ ...request, maxOutputBytes: RENDER_OUTPUT_LIMIT_BYTES }), timeLimitMs);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Ends the worker (tests, server shutdown); the next render starts a new one. */
export async function stopHelmRenderer(): Promise<void> {
  const worker = current;
  current = undefined;
  if (worker) await worker.terminate();
}
