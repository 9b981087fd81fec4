#!/usr/bin/env node
// Runs test files with Node's own test runner (TypeScript through tsx).
// Usage: run-node-tests.mjs [unit|protocol|grammar|webview|e2e ...] — default: all suites.
// Node 20's --test takes no globs, so the files are found here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './bootstrap.mjs';
import { ensureSchema } from './generate-schema.mjs';
import { ensureHelmRenderer } from './build-helm-wasm.mjs';

export const suites = {
  // Everything under test/ except the suites that need the built bundle or a browser.
  unit: (file) => !/^test\/(protocol|e2e|grammar|electron|webview)\//.test(file),
  protocol: (file) => file.startsWith('test/protocol/'),
  grammar: (file) => file.startsWith('test/grammar/'),
  // The preview bundle (dist/webview.js) in headless Chromium with a stubbed host API.
  webview: (file) => file.startsWith('test/webview/'),
  e2e: (file) => file.startsWith('test/e2e/'),
};

export function findTestFiles(names) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'fixtures' || entry === 'golden' || entry === 'node_modules') continue;
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.test.ts')) files.push(relative(root, full).split('\\').join('/'));
    }
  };
  walk(join(root, 'test'));
  return files.filter((file) => names.some((name) => suites[name](file))).sort();
}

/**
 * The only deadline of a test: tests wait for conditions without one of their
 * own (test/support/waitFor.ts), so a test that hangs is ended here, and no
 * machine's speed decides a result.
 */
export const TEST_TIMEOUT_MS = 600_000;

export function runNodeTests(names, extraArgs = []) {
  const files = findTestFiles(names);
  if (files.length === 0) {
    console.error(`no test files for ${names.join(', ')}`);
    return 1;
  }
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...extraArgs, ...files],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  return result.status ?? 1;
}

if (process.argv[1] && process.argv[1].endsWith('run-node-tests.mjs')) {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  await ensureSchema(); // the sources under test import the generated validator
  ensureHelmRenderer(); // the Helm tests render charts with dist/helm-renderer.wasm
  process.exit(runNodeTests(names.length ? names : Object.keys(suites)));
}
