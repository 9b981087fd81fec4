/**
 * How much V8 may grow the heap's limit after a full collection, in percent. By default it grows
 * it up to 4×, so a 5,000-document file (under 200 MiB alive) peaked at 700–900 MiB resident.
 * Read by V8 at each collection, so setting it before any large allocation takes effect.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets the flag. The entry (`serverEntry.ts`) sets it before compiling the bundle and `main.ts`
 * again when the bundle is run on its own: V8 accepts a code cache only under the flags it was
 * made with, so they must be the same when the bundle is compiled and when its cache is written
 * (setting the same value again leaves them the same).
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
