/**
 * The strict time budget of the language service, enforced by `npm run fuzz`
 * (test/fuzz/run.ts) and reported by `npm run bench`
 * (bench/pathological.bench.ts): 200 ms of CPU per 100 KB of text for
 * validation plus every editing feature, documents under 100 KB counting as
 * 100 KB. Never used by `npm test`: CPU time on a shared machine includes
 * JIT and GC, so a test's result must not depend on it.
 *
 * CPU time of this process (process.cpuUsage), not wall time, so other load
 * on the machine counts less.
 */
export const BUDGET_MS_PER_100KB = 200;

/** CPU milliseconds a document of `length` UTF-16 units may take. */
export function budgetMs(length: number): number {
  return (BUDGET_MS_PER_100KB * Math.max(length, 100_000)) / 100_000;
}

export function cpuMs<T>(run: () => T): { result: T; ms: number } {
  const start = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(start);
  return { result, ms: (used.user + used.system) / 1000 };
}
