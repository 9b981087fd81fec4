/**
 * `daemonset rollout <new.yaml> --from <old.yaml> --inventory <nodes> [--pods <pods.yaml>] [--format table|json]`,
 * or `daemonset rollout <new.yaml> --context <ctx>`: from the live DaemonSet, nodes and pods.
 */
import type { DaemonSet, Pod } from '../model/kubeTypes';
import { plural } from '../model/plural';
import { getDaemonPods, namespaceOf, simulateRollout, type PendingSurgePod, type RolloutPlan, type RolloutStep } from '../reconciler';
import { mostCommonRevisionHash, templateUnchangedOnApply } from '../model/liveCluster';
import { CLUSTER_OPTIONS, clusterOptionsHelp, clusterOption, formatOption, nowOption, parseCommandArgs, requiredOption, stringOption, CliError, type ClusterOption } from './args';
import { KubectlError } from '../host/kubectl';
import { fetchLiveCluster, unreadRolloutCost } from '../host/liveCluster';
import { readDaemonSets, readInventory, type CliIo } from './io';
import { renderTable } from './table';
import { nodesWithGroupNodes } from '../model/nodeGroupNodes';

export const ROLLOUT_HELP = `Usage: daemonset rollout <new.yaml> --from <old.yaml> --inventory <nodes> [options]
       daemonset rollout <new.yaml> --context <context> [options]

Simulates the DaemonSet controller rolling from the old DaemonSet to the new
one, sync by sync: which nodes lose their old pod and which get a new one.

Options:
  --from <path>           The DaemonSet before the change
  --inventory <path>      Nodes: a YAML or JSON file, or a folder of them (recursively);
                          its Pods of other workloads are what a surge pod must fit
                          beside, its PriorityClasses what pods preempt with
  --pods <path>           Existing Pods the rollout starts from (node, labels, Ready
                          condition, deletion); default: one ready, available old pod
                          on every node that runs the old DaemonSet
  --format table|json     Output format (default: table)
  --revision-hash <hash>  controller-revision-hash of the new template, when the
                          given pods already include new ones
  --now <time>            Clock for pod availability (RFC 3339; default: now)
${clusterOptionsHelp(26)}
                          Instead of --from, --inventory and --pods: the live DaemonSet
                          of the same namespace and name, the live nodes, the live pods
                          of its namespace (with their controller-revision-hash), the
                          pods of other namespaces on the nodes (what surge pods must
                          fit beside; its namespace's only if the cluster-wide list is
                          denied, said on stderr) and the cluster's PriorityClasses,
                          read with kubectl
  -h, --help              Show this help

Step 1 is the controller's first sync after the change (the per-node pass,
then the rolling-update pass); before each later step the pods created so far
have become ready and available.

JSON: {"daemonSets":[{"name","namespace","strategy","desiredNumberScheduled",
"maxUnavailable","maxSurge","steps":[{"create":[node…],"delete":[node…],"pending"?:[…]}],
"stuck"?:[{"node","plugin","reasons":[…],"blockedByOldPod","message"}]}]}

With maxSurge the new pod is created next to the old one, and the old pod is
deleted only once the new one is available. A new pod the scheduler cannot
bind there (a hostPort the old pod holds, hostNetwork ports, no room for both
pods' requests) stays Pending: the rollout stops on that node, and the output
says where and why ("pending" per step, "stuck" for the plan).
`;

interface RolloutOutput {
  name: string;
  namespace: string;
  plan: RolloutPlan;
}

function pairDaemonSets(next: readonly DaemonSet[], previous: readonly DaemonSet[]): Array<[DaemonSet, DaemonSet]> {
  const key = (ds: DaemonSet): string => `${namespaceOf(ds)}/${ds.metadata.name}`;
  if (next.length === 1 && previous.length === 1) return [[previous[0], next[0]]];
  return next.map((ds) => {
    const match = previous.find((old) => key(old) === key(ds));
    if (!match) throw new CliError(`rollout: no DaemonSet ${key(ds)} in the --from file`);
    return [match, ds];
  });
}

function renderRolloutTable(outputs: readonly RolloutOutput[]): string {
  return outputs
    .map(({ name, namespace, plan }) => {
      const head =
        `${namespace}/${name}: ${plan.strategy}, desired ${plan.desiredNumberScheduled}, ` +
        `maxUnavailable ${plan.maxUnavailable}, maxSurge ${plan.maxSurge}, ${plural(plan.steps.length, 'step')}` +
        (plan.error ? ` (rolling update refused: ${plan.error})` : plan.complete ? '' : plan.stuck ? ` (does not complete: stuck on ${plan.stuck.map((entry) => entry.node).join(', ')})` : ' (does not complete)') +
        '\n';
      if (plan.steps.length === 0) return head;
      const created = (step: RolloutStep): string => {
        const pending = new Set(step.pending?.map((entry) => entry.node));
        return step.create.map((nodeName) => (pending.has(nodeName) ? `${nodeName} (Pending)` : nodeName)).join(',') || '-';
      };
      const table = renderTable(['STEP', 'CREATE', 'DELETE'], plan.steps.map((step, index) => [String(index + 1), created(step), step.delete.join(',') || '-']));
      // R11: where a surge pod stays Pending the rollout stops.
      const stuck = (plan.stuck ?? []).map((entry) => `Stuck: ${entry.message}\n`).join('');
      return head + table + stuck;
    })
    .join('\n');
}

export async function runRollout(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('rollout', argv, {
    from: { type: 'string' },
    inventory: { type: 'string', short: 'i' },
    pods: { type: 'string' },
    format: { type: 'string', short: 'o' },
    'revision-hash': { type: 'string' },
    now: { type: 'string' },
    ...CLUSTER_OPTIONS,
  });
  if (args.values.help) {
    io.stdout(ROLLOUT_HELP);
    return 0;
  }
  if (args.positionals.length !== 1) throw new CliError('rollout: expected exactly one manifest file (the new DaemonSet; see daemonset rollout --help)');
  const format = formatOption(args, 'rollout');
  const cluster = clusterOption(args, 'rollout', io.cwd);
  if (cluster) return renderRollout(io, format, await liveRollout(io, args, cluster));
  const fromPath = requiredOption(args, 'rollout', 'from');
  const inventoryPath = requiredOption(args, 'rollout', 'inventory');
  const nowMs = nowOption(args, 'rollout', io.now);
  const next = readDaemonSets(io, args.positionals[0]);
  const previous = readDaemonSets(io, fromPath);
  const inventory = await readInventory(io, inventoryPath);
  const podsPath = stringOption(args, 'pods');
  const pods: Pod[] | undefined = podsPath ? (await readInventory(io, podsPath, 'pods')).pods : undefined;
  // As in the preview's stepper: the rollout starts from --pods (else the steady state), and the inventory's pods are the
  // other workloads a surge pod must fit beside (R11); an inventory without pods says nothing of them.
  const otherPods = inventory.pods.length > 0 ? inventory.pods : undefined;
  const currentHash = stringOption(args, 'revision-hash');
  const outputs: RolloutOutput[] = pairDaemonSets(next, previous).map(([old, ds]) => ({
    name: ds.metadata.name,
    namespace: namespaceOf(ds),
    plan: simulateRollout(old, ds, nodesWithGroupNodes(inventory.nodes, inventory.groups), { pods, otherPods, nowMs, currentHash, priorityClasses: inventory.priorityClasses }),
  }));
  return renderRollout(io, format, outputs);
}

/** Each DaemonSet of the file rolled from its live version in the cluster, on the live nodes, from the live pods. */
async function liveRollout(io: CliIo, args: ReturnType<typeof parseCommandArgs>, cluster: ClusterOption): Promise<RolloutOutput[]> {
  for (const option of ['from', 'inventory', 'pods'] as const) {
    if (stringOption(args, option) !== undefined) throw new CliError(`rollout: --${option} and --context exclude each other: --context reads the live DaemonSet, nodes and pods`);
  }
  const next = readDaemonSets(io, args.positionals[0]);
  const live = await fetchLiveCluster({ ...cluster, namespaces: next.map(namespaceOf), env: io.env, now: io.now }).catch((error: unknown) => {
    throw error instanceof KubectlError ? new CliError(`rollout: context ${cluster.target.context}: ${error.message}`) : error;
  });
  const { nodes, pods, priorityClasses } = live;
  if (!nodes || !pods) throw new CliError(`rollout: ${live.label}: ${live.unread.join('; ')}`);
  // With nodes and pods read, what is left unread (PriorityClasses, other namespaces' pods) leaves the simulation less to weigh.
  for (const problem of live.unread) io.stderr(`rollout: ${live.label}: ${problem} (${unreadRolloutCost(problem, live.namespaces) ?? 'not read'})\n`);
  const nowMs = stringOption(args, 'now') === undefined ? live.fetchedAtMs : nowOption(args, 'rollout', io.now);
  const currentHash = stringOption(args, 'revision-hash');
  return next.map((ds) => {
    const key = `${namespaceOf(ds)}/${ds.metadata.name}`;
    const old = live.daemonSets.find((candidate) => `${namespaceOf(candidate)}/${candidate.metadata.name}` === key);
    if (!old) throw new CliError(`rollout: no DaemonSet ${key} is live in ${live.label}: kubectl apply creates it, there is nothing to roll`);
    // An unchanged template keeps the live revision: its pods are up to date (our hash never equals Kubernetes').
    const hash = currentHash ?? (templateUnchangedOnApply(ds, old) ? mostCommonRevisionHash(getDaemonPods(old, pods)) : undefined);
    return { name: ds.metadata.name, namespace: namespaceOf(ds), plan: simulateRollout(old, ds, nodes, { pods, nowMs, currentHash: hash, priorityClasses }) };
  });
}

function pendingJson(entry: PendingSurgePod): Record<string, unknown> {
  return { node: entry.node, plugin: entry.plugin, reasons: entry.reasons, blockedByOldPod: entry.blockedByOldPod, message: entry.message };
}

function renderRollout(io: CliIo, format: 'table' | 'json', outputs: readonly RolloutOutput[]): number {
  if (format === 'json') {
    const json = {
      daemonSets: outputs.map(({ name, namespace, plan }) => ({
        name,
        namespace,
        strategy: plan.strategy,
        desiredNumberScheduled: plan.desiredNumberScheduled,
        maxUnavailable: plan.maxUnavailable,
        maxSurge: plan.maxSurge,
        steps: plan.steps.map((step) => ({ create: step.create, delete: step.delete, ...(step.pending ? { pending: step.pending.map(pendingJson) } : {}) })),
        ...(plan.stuck ? { stuck: plan.stuck.map(pendingJson) } : {}),
      })),
    };
    io.stdout(JSON.stringify(json, null, 2) + '\n');
  } else {
    io.stdout(renderRolloutTable(outputs));
  }
  return 0;
}
