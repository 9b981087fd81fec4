/**
 * `daemonset lint <files or dirs…> [--inventory <nodes>] [--format text|json|sarif]`
 *
 * Runs the language service over files for CI: every rule of the editor,
 * including the cross-document ones across all given files, and the
 * inventory-aware ones with --inventory. Exit 0 without error-severity
 * diagnostics, 1 with any, 2 on usage or I/O errors.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { plural } from '../model/plural';
import { getLanguageService } from '../service/languageService';
import type { InventoryContext } from '../service/workspaceRules';
import { CliError, kubernetesVersionOption, parseCommandArgs, stringOption } from './args';
import { displayPath, failOnUnreadable, readInventory, type CliIo } from './io';
import type { LintedFile } from './lintedFile';
import { toSarif } from './sarif';
import { walkFiles } from '../host/fileWalker';
import { gitShow } from '../host/git';
import { chartRelative, HELM_HELP, HELM_OPTIONS, helmRequested, isManifestTemplate, renderHelmOption, templatePathOf, type HelmRender } from './helm';
import { kubernetesVersionOf, type ValidationSettings } from '../service/validation';

const HELP = `Usage: daemonset lint <files or dirs…> [--inventory <nodes.yaml|dir>] [--kubernetes-version <x.y>] [--base <git-ref>] [--format text|json|sarif]
       daemonset lint --helm <chart folder> [--values f.yaml …] [--set k=v …] [options]

Checks Kubernetes DaemonSet manifests as the editor does: YAML syntax, the
Kubernetes schema, the API server's validation rules and DaemonSet pitfalls.
Folders are searched for .yaml/.yml files. Cross-document rules (overlapping
labels, host ports, PodDisruptionBudgets) look at every file given.

Options:
  --inventory <path>   Node inventory (kubectl get nodes -o yaml output, a file or a folder):
                       enables missing-toleration and no-matching-nodes
  --kubernetes-version <x.y>
                       The cluster's Kubernetes version (e.g. 1.29) for the version-gated
                       rules; default: the oldest kubelet of the inventory, else 1.36
  --base <git-ref>     Compare with the files at this commit (e.g. origin/main):
                       enables selector-changed (a selector is immutable)
  --format <format>    text (default; file:line:col severity rule message),
                       json, or sarif (SARIF 2.1.0 for GitHub code scanning)
${HELM_HELP}
  -h, --help           Show this help

Exit status: 0 when no error-severity diagnostic was found, 1 when one was,
2 for usage errors and unreadable input.
`;

const MANIFEST_FILE = /\.ya?ml$/i;

async function collectFiles(io: CliIo, inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const full = resolve(io.cwd, input);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      throw new CliError(`${input}: cannot read: no such file or directory`);
    }
    if (stats.isDirectory()) {
      const walk = await walkFiles(full, { include: (path) => MANIFEST_FILE.test(path) });
      failOnUnreadable(io, walk.unreadable);
      files.push(...walk.files);
    } else {
      files.push(full);
    }
  }
  return [...new Set(files)];
}

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
  inventoryPath?: string,
  baseRef?: string,
  kubernetesVersion?: { value: string; label: string },
): Promise<LintedFile[]> {
  const files = await collectFiles(io, inputs);
  const service = getLanguageService();
  const show = (path: string) => {
    const rel = relative(io.cwd, path);
    return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : path;
  };
  const texts = files.map((path) => ({ path, uri: pathToFileURL(path).href, text: readText(path, show(path)) }));
  // Index everything first, so cross-document rules see all the files.
  for (const { uri, text } of texts) service.updateWorkspaceFile(uri, text);
  let inventory: InventoryContext | undefined;
  if (inventoryPath) {
    const loaded = await readInventory(io, inventoryPath);
    inventory = { label: inventoryPath, nodes: loaded.nodes, groups: loaded.groups };
  }
  const linted: LintedFile[] = [];
  for (const { path, uri, text } of texts) {
    const baselineText = baseRef ? await gitShow(path, baseRef) : undefined;
    const baseline = baselineText === undefined ? undefined : { label: baseRef as string, text: baselineText };
    linted.push({ path: show(path), uri, diagnostics: service.doValidation({ uri, version: 1, getText: () => text }, { inventory, baseline, kubernetesVersion }) });
  }
  return linted;
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
  const failedPath = outcome.ok ? undefined : outcome.error.template && templatePathOf(outcome.error.template);
  const files = [...walk.files];
  // A failure in a partial (_helpers.tpl) is reported on that file.
  if (failedPath && !isManifestTemplate(failedPath)) files.push(resolve(render.root, failedPath));
  const linted: LintedFile[] = [];
  for (const path of files) {
    const templatePath = chartRelative(render.root, path);
    const text = readText(path, show(path));
    const uri = pathToFileURL(path).href;
    const document = { uri, version: 1, getText: () => text };
    const masked = isManifestTemplate(templatePath) ? service.doValidation(document, settings) : [];
    // A chart that does not render is said once, on the template that failed (else on the first).
    const reportsFailure = outcome.ok || failedPath === templatePath || (!failedPath && path === files[0]);
    const rendered = reportsFailure ? service.doRenderedValidation(document, { templatePath, outcome }, masked, settings) : [];
    const diagnostics = [...masked, ...rendered].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    linted.push({ path: show(path), uri, diagnostics });
  }
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

export async function runLint(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('lint', argv, {
    inventory: { type: 'string' },
    format: { type: 'string' },
    base: { type: 'string' },
    'kubernetes-version': { type: 'string' },
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
  if (args.positionals.length === 0 && !helm) throw new CliError('lint: give at least one file or folder, or --helm <chart> (see daemonset lint --help)');
  const kubernetesVersion = kubernetesVersionOption(args, 'lint');
  const files = args.positionals.length ? await lintFiles(io, args.positionals, stringOption(args, 'inventory'), stringOption(args, 'base'), kubernetesVersion) : [];
  if (helm) {
    const inventoryPath = stringOption(args, 'inventory');
    const loaded = inventoryPath ? await readInventory(io, inventoryPath) : undefined;
    const inventory = loaded && inventoryPath ? { label: inventoryPath, nodes: loaded.nodes, groups: loaded.groups } : undefined;
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
