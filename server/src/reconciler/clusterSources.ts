/**
 * What the cluster view counts: the DaemonSets of the workspace's manifests
 * and the DaemonSets its Helm charts and Kustomize overlays render, each
 * labelled with what rendered it ("charts/fluent-bit with values-prod.yaml",
 * "overlays/prod"). A DaemonSet reaches a cluster once, through the overlay
 * that deploys it: a manifest file or a kustomization that a shown overlay
 * builds on is a base, listed but not counted (unless the user asks for the
 * bases too), so a base and its overlays do not stack their daemon tax.
 *
 * Pure and browser-safe: the CLI (`daemonset cluster --helm/--kustomize`) and
 * the cluster panel gather with this same function.
 */
import { loadDaemonSetsFromText } from '../model/daemonSet';
import { loadInventoryFromText } from '../model/inventory';
import type { DaemonSet, PriorityClass } from '../model/kubeTypes';
import { isLoadError, type LoadProblem } from '../model/objectReader';

/** A text and where it comes from: a file URI or path as the caller names files. */
export interface ClusterSourceText {
  uri: string;
  text: string;
}

export type RenderKind = 'helm' | 'kustomize';

/** One chart or overlay as rendered (or not). */
export interface RenderedClusterSource {
  kind: RenderKind;
  /** "charts/fluent-bit with values-prod.yaml", "overlays/prod". */
  label: string;
  /** What a click opens: the kustomization file, or the chart's Chart.yaml. */
  open: string;
  /** The overlay's (or chart's) folder, as the other sources' `buildsOn` name folders. */
  folder: string;
  /** The rendered texts: per template for a chart (its URI is the template's), one for an overlay (the kustomization's URI). */
  files: ClusterSourceText[];
  /** Folders and files it builds on: an overlay's base folders and the manifest files that hold its DaemonSets. */
  buildsOn: string[];
  /** The last render failed (with this message): `files` are the last good render, or empty. */
  error?: string;
}

export interface GatheredDaemonSet {
  daemonSet: DaemonSet;
  /** The file to open: the manifest, the chart template, or the kustomization. */
  uri: string;
  /** What rendered it: the source's label; absent for a manifest. */
  renderedBy?: string;
  kind: 'manifest' | RenderKind;
}

/** A manifest file or a kustomization that shown overlays build on. */
export interface ClusterBase {
  /** The file (a manifest) or the overlay's label (a kustomization). */
  name: string;
  /** The overlays that build on it. */
  overlays: string[];
  counted: boolean;
}

/** A DaemonSet or PriorityClass that could not be read (an error; those objects are left out). */
export interface ClusterProblem {
  problem: LoadProblem;
  /** The render it was found in, if any. */
  renderedBy?: string;
}

export interface GatheredCluster {
  daemonSets: GatheredDaemonSet[];
  priorityClasses: PriorityClass[];
  problems: ClusterProblem[];
  bases: ClusterBase[];
  /** Renders that failed: their message, and how many DaemonSets of the last good render are still shown. */
  failures: Array<{ label: string; error: string; kept: number }>;
}

export interface GatherOptions {
  /** Count the bases of shown overlays too (default: list them, do not count them). */
  includeBases?: boolean;
}

/** Files that may declare PriorityClasses, which preemption is judged by (parsed for them only then). */
const PRIORITY_CLASS_KIND = /^\s*kind:\s*["']?PriorityClass["']?\s*(#.*)?$/m;

/** "fluent-bit — rendered by overlays/prod": how a DaemonSet is named where its render matters. */
export function renderedDaemonSetLabel(name: string, renderedBy: string | undefined): string {
  return renderedBy ? `${name} — rendered by ${renderedBy}` : name;
}

/**
 * "logging/fluent-bit — rendered by overlays/prod": a DaemonSet of the cluster view as the panel names it, so a
 * base and the overlay that renders it (same namespace and name) stay apart in every list, tooltip and chart.
 */
export function clusterDaemonSetLabel(daemonSet: { namespace: string; name: string; renderedBy?: string }): string {
  return renderedDaemonSetLabel(`${daemonSet.namespace}/${daemonSet.name}`, daemonSet.renderedBy);
}

function within(path: string, folder: string): boolean {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return path === folder || path.startsWith(prefix);
}

export function gatherClusterDaemonSets(
  manifests: readonly ClusterSourceText[],
  rendered: readonly RenderedClusterSource[],
  options: GatherOptions = {},
): GatheredCluster {
  const result: GatheredCluster = {
    daemonSets: [],
    priorityClasses: [],
    problems: [],
    bases: [],
    failures: [],
  };
  const read = (
    file: ClusterSourceText,
    kind: GatheredDaemonSet['kind'],
    renderedBy?: string,
  ): GatheredDaemonSet[] => {
    const loaded = loadDaemonSetsFromText(file.text, file.uri);
    if (PRIORITY_CLASS_KIND.test(file.text))
      result.priorityClasses.push(...loadInventoryFromText(file.text, file.uri).priorityClasses);
    for (const problem of loaded.problems) {
      if (isLoadError(problem)) result.problems.push({ problem, ...(renderedBy ? { renderedBy } : {}) });
    }
    return loaded.daemonSets.map((daemonSet) => ({
      daemonSet,
      uri: file.uri,
      kind,
      ...(renderedBy ? { renderedBy } : {}),
    }));
  };
  const renders = rendered.map((source) => ({
    source,
    daemonSets: source.files.flatMap((file) => read(file, source.kind, source.label)),
  }));
  // Only an overlay that shows DaemonSets stands for its bases: one that never rendered leaves them counted.
  const shown = renders
    .filter((render) => render.source.kind === 'kustomize' && render.daemonSets.length > 0)
    .map((render) => render.source);
  // A kustomization is a base when an overlay names its folder; a manifest file when it lies in a folder an overlay builds on.
  const buildsOnFolder = (overlay: RenderedClusterSource, folder: string) =>
    overlay.buildsOn.includes(folder);
  const buildsOnFile = (overlay: RenderedClusterSource, path: string) =>
    overlay.buildsOn.some((base) => within(path, base));
  // The overlays that deploy: shown, and no other shown overlay builds on them (a base kustomization is not one).
  const leaves = shown.filter(
    (overlay) => !shown.some((other) => other !== overlay && buildsOnFolder(other, overlay.folder)),
  );
  const overlaysOn = (path: string, self?: RenderedClusterSource) =>
    leaves
      .filter(
        (overlay) => overlay !== self && (self ? buildsOnFolder(overlay, path) : buildsOnFile(overlay, path)),
      )
      .map((overlay) => overlay.label);
  for (const file of manifests) {
    const overlays = overlaysOn(file.uri);
    const counted = overlays.length === 0 || options.includeBases === true;
    const daemonSets = read(file, 'manifest');
    if (overlays.length > 0 && daemonSets.length > 0)
      result.bases.push({ name: file.uri, overlays, counted });
    if (counted) result.daemonSets.push(...daemonSets);
  }
  for (const { source, daemonSets } of renders) {
    if (source.error !== undefined)
      result.failures.push({ label: source.label, error: source.error, kept: daemonSets.length });
    const overlays = source.kind === 'kustomize' ? overlaysOn(source.folder, source) : [];
    const counted = overlays.length === 0 || options.includeBases === true;
    if (overlays.length > 0 && daemonSets.length > 0)
      result.bases.push({ name: source.label, overlays, counted });
    if (counted) result.daemonSets.push(...daemonSets);
  }
  return result;
}
