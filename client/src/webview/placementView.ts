/**
 * The preview as the panel shows it: one DaemonSet over one inventory,
 * each node with its outcome in plain words, the kubectl summary and the
 * cost. Pure data, computed by the reconciler in the webview.
 */
import { setDefaultsDaemonSet } from '../../../server/src/model/daemonSetDefaults';
import type { DaemonSet, Node, Pod, PriorityClass, Taint } from '../../../server/src/model/kubeTypes';
import { nodeReadyStatus } from '../../../server/src/model/nodeStatus';
import { plural } from '../../../server/src/model/plural';
import { describeSchedulingBasis, formatTaint, previewDaemonSet, type DaemonSetStatus, type PlacementReasonCode, type SchedulingVerdict } from '../../../server/src/reconciler';
import { allocatableShare, costSummary, podResources, type CostSummary } from './cost';
import { daemonSetKey } from './sources';

export type Outcome = 'runs' | 'pending' | 'taint' | 'nodeSelector' | 'affinity' | 'nodeName';

/** Display order of the groups: where pods run first, then where they stay Pending, then why not, most fixable first. */
export const OUTCOMES: readonly Outcome[] = ['runs', 'pending', 'taint', 'nodeSelector', 'affinity', 'nodeName'];

export const OUTCOME_TITLES: Record<Outcome, string> = {
  runs: 'Runs a pod',
  pending: 'Pending (scheduler)',
  taint: 'Taint not tolerated',
  nodeSelector: 'Excluded by nodeSelector',
  affinity: 'Excluded by node affinity',
  nodeName: 'Excluded by nodeName',
};

/** The outcome after a count of nodes, singular and plural: `1 runs a pod`, `2 taints not tolerated`. */
const OUTCOME_COUNTED: Record<Outcome, [string, string]> = {
  runs: ['runs a pod', 'run a pod'],
  pending: ['Pending (scheduler)', 'Pending (scheduler)'],
  taint: ['taint not tolerated', 'taints not tolerated'],
  nodeSelector: ['excluded by nodeSelector', 'excluded by nodeSelector'],
  affinity: ['excluded by node affinity', 'excluded by node affinity'],
  nodeName: ['excluded by nodeName', 'excluded by nodeName'],
};

export function describeOutcomeCount(outcome: Outcome, count: number): string {
  return plural(count, ...OUTCOME_COUNTED[outcome]);
}

const OUTCOME_OF_REASON: Record<PlacementReasonCode, Outcome> = {
  TaintNotTolerated: 'taint',
  NodeSelectorMismatch: 'nodeSelector',
  NodeAffinityMismatch: 'affinity',
  NodeNameMismatch: 'nodeName',
};

export interface NodeRow {
  name: string;
  outcome: Outcome;
  /** Why not, in words (empty when the node runs the pod). */
  reasons: string[];
  /** Things that do not decide placement but matter (does not fit, NotReady without taint). */
  notes: string[];
  /** A running pod would stay (NoSchedule) — only meaningful for the taint outcome. */
  runningPodStays: boolean;
  /** Untolerated NoSchedule/NoExecute taints, for the one-click toleration. */
  untolerated: Taint[];
  labels: Record<string, string>;
  /** The labels worth showing: roles, zone, instance type, and the ones the DaemonSet selects on. */
  keyLabels: string[];
  taints: string[];
  cordoned: boolean;
  notReady: boolean;
  cpuShare: number | undefined;
  memoryShare: number | undefined;
  /** The scheduler's verdict where the controller places a pod: Pending and why, or what it preempts. */
  scheduling: SchedulingRow | undefined;
}

/** The scheduler verdict of one node in the panel's words. */
export interface SchedulingRow {
  pending: boolean;
  /** The first failing filter: NodePorts or NodeResourcesFit; undefined when the pod fits as the node stands. */
  plugin: string | undefined;
  /** "Insufficient cpu (needs 200m, 150m free of 3920m)". */
  reasons: string[];
  /** "fits after preempting 2 pods of priority 0" / "stays Pending: only pods of equal or higher priority". */
  preemption: string | undefined;
  /** The pods preemption evicts, as namespace/name. */
  victims: string[];
  /** "fit is judged against DaemonSets only (no pod data for this node)". */
  basis: string;
}

/** What the scheduler verdict weighs besides the nodes. */
export interface SchedulingContext {
  pods?: readonly Pod[];
  priorityClasses?: readonly PriorityClass[];
  otherDaemonSets?: readonly DaemonSet[];
}

function schedulingRow(verdict: SchedulingVerdict | undefined): SchedulingRow | undefined {
  if (!verdict) return undefined;
  return {
    pending: verdict.pending,
    plugin: verdict.plugin,
    reasons: [...verdict.reasons],
    preemption: verdict.preemption?.message,
    victims: verdict.preemption?.victims.map((victim) => `${victim.namespace}/${victim.name}`) ?? [],
    basis: describeSchedulingBasis(verdict.basis),
  };
}

export interface PlacementView {
  key: string;
  name: string;
  namespace: string;
  status: DaemonSetStatus;
  /** As `kubectl get ds -o wide` prints NODE SELECTOR. */
  nodeSelector: string;
  rows: NodeRow[];
  counts: Record<Outcome, number>;
  cost: CostSummary;
}

const ALWAYS_SHOWN = [/^node-role\.kubernetes\.io\//, /^topology\.kubernetes\.io\/zone$/, /^node\.kubernetes\.io\/instance-type$/];

/** Label keys the DaemonSet's nodeSelector and required node affinity look at. */
function selectedKeys(daemonSet: DaemonSet): Set<string> {
  const spec = daemonSet.spec.template.spec;
  const keys = new Set(Object.keys(spec.nodeSelector ?? {}));
  for (const term of spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const requirement of term.matchExpressions ?? []) keys.add(requirement.key);
  }
  return keys;
}

function keyLabels(labels: Record<string, string>, selected: Set<string>): string[] {
  const shown: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (selected.has(key) || ALWAYS_SHOWN.some((pattern) => pattern.test(key))) shown.push(value ? `${key}=${value}` : key);
  }
  return shown;
}

export function computePlacementView(input: DaemonSet, nodes: readonly Node[], context: SchedulingContext = {}): PlacementView {
  const daemonSet = setDefaultsDaemonSet(input);
  const preview = previewDaemonSet(daemonSet, nodes, {
    pods: context.pods && context.pods.length > 0 ? context.pods : undefined,
    priorityClasses: context.priorityClasses,
    otherDaemonSets: context.otherDaemonSets,
  });
  const resources = podResources(daemonSet);
  const selected = selectedKeys(daemonSet);
  const counts: Record<Outcome, number> = { runs: 0, pending: 0, taint: 0, nodeSelector: 0, affinity: 0, nodeName: 0 };
  const rows = preview.nodes.map((result, index): NodeRow => {
    const node = nodes[index];
    const outcome: Outcome = result.outcome === 'pending' ? 'pending' : result.shouldRun ? 'runs' : OUTCOME_OF_REASON[result.reasons[0]?.code ?? 'NodeNameMismatch'];
    counts[outcome]++;
    return {
      name: result.name,
      outcome,
      reasons: result.reasons.map((reason) => reason.message),
      notes: result.notes.map((note) => note.message),
      runningPodStays: result.shouldContinueRunning,
      untolerated: result.untoleratedTaints,
      labels: node.metadata.labels,
      keyLabels: keyLabels(node.metadata.labels, selected),
      taints: node.spec.taints.map(formatTaint),
      cordoned: node.spec.unschedulable,
      notReady: nodeReadyStatus(node) === 'False' || nodeReadyStatus(node) === 'Unknown',
      cpuShare: allocatableShare(resources.requests.cpu, node, 'cpu'),
      memoryShare: allocatableShare(resources.requests.memory, node, 'memory'),
      scheduling: schedulingRow(result.scheduling),
    };
  });
  const nodeSelector = Object.entries(daemonSet.spec.template.spec.nodeSelector ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  return {
    key: daemonSetKey(daemonSet),
    name: preview.name,
    namespace: preview.namespace,
    status: preview.status,
    nodeSelector: nodeSelector || '<none>',
    rows,
    counts,
    cost: costSummary(resources, counts.runs, counts.pending),
  };
}

/** A taint reason's consequence in one phrase, for the row badge. */
export function taintConsequence(row: NodeRow): string {
  return row.runningPodStays ? 'no new pod; a running pod stays' : 'no pod; a running pod is evicted';
}
