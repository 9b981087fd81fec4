/**
 * The workspace scan over stdio: what the index reads (a rendered file of many MiB) and what the
 * open files are told once it is complete.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './support/lspClient';

function daemonSet(name: string, hostPort: number): string {
  return [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    `  name: ${name}`,
    '  namespace: monitoring',
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    '          image: quay.io/prometheus/node-exporter:v1.8.2',
    '          ports:',
    `            - containerPort: ${hostPort}`,
    `              hostPort: ${hostPort}`,
    '',
  ].join('\n');
}

function configMap(index: number): string {
  const lines = Array.from({ length: 24 }, (_, line) => `    rule-${line}: "alert when metric_${index}_${line} stays above its threshold for five minutes"`);
  return ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: rules-${index}`, '  namespace: monitoring', 'data:', '  rules.yaml: |', ...lines, ''].join('\n');
}

describe('language server scanning the workspace', () => {
  let client: LspTestClient;
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'daemonset-scan-'));
    client = LspTestClient.start();
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('indexes a rendered file of more than 2 MiB: its DaemonSet\'s host port conflicts with an open file\'s', async () => {
    // A chart rendered into one stream: thousands of ConfigMaps, a DaemonSet near the end.
    const documents = Array.from({ length: 1500 }, (_, index) => configMap(index));
    documents.splice(1400, 0, daemonSet('rendered-exporter', 9100));
    const rendered = documents.join('---\n');
    assert.ok(rendered.length > 2 * 1024 * 1024, `${rendered.length} characters`);
    writeFileSync(join(folder, 'rendered.yaml'), rendered);
    const open = daemonSet('node-exporter', 9100);
    writeFileSync(join(folder, 'agent.yaml'), open);
    const uri = pathToFileURL(join(folder, 'agent.yaml')).href;
    await client.initialize(pathToFileURL(folder).href);
    await client.open(uri, open, 1);
    const diagnostics = await client.waitForDiagnostics(uri, (list) => list.some((d) => d.code === 'hostport-conflict'));
    const conflict = diagnostics.find((d) => d.code === 'hostport-conflict');
    assert.match(String(conflict?.message), /rendered-exporter/);
    const related = conflict?.relatedInformation?.[0].location;
    assert.equal(related?.uri, pathToFileURL(join(folder, 'rendered.yaml')).href);
    // Placed in the whole file, at the DaemonSet's host port: it is the file's 1,401st document.
    const lines = rendered.split('\n');
    const port = lines.indexOf('              hostPort: 9100', lines.indexOf('  name: rendered-exporter'));
    assert.equal(related?.range.start.line, port);
  });
});
