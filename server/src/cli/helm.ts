/**
 * `--helm <chart> [--values f.yaml …] [--set k=v …]` of `lint` and `preview`:
 * the chart folder rendered in-process by the Helm renderer, with the chart's
 * values.yaml, the values files in order and the --set values on top.
 */
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { KubernetesVersion } from '../model/kubernetesVersion';
import type { ChartRenderOutcome, RenderedChart } from '../model/helmRender';
import { renderChartFolder } from '../host/helmChart';
import { isManifestTemplatePath } from '../service/helm/packagedSubchartDiagnostics';
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

/** Renders the chart named by --helm; a chart folder that is not one is a usage error, a chart that does not render is an outcome. */
export async function renderHelmOption(io: CliIo, args: ParsedArgs, command: string, kubernetesVersion: KubernetesVersion): Promise<HelmRender> {
  const chart = args.values.helm as string;
  const root = resolve(io.cwd, chart);
  try {
    if (!statSync(resolve(root, 'Chart.yaml')).isFile()) throw new Error();
  } catch {
    throw new CliError(`${command}: --helm ${chart}: not a chart folder (no Chart.yaml)`);
  }
  const valuesFiles = listOption(args, 'values').map((file) => resolve(io.cwd, file));
  for (const file of valuesFiles) {
    try {
      statSync(file);
    } catch {
      throw new CliError(`${displayPath(io, file)}: cannot read: no such file or directory`);
    }
  }
  const set = listOption(args, 'set');
  const shown = displayPath(io, root);
  const given = [...valuesFiles.map((file) => displayPath(io, file)), ...set.map((s) => `--set ${s}`)];
  const label = given.length ? `${shown} with ${given.join(', ')}` : shown;
  const releaseName = args.values['release-name'];
  const namespace = args.values.namespace;
  const outcome = await renderChartFolder(root, {
    valuesFiles,
    set,
    kubernetesVersion,
    label,
    ...(typeof releaseName === 'string' ? { releaseName } : {}),
    ...(typeof namespace === 'string' ? { namespace } : {}),
  });
  return { root, label, outcome };
}

/** The chart-relative path of a template name (`cilium/templates/ds.yaml` → `templates/ds.yaml`). */
export function templatePathOf(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}

/** Whether a chart-relative path is a manifest template (a .yaml/.yml under a templates/ folder). */
export const isManifestTemplate = isManifestTemplatePath;

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
