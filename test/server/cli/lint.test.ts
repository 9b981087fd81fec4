import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import type { CliIo } from '../../../server/src/cli/io';
import { assertGolden, repoRoot } from '../../support/golden';
import { sarifSchemaValidator } from '../../support/sarif';

type SarifLocation = { physicalLocation: { artifactLocation: { uri: string } } };
type SarifResult = { ruleId: string; locations: SarifLocation[]; relatedLocations: SarifLocation[] };

async function run(argv: string[], cwd = repoRoot): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, now: () => 0 };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('daemonset lint', () => {
  it('prints compiler-style lines and exits 1 on an error', async () => {
    const result = await run(['lint', 'examples']);
    assert.equal(result.code, 1);
    assertGolden('cli/lint-examples.txt', result.stdout);
    assert.match(result.stderr, /^1 error, \d+ warnings?, \d+ notes? in 28 files\n$/);
  });

  it('adds the inventory-aware rules with --inventory', async () => {
    const result = await run(['lint', 'examples', '--inventory', 'examples/nodes/kind-cluster.nodes.yaml']);
    assertGolden('cli/lint-examples-kind.txt', result.stdout);
  });

  it("lints the DaemonSets of a `kubectl get ds -A -o yaml` List at their lines and columns", async () => {
    const result = await run(['lint', 'test/fixtures/service/list/kubectl-get-ds.yaml']);
    assert.equal(result.code, 1);
    assert.deepEqual(
      result.stdout.split('\n').filter(Boolean).map((line) => line.split(' ').slice(0, 3).join(' ')),
      ['test/fixtures/service/list/kubectl-get-ds.yaml:56:20 warning hostnetwork-dns-policy', 'test/fixtures/service/list/kubectl-get-ds.yaml:108:11 error schema'],
    );
    assert.match(result.stdout, /:108:11 error schema Unknown field `bogus` in `spec\.template\.spec\.containers\[0\]`\./);
  });

  it('exits 0 when only warnings and notes are found', async () => {
    const result = await run(['lint', 'examples/fluentd-elasticsearch.yaml', 'examples/demo-daemon.yaml']);
    assert.equal(result.code, 0, result.stdout);
  });

  it('writes the documented JSON with field paths and 0-based ranges', async () => {
    const result = await run(['lint', 'examples/selector-drift.yaml', '--format', 'json']);
    assert.equal(result.code, 1);
    const json = JSON.parse(result.stdout);
    assert.equal(json.files.length, 1);
    assert.equal(json.files[0].path, 'examples/selector-drift.yaml');
    const drift = json.files[0].diagnostics[0];
    assert.deepEqual(Object.keys(drift), ['rule', 'severity', 'message', 'path', 'range']);
    assert.equal(drift.rule, 'selector-drift');
    assert.equal(drift.severity, 'error');
    assert.equal(drift.path, 'spec.template.metadata.labels');
    assert.deepEqual(drift.range, { start: { line: 13, character: 6 }, end: { line: 13, character: 28 } });
    assertGolden('cli/lint-selector-drift.json', result.stdout);
  });

  it('writes SARIF 2.1.0 that validates against the SARIF schema', async () => {
    const result = await run([
      'lint',
      'examples',
      'test/fixtures/service/workspace',
      '--inventory',
      'examples/nodes/kind-cluster.nodes.yaml',
      '--format',
      'sarif',
    ]);
    const sarif = JSON.parse(result.stdout);
    const validate = sarifSchemaValidator();
    assert.equal(validate({ version: '2.1.0', runs: [{ results: [] }] }), false, 'the schema check rejects a run without a tool');
    assert.equal(validate(sarif), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run0 = sarif.runs[0];
    const ids = run0.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const result of run0.results) {
      assert.equal(ids[result.ruleIndex], result.ruleId);
      assert.ok(result.locations[0].physicalLocation.region.startLine >= 1);
    }
    const crossFile = run0.results.find((r: { ruleId: string }) => r.ruleId === 'pdb-on-daemonset');
    assert.equal(crossFile.relatedLocations[0].physicalLocation.artifactLocation.uri, 'test/fixtures/service/workspace/prometheus.yaml');
  });

  it('places a SARIF related location in the file its URI names, not in one whose path ends the same', async () => {
    // a/ds.yaml is linted first, and b/a/ds.yaml ends with "/a/ds.yaml".
    const result = await run(['lint', 'a', 'b', '--format', 'sarif'], join(repoRoot, 'test/fixtures/cli/same-file-name'));
    const results: SarifResult[] = JSON.parse(result.stdout).runs[0].results;
    const uriOf = (location: SarifLocation) => location.physicalLocation.artifactLocation.uri;
    assert.deepEqual(
      results.filter((r) => r.ruleId === 'hostport-conflict').map((r) => [uriOf(r.locations[0]), uriOf(r.relatedLocations[0])]),
      [
        ['a/ds.yaml', 'b/a/ds.yaml'],
        ['b/a/ds.yaml', 'a/ds.yaml'],
      ],
    );
  });

  for (const [name, argv, message] of [
    ['a missing file', ['lint', 'examples/nope.yaml'], /examples\/nope\.yaml: cannot read/],
    ['an unknown format', ['lint', 'examples', '--format', 'xml'], /--format must be text, json or sarif/],
    ['no files', ['lint'], /give at least one file/],
    ['an unreadable inventory', ['lint', 'examples', '--inventory', 'examples/missing.nodes.yaml'], /missing\.nodes\.yaml/],
  ] as const) {
    it(`exits 2 with one line for ${name}`, async () => {
      const result = await run([...argv]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1);
    });
  }
});
