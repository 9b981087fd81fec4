#!/usr/bin/env node
// `npm test`: everything, offline, on a fresh clone.
//   1. npm packages (npm ci when missing), Debian packages (kubectl, Chromium) and code-server (first run only)
//   2. type-check (tsc, strict), lint (eslint, including the layering rule) and
//      the import-cycle check (scripts/check-import-cycles.mjs)
//   3. build the bundles and package the VSIX the e2e tests install
//   4. one run of Node's test runner over the unit, protocol, grammar, webview and e2e suites
// Flags: --only <suite>[,<suite>] (unit, protocol, grammar, webview, e2e), --skip-checks
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureNodeModules, root } from './bootstrap.mjs';

ensureNodeModules();

const { ensureAptPackages, ensureCodeServer, ensureKubectl } = await import('./ensure-system.mjs');
const { packageExtension } = await import('./package.mjs');
const { findTestFiles, suites, TEST_TIMEOUT_MS } = await import('./run-node-tests.mjs');

const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const selected = onlyIndex >= 0 ? args[onlyIndex + 1].split(',') : Object.keys(suites);
const skipChecks = args.includes('--skip-checks') || onlyIndex >= 0;
const timings = [];

function timed(name, work) {
  const started = Date.now();
  const result = work();
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return result;
}

function run(name, command, commandArgs, options = {}) {
  console.error(`\n[test] ${name}`);
  const result = timed(name, () => spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options }));
  if (result.status !== 0) {
    console.error(`[test] ${name} failed`);
    process.exit(result.status ?? 1);
  }
}

const node = process.execPath;
const bin = (name) => join(root, 'node_modules', '.bin', name);

if (selected.includes('e2e') || selected.includes('webview')) {
  timed('setup', () => {
    ensureAptPackages(); // Chromium, for both browser suites
    if (selected.includes('e2e')) ensureCodeServer();
  });
}
// The unit, protocol and e2e suites run the real kubectl (import, kubectl kustomize).
if (['unit', 'protocol', 'e2e'].some((suite) => selected.includes(suite))) timed('kubectl', () => ensureKubectl());
// The generated schema validator is imported by the sources the checks and tests read.
await (await import('./generate-schema.mjs')).ensureSchema();
if (!skipChecks) {
  run('type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  run('lint', bin('eslint'), ['--max-warnings', '0', '.']);
  run('import cycles', node, [join(root, 'scripts', 'check-import-cycles.mjs')]);
}
run('build', node, [join(root, 'scripts', 'build.mjs'), '--production']);
const env = { ...process.env };
if (selected.includes('e2e')) {
  const vsix = timed('package', () => packageExtension(join(root, '.vscode-test', 'daemonset-test.vsix')));
  console.error(`[test] packaged ${vsix.path.slice(root.length + 1)} (${(vsix.bytes / 1024).toFixed(1)} KiB)`);
  env.DAEMONSET_VSIX = vsix.path;
}

const files = findTestFiles(selected);
console.error(`\n[test] ${files.length} test files: ${selected.join(', ')}`);
const result = timed('tests', () =>
  spawnSync(node, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files], {
    cwd: root,
    stdio: 'inherit',
    env,
  }),
);
console.error(`\n[test] timings: ${timings.join(', ')}`);
process.exit(result.status ?? 1);
