/**
 * Quick, seeded fuzz of the `daemonset` command line, in process: lint,
 * preview and rollout on mutated manifests and inventories, and random
 * argument lists. Invariant: bad input gives exit status 0, 1 (lint found an
 * error) or 2 with a message, never an internal error.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { runCli } from '../../server/src/cli/main';
import type { CliIo } from '../../server/src/cli/io';
import { loadCorpus, mutatedManifest, pathologicalDocuments } from './support/inputs';

const SEED = Number(process.env.FUZZ_SEED ?? 20240607);
const dir = mkdtempSync(join(tmpdir(), 'daemonset-cli-fuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, now: () => 0 };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

function assertHandled(result: { code: number; stderr: string }, what: string): void {
  assert.ok([0, 1, 2].includes(result.code), `${what}: exit ${result.code}`);
  assert.doesNotMatch(result.stderr, /internal error/, `${what}: ${result.stderr}`);
}

const corpus = loadCorpus().filter((c) => c.text.length < 20_000);
const manifests = corpus.filter((c) => /kind:\s*DaemonSet/.test(c.text));
const inventories = corpus.filter((c) => /kind:\s*(Node|NodeList|List)\b/.test(c.text));

describe('fuzz: daemonset CLI (quick, seeded)', () => {
  it('lint, preview and rollout handle mutated manifests and inventories', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedManifest(manifests, 4), mutatedManifest(inventories, 4), fc.constantFrom('text', 'json', 'sarif'), async (manifest, inventory, format) => {
        writeFileSync(join(dir, 'ds.yaml'), manifest.text);
        writeFileSync(join(dir, 'nodes.yaml'), inventory.text);
        assertHandled(await run(['lint', 'ds.yaml', '--format', format, '--inventory', 'nodes.yaml']), `lint ${manifest.name}`);
        assertHandled(await run(['preview', 'ds.yaml', '--inventory', 'nodes.yaml']), `preview ${manifest.name} on ${inventory.name}`);
        assertHandled(await run(['rollout', 'ds.yaml', '--from', 'ds.yaml', '--inventory', 'nodes.yaml']), `rollout ${manifest.name}`);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('handles random argument lists', async () => {
    const word = fc.oneof(fc.constantFrom('lint', 'preview', 'rollout', '--inventory', '--from', '--format', '--json', '-h', '--', '-', 'ds.yaml', 'nodes.yaml', '.', '/', 'missing.yaml', '--max-surge', '200%', '-1'), fc.string({ maxLength: 6 }));
    writeFileSync(join(dir, 'ds.yaml'), manifests[0].text);
    writeFileSync(join(dir, 'nodes.yaml'), inventories[0].text);
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (argv) => assertHandled(await run(argv), JSON.stringify(argv))),
      { seed: SEED, numRuns: 200 },
    );
  });

  for (const input of pathologicalDocuments().filter((p) => p.text.length < 200_000)) {
    it(`lint and preview handle ${input.name}`, async () => {
      writeFileSync(join(dir, 'bad.yaml'), input.text);
      writeFileSync(join(dir, 'nodes.yaml'), inventories[0].text);
      assertHandled(await run(['lint', 'bad.yaml']), `lint ${input.name}`);
      assertHandled(await run(['preview', 'bad.yaml', '--inventory', 'nodes.yaml']), `preview ${input.name}`);
      assertHandled(await run(['preview', 'ds.yaml', '--inventory', 'bad.yaml']), `preview with inventory ${input.name}`);
    });
  }
});
