/**
 * What the e2e tests need: the packaged VSIX (built here when `npm test`
 * did not hand one over in DAEMONSET_VSIX), Chromium, and a scratch copy of
 * examples/ so tests that edit files never touch the repository.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/golden';

export function ensureVsix(): string {
  const given = process.env.DAEMONSET_VSIX;
  if (given && existsSync(given)) return given;
  const out = join(repoRoot, '.vscode-test', 'daemonset-e2e.vsix');
  for (const [script, args] of [
    ['scripts/build.mjs', ['--production']],
    ['scripts/package.mjs', ['--out', out]],
  ] as const) {
    const result = spawnSync(process.execPath, [join(repoRoot, script), ...args], { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`${script} failed`);
  }
  return out;
}

export function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error('Chromium is not installed: npm test installs it with apt-get (package chromium)');
  return found;
}

export function scratchWorkspace(): string {
  const parent = join(repoRoot, '.vscode-test');
  mkdirSync(parent, { recursive: true });
  const dir = join(mkdtempSync(join(parent, 'workspace-')), 'examples');
  cpSync(join(repoRoot, 'examples'), dir, { recursive: true });
  return dir;
}

export const screenshotsDir = join(repoRoot, 'test-results', 'e2e');

/**
 * Each e2e test's own limit. Node's --test-timeout bounds a whole file and
 * kills it, so a step that hangs would leave no trace; failing the test
 * first lets afterEach record what the page shows (Workbench.recordFailure).
 * Generous (steps take seconds): it turns a hang into a report and decides
 * nothing about speed.
 */
export const HANG_GUARD = { timeout: 240_000 };
