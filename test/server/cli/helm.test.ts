/** `daemonset lint --helm` and `daemonset preview --helm`, with --values and --set. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import type { CliIo } from '../../../server/src/cli/io';
import { stopHelmRenderer } from '../../../server/src/host/helmRenderer';
import { assertGolden, repoRoot } from '../../support/golden';
import { PUBLIC_CHART_SET, publicCharts } from '../../support/publicCharts';

after(() => stopHelmRenderer());

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: repoRoot, now: () => 0 };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const chart = 'test/fixtures/helm/selector-drift';

describe('daemonset lint --helm', () => {
  it('exits 0 when the chart renders clean with its values.yaml', async () => {
    const result = await run(['lint', '--helm', chart]);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, '0 errors, 0 warnings, 0 notes in 1 file\n');
  });

  it('reports what a values file makes of the chart, on the template lines, and exits 1', async () => {
    const result = await run(['lint', '--helm', chart, '--values', `${chart}/values-drift.yaml`]);
    assert.equal(result.code, 1);
    assertGolden('cli/lint-helm-selector-drift.txt', result.stdout);
  });

  it('applies --set after the values files', async () => {
    const result = await run(['lint', '--helm', chart, '-f', `${chart}/values-drift.yaml`, '--set', 'podComponent=agent', '--set', 'updateStrategy.rollingUpdate.maxSurge=0,updateStrategy.rollingUpdate.maxUnavailable=1']);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout, '');
  });

  it('reports a chart that does not render at the template line, as JSON too', async () => {
    const result = await run(['lint', '--helm', chart, '--set', 'image.repository=null', '--format', 'json']);
    assert.equal(result.code, 1);
    const files = (JSON.parse(result.stdout) as { files: Array<{ path: string; diagnostics: Array<{ rule: string; message: string; range: { start: { line: number } } }> }> }).files;
    assert.deepEqual(
      files.map((f) => [f.path, f.diagnostics.map((d) => [d.rule, d.range.start.line + 1, d.message])]),
      [[`${chart}/templates/daemonset.yaml`, [['helm-render', 28, `${chart} with --set image.repository=null does not render: image.repository is required`]]]],
    );
  });

  it('exits 2 for a folder that is not a chart, a missing values file, --values without --helm and a bad --set', async () => {
    assert.deepEqual(await run(['lint', '--helm', 'examples']), { code: 2, stdout: '', stderr: 'daemonset: lint: --helm examples: not a chart folder (no Chart.yaml)\n' });
    assert.equal((await run(['lint', '--helm', chart, '--values', 'nope.yaml'])).stderr, 'daemonset: nope.yaml: cannot read: no such file or directory\n');
    assert.equal((await run(['lint', 'examples', '--values', 'x.yaml'])).stderr, 'daemonset: lint: --values and --set go with --helm <chart folder>\n');
    const badSet = await run(['lint', '--helm', chart, '--set', 'podComponent']);
    assert.equal(badSet.code, 1);
    assert.match(badSet.stdout, /helm-render .*key "podComponent" has no value/);
  });
});

describe('daemonset lint --helm with subcharts', () => {
  const metallb = 'test/fixtures/helm/charts/metallb';

  it('reports what a packaged subchart (charts/*.tgz) renders on its dependencies entry of Chart.yaml, naming the subchart, template and field', async () => {
    const result = await run(['lint', '--helm', metallb]);
    assert.equal(result.code, 0, result.stdout);
    assertGolden('cli/lint-helm-metallb-subchart.txt', result.stdout);
    // frr-k8s-0.0.25.tgz renders a DaemonSet of its own: 6 warnings and 3 notes of the 8 and 6 are its.
    assert.equal(result.stderr, '0 errors, 8 warnings, 6 notes in 2 files\n');
  });

  it('places them on the exact `name` of the entry in JSON and SARIF', async () => {
    const json = JSON.parse((await run(['lint', '--helm', metallb, '--format', 'json'])).stdout) as {
      files: Array<{ path: string; diagnostics: Array<{ rule: string; message: string; path: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> }>;
    };
    const chartYaml = json.files.find((f) => f.path === `${metallb}/Chart.yaml`);
    assert.ok(chartYaml, 'Chart.yaml is reported');
    assert.equal(chartYaml.diagnostics.length, 9);
    for (const d of chartYaml.diagnostics) {
      assert.deepEqual(d.range, { start: { line: 11, character: 8 }, end: { line: 11, character: 15 } });
      assert.match(d.message, /\(as rendered by test\/fixtures\/helm\/charts\/metallb: subchart frr-k8s, frr-k8s\/templates\/controller\.yaml at spec\.template\.spec\./);
    }
    const sarif = JSON.parse((await run(['lint', '--helm', metallb, '--format', 'sarif'])).stdout) as {
      runs: Array<{ results: Array<{ message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }>;
    };
    const onChartYaml = sarif.runs[0].results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri.endsWith('metallb/Chart.yaml'));
    assert.equal(onChartYaml.length, 9);
    assert.deepEqual(
      [...new Set(onChartYaml.map((r) => `${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn}`))],
      ['12:9'],
    );
  });

  it('reports an unpacked subchart’s findings on its own template lines, rendered with the parent’s values', async () => {
    const result = await run(['lint', '--helm', 'test/fixtures/helm/umbrella']);
    assert.equal(result.code, 0, result.stdout);
    assert.match(
      result.stdout,
      /^test\/fixtures\/helm\/umbrella\/charts\/log-shipper\/templates\/daemonset\.yaml:10:3 warning hostport-with-surge maxSurge is 1 but container shipper binds hostPort 2020: .*\(as rendered by test\/fixtures\/helm\/umbrella at spec\.updateStrategy\.rollingUpdate\.maxSurge\)\n$/,
    );
  });
});

describe('daemonset lint --helm on the public charts of test/fixtures/helm/charts', () => {
  // What the real engine renders is linted like any DaemonSet: the charts' own findings are warnings
  // and notes (privileged CNI agents, no requests…); an error here would come from rendering, not the chart.
  for (const name of publicCharts()) {
    it(`${name}: renders and gets no error`, async () => {
      const result = await run(['lint', '--helm', `test/fixtures/helm/charts/${name}`, ...(PUBLIC_CHART_SET[name] ?? []).flatMap((v) => ['--set', v])]);
      assert.equal(result.code, 0, result.stdout);
      assert.match(result.stderr, /^0 errors, /);
    });
  }
});

describe('daemonset preview --helm', () => {
  it('previews the DaemonSet the chart renders on the inventory', async () => {
    const result = await run(['preview', '--helm', chart, '--inventory', 'examples/nodes/kind-cluster.nodes.yaml', '--release-name', 'prod', '--namespace', 'agents']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^NAMESPACE +NAME +DESIRED/);
    assert.match(result.stdout, /agents +prod-node-agent +\d+ .* registry\.example\.com\/node-agent:1\.4\.2 /);
  });

  it('exits 2 with Go’s message when the chart does not render', async () => {
    const result = await run(['preview', '--helm', chart, '--set', 'image.repository=null', '--inventory', 'examples/nodes/kind-cluster.nodes.yaml']);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `daemonset: ${chart} with --set image.repository=null does not render (node-agent/templates/daemonset.yaml:28): image.repository is required\n`,
    );
  });
});
