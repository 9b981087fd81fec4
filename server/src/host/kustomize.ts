/**
 * Kustomize overlays on disk: what an overlay builds on (read, never run),
 * and `kubectl kustomize <dir>` to render it — through host/kubectl.ts
 * (execFile, no shell), with a whole-command timeout and bounded output, and
 * never with `--enable-alpha-plugins` or `--enable-helm`, so no exec or
 * container plugin and no Helm runs. A remote base (a URL kubectl would
 * fetch) is found in the overlay or any local base before anything runs; the
 * caller renders such an overlay only when the user allows remote bases.
 * Callers run this only in trusted workspaces.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isKustomizationFileName, KUSTOMIZATION_FILE_NAMES, readKustomization } from '../model/kustomization';
import { parseYamlFile, topLevelString } from '../model/yamlDocuments';
import { formatBytesForPeople } from '../model/quantity';
import { gitShow, gitTopLevel } from './git';
import { KubectlError, runKubectl, type KubectlRunOptions } from './kubectl';

export const KUSTOMIZE_TIMEOUT_MS = 20_000;
export const KUSTOMIZE_MAX_OUTPUT = 8 * 1024 * 1024;
/** Bases deeper than this, or more kustomizations than MAX_TREE_KUSTOMIZATIONS, are not followed (kubectl still renders them). */
const MAX_TREE_DEPTH = 16;
const MAX_TREE_KUSTOMIZATIONS = 200;
const MAX_INPUT_BYTES = 2 * 1024 * 1024;

export { isKustomizationFileName };

/** A file the tree read: its absolute path and text. */
export interface TreeFile {
  path: string;
  text: string;
}

/** An overlay and everything local it builds on, as read from disk. */
export interface KustomizeTree {
  /** The overlay's folder (absolute). */
  dir: string;
  kustomization: TreeFile;
  /** The overlay's patch files by the path written in its kustomization. */
  patchFiles: Map<string, TreeFile>;
  /** Local resource files (of the overlay and its bases) that hold a DaemonSet. */
  sources: TreeFile[];
  /** Remote resources of the overlay or of a local base, as written. */
  remote: string[];
  /** Local resources that do not exist (kubectl will fail and say why). */
  missing: string[];
  /** The overlay's folder and its local bases' folders: a save under any of them re-renders. */
  folders: string[];
  /** Every file read, with its text: the render's inputs (a cache key). */
  inputs: TreeFile[];
}

async function readSmallFile(path: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile() || stat.size > MAX_INPUT_BYTES) return undefined;
    return await fs.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The kustomization file of a folder, in Kustomize's order, or undefined. */
export async function findKustomizationFile(dir: string): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const path = join(dir, name);
    try {
      if ((await fs.stat(path)).isFile()) return path;
    } catch {
      // not this name
    }
  }
  return undefined;
}

function holdsDaemonSet(text: string): boolean {
  if (!/\bDaemonSet\b/.test(text)) return false;
  return parseYamlFile(text).documents.some((doc) => topLevelString(doc, 'kind') === 'DaemonSet');
}

/** Reads an overlay and, recursively, its local bases; undefined when `dir` has no kustomization. */
export async function readKustomizeTree(dir: string): Promise<KustomizeTree | undefined> {
  const root = resolve(dir);
  const file = await findKustomizationFile(root);
  if (!file) return undefined;
  const text = await readSmallFile(file);
  if (text === undefined) return undefined;
  const tree: KustomizeTree = { dir: root, kustomization: { path: file, text }, patchFiles: new Map(), sources: [], remote: [], missing: [], folders: [], inputs: [] };
  const visited = new Set<string>();
  const visit = async (folder: string, kustomizationFile: TreeFile, depth: number): Promise<void> => {
    if (visited.has(folder) || visited.size >= MAX_TREE_KUSTOMIZATIONS || depth > MAX_TREE_DEPTH) return;
    visited.add(folder);
    tree.folders.push(folder);
    tree.inputs.push(kustomizationFile);
    const read = readKustomization(kustomizationFile.text);
    for (const resource of read.resources) {
      if (resource.remote) {
        if (!tree.remote.includes(resource.ref)) tree.remote.push(resource.ref);
        continue;
      }
      const path = isAbsolute(resource.ref) ? resource.ref : join(folder, resource.ref);
      const base = await findKustomizationFile(path);
      if (base) {
        const baseText = await readSmallFile(base);
        if (baseText !== undefined) await visit(path, { path: base, text: baseText }, depth + 1);
        continue;
      }
      const resourceText = await readSmallFile(path);
      if (resourceText === undefined) {
        tree.missing.push(resource.ref);
        continue;
      }
      const resourceFile = { path, text: resourceText };
      tree.inputs.push(resourceFile);
      if (holdsDaemonSet(resourceText)) tree.sources.push(resourceFile);
    }
    for (const patch of read.patches) {
      if (patch.path === undefined) continue;
      const patchText = await readSmallFile(join(folder, patch.path));
      if (patchText === undefined) continue;
      const patchFile = { path: join(folder, patch.path), text: patchText };
      tree.inputs.push(patchFile);
      if (folder === root) tree.patchFiles.set(patch.path, patchFile);
    }
  };
  await visit(root, tree.kustomization, 0);
  return tree;
}

/** Whether rendering can tell something about DaemonSets: the tree holds one, or a base is missing (then kubectl's message is what the user needs). */
export function mayRenderDaemonSet(tree: KustomizeTree): boolean {
  return tree.sources.length > 0 || tree.missing.length > 0;
}

export type RenderResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * kustomize's own error, from kubectl's stderr: klog's `err="…"` field
 * (kubectl 1.30+), else the `error: …` line; absolute paths under `displayRoot` shown relative to it.
 */
export function kustomizeErrorMessage(stderr: string, displayRoot?: string): string {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  let message: string | undefined;
  for (const line of lines) {
    const quoted = /\berr="((?:[^"\\]|\\.)*)"/.exec(line);
    if (quoted) {
      try {
        message = JSON.parse(`"${quoted[1]}"`) as string;
      } catch {
        message = quoted[1];
      }
      break;
    }
    const plain = /^error:\s*(.*)$/i.exec(line);
    if (plain) {
      message = plain[1];
      break;
    }
  }
  message ??= lines.filter((line) => !line.startsWith('# Warning')).join(' ') || 'no message';
  if (displayRoot) message = message.split(`${resolve(displayRoot)}${sep}`).join('');
  return message;
}

/**
 * `kubectl kustomize <dir>`: the rendered YAML, or kustomize's message.
 * Throws a KubectlError only when kubectl itself could not run (missing, timed out).
 */
export async function renderKustomization(dir: string, options: KubectlRunOptions & { displayRoot?: string } = {}): Promise<RenderResult> {
  const timeoutMs = options.timeoutMs ?? KUSTOMIZE_TIMEOUT_MS;
  const maxBuffer = options.maxBuffer ?? KUSTOMIZE_MAX_OUTPUT;
  try {
    const text = await runKubectl(['kustomize', resolve(dir)], { ...options, timeoutMs, maxBuffer });
    return { ok: true, text };
  } catch (error) {
    if (!(error instanceof KubectlError)) throw error;
    // kubectl's generic words speak of a cluster and of saving nodes; a render asks no cluster anything.
    if (error.problem === 'not-installed') {
      throw new KubectlError('not-installed', 'kubectl is not installed or not on the PATH: Kustomize overlays are rendered with `kubectl kustomize`.', error.details);
    }
    if (error.problem === 'timeout') {
      throw new KubectlError('timeout', `kubectl kustomize did not finish within ${timeoutMs / 1000} seconds, the most a render may take.`, error.details);
    }
    const code = error.details?.code;
    if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
      return { ok: false, message: `its output is larger than ${formatBytesForPeople(maxBuffer)}, the most that is read` };
    }
    if (!error.details) return { ok: false, message: error.message };
    return { ok: false, message: kustomizeErrorMessage(error.details.stderr, options.displayRoot) };
  }
}

/**
 * The overlay as it was at a git ref, rendered: every file the tree read (its kustomizations, resources and
 * patches), at `ref`, written to a temporary copy of their folders, and `kubectl kustomize` run there. A file
 * added since is left out (the render may then fail). Undefined outside a repository or when a file lies outside it.
 */
export async function renderKustomizationAt(tree: KustomizeTree, ref: string, options: KubectlRunOptions = {}): Promise<RenderResult | undefined> {
  const top = await gitTopLevel(tree.dir);
  if (!top) return undefined;
  const copy = await fs.mkdtemp(join(tmpdir(), 'daemonset-kustomize-'));
  try {
    for (const file of tree.inputs) {
      // git names the top folder with links resolved.
      const rel = relative(top, await fs.realpath(file.path).catch(() => file.path));
      if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
      const text = await gitShow(file.path, ref);
      if (text === undefined) continue;
      await fs.mkdir(dirname(join(copy, rel)), { recursive: true });
      await fs.writeFile(join(copy, rel), text);
    }
    const overlay = join(copy, relative(top, await fs.realpath(tree.dir).catch(() => tree.dir)));
    const rendered = await renderKustomization(overlay, { ...options, displayRoot: copy });
    return rendered;
  } finally {
    await fs.rm(copy, { recursive: true, force: true });
  }
}

/** A folder as the user names it: relative to `root` with forward slashes, or absolute when outside. */
export function displayFolder(root: string, dir: string): string {
  const rel = relative(root, dir);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? dir : rel.split(sep).join('/');
}

/** The folder of a kustomization file. */
export function overlayFolderOf(kustomizationFile: string): string {
  return dirname(kustomizationFile);
}
