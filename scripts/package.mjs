#!/usr/bin/env node
// Packages the extension as a VSIX with @vscode/vsce, offline. The bundles in
// dist/ hold every runtime dependency, so node_modules is not shipped.
// Usage: package.mjs [--out file.vsix]   (build first: build.mjs --production)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './bootstrap.mjs';

export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return join(root, `${name}-${version}.vsix`);
}

export function packageExtension(out = vsixPath()) {
  out = resolve(root, out);
  for (const bundle of ['client.js', 'server.js', 'server-main.js', 'live-cluster-worker.js', 'cli.js', 'webview.js', 'helm-renderer.wasm', 'wasm_exec.js']) {
    if (!existsSync(join(root, 'dist', bundle))) throw new Error(`dist/${bundle} is missing: run the build first`);
  }
  mkdirSync(dirname(out), { recursive: true });
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    throw new Error(`vsce package failed with exit code ${result.status}`);
  }
  return { path: out, bytes: statSync(out).size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf('--out');
  try {
    const { path, bytes } = packageExtension(outIndex > 0 ? process.argv[outIndex + 1] : undefined);
    console.log(`${relative(process.cwd(), path)}: ${(bytes / 1024).toFixed(1)} KiB`);
  } catch (error) {
    console.error(`[package] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
