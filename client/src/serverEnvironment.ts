/**
 * What the client adds to the language server's environment: the folder for V8's code cache of
 * the server's bundle (server/src/host/codeCache.ts), in the extension's global storage, never in
 * the extension's folder or the workspace. Without `vscode`, so it can be tested on its own.
 */
import { join } from 'node:path';
import { CODE_CACHE_DIR_ENV } from '../../server/src/protocol/codeCache';

/** The parts of `ExtensionContext.globalStorageUri` this reads. */
export interface StorageLocation {
  readonly scheme: string;
  readonly fsPath: string;
}

/** The variables to add to the server's environment (the client keeps the rest of its own). */
export function serverEnvironment(globalStorage: StorageLocation | undefined): Record<string, string> {
  // The server is a process on this machine: only a folder of its file system will do.
  if (!globalStorage || globalStorage.scheme !== 'file' || !globalStorage.fsPath) return {};
  return { [CODE_CACHE_DIR_ENV]: join(globalStorage.fsPath, 'code-cache') };
}
