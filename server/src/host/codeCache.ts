/**
 * Runs a CommonJS bundle with V8's code cache, so that a fresh process skips compiling the
 * functions an earlier one compiled (the language server's first validation of a large file runs
 * mostly cold: parsing and compiling its functions lazily is part of that cost).
 *
 * The bundle is compiled as Node compiles a CommonJS module (`Module.wrap`, `vm.Script`), with the
 * cache when one is there. Once the code is warm (`warmCode.ts`: after the first validation
 * settled, so the lazily compiled functions are in it), the cache is made with
 * `script.createCachedData()` and written atomically (a temporary file renamed), only if there was
 * none or V8 rejected it. Its file is named by the bundle's text, the Node and V8 versions, the
 * architecture and the V8 flags of the command line; it holds a SHA-256 of the data before the
 * data, since V8 itself does not check a cache's contents in release builds. Nothing here may stop
 * the bundle from running: any failure before it runs falls back to `require`, and a cache that
 * cannot be read or written is ignored.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { onCodeWarm } from './warmCode';

const FILE_PREFIX = 'server-';
const FILE_SUFFIX = '.v8cache';
const DIGEST_BYTES = 32;

/**
 * How the bundle was compiled: `required` (no cache folder, or the cache could not be set up: as
 * Node loads any module), `compiled` (no usable cache file yet), `cached` (V8 took the cache),
 * `rejected` (V8 refused it, e.g. another V8 build), `corrupt` (the file's digest did not match).
 */
export type CodeCacheOutcome = 'required' | 'compiled' | 'cached' | 'rejected' | 'corrupt';

export interface BundleRun {
  outcome: CodeCacheOutcome;
  /** The cache file read, and written once the code is warm unless the outcome is `cached`. */
  cacheFile?: string;
}

/** The cache file of a bundle's text in `cacheDir`, for this Node, V8 and command line. */
export function codeCacheFile(cacheDir: string, source: string): string {
  const runtime = [process.version, process.versions.v8, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  const key = createHash('sha256').update(source).update('\0').update(runtime).digest('hex').slice(0, 32);
  return join(resolve(cacheDir), `${FILE_PREFIX}${key}${FILE_SUFFIX}`);
}

/** Runs the bundle at `bundle` (an absolute path), with the code cache of `cacheDir` when given. */
export function runBundle(bundle: string, cacheDir: string | undefined): BundleRun {
  const prepared = cacheDir ? prepare(bundle, cacheDir) : undefined;
  if (!prepared) {
    createRequire(bundle)(bundle);
    return { outcome: 'required' };
  }
  const { script, cacheFile, outcome } = prepared;
  if (outcome !== 'cached') onCodeWarm(() => writeOnce(script, cacheFile));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const module = new Module(bundle);
  module.filename = bundle;
  const moduleRequire = createRequire(bundle);
  wrapper.call(module.exports, module.exports, moduleRequire, module, bundle, dirname(bundle));
  module.loaded = true;
  return { outcome, cacheFile };
}

/** The bundle compiled with its cache if there is a good one; undefined when anything fails. */
function prepare(bundle: string, cacheDir: string): { script: Script; cacheFile: string; outcome: CodeCacheOutcome } | undefined {
  try {
    const source = readFileSync(bundle, 'utf8');
    const cacheFile = codeCacheFile(cacheDir, source);
    const stored = readCacheFile(cacheFile);
    const cachedData = stored instanceof Buffer ? stored : undefined;
    const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
    const outcome: CodeCacheOutcome = stored === 'corrupt' ? 'corrupt' : !cachedData ? 'compiled' : script.cachedDataRejected ? 'rejected' : 'cached';
    return { script, cacheFile, outcome };
  } catch {
    return undefined;
  }
}

/** The cache's data, `corrupt` if its digest does not match, undefined if there is no file. */
function readCacheFile(file: string): Buffer | 'corrupt' | undefined {
  let contents: Buffer;
  try {
    contents = readFileSync(file);
  } catch {
    return undefined;
  }
  if (contents.length <= DIGEST_BYTES) return 'corrupt';
  const data = contents.subarray(DIGEST_BYTES);
  return createHash('sha256').update(data).digest().equals(contents.subarray(0, DIGEST_BYTES)) ? data : 'corrupt';
}

/** Writes the cache once: soon after the code is warm, or at exit if the process ends first. */
function writeOnce(script: Script, cacheFile: string): void {
  let pending = true;
  const write = () => {
    if (!pending) return;
    pending = false;
    process.removeListener('exit', write);
    writeCacheFile(script, cacheFile);
  };
  process.once('exit', write);
  setImmediate(write);
}

/**
 * Writes the cache atomically and, once it is written, removes the caches of other bundles. A cache that
 * cannot be written is left out (a read-only or full disk): the next start compiles, as this one did.
 */
function writeCacheFile(script: Script, cacheFile: string): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(temporary, Buffer.concat([createHash('sha256').update(data).digest(), data]));
    renameSync(temporary, cacheFile);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // never written
    }
    return;
  }
  removeOtherCaches(cacheFile);
}

/** Older bundles' caches (an updated extension) are never read again. */
function removeOtherCaches(cacheFile: string): void {
  try {
    for (const name of readdirSync(dirname(cacheFile))) {
      if (name !== basename(cacheFile) && name.startsWith(FILE_PREFIX) && name.endsWith(FILE_SUFFIX)) unlinkSync(join(dirname(cacheFile), name));
    }
  } catch {
    // another process may be removing them too
  }
}
