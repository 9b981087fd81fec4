#!/usr/bin/env node
// Packages the `daemonset` command line as its own npm package, `daemonset-<version>.tgz`:
// one file of code (the CLI bundle, every runtime dependency inside, as bin/daemonset.js) with the
// Helm renderer beside it (bin/helm-renderer.wasm and Go's bin/wasm_exec.js),
// a package.json without dependencies, the CLI sections of the README, and the licence.
// So `npm install -g daemonset-<version>.tgz` fetches nothing (it works offline) and needs
// no devDependencies and no VS Code. The extension's VSIX is scripts/package.mjs.
// Usage: package-cli.mjs [--out-dir <dir>]   (default: the repository root)
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './bootstrap.mjs';
import { cliOptions } from './build.mjs';
import { ensureSchema } from './generate-schema.mjs';
import { ensureHelmRenderer, wasmExecPath, wasmPath } from './build-helm-wasm.mjs';

/** The README sections that make the package's README, in this order. */
export const README_SECTIONS = ['Command line', 'In CI', 'Rules'];

/** The package.json of the CLI package, from the repository's: same version, licence and Node range; no dependencies. */
export function cliManifest(rootManifest) {
  return {
    name: 'daemonset',
    version: rootManifest.version,
    description:
      'Check Kubernetes DaemonSet manifests with the API server’s rules and DaemonSet pitfalls, and preview placement and rolling updates — the command line of the DaemonSet Authoring VS Code extension.',
    license: rootManifest.license,
    keywords: rootManifest.keywords,
    engines: { node: rootManifest.engines.node },
    bin: { daemonset: 'bin/daemonset.js' },
  };
}

/** The `## <name>` sections of a Markdown text, each up to the next `## ` heading; throws when one is missing. */
export function readmeSections(markdown, names) {
  const lines = markdown.split('\n');
  return names
    .map((name) => {
      const start = lines.indexOf(`## ${name}`);
      if (start < 0) throw new Error(`README.md has no "## ${name}" section`);
      let end = start + 1;
      while (end < lines.length && !lines[end].startsWith('## ')) end++;
      return lines.slice(start, end).join('\n').trim();
    })
    .join('\n\n');
}

function cliReadme(rootManifest) {
  const sections = readmeSections(readFileSync(join(root, 'README.md'), 'utf8'), README_SECTIONS);
  return `# daemonset ${rootManifest.version}\n\n${cliManifest(rootManifest).description}\n\n${sections}\n`;
}

function npmPack(dir, outDir) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['pack', '--json', '--pack-destination', outDir], {
    cwd: dir,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0)
    throw new Error(`npm pack failed with exit code ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout)[0].filename;
}

/** Builds the package in a temporary folder and packs it into outDir; returns the tarball's path and size. */
export async function packageCli(outDir = root) {
  outDir = resolve(root, outDir);
  mkdirSync(outDir, { recursive: true });
  await ensureSchema(); // the CLI bundles the generated schema validator
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const staging = mkdtempSync(join(tmpdir(), 'daemonset-cli-package-'));
  try {
    await esbuild.build({
      ...cliOptions(true, join(staging, 'bin', 'daemonset.js')),
      banner: { js: '#!/usr/bin/env node' },
    });
    ensureHelmRenderer(); // --helm loads it from the folder of bin/daemonset.js
    copyFileSync(wasmPath, join(staging, 'bin', 'helm-renderer.wasm'));
    copyFileSync(wasmExecPath, join(staging, 'bin', 'wasm_exec.js'));
    writeFileSync(join(staging, 'package.json'), JSON.stringify(cliManifest(rootManifest), null, 2) + '\n');
    writeFileSync(join(staging, 'README.md'), cliReadme(rootManifest));
    copyFileSync(join(root, 'LICENSE'), join(staging, 'LICENSE'));
    const path = join(outDir, npmPack(staging, outDir));
    return { path, bytes: statSync(path).size };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf('--out-dir');
  try {
    const { path, bytes } = await packageCli(outIndex > 0 ? process.argv[outIndex + 1] : undefined);
    const shown = relative(process.cwd(), path);
    console.log(`${shown.startsWith('..') ? path : shown}: ${(bytes / 1024).toFixed(1)} KiB`);
  } catch (error) {
    console.error(`[package-cli] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
