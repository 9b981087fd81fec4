#!/usr/bin/env node
// Installs what the embedded VS Code and the browser tests need, on first use:
//   - Debian packages (chromium, libkrb5-dev for code-server's kerberos addon,
//     ripgrep for Quick Open), through apt-get when missing;
//   - code-server 4.100.3 (the last line that runs on Node 20) into the ignored
//     .tools/code-server folder. It is not a devDependency because its install
//     needs the apt packages and the environment below first.
// Nothing is downloaded from anywhere but the npm registry and Debian's apt.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './bootstrap.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const toolsDir = join(root, '.tools');
export const codeServerPrefix = join(toolsDir, 'code-server');
export const codeServerBin = join(codeServerPrefix, 'node_modules', '.bin', 'code-server');

const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep', 'fonts-liberation'];
// @vscode/ripgrep (inside code-server) downloads rg from GitHub unless its cache holds this tarball.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function log(message) {
  console.error(`[setup] ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function isDebianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

export function chromiumPath() {
  for (const candidate of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function ensureAptPackages(packages = APT_PACKAGES) {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/dpkg-query')) {
    log('not a Debian system: install chromium, ripgrep and the Kerberos headers yourself');
    return;
  }
  const missing = packages.filter((name) => !isDebianPackageInstalled(name));
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [cmd, ...pre] = sudo.length ? sudo : ['apt-get'];
  const aptArgs = (args) => (sudo.length ? [...pre, 'apt-get', ...args] : args);
  run(cmd, aptArgs(['update', '-qq']), { env });
  run(cmd, aptArgs(['install', '-y', '-qq', '--no-install-recommends', ...missing]), { env });
}

/** Whether a program is on the PATH (found the way execFile finds it). */
function onPath(program) {
  const result = spawnSync(program, ['version', '--client'], { stdio: 'ignore' });
  return !result.error;
}

/**
 * The real kubectl that the unit, protocol and e2e tests run (import against the
 * loopback API server, `kubectl kustomize`): Debian's kubernetes-client when the
 * machine has none, so no test is skipped for want of it.
 */
export function ensureKubectl() {
  if (onPath('kubectl')) return;
  log('kubectl is missing: installing Debian\'s kubernetes-client');
  ensureAptPackages(['kubernetes-client']);
  if (!onPath('kubectl')) throw new Error('kubectl is still not on the PATH after installing kubernetes-client');
}

function installedCodeServerVersion() {
  const manifest = join(codeServerPrefix, 'node_modules', 'code-server', 'package.json');
  if (!existsSync(manifest) || !existsSync(codeServerBin)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

export function ensureCodeServer() {
  if (installedCodeServerVersion() === CODE_SERVER_VERSION) return codeServerBin;
  ensureAptPackages();
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into .tools/code-server (about a minute)…`);
  mkdirSync(codeServerPrefix, { recursive: true });
  writeFileSync(
    join(codeServerPrefix, 'package.json'),
    JSON.stringify(
      {
        name: 'daemonset-code-server',
        private: true,
        description: 'embedded VS Code for npm start and e2e tests',
        // code-server builds native modules in its install scripts.
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ),
  );
  // Seed @vscode/ripgrep's download cache with Debian's rg, in a private TMPDIR.
  const tmp = mkdtempSync(join(tmpdir(), 'daemonset-cs-install-'));
  try {
    const cache = join(tmp, RIPGREP_CACHE);
    const staging = join(tmp, 'rg-staging');
    mkdirSync(cache, { recursive: true });
    mkdirSync(staging, { recursive: true });
    copyFileSync('/usr/bin/rg', join(staging, 'rg'));
    run('tar', ['czf', join(cache, RIPGREP_TARBALL), '-C', staging, 'rg']);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    run(npm, ['install', '--no-audit', '--no-fund', '--no-save', '--omit=dev', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: codeServerPrefix,
      env: {
        ...process.env,
        TMPDIR: tmp,
        // code-server's postinstall refuses root without this; npm 11 has no flag for it.
        npm_config_unsafe_perm: 'true',
        // node-pty's postinstall runs `npx node-gyp`; answer yes instead of cancelling.
        npm_config_yes: 'true',
        // Its install scripts must run (native modules); keep npm from skipping them.
        npm_config_ignore_scripts: 'false',
      },
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (installedCodeServerVersion() !== CODE_SERVER_VERSION) throw new Error('code-server did not install');
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return codeServerBin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureAptPackages();
    ensureCodeServer();
  } catch (error) {
    console.error(`[setup] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
