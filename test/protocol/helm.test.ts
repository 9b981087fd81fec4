/** The language server renders a chart template's chart (dist/server.js with dist/helm-renderer.wasm beside it). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from './support/lspClient';
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
});
