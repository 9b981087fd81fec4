/**
 * kubectl in a real VS Code workbench (code-server + Chromium), for real:
 * the extension's kubectl (and its language server's) talk to the loopback
 * API server of test/support/fakeApiServer.ts serving
 * test/fixtures/live/cluster.yaml, through a $KUBECONFIG with three contexts
 * (fake-a, fake-b, and fake-down on a closed port). Import Nodes from Cluster
 * imports nodes and pods; Select Cluster Context compares the open manifest
 * with the live DaemonSet; a denied and an unreachable server each say so and
 * write nothing; and nothing but what these need was asked of the server.
 * No deadlines: see support/workbench.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { CodeServer } from '../../scripts/code-server.mjs' with { 'resolution-mode': 'import' };
import { loadInventoryFromText } from '../../server/src/model/inventory';
import { FakeApiServer } from '../support/fakeApiServer';
import { repoRoot } from '../support/golden';
import { waitFor } from '../support/waitFor';
import { chromiumExecutable, ensureVsix, HANG_GUARD, scratchWorkspace, screenshotsDir } from './support/environment';
import { Workbench } from './support/workbench';

describe('kubectl in a real VS Code workbench (loopback API server)', () => {
  let api: FakeApiServer;
  let server: CodeServer;
  let workbench: Workbench;
  let workspace: string;

  before(async () => {
    api = await FakeApiServer.start({ fixtures: ['test/fixtures/live/cluster.yaml'] });
    const down = await FakeApiServer.start();
    const downUrl = down.url;
    await down.close();
    // kubectl, run by the extension host and its language server, finds the clusters here.
    process.env.KUBECONFIG = [api.writeKubeconfig(), api.writeKubeconfig(downUrl, ['fake-down'])].join(':');
    process.env.KUBECACHEDIR = join(api.tempDir, 'kube-cache');
    const vsix = ensureVsix();
    workspace = scratchWorkspace();
    writeFileSync(join(workspace, 'selector-changed.yaml'), readFileSync(join(repoRoot, 'test/fixtures/live/selector-changed.yaml')));
    // A new image, same selector and strategy: a rollout of the live pods.
    writeFileSync(join(workspace, 'image-bump.yaml'), readFileSync(join(repoRoot, 'test/fixtures/live/on-delete.yaml'), 'utf8').replace('type: OnDelete', 'type: RollingUpdate'));
    const { startCodeServer } = await import('../../scripts/code-server.mjs');
    server = await startCodeServer({ workspace, vsix });
    workbench = await Workbench.launch({ executablePath: chromiumExecutable(), screenshotsDir: join(screenshotsDir, 'kubectl') });
    await workbench.open(server.url);
  });

  afterEach(async (t) => {
    if ('passed' in t && !t.passed && workbench) console.error(await workbench.recordFailure(t.name));
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    await api?.close();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
  });

  /** Picks the row of the open quick pick whose label holds `label`. */
  async function pick(label: string): Promise<void> {
    const page = workbench.page;
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await page.locator('.quick-input-widget .quick-input-box input').fill(label);
    await row.waitFor();
    await page.keyboard.press('Enter');
  }

  /** Waits for a notification whose message matches `text` and returns it. */
  async function notification(text: RegExp): Promise<string> {
    const message = workbench.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
    await message.waitFor();
    return message.innerText();
  }

  it('imports the nodes, the pods of a namespace and the PriorityClasses into <context>.nodes.yaml', HANG_GUARD, async () => {
    await workbench.runCommand('DaemonSet: Import Nodes from Cluster');
    await pick('fake-a');
    await pick('logging');
    const message = await notification(/Imported the nodes/);
    await workbench.screenshot('imported');
    assert.match(message, /Imported the nodes, the pods of namespace logging and the PriorityClasses of fake-a into fake-a\.nodes\.yaml/);
    const text = readFileSync(join(workspace, 'fake-a.nodes.yaml'), 'utf8');
    assert.match(text, /^# Node inventory of kubectl context "fake-a", imported .* with\n# {3}kubectl get nodes -o yaml\n# {3}kubectl get pods --namespace=logging .*\n# {3}kubectl get priorityclasses -o yaml \(the third document\)\n/);
    const inventory = loadInventoryFromText(text, 'fake-a.nodes.yaml');
    assert.deepEqual(inventory.problems, []);
    assert.deepEqual(inventory.nodes.map((node) => node.metadata.name), ['w1', 'w2', 'w3']);
    assert.deepEqual(inventory.pods.map((pod) => pod.metadata.name), ['agent-a1', 'agent-b2', 'agent-c3']);
  });

  it('compares the open DaemonSet with the live one of the selected context', HANG_GUARD, async () => {
    await workbench.runCommand('DaemonSet: Select Cluster Context');
    await pick('fake-b');
    await workbench.openFile('selector-changed.yaml');
    const row = await workbench.waitForProblem('differs from the live object in context fake-b');
    assert.match(row, /app=agent → tier=node/);
    // The lens says "fetching…" until the snapshot arrives, then the server refreshes it: wait for that.
    const lens = await workbench.waitForCodeLens(/Live in fake-b: fetched/);
    await workbench.screenshot('live-selector');
    assert.match(lens, /Live in fake-b: (fetched just now|fetched \d+ min ago) · Refresh/);
  });

  it('the preview\'s rollout stepper rolls from the live DaemonSet and its pods', HANG_GUARD, async () => {
    await workbench.openFile('image-bump.yaml');
    await workbench.waitForCodeLens(/Live in fake-b: fetched/);
    await workbench.runCommand('DaemonSet: Open Placement Preview');
    const { frame } = await workbench.waitForWebviewText('Rollout');
    await frame.locator('details.rollout > summary').click();
    const { body } = await workbench.waitForWebviewText('Compare with live in fake-b');
    await workbench.screenshot('live-rollout');
    assert.match(body, /RollingUpdate/);
    assert.equal(await frame.locator('select option').first().innerText(), 'Compare with live in fake-b');
  });

  it('a denied request says so and writes nothing', HANG_GUARD, async () => {
    api.denied.add('/api/v1/nodes');
    try {
      await workbench.runCommand('DaemonSet: Import Nodes from Cluster');
      await pick('fake-b');
      await pick('All namespaces');
      const message = await notification(/denied/);
      await workbench.screenshot('denied');
      assert.match(message, /^The cluster denied the request: .*forbidden/);
      assert.equal(existsSync(join(workspace, 'fake-b.nodes.yaml')), false);
    } finally {
      api.denied.delete('/api/v1/nodes');
    }
  });

  it('an unreachable server says so and writes nothing', HANG_GUARD, async () => {
    await workbench.runCommand('DaemonSet: Import Nodes from Cluster');
    await pick('fake-down');
    await pick('All namespaces');
    const message = await notification(/cannot be reached/);
    await workbench.screenshot('unreachable');
    assert.match(message, /^The cluster cannot be reached: /);
    assert.equal(existsSync(join(workspace, 'fake-down.nodes.yaml')), false);
  });

  it('asked the API server for nothing else', HANG_GUARD, async () => {
    const allowed = new Set([
      '/version', '/api', '/api/v1', '/apis', '/apis/apps/v1', '/apis/scheduling.k8s.io/v1',
      '/api/v1/namespaces', '/api/v1/nodes', '/api/v1/pods', '/api/v1/namespaces/logging/pods', '/apis/scheduling.k8s.io/v1/priorityclasses',
      '/apis/apps/v1/namespaces/logging/daemonsets',
    ]);
    assert.deepEqual(api.paths.filter((path) => !allowed.has(path)), []);
    assert.ok(api.requests.every((request) => request.method === 'GET'));
    await waitFor(() => api.paths.includes('/apis/apps/v1/namespaces/logging/daemonsets'));
  });

  it('made no request outside the machine', HANG_GUARD, () => {
    assert.deepEqual(workbench.blockedRequests, []);
  });
});
