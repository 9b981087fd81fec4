/**
 * Importing a cluster's Nodes, Pods and PriorityClasses with the real
 * `kubectl` (no shell, a whole-command timeout, bounded output), for
 * `daemonset import`. The lists are fetched and read with the inventory
 * loader before anything is written, so a timeout, an unreachable or denying
 * server, a missing kubectl or output that is not Nodes and Pods writes
 * nothing (PriorityClasses that may not be read are left out, and said). The arguments and the failure
 * messages come from server/src/protocol/kubectl.ts, as in the editor's import.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { loadInventoryFromKubectlJson } from '../model/inventory';
import { formatLoadProblem, isLoadError, type LoadProblem } from '../model/objectReader';
import {
  classifyKubectlFailure,
  getNodesArgs,
  getPodsArgs,
  getPriorityClassesArgs,
  IMPORTED_NODES_FILE,
  IMPORTED_PODS_FILE,
  IMPORTED_PRIORITY_CLASSES_FILE,
  KUBECTL_MAX_BUFFER,
  KUBECTL_TIMEOUT_MS,
  type ExecFailure,
  type KubectlProblem,
  type KubectlTarget,
} from '../protocol/kubectl';

export class KubectlError extends Error {
  constructor(
    readonly problem: KubectlProblem | 'bad-output',
    message: string,
    /** What kubectl printed on stderr and Node's error code, for callers that explain failures their own way (Kustomize). */
    readonly details?: { stderr: string; code?: string | number | null },
  ) {
    super(message);
    this.name = 'KubectlError';
  }
}

/** A kubectl failure a read goes on without (saying so), rather than a cancel or a bug, which end it. */
export function isUnreadFailure(error: unknown): error is KubectlError {
  return error instanceof KubectlError && error.message !== 'cancelled';
}

export interface KubectlRunOptions {
  /** The environment kubectl runs in (PATH finds it; KUBECACHEDIR, HOME…); default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Whole-command limit; default KUBECTL_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Most bytes of output read; default KUBECTL_MAX_BUFFER. */
  maxBuffer?: number;
  signal?: AbortSignal;
  /** kubectl's output is read only once this settles (kubectl waits with it meanwhile; the wait counts in timeoutMs), so a caller holds one large output at a time. */
  readAfter?: Promise<unknown>;
}

/** kubectl's stdout, or a KubectlError saying in words what went wrong. */
export function runKubectl(args: string[], options: KubectlRunOptions = {}): Promise<string> {
  return runKubectlAs(args, options, 'utf8').then(String);
}

/**
 * kubectl's stdout as the bytes it printed (runKubectl's text before it is
 * decoded): a large output's chunks are then held outside the JavaScript
 * heap, never copied by the garbage collector, and read piece by piece.
 */
export function runKubectlBytes(args: string[], options: KubectlRunOptions = {}): Promise<Buffer> {
  return runKubectlAs(args, options, 'buffer').then((stdout) => stdout as Buffer);
}

function runKubectlAs(args: string[], options: KubectlRunOptions, encoding: 'utf8' | 'buffer'): Promise<string | Buffer> {
  const timeoutMs = options.timeoutMs ?? KUBECTL_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = execFile('kubectl', args, { encoding, timeout: timeoutMs, maxBuffer: options.maxBuffer ?? KUBECTL_MAX_BUFFER, windowsHide: true, env: options.env ?? process.env, signal: options.signal }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if (error.name === 'AbortError') return reject(new KubectlError('failed', 'cancelled'));
      const { problem, message } = classifyKubectlFailure(error as ExecFailure, String(stderr), timeoutMs);
      reject(new KubectlError(problem, message, { stderr: String(stderr), code: (error as ExecFailure).code }));
    });
    if (options.readAfter && child.stdout) {
      const stdout = child.stdout;
      stdout.pause();
      void options.readAfter.finally(() => stdout.resume());
    }
  });
}

export interface ImportOptions extends KubectlRunOptions {
  target: KubectlTarget;
  /** Only this namespace's pods (nodes are cluster-wide). */
  namespace?: string;
  /** The folder the inventory files are written to (created when missing). */
  dir: string;
}

export interface ImportResult {
  nodesFile: string;
  podsFile: string;
  nodes: number;
  pods: number;
  /** The PriorityClasses file, when written: the cluster's classes could be read and it lists some. */
  priorityClassesFile?: string;
  priorityClasses: number;
  /** Why the PriorityClasses were not imported (kubectl's failure in words), when they could not be read. */
  priorityClassesUnread?: string;
}

/** kubectl printed what the model cannot read (`what`: nodes, pods, DaemonSets…; `why`: the model's problem in words). */
export function unreadableKubectlOutput(what: string, why: string): KubectlError {
  return new KubectlError('bad-output', `kubectl printed ${what} that cannot be read: ${why}`);
}

/** kubectl's output as the model read it: a KubectlError (unreadableKubectlOutput) when its problems hold an error. The import and the live snapshot both check with it. */
export function checkKubectlOutput(problems: readonly LoadProblem[], what: string): void {
  const error = problems.find(isLoadError);
  if (error) throw unreadableKubectlOutput(what, formatLoadProblem(error));
}

/** kubectl's JSON read as the live snapshot reads it (JSON.parse, the inventory's objects): a KubectlError when it holds an error. */
function checkOutput(text: string, file: string, what: 'nodes' | 'pods' | 'priorityclasses'): number {
  const result = loadInventoryFromKubectlJson(text, file);
  checkKubectlOutput(result.problems, what);
  return what === 'nodes' ? result.nodes.length : what === 'pods' ? result.pods.length : result.priorityClasses.length;
}

/**
 * Fetches Nodes, unfinished Pods and PriorityClasses, then writes
 * `nodes.json`, `pods.json` and `priorityclasses.json` into `dir`; nothing is
 * written when the nodes or pods fail. The PriorityClasses (the priorities
 * the pods preempt with) are optional, as in the live comparison: when they
 * may not be read, or the cluster lists none, the others are written and an
 * earlier import's `priorityclasses.json` is removed, so the folder never
 * mixes two imports.
 */
export async function importInventory(options: ImportOptions): Promise<ImportResult> {
  const nodesText = await runKubectl(getNodesArgs(options.target), options);
  const podsText = await runKubectl(getPodsArgs(options.target, options.namespace), options);
  const nodesFile = join(options.dir, IMPORTED_NODES_FILE);
  const podsFile = join(options.dir, IMPORTED_PODS_FILE);
  const classesFile = join(options.dir, IMPORTED_PRIORITY_CLASSES_FILE);
  const nodes = checkOutput(nodesText, nodesFile, 'nodes');
  const pods = checkOutput(podsText, podsFile, 'pods');
  if (nodes === 0) throw new KubectlError('bad-output', `kubectl listed no node in context ${JSON.stringify(options.target.context)}: nothing to import`);
  let classesText: string | undefined;
  let priorityClasses = 0;
  let priorityClassesUnread: string | undefined;
  try {
    classesText = await runKubectl(getPriorityClassesArgs(options.target), options);
    priorityClasses = checkOutput(classesText, classesFile, 'priorityclasses');
  } catch (error) {
    if (!isUnreadFailure(error)) throw error;
    classesText = undefined;
    priorityClassesUnread = error.message;
  }
  await fs.mkdir(options.dir, { recursive: true });
  const files: Array<[string, string]> = [[nodesFile, nodesText], [podsFile, podsText]];
  if (classesText !== undefined && priorityClasses > 0) files.push([classesFile, classesText]);
  else await fs.rm(classesFile, { force: true });
  // Each file appears whole (written beside it, then renamed), so a reader never sees half a list.
  for (const [file, text] of files) {
    const partial = `${file}.${process.pid}.partial`;
    await fs.writeFile(partial, text);
    await fs.rename(partial, file);
  }
  const classes = priorityClasses > 0 ? { priorityClassesFile: classesFile } : {};
  return { nodesFile, podsFile, nodes, pods, priorityClasses, ...classes, ...(priorityClassesUnread === undefined ? {} : { priorityClassesUnread }) };
}
