/**
 * A validation worker that fails the worst way: told to check a file, it claims every document
 * the main thread has not, then exits without delivering any (parallelValidation.test.ts; exitingValidationWorker.mjs runs it).
 */
import { parentPort } from 'node:worker_threads';
import { CLAIMED_BY_WORKER, FIRST_CLAIM, FREE, type WorkerRequest } from '../../../../server/src/lsp/validationWorkerProtocol';

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type !== 'check') return;
  const claims = new Int32Array(message.claims);
  for (let index = claims.length - 1; index >= FIRST_CLAIM; index--) Atomics.compareExchange(claims, index, FREE, CLAIMED_BY_WORKER);
  process.exit(1);
});
