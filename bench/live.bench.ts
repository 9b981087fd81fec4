/**
 * The live snapshot's read of a large cluster (server/src/host/liveCluster.ts):
 * kubectl's JSON of 5,000 nodes and 30,000 pods (kubectlJson.ts) and a few
 * PriorityClasses into the inventory model. Each run is a fresh process
 * (cold, as the server's first snapshot).
 *
 * - The language server's read (liveClusterInWorker.ts): kubectl run, its
 *   output parsed and cut in a worker thread (the built
 *   dist/live-cluster-worker.js, as the server runs it: `npm run bench`
 *   builds first), the snapshot handed over in chunks. kubectl is a shell script on PATH printing the generated JSON
 *   (the API server's own time left out). Figures: wall until the snapshot
 *   is ready, the longest stall of the main thread meanwhile (the worst
 *   lateness of a 5 ms interval timer: how long an edit could wait), and the
 *   main thread's busy time (event loop utilization).
 * - The same through the direct read on the main thread (fetchLiveCluster,
 *   what the CLI runs), for comparison.
 * - The direct read of kubectl's output already in memory: the parse alone.
 *
 * Runnable alone: node --import tsx bench/live.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fetchLiveCluster, readClusterPods, readLiveNodes, readLivePriorityClasses } from '../server/src/host/liveCluster';
import { LIVE_WORKER_BUNDLE, readLiveClusterInWorker } from '../server/src/host/liveClusterInWorker';
import { kubectlNodeList, kubectlPodList } from './kubectlJson';
import { report, summarize } from './measure';

const NODES = 5000;
const PODS = 30_000;
const RUNS = 5;
/** Bumped when kubectlJson.ts changes what it writes, so a stale generated copy is not read. */
const GENERATION = 2;
const folder = join(__dirname, 'generated', `live-${NODES}-${PODS}-v${GENERATION}`);
const CLUSTER = `${NODES.toLocaleString('en')} nodes + ${PODS.toLocaleString('en')} pods (kubectl JSON)`;
const NAME = `live snapshot read, ${CLUSTER}`;
/** The interval whose lateness measures the main thread's stalls. */
const TICK_MS = 5;

const PRIORITY_CLASSES = JSON.stringify(
  {
    apiVersion: 'v1',
    items: ['batch-low', 'team-default', 'platform-high'].map((name, index) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: (index - 1) * 1000, preemptionPolicy: 'PreemptLowerPriority' })),
    kind: 'List',
    metadata: { resourceVersion: '' },
  },
  null,
  4,
);

const NO_DAEMONSETS = JSON.stringify({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } }, null, 4);

interface Figures {
  wallMs: number;
  cpuMs: number;
  stallMs?: number;
  mainBusyMs?: number;
  /** The process's peak resident memory (all threads), MiB. */
  peakRssMb?: number;
}

/** One read of kubectl's output in memory in this process, on the main thread. */
function readOnce(): Figures {
  const nodesText = readFileSync(join(folder, 'nodes.json'), 'utf8');
  const output = { text: readFileSync(join(folder, 'pods.json'), 'utf8') };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const nodes = readLiveNodes(nodesText);
  const { pods } = readClusterPods(output, ['logging']);
  const classes = readLivePriorityClasses(PRIORITY_CLASSES);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (nodes.length !== NODES || pods.length === 0 || classes.length !== 3) throw new Error(`read ${nodes.length} nodes, ${pods.length} pods, ${classes.length} classes`);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** A folder with a `kubectl` that prints the generated cluster (the bench's own PATH entry). */
function fakeKubectl(): string {
  const dir = mkdtempSync(join(tmpdir(), 'daemonset-live-bench-'));
  writeFileSync(join(dir, 'daemonsets.json'), NO_DAEMONSETS);
  writeFileSync(join(dir, 'priorityclasses.json'), PRIORITY_CLASSES);
  const script = `#!/bin/sh
for arg in "$@"; do
  case "$arg" in
    daemonsets) exec cat '${join(dir, 'daemonsets.json')}' ;;
    nodes) exec cat '${join(folder, 'nodes.json')}' ;;
    pods) exec cat '${join(folder, 'pods.json')}' ;;
    priorityclasses) exec cat '${join(dir, 'priorityclasses.json')}' ;;
  esac
done
exit 1
`;
  writeFileSync(join(dir, 'kubectl'), script);
  chmodSync(join(dir, 'kubectl'), 0o755);
  return dir;
}

/** One snapshot read through kubectl in this process, in the worker or directly, with the main thread's stalls meanwhile. */
async function snapshotOnce(how: 'worker' | 'direct'): Promise<Figures> {
  const dir = fakeKubectl();
  try {
    const env = { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` };
    const workerScript = join(__dirname, '..', 'dist', LIVE_WORKER_BUNDLE);
    if (how === 'worker' && !existsSync(workerScript)) throw new Error(`${workerScript} is missing: run node scripts/build.mjs`);
    const read = how === 'worker' ? readLiveClusterInWorker : fetchLiveCluster;
    let stallMs = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      stallMs = Math.max(stallMs, now - last - TICK_MS);
      last = now;
    }, TICK_MS);
    const utilization = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const snapshot = await read({ target: { context: 'bench' }, namespaces: ['logging'], env, workerScript });
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const mainBusyMs = performance.eventLoopUtilization(utilization).active;
    clearInterval(ticker);
    if (snapshot.nodes?.length !== NODES || !snapshot.pods?.length || snapshot.priorityClasses?.length !== 3 || snapshot.unread.length) {
      throw new Error(`read ${snapshot.nodes?.length} nodes, ${snapshot.pods?.length} pods, ${snapshot.priorityClasses?.length} classes; unread: ${snapshot.unread.join('; ')}`);
    }
    return { wallMs, cpuMs: (used.user + used.system) / 1000, stallMs, mainBusyMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fresh(mode: string): Figures {
  const result = spawnSync(process.execPath, ['--import', 'tsx', __filename, mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`${mode} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Figures;
}

const sorted = (runs: Figures[], key: keyof Figures): number[] => runs.map((run) => run[key] ?? NaN).sort((a, b) => a - b);

export async function run(): Promise<void> {
  mkdirSync(folder, { recursive: true });
  if (!existsSync(join(folder, 'pods.json'))) {
    writeFileSync(join(folder, 'nodes.json'), kubectlNodeList(NODES));
    writeFileSync(join(folder, 'pods.json'), kubectlPodList(PODS, NODES));
  }
  // Alternated, so both see the same machine.
  const worker: Figures[] = [];
  const direct: Figures[] = [];
  const parse: Figures[] = [];
  for (let i = 0; i < RUNS; i++) {
    worker.push(fresh('--snapshot-worker'));
    direct.push(fresh('--snapshot-direct'));
    parse.push(fresh('--read-once'));
  }
  const server = `${NAME}, language server (worker thread), fresh process`;
  report(summarize(`${server}: wall until ready`, sorted(worker, 'wallMs'), 1500));
  report(summarize(`${server}: longest main-thread stall`, sorted(worker, 'stallMs'), 50));
  report(summarize(`${server}: main thread busy`, sorted(worker, 'mainBusyMs')));
  report(summarize(`${server}: CPU, all threads`, sorted(worker, 'cpuMs')));
  report({ ...summarize(`${server}: peak RSS`, sorted(worker, 'peakRssMb')), unit: 'MiB' });
  const cli = `${NAME}, direct (CLI), fresh process`;
  report(summarize(`${cli}: wall until ready`, sorted(direct, 'wallMs')));
  report(summarize(`${cli}: longest main-thread stall`, sorted(direct, 'stallMs')));
  report(summarize(`${cli}: CPU`, sorted(direct, 'cpuMs')));
  report({ ...summarize(`${cli}: peak RSS`, sorted(direct, 'peakRssMb')), unit: 'MiB' });
  report(summarize(`${NAME}, kubectl output in memory, fresh process`, sorted(parse, 'wallMs'), 1000));
  report(summarize(`${NAME}, kubectl output in memory, fresh process: CPU`, sorted(parse, 'cpuMs')));
}

if (require.main === module) {
  const print = (figures: Figures) => process.stdout.write(`${JSON.stringify({ ...figures, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  if (process.argv.includes('--read-once')) print(readOnce());
  else if (process.argv.includes('--snapshot-worker')) void snapshotOnce('worker').then(print);
  else if (process.argv.includes('--snapshot-direct')) void snapshotOnce('direct').then(print);
  else void run();
}
