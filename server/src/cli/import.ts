/** `daemonset import --context <ctx> [--kubeconfig <file>] [--namespace <ns>] <dir>` */
import { resolve } from 'node:path';
import { importInventory, KubectlError } from '../host/kubectl';
import { IMPORTED_NODES_FILE, IMPORTED_PODS_FILE, IMPORTED_PRIORITY_CLASSES_FILE, RUNNING_PODS_FIELD_SELECTOR } from '../protocol/kubectl';
import { plural } from '../model/plural';
import { CLUSTER_OPTIONS, CliError, parseCommandArgs, requiredClusterOption, stringOption } from './args';
import type { CliIo } from './io';

export const IMPORT_HELP = `Usage: daemonset import --context <context> [options] <dir>

Reads the Nodes, the unfinished Pods and the PriorityClasses of a cluster
with kubectl and saves them as the inventory that preview, rollout and lint
read (--inventory <dir>) and the editor shows:

  <dir>/${IMPORTED_NODES_FILE}   kubectl get nodes -o json
  <dir>/${IMPORTED_PODS_FILE}    kubectl get pods --all-namespaces -o json
                     --field-selector=${RUNNING_PODS_FIELD_SELECTOR}
  <dir>/${IMPORTED_PRIORITY_CLASSES_FILE}
                     kubectl get priorityclasses -o json (the priorities
                     pods preempt with, as in the cluster)

All are fetched before anything is written: when kubectl is missing, times
out, cannot reach the cluster or is denied the nodes or pods, nothing is
written (exit 2). PriorityClasses that may not be read are left out (an
earlier ${IMPORTED_PRIORITY_CLASSES_FILE} is removed) and said on stderr: then
only the two built-in classes are known.

Options:
  --context <name>        kubectl context to read from (required)
  --kubeconfig <file>     kubeconfig file (default: kubectl's, $KUBECONFIG or ~/.kube/config)
  --namespace <ns>        Only the pods of this namespace (nodes are cluster-wide)
  --timeout <seconds>     Limit for each kubectl command (default: 30)
  -h, --help              Show this help
`;

export async function runImport(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('import', argv, {
    ...CLUSTER_OPTIONS,
    namespace: { type: 'string', short: 'n' },
  });
  if (args.values.help) {
    io.stdout(IMPORT_HELP);
    return 0;
  }
  const cluster = requiredClusterOption(args, 'import', io.cwd);
  const context = cluster.target.context;
  if (args.positionals.length !== 1) throw new CliError('import: expected one folder to write the inventory to (see daemonset import --help)');
  const dir = args.positionals[0];
  try {
    const result = await importInventory({
      target: cluster.target,
      namespace: stringOption(args, 'namespace'),
      dir: resolve(io.cwd, dir),
      env: io.env,
      timeoutMs: cluster.timeoutMs,
    });
    const folder = dir.replace(/[\\/]+$/, '');
    if (result.priorityClassesUnread !== undefined) {
      io.stderr(`import: priorityclasses: ${result.priorityClassesUnread} (not imported: pods preempt with the built-in PriorityClasses only)\n`);
    }
    const parts = [`${plural(result.nodes, 'node')} into ${folder}/${IMPORTED_NODES_FILE}`, `${plural(result.pods, 'pod')} into ${folder}/${IMPORTED_PODS_FILE}`];
    if (result.priorityClassesFile) parts.push(`${plural(result.priorityClasses, 'PriorityClass', 'PriorityClasses')} into ${folder}/${IMPORTED_PRIORITY_CLASSES_FILE}`);
    io.stdout(`Imported ${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]} from context ${context}.\n`);
    return 0;
  } catch (error) {
    if (error instanceof KubectlError) throw new CliError(`import: ${error.message}`);
    throw error;
  }
}
