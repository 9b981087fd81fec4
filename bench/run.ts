/**
 * `npm run bench`: runs every bench/*.bench.ts one after the other, each in a
 * Node process of its own (runFileInChild). Each prints one JSON line per figure on stdout:
 *   {"name":"…","unit":"ms","median":…,"p95":…,"runs":…,"target":…}
 * At the end the figures of this run are written as one Markdown report,
 * grouped by bench file, with the machine and the date: bench/results.md
 * (not committed; the README's Performance section quotes it).
 * Pass names to run only some: `npm run bench -- service`.
 */
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

interface Row {
  area: string;
  figure: Record<string, unknown>;
}

const AREAS: Record<string, string> = {
  activation: 'Extension in code-server',
  cluster: 'Cluster view (every DaemonSet × every node)',
  editing: 'Hover and completion',
  inventory: '5,000-node kubectl get nodes -o yaml dump (45.8 MB)',
  live: 'Live cluster snapshot (kubectl JSON, 5,000 nodes + 30,000 pods)',
  workspace: 'GitOps workspace of 4,500 files',
  pathological: 'Pathological documents of the fuzz set: CPU per 100 KB (budget 200 ms)',
  peer: 'Language server vs yaml-language-server (hard node-agent corpus, same schema, over stdio)',
  reconciler: 'Reconciler',
  schema: 'Schema validation',
  service: 'Check vs the parse + validate floor',
  webview: 'Preview webview (Chromium)',
};

/** Captures the JSON lines the benches write to stdout, passing everything through. */
function collect(rows: Row[], area: () => string): void {
  const write = process.stdout.write.bind(process.stdout);
  let pending = '';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (!line.startsWith('{')) continue;
      try {
        const figure = JSON.parse(line) as Record<string, unknown>;
        if (typeof figure.name === 'string') rows.push({ area: area(), figure });
      } catch {
        // not a figure
      }
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
}

function format(value: unknown, unit: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit === 'x' ? '×' : String(unit)}`;
}

export function markdownReport(rows: readonly Row[], date = new Date()): string {
  const cpu = cpus();
  const lines = [
    '# Benchmark results',
    '',
    `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB · Node ${process.version} · ${process.platform}/${process.arch}`,
    '',
  ];
  const areas = [...new Set(rows.map((r) => r.area))];
  for (const area of areas) {
    lines.push(`## ${AREAS[area] ?? area}`, '', '| figure | median | p95 | runs | target |', '|---|---:|---:|---:|---:|');
    for (const { figure } of rows.filter((r) => r.area === area)) {
      const cell = (text: string) => text.replace(/\|/g, '\\|');
      const higherIsBetter = /speed-up/i.test(String(figure.name));
      const target = typeof figure.target === 'number' ? `${higherIsBetter ? '≥' : '≤'} ${format(figure.target, figure.unit)}` : '';
      lines.push(`| ${cell(String(figure.name))} | ${format(figure.median, figure.unit)} | ${format(figure.p95, figure.unit)} | ${figure.runs ?? ''} | ${target} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Runs one bench file's `run()` (or default export) in this process. */
async function runFile(file: string): Promise<void> {
  const module = (await import(join(__dirname, file))) as { run?: () => Promise<unknown>; default?: unknown };
  // Either `run()` or a default export that runs the bench (bench/reconciler.bench.ts).
  const run = module.run ?? (typeof module.default === 'function' ? (module.default as () => Promise<unknown>) : undefined);
  if (!run) throw new Error(`${file} exports no run()`);
  await run();
}

/**
 * Runs one bench file in a Node process of its own, its stdout passed through this one's. The
 * language-server figures are timed from the bench's side of the pipe, so the bench process must
 * not carry an earlier file's hundreds of megabytes (the live and inventory benches' kubectl texts)
 * into them: each file starts as it would alone, whichever others were selected.
 */
function runFileInChild(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, CHILD_FLAG, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`bench ${file} exited with ${signal ?? code}`))));
  });
}

/** Marks the process that runs a single bench file for the parent (runFileInChild). */
const CHILD_FLAG = '--bench-child';

async function main(): Promise<void> {
  if (process.argv[2] === CHILD_FLAG) return runFile(process.argv[3]);
  const filters = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
  const rows: Row[] = [];
  let current = '';
  collect(rows, () => current);
  for (const file of files) {
    process.stderr.write(`[bench] ${file}\n`);
    current = file.replace(/\.bench\.ts$/, '');
    await runFileInChild(file);
  }
  const out = join(__dirname, 'results.md');
  writeFileSync(out, markdownReport(rows));
  process.stderr.write(`[bench] ${rows.length} figures → bench/results.md\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
