/**
 * The live snapshot's read of a large cluster (server/src/host/liveCluster.ts):
 * kubectl's JSON of 5,000 nodes and 30,000 pods (kubectlJson.ts) and a few
 * PriorityClasses into the inventory model, as the language server does every
 * few minutes on its main thread. Each run is a fresh process (cold, as the
 * server's first snapshot): wall and CPU of the read alone, kubectl's output
 * already in memory. Runnable alone: node --import tsx bench/live.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readClusterPods, readLiveNodes, readLivePriorityClasses } from '../server/src/host/liveCluster';
import { kubectlNodeList, kubectlPodList } from './kubectlJson';
import { percentile, report, summarize } from './measure';

const NODES = 5000;
const PODS = 30_000;
/** Bumped when kubectlJson.ts changes what it writes, so a stale generated copy is not read. */
const GENERATION = 2;
const folder = join(__dirname, 'generated', `live-${NODES}-${PODS}-v${GENERATION}`);
const NAME = `live snapshot read, ${NODES.toLocaleString('en')} nodes + ${PODS.toLocaleString('en')} pods (kubectl JSON)`;

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

/** One read in this process: prints `{"wallMs":…,"cpuMs":…}`. */
function readOnce(): void {
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
  process.stdout.write(`${JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000, pods: pods.length })}\n`);
}

export async function run(): Promise<void> {
  mkdirSync(folder, { recursive: true });
  if (!existsSync(join(folder, 'pods.json'))) {
    writeFileSync(join(folder, 'nodes.json'), kubectlNodeList(NODES));
    writeFileSync(join(folder, 'pods.json'), kubectlPodList(PODS, NODES));
  }
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 5; i++) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--read-once'], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (result.status !== 0) throw new Error(`the read exited ${result.status}: ${result.stderr}`);
    const figure = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { wallMs: number; cpuMs: number };
    walls.push(figure.wallMs);
    cpus.push(figure.cpuMs);
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  report(summarize(`${NAME}, fresh process`, walls, 1000));
  report({ name: `${NAME}, fresh process: CPU`, unit: 'ms', median: percentile(cpus, 50), p95: percentile(cpus, 95), runs: cpus.length });
}

if (require.main === module) {
  if (process.argv.includes('--read-once')) readOnce();
  else void run();
}
