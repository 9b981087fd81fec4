#!/usr/bin/env node
// Builds the Helm chart renderer (helm-renderer/, Go) into WebAssembly:
//   dist/helm-renderer.wasm  Go's text/template + Sprig + Helm's functions
//   dist/wasm_exec.js        Go's JavaScript glue, copied from the Go toolchain that built it
// Go, Sprig, ghodss/yaml, yaml.v3 and BurntSushi/toml come from Debian (installed through apt-get when missing) and
// build in GOPATH mode from Debian's source tree /usr/share/gocode: nothing is downloaded
// but Debian packages. Skips the build when the sources and the toolchain are unchanged.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './bootstrap.mjs';
import { ensureAptPackages } from './ensure-system.mjs';

export const HELM_RENDERER_PACKAGES = [
  'golang-go',
  'golang-github-masterminds-sprig-dev',
  'golang-github-ghodss-yaml-dev',
  'golang-gopkg-yaml.v3-dev',
  'golang-github-burntsushi-toml-dev',
];
/** The Go packages the renderer imports, as folders of Debian's source tree: one missing means an apt package is. */
const GO_IMPORTS = ['github.com/Masterminds/sprig', 'github.com/ghodss/yaml', 'gopkg.in/yaml.v3', 'github.com/BurntSushi/toml'];
/** Debian's tree of Go library sources, the GOPATH of the build. */
const GOCODE = '/usr/share/gocode';
const sourceDir = join(root, 'helm-renderer');
const distDir = join(root, 'dist');
export const wasmPath = join(distDir, 'helm-renderer.wasm');
export const wasmExecPath = join(distDir, 'wasm_exec.js');
const stampPath = join(distDir, 'helm-renderer.stamp');

function log(message) {
  console.error(`[helm-renderer] ${message}`);
}

function goCommand() {
  for (const candidate of [process.env.GO, '/usr/bin/go', '/usr/lib/go/bin/go']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function goOutput(go, args, env = process.env) {
  const result = spawnSync(go, args, { encoding: 'utf8', env });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${go} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout.trim();
}

/** Go's wasm_exec.js: misc/wasm up to Go 1.23, lib/wasm since 1.24. */
function findWasmExec(goroot) {
  for (const candidate of [join(goroot, 'misc', 'wasm', 'wasm_exec.js'), join(goroot, 'lib', 'wasm', 'wasm_exec.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`no wasm_exec.js in the Go toolchain at ${goroot}`);
}

function inputsHash(goVersion, wasmExec) {
  const hash = createHash('sha256');
  hash.update(goVersion);
  hash.update(readFileSync(wasmExec));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const name of readdirSync(sourceDir).sort()) {
    if (!name.endsWith('.go')) continue;
    hash.update(name);
    hash.update(readFileSync(join(sourceDir, name)));
  }
  return hash.digest('hex');
}

/** Builds dist/helm-renderer.wasm and dist/wasm_exec.js unless they are current; returns the wasm's size. */
export function ensureHelmRenderer() {
  let go = goCommand();
  if (!go || GO_IMPORTS.some((name) => !existsSync(join(GOCODE, 'src', ...name.split('/'))))) {
    ensureAptPackages(HELM_RENDERER_PACKAGES);
    go = goCommand();
  }
  if (!go) throw new Error('the Go compiler is missing: install the Debian packages ' + HELM_RENDERER_PACKAGES.join(' '));
  const goVersion = goOutput(go, ['version']);
  const wasmExec = findWasmExec(goOutput(go, ['env', 'GOROOT']));
  const hash = inputsHash(goVersion, wasmExec);
  if (existsSync(wasmPath) && existsSync(wasmExecPath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash) {
    return statSync(wasmPath).size;
  }
  mkdirSync(distDir, { recursive: true });
  const started = Date.now();
  const env = {
    ...process.env,
    GOOS: 'js',
    GOARCH: 'wasm',
    GOPATH: GOCODE,
    GO111MODULE: 'off',
    GOFLAGS: '',
    CGO_ENABLED: '0',
  };
  // Go writes its build cache under $HOME/.cache; give it one in the ignored .tools folder when HOME is unusable.
  if (!process.env.GOCACHE && !process.env.HOME) env.GOCACHE = join(root, '.tools', 'go-build');
  const partial = `${wasmPath}.partial`;
  const result = spawnSync(go, ['build', '-trimpath', '-ldflags=-s -w', '-o', partial, '.'], { cwd: sourceDir, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`go build of helm-renderer/ failed (exit ${result.status})`);
  renameSync(partial, wasmPath);
  copyFileSync(wasmExec, wasmExecPath);
  writeFileSync(stampPath, hash);
  const size = statSync(wasmPath).size;
  log(`built dist/helm-renderer.wasm (${(size / 1024 / 1024).toFixed(1)} MiB) with ${goVersion} in ${Date.now() - started} ms`);
  return size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureHelmRenderer();
  } catch (error) {
    console.error(`[helm-renderer] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
