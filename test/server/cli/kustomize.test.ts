/** `daemonset lint --kustomize <dir>` with the real `kubectl kustomize` over test/fixtures/kustomize. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import type { CliIo } from '../../../server/src/cli/io';
import { assertGolden, fixturesDir } from '../../support/golden';
import { sarifSchemaValidator } from '../../support/sarif';

const cwd = join(fixturesDir, 'kustomize');

async function run(argv: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, now: () => 0, env };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('daemonset lint --kustomize', () => {
  it('reports each overlay\'s findings in the patch or kustomization entry that caused them, and exits 1 on an error', async () => {
    const result = await run(['lint', '--kustomize', 'overlays/drift', '--kustomize', 'overlays/prod', '--kustomize', 'overlays/broken']);
    assert.equal(result.code, 1, result.stderr);
    assertGolden('cli/lint-kustomize.txt', result.stdout);
    assert.equal(result.stderr, '4 errors, 1 warning, 0 notes in 4 files\n');
  });

  it('exits 0 for an overlay that renders clean', async () => {
    const result = await run(['lint', '--kustomize', 'base']);
    assert.deepEqual(result, { code: 0, stdout: '', stderr: '0 errors, 0 warnings, 0 notes in 0 files\n' });
  });

  it('merges the overlay\'s findings into the files linted as manifests, once per file; a patch file keeps only those', async () => {
    const result = await run(['lint', 'overlays/drift', '--kustomize', 'overlays/drift', '--format', 'json']);
    const json = JSON.parse(result.stdout) as { files: Array<{ path: string; diagnostics: Array<{ rule: string; message: string }> }> };
    const patch = json.files.filter((file) => file.path === 'overlays/drift/template-labels.yaml');
    assert.equal(patch.length, 1);
    assert.deepEqual(patch[0].diagnostics.map((d) => [d.rule, d.message.startsWith('in overlays/drift (rendered), ')]), [['selector-drift', true]]);
  });

  it('writes SARIF that validates, located in the patch file', async () => {
    const result = await run(['lint', '--kustomize', 'overlays/drift', '--format', 'sarif']);
    const sarif = JSON.parse(result.stdout);
    assert.equal(sarifSchemaValidator()(sarif), true);
    assert.deepEqual(
      sarif.runs[0].results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
      [['selector-drift', 'overlays/drift/template-labels.yaml', 9]],
    );
  });

  it('exits 2 before running anything for a remote base, unless allowed', async () => {
    const result = await run(['lint', '--kustomize', 'overlays/remote']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^daemonset: lint: overlays\/remote uses the remote resource "https:\/\/github\.com\/example\/fluent-bit-config\/\/deploy\?ref=v1\.0\.0", which kubectl would fetch: pass --allow-remote-bases to allow it\n$/);
  });

  it('exits 2 for a folder without a kustomization', async () => {
    const result = await run(['lint', '--kustomize', 'overlays']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /overlays: no kustomization\.yaml/);
  });

  it('exits 2 with kubectl\'s absence in words when it is not on the PATH', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'daemonset-nokubectl-'));
    try {
      writeFileSync(join(empty, 'README'), 'no kubectl here\n');
      const result = await run(['lint', '--kustomize', 'overlays/drift'], { ...process.env, PATH: empty });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /kubectl is not installed or not on the PATH/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
