/**
 * The built server compares with the live cluster through the real kubectl
 * and the loopback API server (test/fixtures/live/cluster.yaml): with
 * `daemonset.kubeContext` set, diagnostics arrive after the snapshot without
 * waiting for it, the status lens says where it stands, `daemonset/refreshLive`
 * reads again; an untrusted workspace runs no kubectl.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { loadDaemonSetsFromText } from '../../server/src/model/daemonSet';
import { loadInventoryFromText } from '../../server/src/model/inventory';
import { LIVE_BASELINE_REQUEST, REFRESH_LIVE_REQUEST, type LiveBaselineResult } from '../../server/src/protocol/liveRequest';
import { useFakeApiServer } from '../support/useFakeApiServer';
import { repoRoot } from '../support/golden';
import { waitFor } from '../support/waitFor';
import { LspTestClient } from './support/lspClient';

const uri = 'file:///live/selector-changed.yaml';
const text = readFileSync(join(repoRoot, 'test/fixtures/live/selector-changed.yaml'), 'utf8');

describe('live comparison over LSP (real kubectl, loopback API server)', () => {
  const fake = useFakeApiServer({ fixtures: ['test/fixtures/live/cluster.yaml'] });
  /** The server's kubectl reads the kubeconfig from the environment, as the editor's does. */
  const env = () => fake.kubectlEnv({ KUBECONFIG: fake.kubeconfig });

  const lenses = (client: LspTestClient) => client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<CodeLens[]>;

  it('reports the selector that differs from the live object once the snapshot arrives, and refreshes on request', async () => {
    const client = LspTestClient.start({ env: env() });
    try {
      client.configuration = { kubeContext: 'fake-a' };
      await client.initialize(null, { workspaceTrusted: true });
      await client.open(uri, text);
      const diagnostics = await client.waitForDiagnostics(uri, (list) => list.some((d) => d.code === 'selector-changed'));
      const finding = diagnostics.find((d) => d.code === 'selector-changed');
      assert.match(String(finding?.message ?? ''), /^The selector differs from the live object in context fake-a \(app=agent → tier=node\)/);
      const [live] = await lenses(client);
      assert.equal(live.command?.title, 'Live in fake-a: fetched just now · Refresh');
      assert.equal(live.command?.command, 'daemonset.refreshLive');
      // The preview's stepper gets the same snapshot: the DaemonSets and PriorityClasses as kubectl printed them, the pods as the snapshot keeps them.
      const baseline = (await client.connection.sendRequest(LIVE_BASELINE_REQUEST, { uri })) as LiveBaselineResult;
      assert.equal(baseline?.label, 'live in fake-a');
      assert.deepEqual(loadDaemonSetsFromText(baseline?.text ?? '', 'live').daemonSets.map((ds) => ds.metadata.name), ['agent']);
      assert.deepEqual(loadInventoryFromText(baseline?.pods ?? '', 'live').pods.map((pod) => pod.metadata.labels['controller-revision-hash']), ['7c9d8f6b5d', '7c9d8f6b5d', '7c9d8f6b5d']);
      assert.equal(JSON.parse(baseline?.priorityClasses ?? 'null')?.kind, 'List', 'the cluster\'s PriorityClasses (none in the fixture) as kubectl printed them');
      const before = fake.server.paths.filter((path) => path === '/apis/apps/v1/namespaces/logging/daemonsets').length;
      assert.equal(before, 1, 'one snapshot per context and namespaces, however often the document is validated');
      await client.connection.sendRequest(REFRESH_LIVE_REQUEST);
      // The refresh reads the DaemonSets, the nodes and the pods again; the lens then says so.
      await waitFor(() => fake.server.paths.filter((path) => path === '/api/v1/pods').length === 2 || undefined);
      await waitFor(async () => ((await lenses(client))[0]?.command?.title === 'Live in fake-a: fetched just now · Refresh') || undefined);
    } finally {
      await client.stop();
    }
  });

  it('an untrusted workspace runs no kubectl: no live lens, no request to the cluster', async () => {
    const client = LspTestClient.start({ env: env() });
    try {
      client.configuration = { kubeContext: 'fake-a' };
      await client.initialize(null, { workspaceTrusted: false });
      await client.open(uri, text);
      const diagnostics = await client.diagnostics(uri, 1);
      assert.ok(!diagnostics.some((d) => d.code === 'selector-changed'));
      const titles = (await lenses(client)).map((lens) => lens.command?.title ?? '');
      assert.ok(!titles.some((title) => title.includes('fake-a')), titles.join('; '));
      assert.equal(await client.connection.sendRequest(LIVE_BASELINE_REQUEST, { uri }), null);
      assert.deepEqual(fake.server.requests, []);
    } finally {
      await client.stop();
    }
  });
});
