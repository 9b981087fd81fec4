/**
 * Every request handler runs through here: an exception is logged once per
 * handler and message, and the client gets an empty result instead of an
 * error (as VS Code's JSON server does), so a bug in one feature never
 * breaks the editor. Cancelled requests answer with the protocol's
 * cancellation error.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export interface Logger {
  error(message: string): void;
}

const reported = new Set<string>();

export function runSafe<T>(
  logger: Logger,
  name: string,
  token: CancellationToken | undefined,
  emptyResult: T,
  work: () => T,
): T | ResponseError<undefined> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = work();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const key = `${name}:${error instanceof Error ? error.message : String(error)}`;
    if (!reported.has(key)) {
      reported.add(key);
      logger.error(`${name} failed: ${message}`);
    }
    return emptyResult;
  }
}

function cancelled(): ResponseError<undefined> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
