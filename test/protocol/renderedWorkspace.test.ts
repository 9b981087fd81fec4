/**
 * `daemonset/renderedWorkspace` through the built server: the cluster view's
 * charts (rendered in-process with `daemonset.helm.valuesFiles`) and Kustomize
 * overlays (the real kubectl, trusted workspaces only), re-rendered and
 * announced after a save, a failed render keeping its last good text, and an
 * untrusted workspace that renders its charts but runs no kubectl.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { RENDERED_WORKSPACE_CHANGED, RENDERED_WORKSPACE_REQUEST, type RenderedWorkspaceResult, type RenderedWorkspaceSource } from '../../server/src/protocol/renderedWorkspaceRequest';
import { repoRoot } from '../support/golden';
import { waitFor } from '../support/waitFor';
import { LspTestClient } from './support/lspClient';
import { kubectlWorkspace, type KubectlWorkspace } from './support/recordingKubectl';

/** examples/kustomize and examples/charts in a workspace of their own. */
function makeWorkspace(): KubectlWorkspace {
  return kubectlWorkspace('daemonset-rendered-', (root) => {
    cpSync(join(repoRoot, 'examples', 'kustomize'), join(root, 'kustomize'), { recursive: true });
    cpSync(join(repoRoot, 'examples', 'charts'), join(root, 'charts'), { recursive: true });
  });
}

const byLabel = (result: RenderedWorkspaceResult) => new Map(result.sources.map((source) => [source.label, source]));
const texts = (source: RenderedWorkspaceSource | undefined) => (source?.files ?? []).map((file) => file.text).join('\n');

describe('rendered charts and overlays for the cluster view (trusted workspace, real kubectl)', () => {
  let client: LspTestClient;
  let workspace: KubectlWorkspace;
  let changed = 0;
  const ask = () => client.connection.sendRequest(RENDERED_WORKSPACE_REQUEST, {}) as Promise<RenderedWorkspaceResult>;

  before(async () => {
    workspace = makeWorkspace();
    client = LspTestClient.start({ env: workspace.env });
    client.configuration = { helm: { valuesFiles: ['values-prod.yaml'] } };
    client.connection.onNotification(RENDERED_WORKSPACE_CHANGED, () => {
      changed++;
    });
    await client.initialize(pathToFileURL(workspace.root).href);
  });

  after(async () => {
    await client.stop();
    workspace.dispose();
  });

  it('answers each chart with the values setting and each overlay holding a DaemonSet, with what it builds on', async () => {
    let result = await ask();
    // The workspace listing arrives in the background: ask until it has.
    await waitFor(async () => (result = await ask()).sources.length === 3, 50);
    assert.deepEqual(result.notices, []);
    const sources = byLabel(result);
    assert.deepEqual([...sources.keys()], ['charts/node-agent with values-prod.yaml', 'kustomize/base', 'kustomize/overlays/prod']);
    const chart = sources.get('charts/node-agent with values-prod.yaml');
    assert.equal(chart?.kind, 'helm');
    assert.equal(chart?.open, workspace.uri('charts/node-agent/Chart.yaml'));
    assert.deepEqual(chart?.files.map((file) => file.uri), [workspace.uri('charts/node-agent/templates/daemonset.yaml')]);
    assert.match(texts(chart), /key: nvidia\.com\/gpu/);
    const overlay = sources.get('kustomize/overlays/prod');
    assert.equal(overlay?.kind, 'kustomize');
    assert.deepEqual(overlay?.files.map((file) => file.uri), [workspace.uri('kustomize/overlays/prod/kustomization.yaml')]);
    assert.match(texts(overlay), /key: nvidia\.com\/gpu/);
    assert.deepEqual(overlay?.buildsOn, [workspace.uri('kustomize/overlays/prod'), workspace.uri('kustomize/base'), workspace.uri('kustomize/base/vector.yaml')]);
    assert.match(readFileSync(workspace.runs, 'utf8'), /^kustomize \S+kustomize\/overlays\/prod$/m);
  });

  it('renders again after a save under a chart or a base, says so, and keeps the last good render beside a failure', async () => {
    const before = changed;
    const values = join(workspace.root, 'charts/node-agent/values-prod.yaml');
    writeFileSync(values, readFileSync(values, 'utf8').replace('cpu: 100m', 'cpu: 150m'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri('charts/node-agent/values-prod.yaml'), type: 2 }] });
    await waitFor(() => changed > before);
    assert.match(texts(byLabel(await ask()).get('charts/node-agent with values-prod.yaml')), /cpu: 150m/);

    const base = join(workspace.root, 'kustomize/base/vector.yaml');
    writeFileSync(base, readFileSync(base, 'utf8').replace('cpu: 50m', 'cpu: 75m'));
    const afterChart = changed;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri('kustomize/base/vector.yaml'), type: 2 }] });
    await waitFor(() => changed > afterChart);
    assert.match(texts(byLabel(await ask()).get('kustomize/overlays/prod')), /cpu: 75m/);

    const kustomization = join(workspace.root, 'kustomize/overlays/prod/kustomization.yaml');
    writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace('../../base', '../../missing-base'));
    const afterBase = changed;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri('kustomize/overlays/prod/kustomization.yaml'), type: 2 }] });
    await waitFor(() => changed > afterBase);
    const failed = byLabel(await ask()).get('kustomize/overlays/prod');
    assert.match(failed?.error ?? '', /missing-base/);
    assert.match(texts(failed), /cpu: 75m/, 'the last good render stays');
  });
});

describe('rendered charts and overlays for the cluster view, untrusted workspace', () => {
  it('renders the charts (in-process, offline), runs no kubectl, and says why the overlays are not rendered', async () => {
    const workspace = makeWorkspace();
    const client = LspTestClient.start({ env: workspace.env });
    try {
      await client.initialize(pathToFileURL(workspace.root).href, { initializationOptions: { workspaceTrusted: false } });
      let result = (await client.connection.sendRequest(RENDERED_WORKSPACE_REQUEST, {})) as RenderedWorkspaceResult;
      await waitFor(async () => (result = (await client.connection.sendRequest(RENDERED_WORKSPACE_REQUEST, {})) as RenderedWorkspaceResult).sources.length > 0, 50);
      assert.deepEqual(result.sources.map((source) => [source.kind, source.label]), [['helm', 'charts/node-agent']]);
      assert.deepEqual(result.notices, ['Kustomize overlays are not rendered: kubectl kustomize runs only in a trusted workspace; their bases are counted as they are.']);
      assert.equal(existsSync(workspace.runs), false, 'kubectl ran in an untrusted workspace');
    } finally {
      await client.stop();
      workspace.dispose();
    }
  });
});
