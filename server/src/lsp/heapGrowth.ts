/**
 * How much V8 may grow the heap's limit after a full collection, in percent. By default it grows
 * it up to 4×, so a 5,000-document file (under 200 MiB alive) peaked at 700–900 MiB resident.
 * Read by V8 at each collection, so setting it before any large allocation takes effect.
 *
 * And a full collection forced while the server is idle after a publish (`HeapBudget`), when the
 * heap holds far more than the last full collections left. Each edit of a 5,000-document file
 * allocates about 50 MiB (its 23 MB text, the parse and diagnostics of the new version), so V8
 * collects every two or three edits, marking while the edits go on; a collection that marked
 * across an edit keeps what the edit dropped and everything it allocated, up to twice the live
 * heap, and V8 then sets the next limit half as much again above that: the heap grew for five
 * edits and the process peaked near 600 MiB after 10 to 20 edits. Forced, rarely (once or
 * twice in 30 edits), the collection finds what is alive, and the limit follows it again.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets the flags. The entry (`serverEntry.ts`) sets them before compiling the bundle and `main.ts`
 * again when the bundle is run on its own: V8 accepts a code cache only under the flags it was
 * made with, so they must be the same when the bundle is compiled and when its cache is written
 * (setting the same value again leaves them the same). `--expose-gc` adds `gc` only to contexts
 * made afterwards, such as the one `HeapBudget` takes it from, not to the server's.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString('--expose-gc');
}

/** The heap may hold this much more than the least the last full collections left, plus the slack, before one is forced. */
export const FORCED_COLLECTION_FACTOR = 1.5;
export const FORCED_COLLECTION_SLACK_BYTES = 64 * 2 ** 20;
/** Nor is one forced for a heap smaller than this (a workspace's index filling up, small files): V8's own schedule is fine there. */
export const FORCED_COLLECTION_MIN_BYTES = 256 * 2 ** 20;
/** How many full collections the least is taken over. */
const RECENT_COLLECTIONS = 4;

export class HeapBudget {
  /** The heap in use after each of the last full collections, in bytes, the most recent last. */
  private readonly recent: number[] = [];

  /** `collect`: a full collection; `used`: the heap in use now, in bytes. */
  constructor(
    private readonly collect: () => void,
    private readonly used: () => number,
  ) {}

  /** A full collection left `used` bytes in use. */
  noteFullCollection(used: number): void {
    this.recent.push(used);
    if (this.recent.length > RECENT_COLLECTIONS) this.recent.shift();
  }

  /** The server is idle: collects if the heap holds far more than the last full collections left. Whether it collected. */
  collectIfOverBudget(): boolean {
    if (this.recent.length === 0) return false;
    const budget = Math.max(FORCED_COLLECTION_MIN_BYTES, Math.min(...this.recent) * FORCED_COLLECTION_FACTOR + FORCED_COLLECTION_SLACK_BYTES);
    if (this.used() <= budget) return false;
    this.collect();
    this.noteFullCollection(this.used());
    return true;
  }
}

/** A full collection, forced: `gc` of a new context (the flags set). */
export function fullCollection(): () => void {
  limitHeapGrowth();
  return runInNewContext('gc') as () => void;
}

/** The process's heap budget: told of each full collection V8 makes, and forcing one when over it. */
export function watchHeap(): HeapBudget {
  const collect = fullCollection();
  const used = () => getHeapStatistics().used_heap_size;
  const budget = new HeapBudget(collect, used);
  new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) {
      if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) budget.noteFullCollection(used());
    }
  }).observe({ entryTypes: ['gc'] });
  return budget;
}
