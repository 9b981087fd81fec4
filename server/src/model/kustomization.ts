/**
 * A Kustomize `kustomization.yaml` read for what this extension needs: the
 * resources and bases it builds on (local folders and files, or remote
 * ones that must not be fetched unless the user allows it), the patches it
 * applies (strategic-merge and JSON 6902, from files or inline), and the
 * transformers that rewrite DaemonSet fields (name prefix and suffix, common
 * labels, `labels`, `images`). Each entry keeps its field path in the
 * kustomization, so a finding can be reported at the entry that caused it.
 * Free of Node: the host resolves the relative paths and reads the files.
 */
import type { FieldPath } from './fieldPath';
import { isPlainMap } from './objectReader';
import { parseYamlFile, type ParsedYamlDocument, type ParsedYamlFile } from './yamlDocuments';

/** The file names Kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export function isKustomizationFileName(name: string): boolean {
  return (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(name);
}

/** A `resources`, `bases` or `components` entry. */
export interface KustomizationResource {
  /** As written: a relative path (file or folder) or a remote reference. */
  ref: string;
  remote: boolean;
  /** Where the entry is in the kustomization. */
  at: FieldPath;
}

/** Which objects a patch applies to (`target:`); absent fields match anything. */
export interface PatchTarget {
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface KustomizationPatch {
  /** `strategic` for a merge patch, `json6902` for a list of operations, `unknown` until the content says (a `patches:` entry). */
  type: 'strategic' | 'json6902' | 'unknown';
  /** The patch file, relative to the kustomization's folder; absent for an inline patch. */
  path?: string;
  /** The inline patch text. */
  inline?: string;
  target?: PatchTarget;
  at: FieldPath;
}

export interface KustomizationLabels {
  pairs: Record<string, string>;
  includeSelectors: boolean;
  includeTemplates: boolean;
  /** Where `pairs` (or `commonLabels`) is. */
  at: FieldPath;
}

export interface KustomizationImage {
  name: string;
  newName?: string;
  at: FieldPath;
}

export interface Kustomization {
  parsed: ParsedYamlFile;
  doc: ParsedYamlDocument | undefined;
  resources: KustomizationResource[];
  patches: KustomizationPatch[];
  namePrefix?: string;
  nameSuffix?: string;
  labels: KustomizationLabels[];
  images: KustomizationImage[];
}

/**
 * Whether a resource entry is remote, the way Kustomize tells: a URL
 * (`https://…`, `git::…`, `ssh://…`), an scp-like git address (`git@host:org/repo`),
 * a repository on a well-known host (`github.com/org/repo/path?ref=v1`), or a
 * `?ref=` / `.git` / `//` subpath reference. A local path has none of these.
 */
export function isRemoteResource(ref: string): boolean {
  const text = ref.trim();
  if (/^[a-z][a-z0-9+.-]*::?\/\//i.test(text) || /^[a-z][a-z0-9+.-]*::/i.test(text)) return true;
  if (/^[\w.-]+@[\w.-]+:/.test(text)) return true;
  if (/^(github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com|ssh\.dev\.azure\.com)[/:]/i.test(text)) return true;
  if (/[?&](ref|version|submodules|timeout)=/.test(text)) return true;
  if (/\.git(\/|\/\/|\?|$)/.test(text) && !text.startsWith('.')) return true;
  // A host name with a top-level domain, then an organization and a repository: `example.com/org/repo`.
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\/[^/]+\/[^/]+/i.test(text);
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPlainMap(value)) return out;
  for (const [key, entry] of Object.entries(value)) if (entry !== null && typeof entry !== 'object') out[key] = String(entry);
  return out;
}

function readTarget(value: unknown): PatchTarget | undefined {
  if (!isPlainMap(value)) return undefined;
  const target: PatchTarget = {};
  for (const key of ['kind', 'name', 'namespace'] as const) if (typeof value[key] === 'string') target[key] = value[key] as string;
  return target;
}

/** A patch's text is a JSON 6902 patch when it is a list of operations (YAML or JSON); else a strategic-merge patch. */
export function patchTypeOfText(text: string): 'strategic' | 'json6902' {
  const first = parseYamlFile(text).documents.find((doc) => doc.value !== null && doc.value !== undefined);
  return Array.isArray(first?.value) ? 'json6902' : 'strategic';
}

/** Reads a kustomization's text; what is missing or malformed is left out (kubectl reports it when rendering). */
export function readKustomization(text: string): Kustomization {
  const parsed = parseYamlFile(text);
  const doc = parsed.documents.find((d) => isPlainMap(d.value));
  const root = isPlainMap(doc?.value) ? doc.value : {};
  const result: Kustomization = { parsed, doc, resources: [], patches: [], labels: [], images: [] };
  for (const field of ['resources', 'bases', 'components'] as const) {
    const list = root[field];
    if (!Array.isArray(list)) continue;
    list.forEach((ref, index) => {
      if (typeof ref === 'string' && ref.trim() !== '') result.resources.push({ ref: ref.trim(), remote: isRemoteResource(ref), at: [field, index] });
    });
  }
  const patches = root.patches;
  if (Array.isArray(patches)) {
    patches.forEach((entry, index) => {
      if (!isPlainMap(entry)) return;
      const path = typeof entry.path === 'string' ? entry.path : undefined;
      const inline = typeof entry.patch === 'string' ? entry.patch : undefined;
      if (!path && !inline) return;
      result.patches.push({ type: inline ? patchTypeOfText(inline) : 'unknown', path, inline, target: readTarget(entry.target), at: ['patches', index] });
    });
  }
  const strategic = root.patchesStrategicMerge;
  if (Array.isArray(strategic)) {
    strategic.forEach((entry, index) => {
      if (typeof entry !== 'string') return;
      // An entry is a file name, or (Kustomize allows it) the patch itself.
      const isInline = entry.includes('\n') || /^\s*(apiVersion|kind|metadata)\s*:/.test(entry);
      result.patches.push({ type: 'strategic', ...(isInline ? { inline: entry } : { path: entry.trim() }), at: ['patchesStrategicMerge', index] });
    });
  }
  const json6902 = root.patchesJson6902;
  if (Array.isArray(json6902)) {
    json6902.forEach((entry, index) => {
      if (!isPlainMap(entry)) return;
      const path = typeof entry.path === 'string' ? entry.path : undefined;
      const inline = typeof entry.patch === 'string' ? entry.patch : undefined;
      if (!path && !inline) return;
      result.patches.push({ type: 'json6902', path, inline, target: readTarget(entry.target), at: ['patchesJson6902', index] });
    });
  }
  if (typeof root.namePrefix === 'string' && root.namePrefix) result.namePrefix = root.namePrefix;
  if (typeof root.nameSuffix === 'string' && root.nameSuffix) result.nameSuffix = root.nameSuffix;
  const common = stringMap(root.commonLabels);
  if (Object.keys(common).length) result.labels.push({ pairs: common, includeSelectors: true, includeTemplates: true, at: ['commonLabels'] });
  const labels = root.labels;
  if (Array.isArray(labels)) {
    labels.forEach((entry, index) => {
      if (!isPlainMap(entry)) return;
      const pairs = stringMap(entry.pairs);
      if (!Object.keys(pairs).length) return;
      const includeSelectors = entry.includeSelectors === true;
      result.labels.push({ pairs, includeSelectors, includeTemplates: includeSelectors || entry.includeTemplates === true, at: ['labels', index, 'pairs'] });
    });
  }
  const images = root.images;
  if (Array.isArray(images)) {
    images.forEach((entry, index) => {
      if (!isPlainMap(entry) || typeof entry.name !== 'string') return;
      result.images.push({ name: entry.name, ...(typeof entry.newName === 'string' ? { newName: entry.newName } : {}), at: ['images', index] });
    });
  }
  return result;
}

/** The local resource entries (folders or files, relative to the kustomization's folder). */
export function localResources(kustomization: Kustomization): KustomizationResource[] {
  return kustomization.resources.filter((resource) => !resource.remote);
}
