/**
 * Kustomize overlays in the editor: every kustomization of the workspace
 * whose resources (or its bases') hold a DaemonSet is rendered with
 * `kubectl kustomize` (host/kustomize.ts) in the background and its findings
 * kept per file (the patch, the kustomization) for the adapter to publish.
 *
 * - Only in trusted workspaces; an untrusted one runs no kubectl and says so
 *   on each such kustomization. A remote base is not fetched unless the
 *   `daemonset.kustomize.allowRemoteBases` setting allows it.
 * - Re-rendered when a file under the overlay's folder or one of its bases'
 *   is saved, created or deleted, debounced, one kubectl at a time; nothing
 *   here runs on the typing path.
 * - Cached by the inputs: the texts of every file the overlay builds on and
 *   the settings; unchanged inputs render nothing.
 */
import { createHash } from 'node:crypto';
import { basename, sep } from 'node:path';
import { displayFolder, mayRenderDaemonSet, overlayFolderOf, readKustomizeTree, renderKustomization, renderKustomizationAt, type KustomizeTree } from '../host/kustomize';
import { KubectlError } from '../host/kubectl';
import { isKustomizationFileName } from '../model/kustomization';
import {
  applyRenderRuleSetting,
  kustomizeNotRendered,
  kustomizeRenderFailure,
  lintRenderedKustomization,
  type FileDiagnostics,
  type KustomizeFile,
} from '../service/kustomizeFindings';
import type { ServiceDiagnostic } from '../service/types';
import type { ValidationSettings } from '../service/validation';
import type { KustomizeRenderedResult } from '../protocol/kustomizeRequest';
import { pathToUri } from './workspaceFiles';

/** Saves within this time of each other render once. */
const RENDER_DELAY_MS = 300;

export interface KustomizeSettings {
  enabled: boolean;
  allowRemoteBases: boolean;
}

/** `daemonset.kustomize` of the `daemonset` section; anything unexpected keeps the defaults (on; no remote bases). */
export function toKustomizeSettings(section: unknown): KustomizeSettings {
  const value = section && typeof section === 'object' ? (section as Record<string, unknown>).kustomize : undefined;
  const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return { enabled: record.enabled !== false, allowRemoteBases: record.allowRemoteBases === true };
}

export interface KustomizeHost {
  /** The workspace folders, to name overlays relative to theirs. */
  roots(): readonly string[];
  kustomizeSettings(uri: string): Promise<KustomizeSettings>;
  /** Rule severities, inventory and Kubernetes version, as for the kustomization's own diagnostics. */
  validationSettings(uri: string): Promise<ValidationSettings>;
  /** These files' Kustomize diagnostics changed. */
  changed(uris: readonly string[]): void;
  /** The overlay of this kustomization file rendered to a different text (or failed differently). */
  renderedChanged(kustomizationUri: string): void;
  log(message: string): void;
}

interface Overlay {
  /** The kustomization file. */
  file: string;
  folders: string[];
  key?: string;
  results: FileDiagnostics[];
  /** The patch files the overlay applies (URIs), known once it was read. */
  patches: Set<string>;
  /** The last render, for the preview; absent until the overlay was considered. */
  rendered?: NonNullable<KustomizeRenderedResult>;
  /** The last render that succeeded: the cluster view keeps showing it while a render fails. */
  lastGood?: string;
  /** Whether its resources (or its bases') hold a DaemonSet, as last read. */
  holdsDaemonSet?: boolean;
  /** The local files holding its DaemonSets, as last read. */
  sources: string[];
  timer?: ReturnType<typeof setTimeout>;
}

/** An overlay as the cluster view counts it. */
export interface OverlayRendering {
  /** The kustomization file. */
  file: string;
  label: string;
  /** Its folder and its local bases' folders. */
  folders: string[];
  /** The local files holding its DaemonSets. */
  sources: string[];
  rendered: NonNullable<KustomizeRenderedResult>;
  lastGood?: string;
}

const fileOf = (file: { path: string; text: string }): KustomizeFile => ({ uri: pathToUri(file.path), text: file.text });

export class KustomizeOverlays {
  /** Whether the workspace is trusted: untrusted, kubectl never runs. */
  trusted = false;
  private readonly overlays = new Map<string, Overlay>();
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly host: KustomizeHost) {}

  /** The Kustomize diagnostics of a file, from every overlay that reports in it. */
  diagnosticsFor(uri: string): ServiceDiagnostic[] {
    const out: ServiceDiagnostic[] = [];
    for (const overlay of this.overlays.values()) for (const file of overlay.results) if (file.uri === uri) out.push(...file.diagnostics);
    return out;
  }

  /**
   * Whether a file is a patch of a rendered overlay: its own DaemonSet rules
   * are off (a partial object is no DaemonSet), the overlay's findings are in it.
   */
  isRenderedPatch(uri: string): boolean {
    for (const overlay of this.overlays.values()) if (overlay.patches.has(uri) && overlay.rendered && 'text' in overlay.rendered) return true;
    return false;
  }

  /** The workspace listing: every kustomization file in it is an overlay to consider. */
  addListing(paths: readonly string[]): void {
    for (const path of paths) if (isKustomizationFileName(basename(path))) this.track(path);
  }

  /** A saved, created, changed or deleted file: overlays whose folders hold it render again; a kustomization file comes or goes. */
  noteFileChange(path: string, deleted = false): void {
    if (isKustomizationFileName(basename(path))) {
      if (deleted) this.untrack(path);
      else this.track(path);
    }
    for (const overlay of this.overlays.values()) {
      if (overlay.folders.some((folder) => path === folder || path.startsWith(folder + sep))) this.schedule(overlay);
    }
  }

  /** Settings changed: every overlay is considered again (the cache key holds the settings). */
  refreshAll(): void {
    for (const overlay of this.overlays.values()) this.schedule(overlay);
  }

  /**
   * The rendered text of a kustomization file's overlay, for the preview: the
   * last render when its inputs did not change since, else after rendering now.
   */
  async renderedFor(file: string): Promise<KustomizeRenderedResult> {
    if (!isKustomizationFileName(basename(file)) || this.disposed) return null;
    let overlay = this.overlays.get(file);
    if (!overlay) {
      overlay = { file, folders: [overlayFolderOf(file)], results: [], patches: new Set(), sources: [] };
      this.overlays.set(file, overlay);
    }
    if (overlay.timer) {
      clearTimeout(overlay.timer);
      overlay.timer = undefined;
    }
    const current = overlay;
    // The update checks the inputs; unchanged ones keep the last render.
    this.queue = this.queue.then(() => this.update(current)).catch((error: unknown) => this.host.log(`kustomize: ${String(error)}`));
    await this.queue;
    return current.rendered ?? null;
  }

  /**
   * Every overlay of the workspace whose resources hold a DaemonSet, each
   * brought up to date as for the preview (unchanged inputs render nothing):
   * what the cluster view counts.
   */
  async renderedOverlays(): Promise<OverlayRendering[]> {
    for (const file of [...this.overlays.keys()]) await this.renderedFor(file);
    const out: OverlayRendering[] = [];
    for (const overlay of this.overlays.values()) {
      if (!overlay.holdsDaemonSet || !overlay.rendered) continue;
      out.push({ file: overlay.file, label: overlay.rendered.label, folders: overlay.folders, sources: overlay.sources, rendered: overlay.rendered, ...(overlay.lastGood !== undefined ? { lastGood: overlay.lastGood } : {}) });
    }
    return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  /**
   * The overlay's rendered text as committed at git HEAD, for the rollout stepper of its preview; undefined in
   * an untrusted workspace, for a remote base the settings do not allow, outside git, or when it does not render.
   */
  async renderedAtHead(file: string): Promise<string | undefined> {
    if (!this.trusted || this.disposed || !isKustomizationFileName(basename(file))) return undefined;
    const tree = await readKustomizeTree(overlayFolderOf(file));
    if (!tree) return undefined;
    const settings = await this.host.kustomizeSettings(pathToUri(file));
    if (!settings.enabled || (tree.remote.length > 0 && !settings.allowRemoteBases)) return undefined;
    let result: string | undefined;
    // One kubectl at a time, as for every render.
    this.queue = this.queue
      .then(async () => {
        const rendered = await renderKustomizationAt(tree, 'HEAD');
        result = rendered?.ok ? rendered.text : undefined;
      })
      .catch((error: unknown) => this.host.log(`kustomize at HEAD: ${String(error)}`));
    await this.queue;
    return result;
  }

  dispose(): void {
    this.disposed = true;
    for (const overlay of this.overlays.values()) if (overlay.timer) clearTimeout(overlay.timer);
  }

  private track(file: string): void {
    let overlay = this.overlays.get(file);
    if (!overlay) {
      overlay = { file, folders: [overlayFolderOf(file)], results: [], patches: new Set(), sources: [] };
      this.overlays.set(file, overlay);
    }
    this.schedule(overlay);
  }

  private untrack(file: string): void {
    const overlay = this.overlays.get(file);
    if (!overlay) return;
    if (overlay.timer) clearTimeout(overlay.timer);
    this.overlays.delete(file);
    this.publish(overlay.results, [], [...overlay.patches]);
  }

  private schedule(overlay: Overlay): void {
    if (this.disposed) return;
    if (overlay.timer) clearTimeout(overlay.timer);
    overlay.timer = setTimeout(() => {
      overlay.timer = undefined;
      // One kubectl at a time: the machine is the user's editor.
      this.queue = this.queue.then(() => this.update(overlay)).catch((error: unknown) => this.host.log(`kustomize: ${String(error)}`));
    }, RENDER_DELAY_MS);
  }

  private publish(before: readonly FileDiagnostics[], after: readonly FileDiagnostics[], patches: readonly string[] = []): void {
    const uris = new Set([...[...before, ...after].map((file) => file.uri), ...patches]);
    if (uris.size > 0 && !this.disposed) this.host.changed([...uris]);
  }

  private label(dir: string): string {
    const root = this.host.roots().find((candidate) => dir === candidate || dir.startsWith(candidate + sep));
    return root ? displayFolder(root, dir) : dir;
  }

  private async update(overlay: Overlay): Promise<void> {
    if (this.disposed || this.overlays.get(overlay.file) !== overlay) return;
    const tree = await readKustomizeTree(overlayFolderOf(overlay.file));
    const uri = pathToUri(overlay.file);
    const settings = await this.host.kustomizeSettings(uri);
    overlay.holdsDaemonSet = tree !== undefined && settings.enabled && mayRenderDaemonSet(tree);
    if (tree) overlay.sources = tree.sources.map((file) => file.path);
    if (!tree || !settings.enabled || !mayRenderDaemonSet(tree)) {
      const why = !tree ? 'it has no kustomization' : !settings.enabled ? 'daemonset.kustomize.enabled is off' : 'its resources hold no DaemonSet';
      return this.settle(overlay, tree, 'off', [], { label: this.label(overlayFolderOf(overlay.file)), error: `not rendered: ${why}` });
    }
    const validation = await this.host.validationSettings(uri);
    const key = inputsKey(tree, settings, validation, this.trusted);
    if (key === overlay.key) return;
    overlay.key = key;
    overlay.folders = tree.folders;
    const label = this.label(tree.dir);
    const kustomization = fileOf(tree.kustomization);
    let outcome: { results: FileDiagnostics[]; rendered: NonNullable<KustomizeRenderedResult> };
    if (!this.trusted) {
      outcome = { results: [kustomizeNotRendered(label, kustomization, 'untrusted')], rendered: { label, error: 'not rendered: kubectl kustomize runs only in a trusted workspace' } };
    } else if (tree.remote.length > 0 && !settings.allowRemoteBases) {
      outcome = {
        results: [kustomizeNotRendered(label, kustomization, { remote: tree.remote })],
        rendered: { label, error: `not rendered: it uses the remote resource ${JSON.stringify(tree.remote[0])} (allow it with daemonset.kustomize.allowRemoteBases)` },
      };
    } else {
      outcome = await this.render(tree, label, kustomization, validation);
    }
    this.settle(overlay, tree, key, applyRenderRuleSetting(outcome.results, validation.rules), outcome.rendered);
  }

  private async render(tree: KustomizeTree, label: string, kustomization: KustomizeFile, settings: ValidationSettings): Promise<{ results: FileDiagnostics[]; rendered: NonNullable<KustomizeRenderedResult> }> {
    const root = this.host.roots().find((candidate) => tree.dir.startsWith(candidate + sep) || tree.dir === candidate);
    let rendered;
    try {
      rendered = await renderKustomization(tree.dir, { displayRoot: root });
    } catch (error) {
      const message = error instanceof KubectlError ? error.message : String(error);
      return { results: [kustomizeRenderFailure(label, kustomization, message)], rendered: { label, error: message } };
    }
    if (!rendered.ok) return { results: [kustomizeRenderFailure(label, kustomization, rendered.message)], rendered: { label, error: rendered.message } };
    const results = lintRenderedKustomization(
      { label, kustomization, patchFiles: new Map([...tree.patchFiles].map(([ref, file]) => [ref, fileOf(file)])), sources: tree.sources.map(fileOf), rendered: rendered.text },
      { settings, inherited: 'drop' },
    );
    return { results, rendered: { label, text: rendered.text } };
  }

  private settle(overlay: Overlay, tree: KustomizeTree | undefined, key: string, results: FileDiagnostics[], rendered: NonNullable<KustomizeRenderedResult>): void {
    if (this.disposed || this.overlays.get(overlay.file) !== overlay) return;
    if (tree) overlay.folders = tree.folders;
    overlay.key = key;
    const patchesBefore = overlay.patches;
    overlay.patches = new Set(tree ? [...tree.patchFiles.values()].map((file) => pathToUri(file.path)) : []);
    const before = overlay.results;
    overlay.results = results;
    const renderedBefore = overlay.rendered;
    overlay.rendered = rendered;
    if ('text' in rendered) overlay.lastGood = rendered.text;
    if (renderedBefore && JSON.stringify(renderedBefore) !== JSON.stringify(rendered)) this.host.renderedChanged(pathToUri(overlay.file));
    if (key !== 'off') {
      const count = results.reduce((n, f) => n + f.diagnostics.length, 0);
      this.host.log(`kustomize: ${this.label(overlayFolderOf(overlay.file))}: ${count} diagnostics${this.trusted ? '' : ' (untrusted workspace: kubectl not run)'}`);
    }
    this.publish(before, results, [...patchesBefore, ...overlay.patches]);
  }
}

/** Everything a render depends on: the files' paths and texts, the settings, the trust. */
function inputsKey(tree: KustomizeTree, settings: KustomizeSettings, validation: ValidationSettings, trusted: boolean): string {
  const hash = createHash('sha256');
  for (const file of tree.inputs) hash.update(`${file.path}\u0000${file.text}\u0000`);
  hash.update(JSON.stringify([settings, trusted, validation.rules ?? {}, validation.kubernetesVersion ?? null, validation.inventory?.label ?? null]));
  // The inventory-aware rules (no-matching-nodes for a patched nodeSelector) see the nodes and groups themselves.
  if (validation.inventory) hash.update(JSON.stringify([validation.inventory.nodes, validation.inventory.groups ?? []]));
  return hash.digest('hex');
}
