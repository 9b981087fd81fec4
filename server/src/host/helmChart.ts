/**
 * A Helm chart on disk: which chart a template file belongs to, reading the
 * chart folder (bounded, as the workspace walker is) and rendering it with
 * the user's values through the in-process renderer.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { servedApiVersions } from '../model/kubernetesApiVersions';
import { formatVersion, type KubernetesVersion } from '../model/kubernetesVersion';
import { parseTemplateError, type ChartRenderOutcome } from '../model/helmRender';
import { walkFiles } from './fileWalker';
import { gitChangedFiles, gitShow } from './git';
import { renderHelmChart } from './helmRenderer';

/** Files of a chart folder beyond these bounds are not read: the render fails with the reason. */
export const MAX_CHART_FILES = 2_000;
export const MAX_CHART_BYTES = 32 * 1024 * 1024;

/** Packaged subcharts and other binary files go to the renderer as base64. */
const BINARY_FILE = /\.(tgz|gz|tar|zip|png|jpe?g|gif|ico|woff2?|ttf|otf|pdf|jar|so|bin)$/i;

/**
 * The chart folder of a template: the nearest folder above `path` that holds a
 * `templates/` folder on the way to `path` and a Chart.yaml. `charts/x/templates/a.yaml`
 * belongs to the subchart `charts/x`.
 */
export async function findChartRoot(path: string): Promise<string | undefined> {
  let dir = dirname(path);
  for (let depth = 0; depth < 32; depth++) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    if (basename(dir) === 'templates') {
      try {
        if ((await fs.stat(join(parent, 'Chart.yaml'))).isFile()) return parent;
      } catch {
        // no Chart.yaml here: keep looking (templates/ may nest)
      }
    }
    dir = parent;
  }
  return undefined;
}

/**
 * The chart a chart folder is rendered as part of: an unpacked subchart (`parent/charts/x`) renders
 * with its parent, whose values and conditions apply to it, up to the outermost chart.
 */
export async function findParentChartRoot(root: string): Promise<string> {
  let current = root;
  for (let depth = 0; depth < 16; depth++) {
    const charts = dirname(current);
    if (basename(charts) !== 'charts') return current;
    const parent = dirname(charts);
    try {
      if (!(await fs.stat(join(parent, 'Chart.yaml'))).isFile()) return current;
    } catch {
      return current;
    }
    current = parent;
  }
  return current;
}

/** Whether a chart folder vendors a packaged subchart (`charts/*.tgz`), whose templates are no files. */
export async function hasPackagedSubcharts(root: string): Promise<boolean> {
  try {
    return (await fs.readdir(join(root, 'charts'))).some((name) => /\.tgz$/i.test(name));
  } catch {
    return false;
  }
}

/** Whether `path` is under some `templates/` folder: the cheap test before looking for Chart.yaml. */
export function mayBeChartTemplate(path: string): boolean {
  return path.split(/[\\/]/).slice(0, -1).includes('templates');
}

export interface ChartFiles {
  files: Record<string, string>;
  base64: string[];
}

/** Reads every file of a chart folder, bounded in count and bytes; throws an Error with the reason. */
export async function readChartFolder(root: string, overrides: Readonly<Record<string, string>> = {}, excluded: ReadonlySet<string> = new Set()): Promise<ChartFiles> {
  const walk = await walkFiles(root, { include: () => true, maxFiles: MAX_CHART_FILES });
  if (walk.truncated) throw new Error(`the chart has more than ${MAX_CHART_FILES} files`);
  const files: Record<string, string> = {};
  const base64: string[] = [];
  let bytes = 0;
  for (const path of walk.files) {
    const rel = relative(root, path).split(sep).join('/');
    if (excluded.has(rel)) continue;
    if (rel in overrides) {
      files[rel] = overrides[rel];
      continue;
    }
    const data = await fs.readFile(path);
    bytes += data.length;
    if (bytes > MAX_CHART_BYTES) throw new Error(`the chart's files are larger than ${MAX_CHART_BYTES / 1024 / 1024} MiB`);
    if (BINARY_FILE.test(rel)) {
      files[rel] = data.toString('base64');
      base64.push(rel);
    } else {
      files[rel] = data.toString('utf8');
    }
  }
  for (const [rel, text] of Object.entries(overrides)) files[rel] ??= text;
  return { files, base64 };
}

export interface ChartRenderOptions {
  /** The user's values files, absolute paths, in order. */
  valuesFiles: readonly string[];
  /** `--set` arguments. */
  set: readonly string[];
  kubernetesVersion: KubernetesVersion;
  /** Texts that replace files of the chart (an editor's unsaved template), by chart-relative path. */
  overrides?: Readonly<Record<string, string>>;
  /** Files of the chart folder left out (chart-relative paths): those a past version did not have. */
  excluded?: ReadonlySet<string>;
  releaseName?: string;
  namespace?: string;
  /** How findings name the render: "charts/cilium with values-prod.yaml". */
  label: string;
  timeLimitMs?: number;
}

/** Reads and renders the chart at `root`; never throws. */
export async function renderChartFolder(root: string, options: ChartRenderOptions): Promise<ChartRenderOutcome> {
  const label = options.label;
  let chart: ChartFiles;
  const values: Array<{ name: string; text: string }> = [];
  try {
    chart = await readChartFolder(root, options.overrides, options.excluded);
    for (const file of options.valuesFiles) {
      // A values file of the chart folder is read as the chart's files are: an unsaved or past text wins.
      const inChart = relative(root, file).split(sep).join('/');
      const override = options.overrides?.[inChart];
      if (override !== undefined) {
        values.push({ name: basename(file), text: override });
        continue;
      }
      try {
        values.push({ name: basename(file), text: await fs.readFile(file, 'utf8') });
      } catch (error) {
        throw new Error(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    }
  } catch (error) {
    return { ok: false, error: { message: error instanceof Error ? error.message : String(error), label } };
  }
  const response = await renderHelmChart(
    {
      ...chart,
      values,
      set: [...options.set],
      release: { name: options.releaseName, namespace: options.namespace },
      kubeVersion: formatVersion(options.kubernetesVersion),
      apiVersions: servedApiVersions(options.kubernetesVersion),
    },
    options.timeLimitMs,
  );
  if (!response.ok) return { ok: false, error: parseTemplateError(response.error, label, response.chart) };
  return { ok: true, rendered: { chart: response.chart, manifests: response.manifests, label } };
}

/**
 * The chart folder's files as they were at a git ref: the working tree's, with each file that differs from
 * `ref` replaced by its text there and each file added since left out. Undefined outside a repository.
 */
export async function chartFilesAt(root: string, ref: string): Promise<{ overrides: Record<string, string>; excluded: Set<string> } | undefined> {
  // A chart that was not committed at `ref` (new, or in an ignored folder) has no past version to compare with.
  if ((await gitShow(join(root, 'Chart.yaml'), ref)) === undefined) return undefined;
  const changed = await gitChangedFiles(root, ref);
  if (!changed) return undefined;
  const overrides: Record<string, string> = {};
  const excluded = new Set<string>();
  for (const rel of changed) {
    const text = await gitShow(join(root, ...rel.split('/')), ref);
    if (text === undefined) excluded.add(rel);
    else overrides[rel] = text;
  }
  return { overrides, excluded };
}
