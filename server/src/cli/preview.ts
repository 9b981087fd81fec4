/** `daemonset preview <manifest.yaml> --inventory <nodes.yaml|dir> [--format table|json]` */
import type { DaemonSet } from '../model/kubeTypes';
import { describeVersionSource, formatVersion, type KubernetesVersion, type VersionInForce } from '../model/kubernetesVersion';
import { parseYamlFile } from '../model/yamlDocuments';
import { versionRules } from '../service/rules';
import type { ServiceDiagnostic } from '../service/types';
import { doValidation, kubernetesVersionOf } from '../service/validation';
import { describeLabelSelector } from '../model/labelSelector';
import { nodesWithGroupNodes } from '../model/nodeGroupNodes';
import { formatGroupRequirement, formatNodeGroupCount, nodeGroupSourceTitle, type NodeGroup } from '../model/nodeGroup';
import { compilePlacement, describeSchedulingBases, evaluateGroupPlacement, formatTaint, groupPlacementNotes, previewDaemonSet, type DaemonSetPreview, type GroupPlacement, type NodePreview, type SchedulingVerdict } from '../reconciler';
import { formatOption, kubernetesVersionOption, nowOption, parseCommandArgs, requiredOption, stringOption, CliError } from './args';
import { daemonSetsOfText, readDaemonSetManifest, readInventory, type CliIo } from './io';
import { HELM_HELP, HELM_OPTIONS, helmRequested, renderHelmOption, renderedOrFail, renderedStream } from './helm';
import { renderTable } from './table';

export const PREVIEW_HELP = `Usage: daemonset preview <manifest.yaml> --inventory <nodes.yaml|dir> [options]
       daemonset preview --helm <chart folder> [--values f.yaml …] [--set k=v …] --inventory <nodes.yaml|dir> [options]

Shows which nodes run a pod of each DaemonSet in the manifest, and why, as
the Kubernetes DaemonSet controller decides it; and where the default
scheduler would leave the pod Pending (NodePorts, NodeResourcesFit) or
preempt lower-priority pods for it, counting the inventory's Pods, its
PriorityClasses and the manifest's other DaemonSets.

Options:
  --inventory <path>      Nodes (and optionally Pods and PriorityClasses): a YAML or JSON
                          file, or a folder of them (recursively), e.g. kubectl get
                          nodes,pods,priorityclasses -A -o yaml output;
                          node groups: kind Cluster, Karpenter NodePool, eksctl ClusterConfig
  --format table|json     Output format (default: table)
  --kubernetes-version <x.y>
                          The cluster's Kubernetes version (e.g. 1.29); default: the oldest
                          kubelet of the inventory, else 1.36. Fields newer than it and a
                          toleration of only the legacy master taint are reported
  --revision-hash <hash>  Current controller-revision-hash, to count up-to-date pods
  --now <time>            Clock for pod availability (RFC 3339; default: now)
${HELM_HELP}
  -h, --help              Show this help

Without Pod objects in the inventory, status is the converged state: every
node that should run the pod runs one ready, available, up-to-date pod, and
fit is judged against the manifest's DaemonSets only.

JSON: {"kubernetesVersion":{"version","source"},"daemonSets":[{"name","namespace",
"status":{desiredNumberScheduled, currentNumberScheduled, numberMisscheduled,
numberReady, updatedNumberScheduled, numberAvailable, numberUnavailable},
"nodes":[{"name","shouldRun","shouldContinueRunning","outcome":"runs"|"pending"|"excluded"|
"taintNotTolerated","reasons":[{"code","message"}],"scheduling":{"fits","pending","plugin",
"reasons":[...],"preemption":{"outcome","message","victims":[{"namespace","name","priority"}]},
"basis":"pods"|"daemonsets","resourcesJudged"}}],
"groups":[{"name","source","file","line","count","kubernetesVersion","placement":
"always"|"sometimes"|"never","reasons":[...],"untoleratedStartupTaints":[...],"requirements":[...],
"notes":[...]}]}],
"versionFindings":[{"rule","severity","message","path","line","column"}]}
("groups" only when the inventory has node groups; "scheduling" only where the
controller places a pod; "plugin" and "preemption" only when it does not fit.)
`;

interface GroupPreview {
  group: NodeGroup;
  placement: GroupPlacement;
}

function previewGroups(daemonSet: DaemonSet, groups: readonly NodeGroup[]): GroupPreview[] {
  const compiled = compilePlacement(daemonSet);
  return groups.map((group) => ({ group, placement: evaluateGroupPlacement(compiled, group) }));
}

function renderGroupTable(groupPreviews: readonly GroupPreview[]): string {
  const rows = groupPreviews.map(({ group, placement }) => [
    group.name,
    `${nodeGroupSourceTitle(group.sourceKind)} ${group.source.file}:${group.source.range.start.line + 1}`,
    group.count.kind === 'unknown' ? 'unknown' : formatNodeGroupCount(group.count),
    placement.verdict,
    [...placement.reasons, ...groupPlacementNotes(placement, group)].join('; ') || '-',
  ]);
  return renderTable(['GROUP', 'SOURCE', 'NODES', 'PLACEMENT', 'REASON'], rows);
}

function groupJson({ group, placement }: GroupPreview): unknown {
  return {
    name: group.name,
    source: group.sourceKind,
    file: group.source.file,
    line: group.source.range.start.line + 1,
    count: group.count,
    ...(group.kubernetesVersion !== undefined ? { kubernetesVersion: group.kubernetesVersion } : {}),
    placement: placement.verdict,
    reasons: placement.reasons,
    ...(placement.untoleratedStartupTaints.length ? { untoleratedStartupTaints: placement.untoleratedStartupTaints.map(formatTaint) } : {}),
    requirements: group.requirements.map(formatGroupRequirement),
    ...(group.notes.length ? { notes: group.notes } : {}),
  };
}

function outcome(node: NodePreview): string {
  if (node.outcome === 'pending') return 'Pending (scheduler)';
  if (node.shouldRun) return node.scheduling?.preemption ? 'runs (preempts)' : 'runs';
  return node.shouldContinueRunning ? 'no new pod (running pod stays)' : 'no pod';
}

/** The scheduler's part of a row's REASON: the failing filter's reasons and what preemption would do. */
function schedulingReason(node: NodePreview): string[] {
  const scheduling = node.scheduling;
  if (!scheduling || scheduling.fits) return [];
  const lines = scheduling.reasons.map((reason) => `${scheduling.plugin}: ${reason}`);
  if (scheduling.preemption) lines.push(`preemption: ${scheduling.preemption.message}`);
  return lines;
}

/** The `scheduling` object of a node in the JSON: plugin, reasons, preemption victims, and what fit was judged against. */
function schedulingJson(scheduling: SchedulingVerdict): unknown {
  return {
    fits: scheduling.fits,
    pending: scheduling.pending,
    ...(scheduling.plugin ? { plugin: scheduling.plugin } : {}),
    reasons: scheduling.reasons,
    ...(scheduling.preemption
      ? { preemption: { outcome: scheduling.preemption.outcome, message: scheduling.preemption.message, victims: scheduling.preemption.victims } }
      : {}),
    basis: scheduling.basis,
    resourcesJudged: scheduling.resourcesJudged,
  };
}

function renderPreviewTable(daemonSets: readonly DaemonSet[], previews: readonly DaemonSetPreview[], groups: readonly GroupPreview[][]): string {
  const summary = renderTable(
    ['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
    previews.map((preview, index) => {
      const spec = daemonSets[index].spec;
      const nodeSelector = Object.entries(spec.template.spec.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || '<none>';
      return [
        preview.namespace,
        preview.name,
        String(preview.status.desiredNumberScheduled),
        String(preview.status.currentNumberScheduled),
        String(preview.status.numberReady),
        String(preview.status.updatedNumberScheduled),
        String(preview.status.numberAvailable),
        nodeSelector,
        spec.template.spec.containers.map((c) => c.name).join(',') || '<none>',
        spec.template.spec.containers.map((c) => c.image ?? '').join(',') || '<none>',
        spec.selector ? describeLabelSelector(spec.selector) : '<none>',
      ];
    }),
  );
  const sections = previews.map((preview, index) => {
    const rows = preview.nodes.map((node) => [
      node.name,
      node.shouldRun ? 'true' : 'false',
      node.shouldContinueRunning ? 'true' : 'false',
      outcome(node),
      [...node.reasons.map((r) => `${r.code}: ${r.message}`), ...schedulingReason(node), ...node.notes.map((n) => `note ${n.code}: ${n.message}`)].join('; ') || '-',
    ]);
    const nodeTable = rows.length > 0 || groups[index].length === 0 ? renderTable(['NODE', 'SHOULD-RUN', 'CONTINUE-RUNNING', 'OUTCOME', 'REASON'], rows) : '';
    const groupTable = groups[index].length > 0 ? renderGroupTable(groups[index]) : '';
    return `${preview.namespace}/${preview.name}\n` + nodeTable + (nodeTable && groupTable ? '\n' : '') + groupTable;
  });
  return [summary, ...sections].join('\n');
}

/**
 * What the scheduler verdicts rest on, as the cluster view says it: the inventory's pods, or (nodes without
 * pod data) the manifest's DaemonSets only. Nothing when no DaemonSet is placed on any node.
 */
function renderSchedulingBasis(previews: readonly DaemonSetPreview[]): string {
  const basis = new Map<string, SchedulingVerdict['basis']>();
  for (const preview of previews) {
    for (const node of preview.nodes) if (node.scheduling && !basis.has(node.name)) basis.set(node.name, node.scheduling.basis);
  }
  if (basis.size === 0) return '';
  const daemonSetsOnly = [...basis.values()].filter((value) => value === 'daemonsets').length;
  return `${describeSchedulingBases(basis.size, daemonSetsOnly)}\n`;
}

/** The version in force and the manifest's findings against it, as lines after the tables. */
function renderVersion(file: string, version: VersionInForce, findings: readonly ServiceDiagnostic[]): string {
  const lines = [`Kubernetes ${formatVersion(version.version)} (${describeVersionSource(version.source)})`];
  for (const d of findings) lines.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.rule} ${d.message}`);
  return lines.join('\n') + '\n';
}

export function toPreviewJson(
  previews: readonly DaemonSetPreview[],
  groups: readonly GroupPreview[][] = [],
  version?: VersionInForce,
  findings: readonly ServiceDiagnostic[] = [],
): unknown {
  return {
    ...(version ? { kubernetesVersion: { version: formatVersion(version.version), source: describeVersionSource(version.source) } } : {}),
    daemonSets: previews.map((preview, index) => ({
      name: preview.name,
      namespace: preview.namespace,
      status: preview.status,
      nodes: preview.nodes.map((node) => ({
        name: node.name,
        shouldRun: node.shouldRun,
        shouldContinueRunning: node.shouldContinueRunning,
        outcome: node.outcome,
        reasons: node.reasons.map((reason) => ({ code: reason.code, message: reason.message })),
        ...(node.scheduling ? { scheduling: schedulingJson(node.scheduling) } : {}),
        ...(node.notes.length ? { notes: node.notes.map((note) => ({ code: note.code, message: note.message })) } : {}),
      })),
      ...(groups[index]?.length ? { groups: groups[index].map(groupJson) } : {}),
    })),
    versionFindings: findings.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      path: d.path ?? '',
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    })),
  };
}

/** The DaemonSets a chart renders to; a chart that does not render is an input error. */
async function renderedDaemonSets(io: CliIo, args: Parameters<typeof renderHelmOption>[1], kubernetesVersion: KubernetesVersion) {
  const render = await renderHelmOption(io, args, 'preview', kubernetesVersion);
  return daemonSetsOfText(renderedStream(renderedOrFail(render)), `${render.label} (rendered)`);
}

export async function runPreview(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('preview', argv, {
    inventory: { type: 'string', short: 'i' },
    format: { type: 'string', short: 'o' },
    'revision-hash': { type: 'string' },
    now: { type: 'string' },
    'kubernetes-version': { type: 'string' },
    ...HELM_OPTIONS,
  });
  if (args.values.help) {
    io.stdout(PREVIEW_HELP);
    return 0;
  }
  const helm = helmRequested(args, 'preview');
  if (args.positionals.length !== (helm ? 0 : 1)) {
    throw new CliError(`preview: expected ${helm ? 'no manifest file with --helm' : 'exactly one manifest file'} (see daemonset preview --help)`);
  }
  const format = formatOption(args, 'preview');
  const inventoryPath = requiredOption(args, 'preview', 'inventory');
  const nowMs = nowOption(args, 'preview', io.now);
  const kubernetesVersion = kubernetesVersionOption(args, 'preview');
  const inventory = await readInventory(io, inventoryPath);
  const inventorySettings = { kubernetesVersion, inventory: { label: inventoryPath, nodes: inventory.nodes, groups: inventory.groups } };
  const { daemonSets, text, file } = helm
    ? await renderedDaemonSets(io, args, kubernetesVersionOf(inventorySettings).version)
    : readDaemonSetManifest(io, args.positionals[0]);
  const pods = inventory.pods.length > 0 ? inventory.pods : undefined;
  const currentHash = stringOption(args, 'revision-hash');
  // Groups of known size (kind nodes, static NodePools) count as their nodes, as in the panel.
  const nodes = nodesWithGroupNodes(inventory.nodes, inventory.groups);
  // The manifest's DaemonSets compete for the same nodes: each one's verdict counts the others.
  const previews = daemonSets.map((daemonSet) =>
    previewDaemonSet(daemonSet, nodes, { pods, currentHash, nowMs, otherDaemonSets: daemonSets, priorityClasses: inventory.priorityClasses }),
  );
  const groups = daemonSets.map((daemonSet) => previewGroups(daemonSet, inventory.groups));
  const settings = inventorySettings;
  const version = kubernetesVersionOf(settings);
  // YAML problems were reported (or fatal) when the manifest was read; here only the version rules speak.
  const findings = doValidation(file, parseYamlFile(text), { ...settings, rules: { 'yaml-syntax': 'off' } }, {}, versionRules);
  io.stdout(
    format === 'json'
      ? JSON.stringify(toPreviewJson(previews, groups, version, findings), null, 2) + '\n'
      : renderPreviewTable(daemonSets, previews, groups) + '\n' + renderSchedulingBasis(previews) + renderVersion(file, version, findings),
  );
  return 0;
}
