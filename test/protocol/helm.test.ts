/** The language server renders a chart template's chart (dist/server.js with dist/helm-renderer.wasm beside it). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from './support/lspClient';
import { RENDERED_TEMPLATE_REQUEST, type RenderedTemplateResult } from '../../server/src/protocol/renderedTemplateRequest';
import { RENDERED_BASELINES_REQUEST, type RenderedBaselinesResult } from '../../server/src/protocol/renderedBaselinesRequest';
import { fixturesDir } from '../support/golden';

describe('language server on a Helm chart template', () => {
  let client: LspTestClient;
  const chart = join(fixturesDir, 'helm', 'selector-drift');
  const template = pathToFileURL(join(chart, 'templates', 'daemonset.yaml')).href;
  const text = readFileSync(join(chart, 'templates', 'daemonset.yaml'), 'utf8');

  before(() => {
    client = LspTestClient.start();
  });

  after(async () => {
    await client.stop();
  });

  it('reports what the daemonset.helm.valuesFiles render, on the template lines, and follows the unsaved text', async () => {
    client.configuration = { helm: { valuesFiles: ['values-drift.yaml'] } };
    await client.initialize(pathToFileURL(chart).href);
    await client.open(template, text, 1);
    const drift = await client.waitForDiagnostics(template, (list) => list.some((d) => d.code === 'selector-drift'));
    const finding = drift.find((d) => d.code === 'selector-drift');
    assert.equal(finding?.range.start.line, 15);
    assert.match(String(finding?.message), /\(as rendered by \. with values-drift\.yaml\)$/);
    assert.ok(drift.some((d) => d.code === 'hostport-with-surge' && d.range.start.line === 11));

    // The editor's text, not the file, is rendered: the pod label follows the selector again.
    const fixed = text.replace('{{ .Values.podComponent | default .Values.component }}', '{{ .Values.component }}');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: template, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.waitForDiagnostics(template, (list) => !list.some((d) => d.code === 'selector-drift'));
    assert.ok(after.some((d) => d.code === 'hostport-with-surge'));
  });

  it('answers daemonset/renderedTemplate with the rendered text and the template line of each rendered line, for the preview', async () => {
    const answer = (await client.connection.sendRequest(RENDERED_TEMPLATE_REQUEST, { uri: template })) as RenderedTemplateResult;
    assert.ok(answer && 'text' in answer);
    assert.equal(answer.label, '. with values-drift.yaml');
    const rendered = answer.text.split('\n');
    assert.equal(rendered[3], '  name: release-name-node-agent');
    assert.equal(answer.templateLines[3], 3);
    assert.equal(rendered.length, answer.templateLines.length);
    const others = (await client.connection.sendRequest(RENDERED_TEMPLATE_REQUEST, { uri: pathToFileURL(join(chart, 'values.yaml')).href })) as RenderedTemplateResult;
    assert.equal(others, null);
  });

  it('answers with Go’s error when the chart does not render', async () => {
    const broken = text.replace('{{ .Values.priorityClassName }}', '{{ fail "no priority" }}');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: template, version: 3 }, contentChanges: [{ text: broken }] });
    const answer = (await client.connection.sendRequest(RENDERED_TEMPLATE_REQUEST, { uri: template })) as RenderedTemplateResult;
    assert.deepEqual(answer, { label: '. with values-drift.yaml', error: 'node-agent/templates/daemonset.yaml:21: no priority' });
  });
});

describe('language server on charts with subcharts', () => {
  let client: LspTestClient;
  const metallb = join(fixturesDir, 'helm', 'charts', 'metallb');
  const umbrella = join(fixturesDir, 'helm', 'umbrella');

  before(async () => {
    client = LspTestClient.start();
    await client.initialize(pathToFileURL(join(fixturesDir, 'helm')).href);
  });

  after(async () => {
    await client.stop();
  });

  const chartYaml = pathToFileURL(join(metallb, 'Chart.yaml')).href;

  it('publishes what a packaged subchart renders on the workspace’s Chart.yaml when a template of the chart is open', async () => {
    const template = pathToFileURL(join(metallb, 'templates', 'daemonset.yaml')).href;
    await client.open(template, readFileSync(join(metallb, 'templates', 'daemonset.yaml'), 'utf8'), 1);
    const found = await client.waitForDiagnostics(chartYaml, (list) => list.length > 0);
    assert.equal(found.length, 9);
    assert.ok(found.every((d) => d.range.start.line === 11 && / subchart frr-k8s, frr-k8s\/templates\/controller\.yaml at /.test(String(d.message))));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: template } });
  });

  it('publishes what a packaged subchart renders on its dependencies entry of an open Chart.yaml', async () => {
    // Its own version: what diagnose() publishes for the open document, not the push above.
    await client.open(chartYaml, readFileSync(join(metallb, 'Chart.yaml'), 'utf8'), 7);
    const found = await client.diagnostics(chartYaml, 7);
    assert.equal(found.length, 9);
    for (const d of found) {
      assert.deepEqual(d.range, { start: { line: 11, character: 8 }, end: { line: 11, character: 15 } });
      assert.match(String(d.message), /\(as rendered by charts\/metallb: subchart frr-k8s, frr-k8s\/templates\/controller\.yaml at spec\.template\.spec\./);
    }
    assert.ok(found.some((d) => d.code === 'hostnetwork-dns-policy'));
  });

  it('renders an unpacked subchart’s template with its parent chart’s values, on the subchart template’s lines', async () => {
    const template = pathToFileURL(join(umbrella, 'charts', 'log-shipper', 'templates', 'daemonset.yaml')).href;
    await client.open(template, readFileSync(join(umbrella, 'charts', 'log-shipper', 'templates', 'daemonset.yaml'), 'utf8'), 1);
    // The parent's values give the subchart a hostPort; rendered alone it binds none.
    const found = await client.waitForDiagnostics(template, (list) => list.some((d) => d.code === 'hostport-with-surge'));
    const surge = found.find((d) => d.code === 'hostport-with-surge');
    assert.equal(surge?.range.start.line, 9);
    assert.match(String(surge?.message), /binds hostPort 2020: .*\(as rendered by umbrella at spec\.updateStrategy\.rollingUpdate\.maxSurge\)$/);
    const answer = (await client.connection.sendRequest(RENDERED_TEMPLATE_REQUEST, { uri: template })) as RenderedTemplateResult;
    assert.ok(answer && 'text' in answer);
    assert.match(answer.text, /hostPort: 2020/);
  });

  it('renders the rollout stepper’s earlier renders of an unpacked subchart’s template with its parent chart too', async () => {
    const path = join(umbrella, 'charts', 'log-shipper', 'templates', 'daemonset.yaml');
    const template = pathToFileURL(path).href;
    // Unsaved in the editor, so the saved chart is an earlier render.
    const text = readFileSync(path, 'utf8') + '# unsaved\n';
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: template, version: 2 }, contentChanges: [{ text }] });
    const baselines = (await client.connection.sendRequest(RENDERED_BASELINES_REQUEST, { uri: template })) as RenderedBaselinesResult;
    assert.ok(baselines.some((b) => b.label === 'the saved chart'));
    // Rendered alone, the subchart binds no hostPort; with its parent's values it binds 2020, as in the preview.
    for (const baseline of baselines) assert.match(baseline.text, /hostPort: 2020/, baseline.label);
  });
});
