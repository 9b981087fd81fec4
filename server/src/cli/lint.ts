/**
 * `daemonset lint <files or dirs…> [--inventory <nodes>] [--format text|json|sarif]`
 *
 * Runs the language service over files for CI: every rule of the editor,
 * including the cross-document ones across all given files, and the
 * inventory-aware ones with --inventory. Exit 0 without error-severity
 * diagnostics, 1 with any, 2 on usage or I/O errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { plural } from '../model/plural';
import { getLanguageService } from '../service/languageService';
import { YAML_SYNTAX_RULE } from '../service/validation';
import type { InventoryContext } from '../service/workspaceRules';
import { CLUSTER_OPTIONS, clusterOptionsHelp, CliError, clusterOption, kubernetesVersionOption, parseCommandArgs, stringOption, type ClusterOption } from './args';
import { lintKustomizations } from './kustomize';
import { collectManifestFiles, displayPath, failOnUnreadable, readInventory, type CliIo } from './io';
import type { LintedFile } from './lintedFile';
import { toSarif } from './sarif';
import { gitShow } from '../host/git';
import { KubectlError } from '../host/kubectl';
import { fetchLiveCluster, unreadRolloutCost } from '../host/liveCluster';
import type { LiveCluster } from '../model/liveCluster';

import { chartRelative, HELM_HELP, HELM_OPTIONS, helmRequested, isManifestTemplate, renderHelmOption, templatePathOf, type HelmRender } from './helm';
import { kubernetesVersionOf, type ValidationSettings } from '../service/validation';
import { walkFiles } from '../host/fileWalker';
import { subchartTemplate } from '../service/helm/packagedSubchartDiagnostics';

const HELP = `Usage: daemonset lint <files or dirs…> [--kustomize <dir>]… [--inventory <nodes.yaml|dir>] [--kubernetes-version <x.y>] [--base <git-ref>] [--context <ctx>] [--format text|json|sarif]
       daemonset lint --helm <chart folder> [--values f.yaml …] [--set k=v …] [options]

Checks Kubernetes DaemonSet manifests as the editor does: YAML syntax, the
Kubernetes schema, the API server's validation rules and DaemonSet pitfalls.
Folders are searched for .yaml/.yml files. Cross-document rules (overlapping
labels, host ports, PodDisruptionBudgets) look at every file given.

Options:
  --inventory <path>   Node inventory (kubectl get nodes,pods,priorityclasses -A -o yaml
                       output, a file or a folder): enables missing-toleration,
                       no-matching-nodes and pending-on-nodes
  --kubernetes-version <x.y>
                       The cluster's Kubernetes version (e.g. 1.29) for the version-gated
                       rules; default: the oldest kubelet of the inventory, else 1.36
  --base <git-ref>     Compare with the files at this commit (e.g. origin/main):
                       enables selector-changed (a selector is immutable)
  --kustomize <dir>    Render this Kustomize overlay with \`kubectl kustomize <dir>\` and lint
                       its DaemonSets; each finding is reported in the patch or the
                       kustomization entry that set the field (repeatable; files are optional)
  --allow-remote-bases Let kubectl fetch remote bases (URLs) of a --kustomize overlay;
                       without it such an overlay exits 2 before anything runs
  --format <format>    text (default; file:line:col severity rule message),
                       json, or sarif (SARIF 2.1.0 for GitHub code scanning)
${clusterOptionsHelp(23)}
                       With --context, each DaemonSet is compared with the live one of the
                       same namespace and name (kubectl get daemonsets, nodes, pods):
                       selector-changed (against the live object, before --base),
                       live-strategy-changed, live-nodes-left and live-defaulted-host-port
${HELM_HELP}
  -h, --help           Show this help

Exit status: 0 when no error-severity diagnostic was found, 1 when one was,
2 for usage errors and unreadable input.
`;

function readText(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`${shown}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export async function lintFiles(
  io: CliIo,
  inputs: readonly string[],
  /** Read when the files have been (so a missing file is reported first), once for the whole run. */
  readRunInventory: () => Promise<InventoryContext | undefined>,
  baseRef?: string,
  kubernetesVersion?: { value: string; label: string },
  cluster?: ClusterOption,
): Promise<LintedFile[]> {
  const files = await collectManifestFiles(io, inputs);
  const service = getLanguageService();
  const show = (path: string) => displayPath(io, path);
  const texts = files.map((path) => ({ path, uri: pathToFileURL(path).href, text: readText(path, show(path)) }));
  // Index everything first, so cross-document rules see all the files.
  for (const { uri, text } of texts) service.updateWorkspaceFile(uri, text);
  const inventory = await readRunInventory();
  const live = cluster && (await readLiveCluster(io, cluster, service.workspaceIndex.daemonSets().map((ds) => ds.namespace)));
  const linted: LintedFile[] = [];
  for (const { path, uri, text } of texts) {
    const baselineText = baseRef ? await gitShow(path, baseRef) : undefined;
    const baseline = baselineText === undefined ? undefined : { label: baseRef as string, text: baselineText };
    linted.push({ path: show(path), uri, diagnostics: service.doValidation({ uri, version: 1, getText: () => text }, { inventory, baseline, kubernetesVersion, live }) });
  }
  return linted;
}

/** The live DaemonSets of the files' namespaces (and nodes and pods when readable; what is not, is said on stderr). */
async function readLiveCluster(io: CliIo, cluster: ClusterOption, namespaces: readonly string[]): Promise<LiveCluster> {
  try {
    const live = await fetchLiveCluster({ ...cluster, namespaces, env: io.env, now: io.now });
    for (const problem of live.unread) {
      // Unread PriorityClasses or pods of other namespaces leave the rollout less to weigh; unread nodes or pods leave it out.
      const rolloutCost = unreadRolloutCost(problem, live.namespaces);
      const cost = rolloutCost ? `the rollout's ${rolloutCost}` : 'live-nodes-left and the rollout are not checked';
      io.stderr(`lint: ${live.label}: ${problem} (${cost})\n`);
    }
    return live;
  } catch (error) {
    if (error instanceof KubectlError) throw new CliError(`lint: context ${cluster.target.context}: ${error.message}`);
    throw error;
  }
}

/**
 * A rendered chart's findings, per template file of the chart: the template's own (masked) checks
 * and what it rendered to, on its lines. A render failure lands on the template Go names.
 */
export async function lintChart(io: CliIo, render: HelmRender, settings: ValidationSettings): Promise<LintedFile[]> {
  const walk = await walkFiles(render.root, { include: isManifestTemplate });
  failOnUnreadable(io, walk.unreadable);
  const service = getLanguageService();
  const show = (path: string) => displayPath(io, path);
  const outcome = render.outcome;
  const onDisk = (templatePath: string) => existsSync(resolve(render.root, templatePath));
  const failedPath = outcome.ok ? undefined : outcome.error.template && templatePathOf(outcome.error.template);
  // A failure inside a packaged subchart (charts/*.tgz) is said on Chart.yaml, with its findings.
  const failedOnDisk = failedPath !== undefined && onDisk(failedPath);
  const files = [...walk.files];
  // A failure in a partial (_helpers.tpl) is reported on that file.
  if (failedPath && failedOnDisk && !isManifestTemplate(failedPath)) files.push(resolve(render.root, failedPath));
  const linted: LintedFile[] = [];
  for (const path of files) {
    const templatePath = chartRelative(render.root, path);
    const text = readText(path, show(path));
    const uri = pathToFileURL(path).href;
    const document = { uri, version: 1, getText: () => text };
    const masked = isManifestTemplate(templatePath) ? service.doValidation(document, settings) : [];
    // A chart that does not render is said once, on the template that failed (else on the first).
    const reportsFailure = outcome.ok || failedPath === templatePath || ((!failedPath || (!failedOnDisk && !subchartTemplate(failedPath))) && path === files[0]);
    const rendered = reportsFailure ? service.doRenderedValidation(document, { templatePath, outcome }, masked, settings) : [];
    const diagnostics = [...masked, ...rendered].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    linted.push({ path: show(path), uri, diagnostics });
  }
  // What packaged subcharts render has no template file: it is said on Chart.yaml.
  const chartYamlPath = resolve(render.root, 'Chart.yaml');
  const chartYamlText = readText(chartYamlPath, show(chartYamlPath));
  const chartYamlUri = pathToFileURL(chartYamlPath).href;
  const subcharts = service.doPackagedSubchartValidation({ uri: chartYamlUri, version: 1, getText: () => chartYamlText }, { outcome, onDisk }, settings);
  if (subcharts.length) linted.push({ path: show(chartYamlPath), uri: chartYamlUri, diagnostics: subcharts });
  return linted;
}

function formatText(files: readonly LintedFile[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of file.diagnostics) {
      lines.push(`${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.rule} ${d.message}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function formatJson(files: readonly LintedFile[]): string {
  return (
    JSON.stringify(
      {
        files: files.map((file) => ({
          path: file.path,
          diagnostics: file.diagnostics.map((d) => ({
            rule: d.rule,
            severity: d.severity,
            message: d.message,
            path: d.path ?? '',
            range: d.range,
          })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

function summary(files: readonly LintedFile[]): string {
  const count = (severity: string) => files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === severity).length, 0);
  const errors = count('error');
  const warnings = count('warning');
  const notes = count('information') + count('hint');
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(notes, 'note')} in ${plural(files.length, 'file')}\n`;
}

/** The overlays' diagnostics merged into the files' (a patch file may also be linted as a manifest), new files after. */
function mergeFindings(io: CliIo, files: LintedFile[], found: ReadonlyArray<{ uri: string; diagnostics: LintedFile['diagnostics'] }>): LintedFile[] {
  const byUri = new Map(files.map((file) => [file.uri, file]));
  for (const { uri, diagnostics } of found) {
    let file = byUri.get(uri);
    if (!file) {
      file = { path: displayPath(io, fileURLToPath(uri)), uri, diagnostics: [] };
      byUri.set(uri, file);
      files.push(file);
    }
    file.diagnostics.push(...diagnostics);
  }
  return files;
}

export async function runLint(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('lint', argv, {
    kustomize: { type: 'string', multiple: true },
    'allow-remote-bases': { type: 'boolean' },
    inventory: { type: 'string' },
    format: { type: 'string' },
    base: { type: 'string' },
    'kubernetes-version': { type: 'string' },
    ...CLUSTER_OPTIONS,
    ...HELM_OPTIONS,
  });
  if (args.values.help) {
    io.stdout(HELP);
    return 0;
  }
  const helm = helmRequested(args, 'lint');
  const format = stringOption(args, 'format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) {
    throw new CliError(`lint: --format must be text, json or sarif, not ${JSON.stringify(format)}`);
  }
  const overlays = (args.values.kustomize as string[] | undefined) ?? [];
  if (args.positionals.length === 0 && overlays.length === 0 && !helm) throw new CliError('lint: give at least one file or folder, --kustomize <dir> or --helm <chart> (see daemonset lint --help)');
  const kubernetesVersion = kubernetesVersionOption(args, 'lint');
  const inventoryPath = stringOption(args, 'inventory');
  let inventoryRead: Promise<InventoryContext | undefined> | undefined;
  const readRunInventory = () =>
    (inventoryRead ??= inventoryPath
      ? readInventory(io, inventoryPath).then((loaded) => ({ label: inventoryPath, nodes: loaded.nodes, groups: loaded.groups, pods: loaded.pods, priorityClasses: loaded.priorityClasses }))
      : Promise.resolve(undefined));
  const files = args.positionals.length ? await lintFiles(io, args.positionals, readRunInventory, stringOption(args, 'base'), kubernetesVersion, clusterOption(args, 'lint', io.cwd)) : [];
  const inventory = overlays.length || helm ? await readRunInventory() : undefined;
  if (overlays.length) {
    const found = await lintKustomizations(io, overlays, { settings: { inventory, kubernetesVersion }, allowRemoteBases: args.values['allow-remote-bases'] === true });
    // A patch file linted as a manifest is a partial object: only its YAML syntax is its own.
    for (const file of files) if (found.patchUris.has(file.uri)) file.diagnostics = file.diagnostics.filter((d) => d.rule === YAML_SYNTAX_RULE);
    mergeFindings(io, files, found.files);
  }
  if (helm) {
    const settings = { inventory, kubernetesVersion };
    // .Capabilities.KubeVersion is the version the rules judge against.
    const render = await renderHelmOption(io, args, 'lint', kubernetesVersionOf(settings).version);
    files.push(...(await lintChart(io, render, settings)));
  }
  if (format === 'json') io.stdout(formatJson(files));
  else if (format === 'sarif') io.stdout(JSON.stringify(toSarif(files), null, 2) + '\n');
  else {
    io.stdout(formatText(files));
    io.stderr(summary(files));
  }
  return files.some((file) => file.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
