#!/usr/bin/env node
// npm's `prepare` script: builds dist/cli.js, which bin/daemonset.js runs, whenever npm
// installs or packs this repository — `npm install` in a clone, `npm pack`, and
// `npm install -g <git url>`, which is how pre-commit (4.6.1 and later) installs the
// `daemonset-lint` hook.
//
// A global install from git runs this script in a clone where npm did not put the
// devDependencies (npm/cli#8440: the inner install inherits `global`), so the build tools
// are installed into the clone first when they are missing. Output goes to stderr: npm
// and tools around it read `npm pack`'s stdout.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './bootstrap.mjs';

const BUILD_TOOLS = ['esbuild', 'typescript', 'kubernetes-models'];
const toStderr = ['ignore', 2, 2];

// Not require.resolve: kubernetes-models exports no main entry.
const installed = (name) => existsSync(join(root, 'node_modules', name, 'package.json'));

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: toStderr,
    env,
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(`[prepare] ${command} ${args.join(' ')} failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

if (!BUILD_TOOLS.every(installed)) {
  console.error(
    '[prepare] the build tools are missing (a global install from git): installing the devDependencies',
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Into this folder, not the global prefix; no scripts, so this script does not run again.
  const env = { ...process.env, npm_config_global: 'false', npm_config_install_links: 'false' };
  run(npm, ['install', '--no-save', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund'], env);
}
run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production', 'cli']);
