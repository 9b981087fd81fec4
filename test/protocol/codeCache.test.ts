/**
 * The server's entry (dist/server.js) with a code cache folder, as the VS Code client starts it:
 * the cache is written once the first diagnostics are out, a second server starts from it, and
 * a folder that cannot be written changes nothing but the cache.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CODE_CACHE_DIR_ENV } from '../../server/src/protocol/codeCache';
import { repoRoot } from '../support/golden';
import { waitFor } from '../support/waitFor';
import { LspTestClient } from './support/lspClient';

const uri = 'file:///workspace/selector-drift.yaml';
const text = readFileSync(join(repoRoot, 'examples', 'selector-drift.yaml'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'server-code-cache-'));

async function diagnosticsWith(cacheDir: string): Promise<unknown[]> {
  const client = LspTestClient.start({ env: { ...process.env, [CODE_CACHE_DIR_ENV]: cacheDir } });
  try {
    await client.initialize('file:///workspace');
    await client.open(uri, text);
    return await client.diagnostics(uri);
  } finally {
    await client.stop();
  }
}

describe('server entry with a code cache folder', () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it('writes the cache after the first diagnostics; the next server starts from it and publishes the same', async () => {
    const dir = join(work, 'code-cache');
    const first = await diagnosticsWith(dir);
    assert.ok(first.length > 0);
    const [file] = await waitFor(() => {
      const files = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.name.endsWith('.v8cache'));
      return files.length > 0 && files.map((entry) => entry.name);
    });
    const written = statSync(join(dir, file)).mtimeMs;
    assert.deepEqual(await diagnosticsWith(dir), first);
    // A cache V8 took is not written again (one it rejected would be).
    assert.equal(statSync(join(dir, file)).mtimeMs, written);
    assert.deepEqual(readdirSync(dir), [file]);
  });

  it('publishes as usual when the cache folder cannot be created', async () => {
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const diagnostics = await diagnosticsWith(join(blocker, 'code-cache'));
    assert.ok(diagnostics.length > 0);
  });
});
