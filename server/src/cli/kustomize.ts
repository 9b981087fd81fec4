/**
 * `daemonset lint --kustomize <dir>`: each overlay rendered by
 * `kubectl kustomize` (host/kustomize.ts), its DaemonSets linted with every
 * rule and each finding reported in the file that caused it — a patch, the
 * kustomization's entry, or (when the resource file has it too) the resource
 * file. A render failure is an error diagnostic in the kustomization; a
 * missing kubectl, a timeout, a folder without a kustomization and a remote
 * base without --allow-remote-bases exit 2.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { displayFolder, readKustomizeTree, renderKustomization, type KustomizeTree, type RenderResult } from '../host/kustomize';
import { KubectlError } from '../host/kubectl';
import { kustomizeRenderFailure, lintRenderedKustomization, type FileDiagnostics, type KustomizeFile } from '../service/kustomizeFindings';
import type { ValidationSettings } from '../service/validation';
import { CliError } from './args';
import type { CliIo } from './io';

export interface KustomizeLintOptions {
  settings: ValidationSettings;
  allowRemoteBases: boolean;
}

const fileOf = (file: { path: string; text: string }): KustomizeFile => ({ uri: pathToFileURL(file.path).href, text: file.text });

export interface KustomizeLintResult {
  /** The diagnostics of every overlay, per file URI (several overlays may report in one base file). */
  files: FileDiagnostics[];
  /** The patch files of the overlays that rendered: partial objects, whose own DaemonSet findings mean nothing. */
  patchUris: Set<string>;
}

/** An overlay named on the command line, read and rendered. */
export interface OverlayRender {
  /** The overlay folder as the user names it (`overlays/prod`). */
  label: string;
  tree: KustomizeTree;
  rendered: RenderResult;
}

/**
 * Reads and renders one `--kustomize <dir>`: a folder without a kustomization, a remote base that is not
 * allowed and kubectl's absence or timeout are usage errors (exit 2); a render failure is an outcome.
 */
export async function renderOverlayOption(io: CliIo, dir: string, command: string, allowRemoteBases: boolean): Promise<OverlayRender> {
  const full = resolve(io.cwd, dir);
  const label = displayFolder(io.cwd, full);
  const tree = await readKustomizeTree(full);
  if (!tree) throw new CliError(`${command}: ${dir}: no kustomization.yaml, kustomization.yml or Kustomization in this folder`);
  if (tree.remote.length > 0 && !allowRemoteBases) {
    throw new CliError(`${command}: ${label} uses the remote resource ${JSON.stringify(tree.remote[0])}, which kubectl would fetch: pass --allow-remote-bases to allow it`);
  }
  try {
    return { label, tree, rendered: await renderKustomization(full, { env: io.env, displayRoot: io.cwd }) };
  } catch (error) {
    if (error instanceof KubectlError) throw new CliError(`${command}: kubectl kustomize ${label}: ${error.message}`);
    throw error;
  }
}

export async function lintKustomizations(io: CliIo, dirs: readonly string[], options: KustomizeLintOptions): Promise<KustomizeLintResult> {
  const results: FileDiagnostics[] = [];
  const patchUris = new Set<string>();
  for (const dir of dirs) {
    const { label, tree, rendered } = await renderOverlayOption(io, dir, 'lint', options.allowRemoteBases);
    if (!rendered.ok) {
      results.push(kustomizeRenderFailure(label, fileOf(tree.kustomization), rendered.message));
      continue;
    }
    for (const file of tree.patchFiles.values()) patchUris.add(fileOf(file).uri);
    results.push(
      ...lintRenderedKustomization(
        {
          label,
          kustomization: fileOf(tree.kustomization),
          patchFiles: new Map([...tree.patchFiles].map(([ref, file]) => [ref, fileOf(file)])),
          sources: tree.sources.map(fileOf),
          rendered: rendered.text,
        },
        { settings: options.settings, inherited: 'report' },
      ),
    );
  }
  return { files: results, patchUris };
}
