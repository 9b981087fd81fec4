/**
 * Kustomize overlays through the built server and the real `kubectl`: the
 * overlays' findings are published on the patch files and kustomizations
 * (open or not, pushed or pulled), re-rendered when a file they build on
 * changes, and an untrusted workspace runs no kubectl at all. The server's
 * PATH leads to a `kubectl` that records each run before running the real one.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import {
  KUSTOMIZE_RENDERED_CHANGED,
  KUSTOMIZE_RENDERED_REQUEST,
  type KustomizeRenderedChangedParams,
  type KustomizeRenderedResult,
} from '../../server/src/protocol/kustomizeRequest';
import { fixturesDir } from '../support/golden';
import { waitFor } from '../support/waitFor';
import { LspTestClient } from './support/lspClient';
import { kubectlWorkspace, type KubectlWorkspace } from './support/recordingKubectl';

function makeWorkspace(): KubectlWorkspace {
  return kubectlWorkspace('daemonset-kustomize-', (root) => cpSync(join(fixturesDir, 'kustomize'), root, { recursive: true }));
}

const rules = (list: Diagnostic[]) => list.map((d) => d.code).sort();

describe('Kustomize overlays over LSP (real kubectl, trusted workspace)', () => {
  let client: LspTestClient;
  let workspace: KubectlWorkspace;
  const renderedChanged: string[] = [];
  const rendered = (path: string) => client.connection.sendRequest(KUSTOMIZE_RENDERED_REQUEST, { uri: workspace.uri(path) }) as Promise<KustomizeRenderedResult>;

  before(async () => {
    workspace = makeWorkspace();
    client = LspTestClient.start({ env: workspace.env });
    client.connection.onNotification(KUSTOMIZE_RENDERED_CHANGED, (params: KustomizeRenderedChangedParams) => {
      renderedChanged.push(params.uri);
    });
    await client.initialize(pathToFileURL(workspace.root).href);
  });

  after(async () => {
    await client.stop();
    workspace.dispose();
  });

  it('publishes each overlay\'s findings on the patch file or kustomization entry that caused them, unopened files included', async () => {
    const drift = await client.waitForDiagnostics(workspace.uri('overlays/drift/template-labels.yaml'), (list) => list.length > 0);
    assert.deepEqual(rules(drift), ['selector-drift']);
    assert.match(String(drift[0].message), /^in overlays\/drift \(rendered\), DaemonSet fluent-bit spec\.template\.metadata\.labels: Selector does not match template labels/);
    assert.deepEqual(drift[0].range.start, { line: 8, character: 13 });
    const prod = await client.waitForDiagnostics(workspace.uri('overlays/prod/kustomization.yaml'), (list) => list.length > 0);
    assert.deepEqual(rules(prod), ['image-tag-latest', 'invalid-metadata']);
    const toleration = await client.waitForDiagnostics(workspace.uri('overlays/prod/dedicated-toleration.yaml'), (list) => list.length > 0);
    assert.deepEqual(rules(toleration), ['invalid-toleration']);
    const broken = await client.waitForDiagnostics(workspace.uri('overlays/broken/kustomization.yaml'), (list) => list.length > 0);
    assert.equal(broken[0].code, 'kustomize-render');
    assert.match(String(broken[0].message), /^kubectl kustomize overlays\/broken failed: .*missing-base/);
    const remote = await client.waitForDiagnostics(workspace.uri('overlays/remote/kustomization.yaml'), (list) => list.length > 0);
    assert.match(String(remote[0].message), /is not rendered: it uses the remote resource/);
    const runs = readFileSync(workspace.runs, 'utf8');
    assert.match(runs, /^kustomize \S+overlays\/drift$/m);
    assert.doesNotMatch(runs, /overlays\/remote|enable-alpha-plugins|enable-helm/);
  });

  it('merges them into an open file\'s own diagnostics', async () => {
    const uri = workspace.uri('overlays/prod/kustomization.yaml');
    await client.open(uri, readFileSync(join(workspace.root, 'overlays/prod/kustomization.yaml'), 'utf8'));
    const list = await client.diagnostics(uri, 1);
    assert.deepEqual(rules(list), ['image-tag-latest', 'invalid-metadata']);
  });

  it('an open patch file shows the overlay\'s findings, not its own (a partial DaemonSet has no selector)', async () => {
    const uri = workspace.uri('overlays/drift/template-labels.yaml');
    await client.open(uri, readFileSync(join(workspace.root, 'overlays/drift/template-labels.yaml'), 'utf8'));
    const list = await client.diagnostics(uri, 1);
    assert.deepEqual(list.map((d) => [d.code, String(d.message).startsWith('in overlays/drift (rendered), ')]), [['selector-drift', true]]);
  });

  it('answers an overlay\'s rendered text for the preview, and kubectl\'s message for a broken one', async () => {
    const drift = await rendered('overlays/drift/kustomization.yaml');
    assert.ok(drift && 'text' in drift, JSON.stringify(drift));
    assert.equal(drift.label, 'overlays/drift');
    assert.match(drift.text, /^kind: DaemonSet$/m);
    assert.match(drift.text, /app: fluent-bit-next/);
    const broken = await rendered('overlays/broken/kustomization.yaml');
    assert.ok(broken && 'error' in broken);
    assert.match(broken.error, /missing-base/);
    assert.equal(await rendered('overlays/drift/template-labels.yaml'), null);
  });

  it('renders again when a file the overlay builds on changes, and clears what is fixed', async () => {
    const patch = join(workspace.root, 'overlays/drift/template-labels.yaml');
    writeFileSync(patch, readFileSync(patch, 'utf8').replace('app: fluent-bit-next', 'app: fluent-bit'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri('overlays/drift/template-labels.yaml'), type: 2 }] });
    assert.deepEqual(await client.waitForDiagnostics(workspace.uri('overlays/drift/template-labels.yaml'), (list) => list.length === 0), []);
    await waitFor(() => renderedChanged.includes(workspace.uri('overlays/drift/kustomization.yaml')));
    const drift = await rendered('overlays/drift/kustomization.yaml');
    assert.ok(drift && 'text' in drift);
    assert.doesNotMatch(drift.text, /fluent-bit-next/);
  });
});

describe('Kustomize overlays over LSP, pulled diagnostics', () => {
  it('pushes the overlays\' findings apart from the pulled ones', async () => {
    const workspace = makeWorkspace();
    const client = LspTestClient.start({ env: workspace.env });
    try {
      await client.initialize(pathToFileURL(workspace.root).href, { pullDiagnostics: true });
      const drift = await client.waitForDiagnostics(workspace.uri('overlays/drift/template-labels.yaml'), (list) => list.length > 0);
      assert.deepEqual(rules(drift), ['selector-drift']);
    } finally {
      await client.stop();
      workspace.dispose();
    }
  });
});

describe('Kustomize overlays over LSP, untrusted workspace', () => {
  it('runs no kubectl and says so on each overlay', async () => {
    const workspace = makeWorkspace();
    const client = LspTestClient.start({ env: workspace.env });
    try {
      await client.initialize(pathToFileURL(workspace.root).href, { initializationOptions: { workspaceTrusted: false } });
      for (const overlay of ['overlays/drift', 'overlays/prod', 'overlays/broken', 'overlays/remote', 'base']) {
        const list = await client.waitForDiagnostics(workspace.uri(`${overlay}/kustomization.yaml`), (found) => found.length > 0);
        assert.deepEqual(
          list.map((d) => [d.code, d.severity, d.message]),
          [['kustomize-render', 3, `${overlay} is not rendered: kubectl kustomize runs only in a trusted workspace.`]],
        );
      }
      assert.deepEqual((client.published.get(workspace.uri('overlays/drift/template-labels.yaml')) ?? []).flatMap((p) => p.diagnostics), []);
      assert.deepEqual(await client.connection.sendRequest(KUSTOMIZE_RENDERED_REQUEST, { uri: workspace.uri('overlays/drift/kustomization.yaml') }), {
        label: 'overlays/drift',
        error: 'not rendered: kubectl kustomize runs only in a trusted workspace',
      });
      assert.equal(existsSync(workspace.runs), false, 'kubectl ran in an untrusted workspace');
    } finally {
      await client.stop();
      workspace.dispose();
    }
  });
});
