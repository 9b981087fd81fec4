/**
 * What the main thread and the validation worker (validationWorker.ts) exchange: messages, and
 * the layout of the shared claims, an Int32Array over a SharedArrayBuffer per validation.
 */
import type { SharedChecksRequest, SharedChecksResult } from '../service/sharedDocumentChecks';

/** Claims[DELIVERED]: how many results the worker has posted; it notifies on each. */
export const DELIVERED = 0;
/** Claims[CANCELLED]: set by the main thread when it stops waiting; the worker claims nothing more. */
export const CANCELLED = 1;
/** Claims[FIRST_CLAIM + i]: who checks document i. */
export const FIRST_CLAIM = 2;

export const FREE = 0;
export const CLAIMED_BY_MAIN = 1;
export const CLAIMED_BY_WORKER = 2;
/** Its diagnostics are cached on the main thread: nobody checks it. */
export const KNOWN = 3;

export interface CheckRequest {
  type: 'check';
  job: number;
  claims: SharedArrayBuffer;
  request: Omit<SharedChecksRequest, 'cached'>;
}

export type WorkerRequest = { type: 'open'; job: number; text: string } | CheckRequest | { type: 'end'; job: number };

/** One claimed document, posted on the results port: `found` is missing when the worker could not check it. */
export interface WorkerResult {
  job: number;
  index: number;
  found?: SharedChecksResult;
}
