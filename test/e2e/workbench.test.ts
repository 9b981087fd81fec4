/**
 * End to end in a real VS Code workbench: the packaged extension installed
 * into code-server, driven through headless Chromium.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeServer } from '../../scripts/code-server.mjs' with { 'resolution-mode': 'import' };
import { chromiumExecutable, ensureVsix, scratchWorkspace, screenshotsDir } from './support/environment';
import { Workbench } from './support/workbench';

describe('extension in a real VS Code workbench', { timeout: 300_000 }, () => {
  let server: CodeServer;
  let workbench: Workbench;
  let workspace: string;

  before(async () => {
    const vsix = ensureVsix();
    workspace = scratchWorkspace();
    const { startCodeServer } = await import('../../scripts/code-server.mjs');
    server = await startCodeServer({ workspace, vsix });
    workbench = await Workbench.launch({ executablePath: chromiumExecutable(), screenshotsDir });
    await workbench.open(server.url);
    await workbench.screenshot('workbench');
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
  });

  it('shows the selector-drift error in the Problems panel', async () => {
    await workbench.openFile('selector-drift.yaml');
    const row = await workbench.waitForProblem('Selector does not match template labels');
    await workbench.screenshot('problems');
    assert.match(row, /app\.kubernetes\.io\/name/);
  });

  it('shows hover documentation for spec.selector', async () => {
    // Line 12 of selector-drift.yaml is `  selector:`.
    const text = await workbench.hover(12, 'immutable');
    await workbench.screenshot('hover');
    assert.match(text, /spec\.selector/);
  });

  it('opens the placement preview webview from the command palette', async () => {
    await workbench.runCommand('DaemonSet: Open Placement Preview');
    const { body } = await workbench.waitForWebviewText('monitoring/node-exporter');
    await workbench.screenshot('preview');
    assert.match(body, /DaemonSet placement/);
    assert.match(body, /4 nodes/);
  });

  it('made no request outside the machine', () => {
    assert.deepEqual(workbench.blockedRequests.filter((url) => !url.includes('vsda')), []);
  });
});
