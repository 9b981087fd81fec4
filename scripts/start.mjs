#!/usr/bin/env node
// `npm start`: install what is missing, build, package the VSIX, install it
// into an embedded code-server bound to 127.0.0.1 with examples/ open, and
// print the address. Ctrl-C stops the server and everything it started.
// Env: PORT (default 8080, or a free port when 8080 is taken), WORKSPACE (default examples/).
import { ensureNodeModules, root } from './bootstrap.mjs';

ensureNodeModules();

const { spawnSync } = await import('node:child_process');
const { join, resolve } = await import('node:path');
const { createServer } = await import('node:net');
const { startCodeServer, freePort } = await import('./code-server.mjs');
const { packageExtension } = await import('./package.mjs');

function step(command, args) {
  const result = spawnSync(process.execPath, [join(root, command), ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function portIsFree(port) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

step('scripts/build.mjs', ['--production']);
const vsix = packageExtension(join(root, '.vscode-test', 'daemonset-start.vsix'));
console.error(`[start] packaged ${(vsix.bytes / 1024).toFixed(1)} KiB`);
const wanted = Number(process.env.PORT || 8080);
const port = (await portIsFree(wanted)) ? wanted : await freePort();
const workspace = resolve(root, process.env.WORKSPACE || 'examples');
const server = await startCodeServer({
  workspace,
  vsix: vsix.path,
  port,
  // One state folder kept across runs, so settings and open editors survive a restart.
  stateDir: join(root, '.vscode-test', 'start'),
  keepState: true,
  log: (line) => console.error(`[start] ${line}`),
});

console.log(`\nVS Code with the DaemonSet extension is running at:\n\n    ${server.url}\n\nOpen it in a browser. Press Ctrl-C to stop.\n`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.error('\n[start] stopping code-server…');
  await server.stop({ removeState: false });
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
setInterval(() => {}, 1 << 30); // keep running until a signal arrives
