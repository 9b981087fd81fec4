/**
 * Kustomize overlays: the rendered DaemonSets linted with every rule, each
 * finding reported where the user can fix it. A finding goes to the patch
 * file that set the offending field (a strategic-merge patch that holds that
 * field path for that DaemonSet, or a JSON 6902 operation whose path leads to
 * it), else to the kustomization entry that rewrote it (`nameSuffix`,
 * `namePrefix`, `commonLabels`, `labels`, `images`), else to the
 * kustomization itself; the message names the overlay and the rendered field
 * path. A finding the unpatched resource file reports too is inherited: the
 * editor shows it there already, so it is dropped, or (for the CLI, which
 * lints only what it is given) reported at the resource file.
 *
 * Pure: the host runs `kubectl kustomize` and reads the files; this maps
 * texts to diagnostics per file.
 */
import { formatFieldPath, parseFieldPath, valueAt, type FieldPath, type PathSegment } from '../model/fieldPath';
import { patchTypeOfText, readKustomization, type Kustomization, type KustomizationPatch, type PatchTarget } from '../model/kustomization';
import { isPlainMap } from '../model/objectReader';
import { documentAtOffset, pathAtOffset } from '../model/yamlNavigation';
import { firstContentOffsets, parseYamlFile, rangeOfPath, topLevelString, type ParsedYamlDocument, type ParsedYamlFile } from '../model/yamlDocuments';
import type { Range } from '../model/textPositions';
import { getLanguageService } from './languageService';
import type { ServiceDiagnostic } from './types';
import type { ValidationSettings } from './validation';

/** A file the mapping reads or reports on. */
export interface KustomizeFile {
  uri: string;
  text: string;
}

export interface RenderedKustomization {
  /** How the user knows the overlay: its folder relative to the workspace or the working directory (`overlays/prod`). */
  label: string;
  kustomization: KustomizeFile;
  /** The texts of the patch files the kustomization lists, by the path as written in it. */
  patchFiles: ReadonlyMap<string, KustomizeFile>;
  /** The local resource files of the overlay and its bases that hold DaemonSets, as they are before Kustomize. */
  sources: readonly KustomizeFile[];
  /** `kubectl kustomize`'s output. */
  rendered: string;
}

export interface FileDiagnostics {
  uri: string;
  diagnostics: ServiceDiagnostic[];
}

export interface KustomizeLintOptions {
  settings?: ValidationSettings;
  /** Findings the resource files report themselves: dropped (the editor shows them there) or reported at the resource file (the CLI). */
  inherited?: 'drop' | 'report';
}

/** The rule of the diagnostics about rendering itself: a failed render, a remote base not fetched, an untrusted workspace. */
export const KUSTOMIZE_RENDER_RULE = 'kustomize-render';

/** Where a rendered finding goes: a file, a range in it, and whether the overlay itself set the field. */
interface Placement {
  uri: string;
  range: Range;
}

interface RenderedObject {
  doc: ParsedYamlDocument;
  kind: string | undefined;
  name: string | undefined;
}

const SETTING_OPS = new Set(['add', 'replace', 'copy', 'move']);
/** Fields of a strategic-merge patch that say which object it patches, not what it sets. */
const IDENTITY_PATHS: readonly FieldPath[] = [['apiVersion'], ['kind'], ['metadata', 'name'], ['metadata', 'namespace']];

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

function nameOf(doc: ParsedYamlDocument): string | undefined {
  const metadata = isPlainMap(doc.value) ? doc.value.metadata : undefined;
  return isPlainMap(metadata) && typeof metadata.name === 'string' ? metadata.name : undefined;
}

/** Whether a `target:` (or a strategic patch's own kind and name) selects the rendered object; Kustomize matches names as whole regular expressions, before or after this overlay's prefix and suffix. */
function targetMatches(target: PatchTarget | undefined, object: RenderedObject, kustomization: Kustomization): boolean {
  if (!target) return true;
  if (target.kind && target.kind !== object.kind) return false;
  if (!target.name) return true;
  const names = [object.name ?? '', unaffixed(object.name ?? '', kustomization)];
  let pattern: RegExp | undefined;
  try {
    pattern = new RegExp(`^(?:${target.name})$`);
  } catch {
    pattern = undefined;
  }
  return names.some((name) => (pattern ? pattern.test(name) : name === target.name));
}

function unaffixed(name: string, kustomization: Kustomization): string {
  let out = name;
  if (kustomization.namePrefix && out.startsWith(kustomization.namePrefix)) out = out.slice(kustomization.namePrefix.length);
  if (kustomization.nameSuffix && out.endsWith(kustomization.nameSuffix)) out = out.slice(0, out.length - kustomization.nameSuffix.length);
  return out;
}

/**
 * The path in a strategic-merge patch that sets `path` of the rendered object,
 * or undefined. Lists of named items (containers, volumes, env) merge by name,
 * so an index of the rendered list is found by the item's name in the patch;
 * other lists are replaced whole, so indexes carry over.
 */
function strategicPatchPath(patch: unknown, rendered: unknown, path: FieldPath): FieldPath | undefined {
  let patchValue = patch;
  let renderedValue = rendered;
  const out: PathSegment[] = [];
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(patchValue) || !Array.isArray(renderedValue)) return undefined;
      const item = renderedValue[segment] as unknown;
      const name = isPlainMap(item) && typeof item.name === 'string' ? item.name : undefined;
      const index = name === undefined ? segment : patchValue.findIndex((candidate) => isPlainMap(candidate) && candidate.name === name);
      if (index < 0 || index >= patchValue.length) return undefined;
      out.push(index);
      patchValue = patchValue[index];
      renderedValue = item;
    } else {
      if (!isPlainMap(patchValue) || !Object.hasOwn(patchValue, segment)) return undefined;
      out.push(segment);
      patchValue = patchValue[segment];
      renderedValue = isPlainMap(renderedValue) ? renderedValue[segment] : undefined;
    }
  }
  return out;
}

/** A JSON pointer (`/spec/template/spec/tolerations/-`) as a field path of the rendered object; `-` (append) is the list's last item. */
function pointerPath(pointer: string, rendered: unknown): FieldPath | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const out: PathSegment[] = [];
  let value = rendered;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      const index = token === '-' ? value.length - 1 : /^\d+$/.test(token) ? Number(token) : -1;
      if (index < 0) return undefined;
      out.push(index);
      value = value[index];
    } else {
      out.push(token);
      value = isPlainMap(value) ? value[token] : undefined;
    }
  }
  return out;
}

/** Parsed patch texts, once per mapping. */
class PatchTexts {
  private readonly parsed = new Map<string, ParsedYamlFile>();
  parse(text: string): ParsedYamlFile {
    let file = this.parsed.get(text);
    if (!file) {
      file = parseYamlFile(text);
      this.parsed.set(text, file);
    }
    return file;
  }
}

/** Where a patch of the kustomization sets one of the finding's paths, or undefined. */
function placeInPatch(
  patch: KustomizationPatch,
  input: RenderedKustomization,
  kustomization: Kustomization,
  object: RenderedObject,
  paths: readonly FieldPath[],
  texts: PatchTexts,
): Placement | undefined {
  const file = patch.path === undefined ? undefined : input.patchFiles.get(patch.path);
  const text = patch.inline ?? file?.text;
  if (text === undefined) return undefined;
  const type = patch.type === 'unknown' ? patchTypeOfText(text) : patch.type;
  if (!targetMatches(patch.target, object, kustomization)) return undefined;
  const parsed = texts.parse(text);
  // An inline patch is a string in the kustomization: report at its entry.
  const place = (doc: ParsedYamlDocument, path: FieldPath): Placement =>
    file
      ? { uri: file.uri, range: rangeOfPath(parsed, doc, path) }
      : { uri: input.kustomization.uri, range: kustomizationRange(kustomization, patch.at[0] === 'patchesStrategicMerge' ? patch.at : [...patch.at, 'patch'], patch.at) };
  for (const doc of parsed.documents) {
    if (type === 'json6902') {
      if (!Array.isArray(doc.value)) continue;
      const operations = doc.value as unknown[];
      for (let i = operations.length - 1; i >= 0; i--) {
        const operation = operations[i];
        if (!isPlainMap(operation) || typeof operation.op !== 'string' || !SETTING_OPS.has(operation.op) || typeof operation.path !== 'string') continue;
        const target = pointerPath(operation.path, object.doc.value);
        if (!target) continue;
        for (const path of paths) {
          if (startsWith(path, target)) return place(doc, [i, 'value', ...path.slice(target.length)]);
          if (startsWith(target, path)) return place(doc, [i, 'path']);
        }
      }
      continue;
    }
    if (!isPlainMap(doc.value)) continue;
    const kind = topLevelString(doc, 'kind');
    const name = nameOf(doc);
    // A patch with a `target:` applies to what it targets; one without names its object.
    if (!patch.target && ((kind && kind !== object.kind) || (name && name !== object.name && name !== unaffixed(object.name ?? '', kustomization)))) continue;
    for (const path of paths) {
      if (IDENTITY_PATHS.some((identity) => startsWith(path, identity))) continue;
      const inPatch = strategicPatchPath(doc.value, object.doc.value, path);
      if (inPatch) return place(doc, inPatch);
    }
  }
  return undefined;
}

function kustomizationRange(kustomization: Kustomization, preferred: FieldPath, fallback: FieldPath = preferred): Range {
  const doc = kustomization.doc;
  if (!doc) return kustomization.parsed.lines.rangeAt(0, 0);
  const path = valueAt(doc.value, preferred) === undefined ? fallback : preferred;
  return rangeOfPath(kustomization.parsed, doc, path, 'key');
}

/** The kustomization entry that rewrote one of the paths: name prefix or suffix, labels, images. */
function placeInTransformers(kustomization: Kustomization, object: RenderedObject, paths: readonly FieldPath[]): FieldPath | undefined {
  for (const path of paths) {
    if (startsWith(path, ['metadata', 'name'])) {
      if (kustomization.nameSuffix) return ['nameSuffix'];
      if (kustomization.namePrefix) return ['namePrefix'];
    }
    for (const labels of kustomization.labels) {
      const maps: FieldPath[] = [['metadata', 'labels']];
      if (labels.includeTemplates) maps.push(['spec', 'template', 'metadata', 'labels']);
      if (labels.includeSelectors) maps.push(['spec', 'selector', 'matchLabels']);
      for (const map of maps) {
        const key = path[map.length];
        if (startsWith(path, map) && typeof key === 'string' && Object.hasOwn(labels.pairs, key)) return [...labels.at, key];
      }
    }
    const last = path[path.length - 1];
    if (last === 'image') {
      const image = valueAt(object.doc.value, path);
      if (typeof image === 'string') {
        const found = kustomization.images.find((entry) => {
          const name = entry.newName ?? entry.name;
          return image === name || image.startsWith(`${name}:`) || image.startsWith(`${name}@`);
        });
        if (found) return found.at;
      }
    }
  }
  return undefined;
}

/** The paths a rendered finding is about: its own, the field its range is on, and those of its related information, deepest first. */
function findingPaths(rendered: ParsedYamlFile, doc: ParsedYamlDocument, diagnostic: ServiceDiagnostic): FieldPath[] {
  const paths: FieldPath[] = [];
  const add = (path: FieldPath | undefined) => {
    if (path && path.length && !paths.some((known) => formatFieldPath(known) === formatFieldPath(path))) paths.push(path);
  };
  if (diagnostic.path) add(parseFieldPath(diagnostic.path));
  add(pathAtOffset(doc, rendered.lines.offsetAt(diagnostic.range.start))?.path);
  for (const related of diagnostic.relatedInformation ?? []) add(pathAtOffset(doc, rendered.lines.offsetAt(related.range.start))?.path);
  // The most specific first: a patch that set `labels.app` is reported at `app`, not at `labels`.
  return paths.sort((a, b) => b.length - a.length);
}

const inheritedKey = (d: ServiceDiagnostic) => `${d.rule}\u0000${d.path ?? ''}\u0000${d.message}`;

/** Every rule over the overlay's rendered DaemonSets, each finding placed in the file that caused it. */
export function lintRenderedKustomization(input: RenderedKustomization, options: KustomizeLintOptions = {}): FileDiagnostics[] {
  const service = getLanguageService();
  const renderedUri = `kustomize-rendered:${input.label}`;
  service.updateWorkspaceFile(renderedUri, input.rendered);
  const findings = service.doValidation({ uri: renderedUri, version: 1, getText: () => input.rendered }, options.settings);
  // What the resource files report themselves, as they are.
  const inherited = new Map<string, { uri: string; range: Range }>();
  const sourceService = getLanguageService();
  for (const source of input.sources) sourceService.updateWorkspaceFile(source.uri, source.text);
  for (const source of input.sources) {
    for (const d of sourceService.doValidation({ uri: source.uri, version: 1, getText: () => source.text }, options.settings)) {
      if (!inherited.has(inheritedKey(d))) inherited.set(inheritedKey(d), { uri: source.uri, range: d.range });
    }
  }
  const rendered = parseYamlFile(input.rendered);
  const kustomization = readKustomization(input.kustomization.text);
  const texts = new PatchTexts();
  const byUri = new Map<string, ServiceDiagnostic[]>();
  for (const diagnostic of findings) {
    const doc = documentAtOffset(rendered, rendered.lines.offsetAt(diagnostic.range.start));
    if (!doc || topLevelString(doc, 'kind') !== 'DaemonSet') continue;
    const object: RenderedObject = { doc, kind: 'DaemonSet', name: nameOf(doc) };
    let placement: Placement | undefined;
    const source = inherited.get(inheritedKey(diagnostic));
    if (source) {
      if (options.inherited !== 'report') continue;
      placement = source;
    } else {
      const paths = findingPaths(rendered, doc, diagnostic);
      for (const patch of kustomization.patches) {
        placement = placeInPatch(patch, input, kustomization, object, paths, texts);
        if (placement) break;
      }
      if (!placement) {
        const entry = placeInTransformers(kustomization, object, paths);
        placement = { uri: input.kustomization.uri, range: entry ? kustomizationRange(kustomization, entry) : wholeKustomizationRange(kustomization) };
      }
    }
    const where = `DaemonSet ${object.name ?? '(unnamed)'}${diagnostic.path ? ` ${diagnostic.path}` : ''}`;
    const list = byUri.get(placement.uri) ?? [];
    const { relatedInformation: _related, ...rest } = diagnostic;
    list.push({ ...rest, range: placement.range, message: `in ${input.label} (rendered), ${where}: ${diagnostic.message}` });
    byUri.set(placement.uri, list);
  }
  return [...byUri].map(([uri, diagnostics]) => ({ uri, diagnostics }));
}

/** Where a finding about the whole overlay goes: its `resources` key, else its first line. */
function wholeKustomizationRange(kustomization: Kustomization): Range {
  const doc = kustomization.doc;
  if (doc && isPlainMap(doc.value) && doc.value.resources !== undefined) return rangeOfPath(kustomization.parsed, doc, ['resources'], 'key');
  if (doc) {
    const [start, end] = firstContentOffsets(doc);
    return kustomization.parsed.lines.rangeAt(start, end);
  }
  return kustomization.parsed.lines.rangeAt(0, 0);
}

/** A failed `kubectl kustomize`: kubectl's message, at the resource entry it names when it names one. */
export function kustomizeRenderFailure(label: string, kustomization: KustomizeFile, message: string): FileDiagnostics {
  const read = readKustomization(kustomization.text);
  const named = read.resources.find((resource) => message.includes(`'${resource.ref}'`) || message.includes(`"${resource.ref}"`));
  const range = named ? kustomizationRange(read, named.at) : wholeKustomizationRange(read);
  return { uri: kustomization.uri, diagnostics: [{ range, severity: 'error', rule: KUSTOMIZE_RENDER_RULE, message: `kubectl kustomize ${label} failed: ${message}` }] };
}

/** Why an overlay was not rendered: each remote resource named at its entry, or the untrusted workspace at the kustomization's first line. */
export function kustomizeNotRendered(label: string, kustomization: KustomizeFile, reason: { remote: readonly string[] } | 'untrusted'): FileDiagnostics {
  const read = readKustomization(kustomization.text);
  if (reason === 'untrusted') {
    return {
      uri: kustomization.uri,
      diagnostics: [{ range: wholeKustomizationRange(read), severity: 'information', rule: KUSTOMIZE_RENDER_RULE, message: `${label} is not rendered: kubectl kustomize runs only in a trusted workspace.` }],
    };
  }
  const diagnostics: ServiceDiagnostic[] = [];
  for (const ref of reason.remote) {
    const entry = read.resources.find((resource) => resource.ref === ref);
    diagnostics.push({
      range: entry ? kustomizationRange(read, entry.at) : wholeKustomizationRange(read),
      severity: 'information',
      rule: KUSTOMIZE_RENDER_RULE,
      message: `${label} is not rendered: ${entry ? 'it' : 'a base of it'} uses the remote resource ${JSON.stringify(ref)}, which kubectl would fetch. Allow remote bases with the daemonset.kustomize.allowRemoteBases setting (CLI: --allow-remote-bases).`,
    });
  }
  return { uri: kustomization.uri, diagnostics };
}

/** The `kustomize-render` diagnostics at the severity the user set for the rule, or none when it is off. */
export function applyRenderRuleSetting(files: readonly FileDiagnostics[], rules: ValidationSettings['rules'] = {}): FileDiagnostics[] {
  const severity = rules[KUSTOMIZE_RENDER_RULE];
  if (severity === undefined) return [...files];
  return files
    .map((file) => ({
      uri: file.uri,
      diagnostics:
        severity === 'off'
          ? file.diagnostics.filter((d) => d.rule !== KUSTOMIZE_RENDER_RULE)
          : file.diagnostics.map((d) => (d.rule === KUSTOMIZE_RENDER_RULE ? { ...d, severity } : d)),
    }))
    .filter((file) => file.diagnostics.length > 0);
}
