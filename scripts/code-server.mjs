// Runs the embedded VS Code (code-server) for `npm start` and the e2e tests:
// bound to 127.0.0.1 on a free port, no auth, gallery and telemetry off, and
// every file it writes (user data, extensions, XDG dirs, TMPDIR) inside one
// state folder, so nothing lands in $HOME or /tmp.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { root } from './bootstrap.mjs';
import { ensureCodeServer } from './ensure-system.mjs';

export const defaultUserSettings = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.hover.delay': 100,
  'chat.disableAIFeatures': true,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function environment(state) {
  return {
    ...process.env,
    EXTENSIONS_GALLERY: '{}', // an object without serviceUrl: the extension gallery is off
    XDG_CONFIG_HOME: join(state, 'xdg-config'),
    XDG_DATA_HOME: join(state, 'xdg-data'),
    XDG_CACHE_HOME: join(state, 'xdg-cache'),
    TMPDIR: join(state, 'tmp'),
  };
}

function baseArgs(state) {
  return ['--config', join(state, 'config.yaml'), '--user-data-dir', join(state, 'user-data'), '--extensions-dir', join(state, 'extensions')];
}

/** Live (non-zombie) processes of a process group, read from /proc. */
function liveGroupMembers(pgid) {
  const members = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return members;
}

/** Polls `check` until it holds, with no deadline: the caller's own (a test runner's timeout, Ctrl+C) ends a wait that never ends. */
async function waitFor(check, intervalMs = 100) {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, intervalMs));
}

/**
 * Teardown only: polls `check` for at most `graceMs` and answers whether it
 * held. It bounds how long stop() lets a process group exit on SIGTERM before
 * SIGKILL; it never decides a test's result.
 */
async function holdsWithin(check, graceMs, intervalMs = 100) {
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}

/**
 * @param {{ workspace?: string, vsix?: string, settings?: object, port?: number, stateDir?: string,
 *           keepState?: boolean, log?: (line: string) => void }} options
 */
export async function startCodeServer(options = {}) {
  const bin = ensureCodeServer();
  const log = options.log ?? (() => {});
  const stateParent = join(root, '.vscode-test');
  mkdirSync(stateParent, { recursive: true });
  const state = options.stateDir ?? mkdtempSync(join(stateParent, 'code-server-'));
  for (const dir of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp']) {
    mkdirSync(join(state, dir), { recursive: true });
  }
  const port = options.port ?? (await freePort());
  writeFileSync(join(state, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  writeFileSync(
    join(state, 'user-data', 'User', 'settings.json'),
    JSON.stringify({ ...defaultUserSettings, ...(options.settings ?? {}) }, null, 2),
  );
  const env = environment(state);
  if (options.vsix) {
    const started = Date.now();
    const install = spawnSync(bin, [...baseArgs(state), '--install-extension', options.vsix, '--force'], {
      env,
      encoding: 'utf8',
    });
    if (install.status !== 0) {
      throw new Error(`installing ${options.vsix} failed:\n${install.stdout}\n${install.stderr}`);
    }
    log(`extension installed in ${Date.now() - started} ms`);
  }
  const logFile = join(state, 'code-server.log');
  const { openSync } = await import('node:fs');
  const out = openSync(logFile, 'a');
  const child = spawn(
    bin,
    [
      ...baseArgs(state),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    // Its own process group: stop() signals the server and everything it forked
    // (extension hosts, the language server, file watchers).
    { env, detached: true, stdio: ['ignore', out, out] },
  );
  const pgid = child.pid;
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const base = `http://127.0.0.1:${port}`;
  // Until it answers or exits: how long a loaded machine takes to start it decides nothing.
  await waitFor(async () => {
    if (exited) return true;
    try {
      const response = await fetch(`${base}/healthz`);
      return response.ok;
    } catch {
      return false;
    }
  });
  if (exited) {
    throw new Error(`code-server did not start (log: ${logFile}):\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  const url = options.workspace ? `${base}/?folder=${encodeURIComponent(options.workspace)}` : `${base}/`;
  let stopped = false;
  async function stop({ removeState = !options.keepState } = {}) {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // already gone
    }
    const gone = await holdsWithin(() => liveGroupMembers(pgid).length === 0, 5_000);
    if (!gone) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
      await holdsWithin(() => liveGroupMembers(pgid).length === 0, 5_000);
    }
    if (removeState) rmSync(state, { recursive: true, force: true });
  }
  return { url, base, port, stateDir: state, logFile, pid: pgid, stop };
}
