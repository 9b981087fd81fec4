#!/usr/bin/env node
// Bundles the extension with esbuild:
//   dist/client.js   extension host (CommonJS, `vscode` external)
//   dist/server.js   language server's entry (Node; --stdio / --node-ipc / --socket): runs
//                    dist/server-main.js, the server itself, with V8's code cache when given a folder
//   dist/live-cluster-worker.js  the server's worker thread that reads live snapshots (built with the server)
//   dist/cli.js      the `daemonset` command-line tool (runs when loaded; bin/daemonset.js requires it)
//   dist/webview.js  preview panel UI (browser IIFE)
//   dist/helm-renderer.wasm + dist/wasm_exec.js  the Helm chart renderer (scripts/build-helm-wasm.mjs)
// Flags: --production (minify, no sourcemaps in the VSIX), --watch.
// Names (client, server, cli, webview) build only those bundles.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './bootstrap.mjs';
import { ensureSchema } from './generate-schema.mjs';
import { ensureHelmRenderer } from './build-helm-wasm.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

/** esbuild options shared by every bundle; `production` minifies and drops source maps. */
export function commonOptions(production) {
  return {
    define: { __VERSION__: JSON.stringify(version) },
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    absWorkingDir: root,
    legalComments: 'none',
  };
}

/** The `daemonset` command: one CommonJS file with every runtime dependency inside (scripts/package-cli.mjs reuses it). */
export function cliOptions(production, outfile = 'dist/cli.js') {
  return { ...commonOptions(production), platform: 'node', format: 'cjs', target: 'node20', entryPoints: ['server/src/cli/bin.ts'], outfile };
}

const common = commonOptions(production);
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

export const builds = [
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...node, entryPoints: ['server/src/lsp/serverEntry.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server-main.js' },
  { ...node, entryPoints: ['server/src/host/liveClusterWorker.ts'], outfile: 'dist/live-cluster-worker.js' },
  cliOptions(production),
  {
    ...common,
    entryPoints: ['client/src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
  },
];

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
// `server` builds the entry, the server it runs and the server's live-snapshot worker.
const selected = only.length
  ? builds.filter((b) => only.some((name) => b.outfile === `dist/${name}.js` || b.outfile === `dist/${name}-main.js` || (name === 'server' && b.outfile === 'dist/live-cluster-worker.js')))
  : builds;

async function main() {
  await ensureSchema(); // the server bundles the generated schema validator
  ensureHelmRenderer(); // the server and the CLI load it from dist/
  const started = Date.now();
  if (watch) {
    for (const options of selected) {
      const context = await esbuild.context(options);
      await context.watch();
    }
    console.error('[build] watching for changes…');
    return;
  }
  await Promise.all(selected.map((options) => esbuild.build(options)));
  console.error(`[build] ${selected.length} bundles in ${Date.now() - started} ms${production ? ' (production)' : ''} → ${join('dist')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
