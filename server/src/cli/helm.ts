/**
 * `--helm <chart> [--values f.yaml …] [--set k=v …]` of `lint` and `preview`:
 * the chart folder rendered in-process by the Helm renderer, with the chart's
 * values.yaml, the values files in order and the --set values on top.
 */
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { KubernetesVersion } from '../model/kubernetesVersion';
import { isManifestTemplate, type ChartRenderOutcome, type RenderedChart } from '../model/helmRender';

export { isManifestTemplate, templatePathOf } from '../model/helmRender';
import { renderChartFolder } from '../host/helmChart';
import { CliError, type OptionSpec, type ParsedArgs } from './args';
import { displayPath, type CliIo } from './io';

export const HELM_OPTIONS: OptionSpec = {
  helm: { type: 'string' },
  values: { type: 'string', short: 'f', multiple: true },
  set: { type: 'string', multiple: true },
  'release-name': { type: 'string' },
  namespace: { type: 'string' },
};

export const HELM_HELP = `  --helm <chart folder>  Render this Helm chart (its templates with values.yaml) and check
                         what it renders; findings land on the template lines
  --values, -f <file>    A values file for --helm (repeatable; later files win)
  --set <key=value>      A value for --helm, as helm --set (repeatable; a.b=c,list={x,y},l[0]=v)
  --release-name <name>  .Release.Name for --helm (default: release-name)
  --namespace <name>     .Release.Namespace for --helm (default: default)`;

export interface HelmRender {
  /** The chart folder, absolute. */
  root: string;
  /** How findings name the render: "charts/cilium with values-prod.yaml". */
  label: string;
  outcome: ChartRenderOutcome;
}

function listOption(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Whether the command line asks for a chart render; --values and --set without --helm are a usage error. */
export function helmRequested(args: ParsedArgs, command: string): boolean {
  const chart = args.values.helm;
  if (typeof chart === 'string') return true;
  if (listOption(args, 'values').length || listOption(args, 'set').length) throw new CliError(`${command}: --values and --set go with --helm <chart folder>`);
  return false;
}

/** One chart to render: its folder and its values as the command line gave them (relative to the working folder). */
export interface ChartRequest {
  chart: string;
  values: string[];
  set: string[];
  releaseName?: string;
  namespace?: string;
}

/** The one --helm of `lint` and `preview`, with every --values and --set. */
function chartRequestOf(args: ParsedArgs): ChartRequest {
  const releaseName = args.values['release-name'];
  const namespace = args.values.namespace;
  return {
    chart: args.values.helm as string,
    values: listOption(args, 'values'),
    set: listOption(args, 'set'),
    ...(typeof releaseName === 'string' ? { releaseName } : {}),
    ...(typeof namespace === 'string' ? { namespace } : {}),
  };
}

/**
 * Several charts on one command line (`cluster --helm a --values x --helm b --set k=v`): each --values and
 * --set belongs to the --helm before it; --release-name and --namespace apply to every chart.
 */
export function chartRequests(args: ParsedArgs, command: string): ChartRequest[] {
  const requests: ChartRequest[] = [];
  const releaseName = args.values['release-name'];
  const namespace = args.values.namespace;
  for (const option of args.options) {
    if (option.name === 'helm' && option.value !== undefined) {
      requests.push({ chart: option.value, values: [], set: [], ...(typeof releaseName === 'string' ? { releaseName } : {}), ...(typeof namespace === 'string' ? { namespace } : {}) });
    } else if ((option.name === 'values' || option.name === 'set') && option.value !== undefined) {
      const current = requests[requests.length - 1];
      if (!current) throw new CliError(`${command}: --${option.name} ${option.value} comes before any --helm <chart folder>: give it after the chart it is for`);
      (option.name === 'values' ? current.values : current.set).push(option.value);
    }
  }
  return requests;
}

/** Renders the chart named by --helm; a chart folder that is not one is a usage error, a chart that does not render is an outcome. */
export async function renderHelmOption(io: CliIo, args: ParsedArgs, command: string, kubernetesVersion: KubernetesVersion): Promise<HelmRender> {
  return renderChartRequest(io, chartRequestOf(args), command, kubernetesVersion);
}

/** Renders one chart request (see renderHelmOption). */
export async function renderChartRequest(io: CliIo, request: ChartRequest, command: string, kubernetesVersion: KubernetesVersion): Promise<HelmRender> {
  const chart = request.chart;
  const root = resolve(io.cwd, chart);
  try {
    if (!statSync(resolve(root, 'Chart.yaml')).isFile()) throw new Error();
  } catch {
    throw new CliError(`${command}: --helm ${chart}: not a chart folder (no Chart.yaml)`);
  }
  const valuesFiles = request.values.map((file) => resolve(io.cwd, file));
  for (const file of valuesFiles) {
    try {
      statSync(file);
    } catch {
      throw new CliError(`${displayPath(io, file)}: cannot read: no such file or directory`);
    }
  }
  const set = request.set;
  const shown = displayPath(io, root);
  const given = [...valuesFiles.map((file) => displayPath(io, file)), ...set.map((s) => `--set ${s}`)];
  const label = given.length ? `${shown} with ${given.join(', ')}` : shown;
  const outcome = await renderChartFolder(root, {
    valuesFiles,
    set,
    kubernetesVersion,
    label,
    ...(request.releaseName !== undefined ? { releaseName: request.releaseName } : {}),
    ...(request.namespace !== undefined ? { namespace: request.namespace } : {}),
  });
  return { root, label, outcome };
}

/** The chart's rendered manifests; a chart that does not render is an input error for a command that needs its DaemonSets. */
export function renderedOrFail(render: HelmRender): RenderedChart {
  if (render.outcome.ok) return render.outcome.rendered;
  const error = render.outcome.error;
  const where = error.template ? ` (${error.template}${error.line !== undefined ? `:${error.line}` : ''})` : '';
  throw new CliError(`${render.label} does not render${where}: ${error.message}`);
}

/** The rendered manifests as `helm template` prints them: each template's output after `# Source:`, in template order. */
export function renderedStream(rendered: RenderedChart): string {
  return Object.keys(rendered.manifests)
    .sort()
    .filter((name) => isManifestTemplate(name) && rendered.manifests[name].trim() !== '')
    .map((name) => `---\n# Source: ${name}\n${rendered.manifests[name].replace(/\n*$/, '\n')}`)
    .join('');
}

/** The chart folder's path of a file, '/'-separated. */
export function chartRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
