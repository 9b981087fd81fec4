/**
 * Our language server started as the VS Code client starts it (client/src/serverEnvironment.ts):
 * dist/server.js over stdio with a folder for V8's code cache of its bundle, here a temporary one,
 * empty when the run begins and removed when it ends. The server writes the cache once its first
 * validation has settled; a later start compiles nothing an earlier one compiled.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_CACHE_DIR_ENV } from '../server/src/protocol/codeCache';
import { LspDriver } from './lspDriver';

const root = join(__dirname, '..');

export class OurServer {
  /** The code cache folder, as the VS Code client names one in its global storage. */
  private readonly codeCacheDir = mkdtempSync(join(tmpdir(), 'daemonset-bench-code-cache-'));

  constructor() {
    process.on('exit', () => rmSync(this.codeCacheDir, { recursive: true, force: true }));
  }

  start(configuration: (section: string | undefined) => unknown = () => null): LspDriver {
    return LspDriver.start(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], configuration, { ...process.env, [CODE_CACHE_DIR_ENV]: this.codeCacheDir });
  }

  /** Whether an earlier start wrote the code cache, so the next start reads it. */
  hasCodeCache(): boolean {
    return readdirSync(this.codeCacheDir).some((name) => name.endsWith('.v8cache'));
  }

  /** Empties the folder: the next start is a first start. */
  emptyCodeCache(): void {
    rmSync(this.codeCacheDir, { recursive: true, force: true });
    mkdirSync(this.codeCacheDir);
  }
}
