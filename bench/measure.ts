/** Timing helpers shared by the benchmarks: warm-up, repeated runs, median and p95. */
import { performance } from 'node:perf_hooks';

export interface Figure {
  name: string;
  unit: 'ms' | 'MiB' | 'KiB' | 'x';
  median: number;
  p95?: number;
  runs?: number;
  target?: number;
  [extra: string]: unknown;
}

export function report(figure: Figure): void {
  const round = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 1000) / 1000);
  process.stdout.write(
    JSON.stringify({ ...figure, median: round(figure.median), p95: round(figure.p95) }) + '\n',
  );
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/** Runs `work` `warmup` times untimed, then `runs` times timed; returns sorted durations in ms. */
export function time(work: () => unknown, runs: number, warmup = Math.min(3, runs)): number[] {
  for (let i = 0; i < warmup; i++) work();
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b);
}

export function summarize(name: string, durations: number[], target?: number, extra: Record<string, unknown> = {}): Figure {
  return {
    name,
    unit: 'ms',
    median: percentile(durations, 50),
    p95: percentile(durations, 95),
    runs: durations.length,
    ...(target === undefined ? {} : { target }),
    ...extra,
  };
}
