/**
 * A 5,000-node `kubectl get nodes -o yaml` dump (45.8 MB, hardCorpus.ts):
 * `daemonset lint --inventory` end to end in a fresh process (target ≤ 1 s)
 * with its peak memory, and the model's load of the dump as the preview
 * panel and the language server run it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadInventoryFromText } from '../server/src/model/inventory';
import { nodeInventoryDump } from './hardCorpus';
import { percentile, report, summarize } from './measure';

const root = join(__dirname, '..');
const folder = join(__dirname, 'generated', 'inventory-5000');

export async function run(): Promise<void> {
  mkdirSync(folder, { recursive: true });
  const nodes = join(folder, 'nodes.yaml');
  const dump = nodeInventoryDump(5000);
  writeFileSync(nodes, dump);
  const manifest = join(folder, 'daemonset.yaml');
  writeFileSync(manifest, readFileSync(join(root, 'examples', 'fluentd-elasticsearch.yaml'), 'utf8'));
  // Peak memory from inside the child: Node reports no rusage of a spawned process.
  const peak = join(folder, 'peak-rss.js');
  writeFileSync(peak, "process.on('exit', () => process.stderr.write(`\\npeak-rss-kib ${process.resourceUsage().maxRSS}\\n`));\n");
  const times: number[] = [];
  const memory: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--require', peak, join(root, 'dist', 'cli.js'), 'lint', '--inventory', nodes, manifest], { encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.status !== 0 && result.status !== 1) throw new Error(`daemonset lint exited ${result.status}: ${result.stderr}`);
    const kib = /peak-rss-kib (\d+)/.exec(result.stderr);
    if (kib) memory.push(Number(kib[1]) / 1024);
  }
  times.sort((a, b) => a - b);
  memory.sort((a, b) => a - b);
  report(summarize(`daemonset lint --inventory, 5000-node kubectl dump (${(dump.length / 1e6).toFixed(1)} MB), fresh process`, times, 1000));
  report({ name: 'daemonset lint --inventory, 5000-node kubectl dump: peak memory', unit: 'MiB', median: percentile(memory, 50), runs: memory.length });

  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const loaded = loadInventoryFromText(dump, `file:///bench/nodes-${i}.yaml`);
    loads.push(performance.now() - started);
    if (loaded.nodes.length !== 5000) throw new Error(`read ${loaded.nodes.length} nodes`);
  }
  report(summarize('inventory load (model), 5000-node kubectl dump', loads.sort((a, b) => a - b)));
}

if (require.main === module) void run();
