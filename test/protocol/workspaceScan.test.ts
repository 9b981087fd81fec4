/**
 * The workspace scan over stdio: what the index reads (a rendered file of many MiB) and what the
 * open files are told once it is complete.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from './support/lspClient';
import { waitFor } from '../support/waitFor';

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

function deployment(name: string): string {
  return daemonSet(name, 0)
    .replace('kind: DaemonSet', 'kind: Deployment')
    .replace(/\n {12}- containerPort: 0\n {14}hostPort: 0/, '\n            - containerPort: 8080');
}

function configMap(index: number): string {
  const lines = Array.from({ length: 24 }, (_, line) => `    rule-${line}: "alert when metric_${index}_${line} stays above its threshold for five minutes"`);
  return ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: rules-${index}`, '  namespace: monitoring', 'data:', '  rules.yaml: |', ...lines, ''].join('\n');
}

describe('language server scanning the workspace', () => {
  // Each test scans a folder of its own with a server of its own.
  let client: LspTestClient;
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'daemonset-scan-'));
    client = LspTestClient.start();
  });

  afterEach(async () => {
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

  it('publishes again only the open files whose diagnostics the scanned files change', async () => {
    // Files the open agent does not depend on: Deployments of other apps, on other ports.
    for (let index = 0; index < 20; index++) writeFileSync(join(folder, `app-${index}.yaml`), deployment(`app-${index}`));
    // And one the other open file (the peer) does: a DaemonSet on its host port.
    writeFileSync(join(folder, 'exporter.yaml'), daemonSet('exporter', 9100));
    const agent = pathToFileURL(join(folder, 'agent.yaml')).href;
    const peer = pathToFileURL(join(folder, 'peer.yaml')).href;
    // The scan starts once files.exclude is known: held back until both files are open.
    let releaseScan: () => void = () => undefined;
    const scanMayStart = new Promise<void>((resolve) => (releaseScan = resolve));
    client.connection.onRequest('workspace/configuration', async (params: { items: Array<{ section?: string }> }) => {
      if (params.items.some((item) => item.section === 'files.exclude')) await scanMayStart;
      return params.items.map(() => null);
    });
    await client.initialize(pathToFileURL(folder).href);
    const peerText = daemonSet('peer', 9100);
    await client.open(agent, daemonSet('agent', 9200), 1);
    await client.open(peer, peerText, 1);
    releaseScan();
    const codes = (list: Diagnostic[]) => list.map((d) => d.code);
    // The scan indexed the exporter (and the Deployments): the peer's diagnostics have the conflict.
    await client.waitForDiagnostics(peer, (list) => codes(list).includes('hostport-conflict'));
    const before = await client.diagnostics(agent, 1);
    // An edit of the peer is published after anything the scan's refresh published (150 ms later).
    const editPeer = async (version: number) => {
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: peer, version },
        contentChanges: [{ text: peerText.replace('v1.8.2', `v1.8.${version}`) }],
      });
      await waitFor(() => client.published.get(peer)?.some((p) => p.version === version));
    };
    await editPeer(2);
    assert.equal(client.published.get(agent)?.length, 1, 'the scan changed none of the agent\'s diagnostics: no second publish');

    // Files the client reports created, as a checkout brings them: the agent's are validated again, and not published.
    const created: string[] = [];
    for (let index = 20; index < 40; index++) {
      writeFileSync(join(folder, `app-${index}.yaml`), deployment(`app-${index}`));
      created.push(pathToFileURL(join(folder, `app-${index}.yaml`)).href);
    }
    writeFileSync(join(folder, 'exporter-2.yaml'), daemonSet('exporter-2', 9100));
    created.push(pathToFileURL(join(folder, 'exporter-2.yaml')).href);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: created.map((uri) => ({ uri, type: 1 })) });
    await client.waitForDiagnostics(peer, (list) => list.some((d) => d.code === 'hostport-conflict' && /exporter-2/.test(String(d.message))));
    await editPeer(3);
    assert.equal(client.published.get(agent)?.length, 1, 'the new files changed none of the agent\'s diagnostics: no second publish');
    assert.deepEqual(client.published.get(agent)?.[0].diagnostics, before);

    // A file that does concern the agent: its diagnostics change, and are published.
    writeFileSync(join(folder, 'agent-twin.yaml'), daemonSet('agent-twin', 9200));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'agent-twin.yaml')).href, type: 1 }] });
    await client.waitForDiagnostics(agent, (list) => codes(list).includes('hostport-conflict'));
    assert.equal(client.published.get(agent)?.length, 2);
  });
});
