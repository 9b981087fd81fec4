/**
 * Editing in a real VS Code workbench (code-server + Chromium): a
 * completion accepted and a quick fix applied, each checked by the text of
 * the saved file in the scratch workspace. No deadlines: see support/workbench.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { CodeServer } from '../../scripts/code-server.mjs' with { 'resolution-mode': 'import' };
import { chromiumExecutable, ensureVsix, HANG_GUARD, scratchWorkspace, screenshotsDir } from './support/environment';
import { Workbench } from './support/workbench';

const COMPLETE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: typing
spec:
  selector:
    matchLabels:
      app: typing
  updateStrategy:
    type: 
  template:
    metadata:
      labels:
        app: typing
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.0.0
`;

const FIX = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fixing
spec:
  selector:
    matchLabels:
      app: fixing
  template:
    metadata:
      labels:
        app: fixing
    spec:
      restartPolicy: OnFailure # copied from a Job
      containers:
        - name: agent
          image: registry.example.com/agent:1.0.0
`;

describe('editing in a real VS Code workbench', () => {
  let server: CodeServer;
  let workbench: Workbench;
  let workspace: string;

  /** Saves the active editor until the file on disk satisfies `predicate`. */
  function fileText(name: string, predicate: (text: string) => boolean): Promise<string> {
    return workbench.saveUntil(() => {
      const text = readFileSync(join(workspace, name), 'utf8');
      return predicate(text) && text;
    });
  }

  before(async () => {
    const vsix = ensureVsix();
    workspace = scratchWorkspace();
    writeFileSync(join(workspace, 'complete-me.yaml'), COMPLETE);
    writeFileSync(join(workspace, 'fix-me.yaml'), FIX);
    const { startCodeServer } = await import('../../scripts/code-server.mjs');
    server = await startCodeServer({ workspace, vsix, settings: { 'files.autoSave': 'off', 'editor.quickSuggestions': { other: false } } });
    workbench = await Workbench.launch({ executablePath: chromiumExecutable(), screenshotsDir: join(screenshotsDir, 'editing') });
    await workbench.open(server.url);
  });

  afterEach(async (t) => {
    if ('passed' in t && !t.passed && workbench) console.error(await workbench.recordFailure(t.name));
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
  });

  it('accepts an enum completion for updateStrategy.type', HANG_GUARD, async () => {
    await workbench.openFile('complete-me.yaml');
    const page = workbench.page;
    await workbench.waitForServedDocument();
    const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'OnDelete' }).first();
    const none = page.locator('.suggest-widget .message', { hasText: 'No suggestions' });
    await workbench.untilShown(async () => {
      await workbench.goToLine(10, 11);
      await page.keyboard.press('Control+Space');
    }, row, none);
    await workbench.screenshot('completion');
    await row.click();
    const text = await fileText('complete-me.yaml', (t) => t.includes('type: OnDelete'));
    assert.match(text, /updateStrategy:\n {4}type: OnDelete\n {2}template:/);
  });

  it('shows the placement code lens above the DaemonSet', HANG_GUARD, async () => {
    const lens = await workbench.waitForCodeLens(/Runs on \d+ of 4 nodes|No node inventory/);
    await workbench.screenshot('code-lens');
    assert.match(lens, /Runs on \d+ of 4 nodes · Preview/);
  });

  it('applies the restartPolicy quick fix and keeps the comment', HANG_GUARD, async () => {
    await workbench.openFile('fix-me.yaml');
    const page = workbench.page;
    // Served: the restartPolicy error the quick fix answers is there.
    await page.locator('.squiggly-error').first().waitFor();
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Set restartPolicy: Always' }).first();
    const none = page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions' });
    await workbench.untilShown(async () => {
      await workbench.goToLine(14, 23);
      await page.keyboard.press('Control+.');
    }, item, none);
    await workbench.screenshot('quick-fix');
    // The action list sits under a pointer block; the keyboard picks the focused fix.
    assert.match((await item.getAttribute('class')) ?? '', /focused/);
    await page.keyboard.press('Enter');
    const text = await fileText('fix-me.yaml', (t) => t.includes('restartPolicy: Always'));
    assert.match(text, /\n {6}restartPolicy: Always # copied from a Job\n/);
  });
});
