import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { codeCacheFile, type BundleRun } from '../../../server/src/host/codeCache';

const child = join(__dirname, 'support', 'runBundleChild.ts');
const work = mkdtempSync(join(tmpdir(), 'code-cache-'));

/** A CommonJS bundle with functions compiled lazily, which reports what the loader gave it. */
function writeBundle(name: string, answer: number): string {
  const file = join(work, name);
  writeFileSync(
    file,
    [
      "'use strict';",
      'const exportsIsThis = this === exports;',
      "const { basename } = require('node:path');",
      `function square(n) { return n * n; }`,
      `function answer() { let sum = 0; for (let i = 0; i < 4; i++) sum += square(i); return sum + ${answer - 14}; }`,
      'module.exports = { answer };',
      "process.stdout.write(JSON.stringify({ answer: answer(), file: basename(__filename), dir: __dirname, exportsIsThis }) + '\\n');",
      '',
    ].join('\n'),
  );
  return file;
}

/** Runs the bundle in a fresh process: what the bundle printed, and how it was compiled. */
function run(bundle: string, cacheDir?: string): { printed: { answer: number; file: string; dir: string; exportsIsThis: boolean }; loaded: BundleRun } {
  const output = execFileSync(process.execPath, ['--import', 'tsx', child, bundle, ...(cacheDir === undefined ? [] : [cacheDir])], { encoding: 'utf8' });
  const [printed, loaded] = output.trim().split('\n');
  return { printed: JSON.parse(printed), loaded: JSON.parse(loaded) };
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.v8cache'));

describe('runBundle (V8 code cache of the server bundle)', () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it('without a cache folder, loads the bundle as Node loads any module', () => {
    const bundle = writeBundle('plain.js', 42);
    const { printed, loaded } = run(bundle);
    assert.equal(loaded.outcome, 'required');
    assert.deepEqual(printed, { answer: 42, file: 'plain.js', dir: work, exportsIsThis: true });
  });

  it('compiles without a cache, writes it once the code is warm, and the next process uses it', () => {
    const bundle = writeBundle('server-main.js', 42);
    const dir = join(work, 'fresh', 'code-cache'); // created when first written
    const first = run(bundle, dir);
    assert.equal(first.loaded.outcome, 'compiled');
    assert.deepEqual(first.printed, { answer: 42, file: 'server-main.js', dir: work, exportsIsThis: true });
    assert.deepEqual(cacheFiles(dir), [first.loaded.cacheFile?.slice(dir.length + 1)]);
    const written = statSync(first.loaded.cacheFile!).mtimeMs;

    const second = run(bundle, dir);
    assert.equal(second.loaded.outcome, 'cached');
    assert.equal(second.loaded.cacheFile, first.loaded.cacheFile);
    assert.equal(second.printed.answer, 42);
    assert.equal(statSync(first.loaded.cacheFile!).mtimeMs, written, 'a cache V8 took is not written again');
  });

  it('keys the cache by the bundle text: a changed bundle gets its own, and the old one is removed', () => {
    const dir = join(work, 'versions');
    const bundle = writeBundle('versioned.js', 42);
    const old = run(bundle, dir).loaded.cacheFile;
    writeBundle('versioned.js', 43);
    const next = run(bundle, dir);
    assert.equal(next.loaded.outcome, 'compiled');
    assert.equal(next.printed.answer, 43);
    assert.notEqual(next.loaded.cacheFile, old);
    assert.deepEqual(cacheFiles(dir), [next.loaded.cacheFile?.slice(dir.length + 1)]);
    assert.equal(run(bundle, dir).loaded.outcome, 'cached');
  });

  it('ignores a corrupt cache file, runs the bundle and writes a good one', () => {
    const dir = join(work, 'corrupt');
    const bundle = writeBundle('corrupt.js', 42);
    const cacheFile = run(bundle, dir).loaded.cacheFile!;
    const bytes = readFileSync(cacheFile);
    bytes[bytes.length - 8] ^= 0xff; // one flipped byte in V8's data: its length and header still fit
    writeFileSync(cacheFile, bytes);
    const damaged = run(bundle, dir);
    assert.equal(damaged.loaded.outcome, 'corrupt');
    assert.equal(damaged.printed.answer, 42);
    assert.equal(run(bundle, dir).loaded.outcome, 'cached');

    writeFileSync(cacheFile, 'short');
    assert.equal(run(bundle, dir).loaded.outcome, 'corrupt');
    assert.equal(run(bundle, dir).loaded.outcome, 'cached');
  });

  it('rewrites a cache V8 rejects (made for other code) with one it takes', () => {
    const dir = join(work, 'rejected');
    // V8 compares only the source's length: a cache of another text of the same length would be
    // taken (which is why the file is named by the text's hash). This one differs in length.
    const other = writeBundle('other.js', 1007);
    const bundle = writeBundle('rejected.js', 42);
    const otherCache = run(other, dir).loaded.cacheFile!;
    // The other bundle's cache, whole and with its digest, under this bundle's name.
    const cacheFile = codeCacheFileFor(bundle, dir);
    writeFileSync(cacheFile, readFileSync(otherCache));
    const refused = run(bundle, dir);
    assert.equal(refused.loaded.outcome, 'rejected');
    assert.equal(refused.printed.answer, 42);
    assert.equal(run(bundle, dir).loaded.outcome, 'cached');
  });

  it('runs the bundle when the cache folder cannot be created or written', () => {
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const bundle = writeBundle('unwritable.js', 42);
    const dir = join(blocker, 'code-cache');
    for (let i = 0; i < 2; i++) {
      const { printed, loaded } = run(bundle, dir);
      assert.equal(loaded.outcome, 'compiled');
      assert.equal(printed.answer, 42);
    }
    assert.deepEqual(readdirSync(work).filter((name) => name.endsWith('.tmp')), []);
  });
});

/** The file name the child computes: the key includes the command line, the child's is `--import tsx`. */
function codeCacheFileFor(bundle: string, dir: string): string {
  const execArgv = process.execArgv;
  try {
    Object.defineProperty(process, 'execArgv', { value: ['--import', 'tsx'], configurable: true });
    return codeCacheFile(dir, readFileSync(bundle, 'utf8'));
  } finally {
    Object.defineProperty(process, 'execArgv', { value: execArgv, configurable: true });
  }
}
