/**
 * The language server's entry, `dist/server.js`: runs the server's bundle, `dist/server-main.js`
 * (main.ts), with V8's code cache when the one who started it names a folder for it
 * (`DAEMONSET_CODE_CACHE_DIR`: the VS Code client passes one in its global storage), so a fresh
 * server skips compiling what an earlier one compiled. Without the folder, or if anything about
 * the cache fails, the bundle is loaded as Node loads any module.
 */
import { join } from 'node:path';
import { runBundle } from '../host/codeCache';
import { CODE_CACHE_DIR_ENV } from '../protocol/codeCache';
import { limitHeapGrowth } from './heapGrowth';

// Before compiling: V8 takes a code cache only under the flags it was made with.
limitHeapGrowth();
runBundle(join(__dirname, 'server-main.js'), process.env[CODE_CACHE_DIR_ENV] || undefined);
