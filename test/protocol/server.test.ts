/**
 * The bundled server over stdio, as Neovim or any other LSP editor runs it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../support/golden';
import { waitFor } from '../support/waitFor';
import { LspTestClient } from './support/lspClient';
import { nodeAgentCorpus } from '../../bench/hardCorpus';

const driftUri = 'file:///workspace/selector-drift.yaml';
const driftText = readFileSync(join(repoRoot, 'examples', 'selector-drift.yaml'), 'utf8');

describe('language server over --stdio', () => {
  let client: LspTestClient;

  before(async () => {
    client = LspTestClient.start();
  });

  after(async () => {
    await client.stop();
  });

  it('initializes with incremental sync and hover', async () => {
    const result = await client.initialize('file:///workspace');
    assert.equal(result.serverInfo?.name, 'daemonset-language-server');
    assert.deepEqual(result.capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(result.capabilities.hoverProvider, true);
  });

  it('publishes selector drift with its exact range, code and related information', async () => {
    await client.open(driftUri, driftText, 1);
    const diagnostics = await client.diagnostics(driftUri, 1);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['selector-drift', 'no-priority-class', 'missing-toleration', 'hostnetwork-dns-policy', 'host-namespaces'],
    );
    const [drift] = diagnostics;
    assert.equal(drift.code, 'selector-drift');
    assert.equal(drift.source, 'daemonset');
    assert.equal(drift.severity, 1);
    assert.deepEqual(drift.range, { start: { line: 13, character: 6 }, end: { line: 13, character: 28 } });
    assert.match(String(drift.message), /app\.kubernetes\.io\/name=node-exporter/);
    assert.equal(drift.relatedInformation?.[0].location.uri, driftUri);
  });

  it('re-validates after an incremental edit and publishes for the new version', async () => {
    // Rename the template label to what the selector asks for: line 18 `        app: node-exporter`.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: driftUri, version: 2 },
      contentChanges: [
        { range: { start: { line: 17, character: 8 }, end: { line: 17, character: 11 } }, text: 'app.kubernetes.io/name' },
      ],
    });
    const codes = (await client.diagnostics(driftUri, 2)).map((d) => d.code);
    assert.ok(!codes.includes('selector-drift'), codes.join());
  });

  it("publishes the newest version's diagnostics when edits race validation, and never an older version after it", async () => {
    const uri = 'file:///workspace/agents-race.yaml';
    const lines = nodeAgentCorpus(40).split('\n');
    await client.open(uri, lines.join('\n'), 1);
    await client.diagnostics(uri, 1);
    // Bursts of host-port edits (each changes other documents' cross-document findings), some
    // sent while the previous burst's validation runs, some while only the debounce waits.
    const ports = lines.flatMap((line, index) => (/hostPort: \d+$/.test(line) ? [index] : []));
    let version = 1;
    for (let burst = 0; burst < 4; burst++) {
      for (let i = 0; i < 5; i++) {
        const at = ports[(burst * 7 + i * 3) % ports.length];
        const text = lines[at].replace(/\d+$/, String([9100, 9090, 7001, 7002][(burst + i) % 4]));
        version++;
        await client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: lines[at].length } }, text }],
        });
        lines[at] = text;
      }
      if (burst % 2 === 0) await client.diagnostics(uri, version);
    }
    const final = await client.diagnostics(uri, version);
    // The same text opened afresh under another name gives the same diagnostics.
    const fresh = 'file:///workspace/agents-race-fresh.yaml';
    await client.open(fresh, lines.join('\n'), 1);
    const expected = JSON.parse(JSON.stringify(await client.diagnostics(fresh, 1)).replaceAll(fresh, uri)) as unknown;
    assert.deepEqual(final, expected);
    assert.ok(final.some((d) => d.code === 'hostport-conflict'));
    const versions = (client.published.get(uri) ?? []).map((p) => p.version ?? 0);
    assert.equal(versions.at(-1), version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'no older version published after a newer one');
  });

  it('publishes what changed settings say, though the version was validated ahead under the old ones', async () => {
    const uri = 'file:///workspace/agents-ahead.yaml';
    const lines = nodeAgentCorpus(20).split('\n');
    await client.open(uri, lines.join('\n'), 1);
    assert.ok((await client.diagnostics(uri, 1)).some((d) => d.code === 'hostport-conflict'));
    const at = lines.findIndex((line) => /terminationGracePeriodSeconds: \d+$/.test(line));
    const edit = async (version: number) => {
      const text = lines[at].replace(/\d+$/, String(30 + version));
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: lines[at].length } }, text }],
      });
      lines[at] = text;
    };
    // Validated ahead while the debounce waits, and published as a validation afresh would.
    await edit(2);
    const ahead = await client.diagnostics(uri, 2);
    assert.ok(ahead.some((d) => d.code === 'hostport-conflict'));
    // Settings that change while the debounce waits (after the version was validated ahead) decide the publish.
    await edit(3);
    // A request answered after the edit: by then the server has usually validated it ahead.
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: at, character: 8 } });
    client.configuration = { rules: { 'hostport-conflict': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    try {
      // The debounce may have ended before the settings changed (a slow machine): then a publish under
      // the old settings comes first, and one under the new settings follows it.
      const published = await client.waitForDiagnostics(uri, (list) => !list.some((d) => d.code === 'hostport-conflict'));
      assert.equal(client.published.get(uri)?.at(-1)?.version, 3);
      assert.deepEqual(published, ahead.filter((d) => d.code !== 'hostport-conflict'));
    } finally {
      client.configuration = null;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    }
  });

  it('answers hover in Markdown', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: driftUri },
      position: { line: 11, character: 4 },
    })) as { contents: { kind: string; value: string } };
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /immutable/);
  });

  it('answers null for a hover on an unknown document', async () => {
    const hover = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///never-opened.yaml' },
      position: { line: 0, character: 0 },
    });
    assert.equal(hover, null);
  });

  it('publishes YAML syntax errors for a broken file without dying', async () => {
    const uri = 'file:///workspace/broken.yaml';
    await client.open(uri, 'a: [1, 2\nb: {\n', 1);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.ok(diagnostics.length > 0);
    assert.ok(diagnostics.every((d) => d.code === 'yaml-syntax'));
  });

  it('clears diagnostics when a document closes', async () => {
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: driftUri } });
    await waitFor(() => {
      const last = client.published.get(driftUri)?.at(-1);
      return last !== undefined && last.version === undefined && last.diagnostics.length === 0;
    });
  });

  it("publishes the diagnostics of a List's DaemonSet items on their lines, and again after an edit in an item", async () => {
    const uri = 'file:///workspace/exported.yaml';
    await client.open(uri, readFileSync(join(repoRoot, 'test', 'fixtures', 'service', 'list', 'kubectl-get-ds.yaml'), 'utf8'), 1);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [
        ['hostnetwork-dns-policy', 55, 19],
        ['schema', 107, 10],
      ],
    );
    // Delete the second item's `bogus: 1` line.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 107, character: 0 }, end: { line: 108, character: 0 } }, text: '' }],
    });
    assert.deepEqual((await client.diagnostics(uri, 2)).map((d) => [d.code, d.range.start.line]), [['hostnetwork-dns-policy', 55]]);
  });

  it("keeps publishing the other items' diagnostics of a List while one item is broken, and all of them once it is mended", async () => {
    const uri = 'file:///workspace/exported-edited.yaml';
    await client.open(uri, readFileSync(join(repoRoot, 'test', 'fixtures', 'service', 'list', 'kubectl-get-ds.yaml'), 'utf8'), 1);
    const valid = [
      ['hostnetwork-dns-policy', 55],
      ['schema', 107],
    ];
    assert.deepEqual((await client.diagnostics(uri, 1)).map((d) => [d.code, d.range.start.line]), valid);
    // A second `dnsPolicy` key typed below the second item's (line 108).
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 109, character: 0 }, end: { line: 109, character: 0 } }, text: '        dnsPolicy: \n' }],
    });
    assert.deepEqual((await client.diagnostics(uri, 2)).map((d) => [d.code, d.range.start.line]), [...valid, ['yaml-syntax', 109]]);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 109, character: 0 }, end: { line: 110, character: 0 } }, text: '' }],
    });
    assert.deepEqual((await client.diagnostics(uri, 3)).map((d) => [d.code, d.range.start.line]), valid);
  });

  it('shuts down and exits with code 0', async () => {
    await client.stop();
    assert.equal(client.exitCode, 0);
  });
});

describe('language server with a client that pulls diagnostics', () => {
  let client: LspTestClient;
  const uri = 'file:///workspace/pull.yaml';

  before(() => {
    client = LspTestClient.start();
  });

  after(async () => {
    await client.stop();
  });

  it('announces a diagnostic provider and answers textDocument/diagnostic without pushing', async () => {
    const result = await client.initialize('file:///workspace', { pullDiagnostics: true });
    assert.deepEqual(result.capabilities.diagnosticProvider, {
      identifier: 'daemonset',
      interFileDependencies: true,
      workspaceDiagnostics: false,
    });
    await client.open(uri, driftText, 1);
    const report = (await client.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri },
    })) as { kind: string; resultId: string; items: Array<{ code: string }> };
    assert.equal(report.kind, 'full');
    assert.equal(report.resultId, '1');
    assert.ok(report.items.some((d) => d.code === 'selector-drift'));
    assert.equal(client.published.get(uri), undefined, 'nothing is pushed to a pulling client');
  });

  it('applies the daemonset.rules setting from workspace/configuration', async () => {
    client.configuration = { rules: { 'selector-drift': 'warning' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const report = (await client.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri },
    })) as { items: Array<{ code: string; severity: number }> };
    assert.deepEqual(
      report.items.filter((d) => d.code === 'selector-drift').map((d) => d.severity),
      [2],
    );
  });
});

describe('language server indexing the workspace', () => {
  let client: LspTestClient;
  const folder = join(repoRoot, 'test', 'fixtures', 'service', 'workspace');
  const agents = pathToFileURL(join(folder, 'agents.yaml')).href;

  before(() => {
    client = LspTestClient.start();
  });

  after(async () => {
    await client.stop();
  });

  it('reports cross-file problems found through the workspace index', async () => {
    await client.initialize(pathToFileURL(folder).href);
    await client.open(agents, readFileSync(join(folder, 'agents.yaml'), 'utf8'), 1);
    const diagnostics = await client.waitForDiagnostics(agents, (list) =>
      list.some((d) => d.code === 'pdb-on-daemonset'),
    );
    const pdb = diagnostics.find((d) => d.code === 'pdb-on-daemonset');
    assert.equal(pdb?.relatedInformation?.[0].location.uri, pathToFileURL(join(folder, 'prometheus.yaml')).href);
    assert.ok(diagnostics.some((d) => d.code === 'hostport-conflict'));
  });

  it('forgets a file the client reports deleted', async () => {
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(folder, 'prometheus.yaml')).href, type: 3 }],
    });
    const diagnostics = await client.waitForDiagnostics(agents, (list) =>
      !list.some((d) => d.code === 'pdb-on-daemonset' || d.code === 'overlapping-labels'),
    );
    assert.ok(diagnostics.some((d) => d.code === 'hostport-conflict'));
  });
});

describe('language server with a node inventory', () => {
  let client: LspTestClient;
  const examples = join(repoRoot, 'examples');
  const fluentd = pathToFileURL(join(examples, 'fluentd-elasticsearch.yaml')).href;

  before(() => {
    client = LspTestClient.start();
  });

  after(async () => {
    await client.stop();
  });

  it('reads the daemonset.inventory setting and reports nodes skipped only because of taints', async () => {
    client.configuration = { inventory: 'nodes/kind-cluster.nodes.yaml' };
    await client.initialize(pathToFileURL(examples).href);
    await client.open(fluentd, readFileSync(join(examples, 'fluentd-elasticsearch.yaml'), 'utf8'), 1);
    const diagnostics = await client.waitForDiagnostics(fluentd, (list) => list.some((d) => d.code === 'missing-toleration'));
    const missing = diagnostics.find((d) => d.code === 'missing-toleration');
    assert.match(String(missing?.message), /VIPOnly=true:NoExecute on kind-worker3/);
  });

  it('judges version-gated fields against the inventory\'s kubelets, then against the daemonset.kubernetesVersion setting', async () => {
    const gated = pathToFileURL(join(examples, 'gated-fields.yaml')).href;
    const text = readFileSync(join(repoRoot, 'test', 'fixtures', 'service', 'kubernetesVersion', 'gated-fields.yaml'), 'utf8');
    const versionFindings = <T extends { code?: string | number }>(list: T[]) => list.filter((d) => d.code === 'field-needs-newer-kubernetes');
    await client.open(gated, text, 1);
    const fromInventory = versionFindings(await client.waitForDiagnostics(gated, (list) => versionFindings(list).length > 0));
    assert.equal(fromInventory.length, 4);
    assert.match(String(fromInventory[0].message), /the cluster is 1\.31 \(from status\.nodeInfo\.kubeletVersion of node kind-control-plane in nodes\/kind-cluster\.nodes\.yaml\)/);
    client.configuration = { inventory: 'nodes/kind-cluster.nodes.yaml', kubernetesVersion: '1.21' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const fromSetting = versionFindings(await client.waitForDiagnostics(gated, (list) => versionFindings(list).length === 8));
    assert.match(String(fromSetting[0].message), /the cluster is 1\.21 \(from the daemonset\.kubernetesVersion setting\)/);
  });

  it('with only a kind config as the inventory, names the node pool and its file, and takes the version its node image declares', async () => {
    client.configuration = { inventory: 'kind/kind-config.yaml' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const pooled = (list: Array<{ code?: string | number; message: unknown }>) => list.some((d) => d.code === 'missing-toleration' && /node pool/.test(String(d.message)));
    const diagnostics = await client.waitForDiagnostics(fluentd, pooled);
    const missing = diagnostics.find((d) => d.code === 'missing-toleration');
    assert.match(String(missing?.message), /No pod on 1 node pool of kind\/kind-config\.yaml only because of taints: the `local-worker3` kind node in kind\/kind-config\.yaml taints dedicated=batch:NoSchedule\./);
    const gated = pathToFileURL(join(examples, 'gated-fields.yaml')).href;
    const versionFindings = await client.waitForDiagnostics(gated, (list) => list.some((d) => d.code === 'field-needs-newer-kubernetes' && /declared by/.test(String(d.message))));
    assert.match(String(versionFindings.find((d) => d.code === 'field-needs-newer-kubernetes')?.message), /the cluster is 1\.31 \(declared by the `local-control-plane` kind node in kind\/kind-config\.yaml\)/);
  });
});
