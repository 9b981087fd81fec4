/**
 * The packaged extension in a real workbench: VSIX size, activation time as
 * VS Code measures it (Developer: Show Running Extensions, read from the
 * workbench), and the time from opening a YAML file to its first diagnostics
 * in the Problems panel. code-server and Chromium as in the e2e tests; no
 * network (the workbench blocks anything that is not loopback).
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromiumExecutable, ensureVsix, scratchWorkspace, screenshotsDir } from '../test/e2e/support/environment';
import { Workbench } from '../test/e2e/support/workbench';
import { report } from './measure';

const EXTENSION_ID = 'vscode-daemonset.vscode-daemonset';

function findFiles(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...findFiles(full, pattern));
    else if (pattern.test(entry)) out.push(full);
  }
  return out;
}

/** The activation line of the extension host log, for the record (VS Code logs the event, not the duration). */
function activationEvent(stateDir: string): string | undefined {
  for (const file of findFiles(join(stateDir, 'user-data', 'logs'), /exthost.*\.log$/)) {
    const line = readFileSync(file, 'utf8').split('\n').find((l) => l.includes(`_doActivateExtension ${EXTENSION_ID}`));
    if (line) return /activationEvent: '([^']+)'/.exec(line)?.[1];
  }
  return undefined;
}

export async function run(): Promise<void> {
  const vsix = ensureVsix();
  report({ name: 'VSIX size', unit: 'KiB', median: Math.round((statSync(vsix).size / 1024) * 10) / 10 });

  const workspace = scratchWorkspace();
  const { startCodeServer } = await import('../scripts/code-server.mjs');
  const server = await startCodeServer({ workspace, vsix });
  const workbench = await Workbench.launch({ executablePath: chromiumExecutable(), screenshotsDir: join(screenshotsDir, 'bench') });
  try {
    await workbench.open(server.url);
    const started = performance.now();
    await workbench.openFile('selector-drift.yaml');
    await workbench.waitForProblem('Selector does not match template labels');
    const firstDiagnostics = performance.now() - started;
    report({ name: 'code-server: open a YAML file → first diagnostics in the Problems panel (cold: activation + server start)', unit: 'ms', median: firstDiagnostics, runs: 1 });

    await workbench.runCommand('Developer: Show Running Extensions');
    const row = workbench.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'DaemonSet' }).first();
    await row.waitFor();
    const text = await row.innerText();
    const activation = /(\d+(?:\.\d+)?)\s*ms/.exec(text)?.[1];
    if (!activation) throw new Error(`no activation time in the Running Extensions row: ${JSON.stringify(text)}`);
    report({ name: 'extension activation (VS Code\'s Running Extensions)', unit: 'ms', median: Number(activation), runs: 1, activationEvent: activationEvent(server.stateDir) });
  } finally {
    await workbench.close();
    await server.stop();
    rmSync(dirname(workspace), { recursive: true, force: true });
  }
}
