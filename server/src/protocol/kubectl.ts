/**
 * The pure part of importing from a cluster, shared by the editor's "Import
 * Nodes from Cluster" (client/src/kubectlImport.ts) and `daemonset import`
 * (server/src/host/kubectl.ts): kubectl arguments, the inventory file names,
 * and kubectl failures in words. Neither `vscode` nor Node here, so both sides
 * build the very same command lines.
 */

/** Whole-command limit; kubectl's own --request-timeout is shorter so it usually explains itself first. */
export const KUBECTL_TIMEOUT_MS = 30_000;
export const KUBECTL_MAX_BUFFER = 256 * 1024 * 1024;

export function listContextsArgs(): string[] {
  return ['config', 'get-contexts', '-o', 'name'];
}

/** Which cluster kubectl talks to: a context, and the kubeconfig file when not kubectl's default. */
export interface KubectlTarget {
  context: string;
  kubeconfig?: string;
}

/** Pods that hold a node's resources and a DaemonSet's status: those not finished (what the scheduler counts). */
export const RUNNING_PODS_FIELD_SELECTOR = 'status.phase!=Succeeded,status.phase!=Failed';

/** `--context=<name>` (and `--kubeconfig=<file>`) in one argument each, so a name can never be read as another flag. */
function targetArgs(target: KubectlTarget): string[] {
  return [`--context=${target.context}`, ...(target.kubeconfig ? [`--kubeconfig=${target.kubeconfig}`] : [])];
}

export function getNodesArgs(target: KubectlTarget, output: 'json' | 'yaml' = 'json'): string[] {
  return [...targetArgs(target), 'get', 'nodes', '-o', output, '--request-timeout=20s'];
}

/** The unfinished pods of every namespace, or of one. */
export function getPodsArgs(target: KubectlTarget, namespace?: string, output: 'json' | 'yaml' = 'json'): string[] {
  const scope = namespace ? [`--namespace=${namespace}`] : ['--all-namespaces'];
  return [...targetArgs(target), 'get', 'pods', ...scope, `--field-selector=${RUNNING_PODS_FIELD_SELECTOR}`, '-o', output, '--request-timeout=20s'];
}

/** The cluster's namespaces, one `namespace/<name>` a line: the editor's import offers them. */
export function listNamespacesArgs(target: KubectlTarget): string[] {
  return [...targetArgs(target), 'get', 'namespaces', '-o', 'name', '--request-timeout=20s'];
}

/** `namespace/kube-system` lines → `kube-system`. */
export function parseNamespaces(stdout: string): string[] {
  return parseContexts(stdout).map((line) => line.replace(/^namespaces?\//, ''));
}

/** The DaemonSets of one namespace, for the comparison with what is live. */
export function getDaemonSetsArgs(target: KubectlTarget, namespace: string): string[] {
  return [...targetArgs(target), 'get', 'daemonsets', `--namespace=${namespace}`, '-o', 'json', '--request-timeout=20s'];
}

/** The cluster's PriorityClasses (cluster-scoped): the priorities a rollout's surge pods preempt with, beside the two built-in system classes. */
export function getPriorityClassesArgs(target: KubectlTarget, output: 'json' | 'yaml' = 'json'): string[] {
  return [...targetArgs(target), 'get', 'priorityclasses', '-o', output, '--request-timeout=20s'];
}

/** The files `daemonset import` writes into its folder: what `--inventory <folder>` and the editor's inventory read. */
export const IMPORTED_NODES_FILE = 'nodes.json';
export const IMPORTED_PODS_FILE = 'pods.json';
/** Written when the cluster's PriorityClasses could be read and it lists any (it lists the two system ones). */
export const IMPORTED_PRIORITY_CLASSES_FILE = 'priorityclasses.json';

export function parseContexts(stdout: string): string[] {
  return stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** `<context>.nodes.yaml`, with anything but letters, digits, dot, dash and underscore made a dash. */
export function inventoryFileName(context: string): string {
  const safe = context.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100);
  return `${safe || 'cluster'}.nodes.yaml`;
}

/** kubectl's lists (YAML) that the editor's inventory file holds; the PriorityClasses when they could be read. */
export interface ImportedLists {
  nodes: string;
  pods: string;
  priorityClasses?: string;
}

/**
 * The editor's inventory file for a context: a header saying where it came
 * from, kubectl's Nodes, then (a second YAML document) its unfinished Pods
 * and (a third, when they could be read) its PriorityClasses, the priorities
 * of the pods for preemption, so the one file the inventory setting names
 * holds them all.
 */
export function importedInventoryText(context: string, date: Date, lists: ImportedLists, namespace?: string): string {
  const scope = namespace ? `--namespace=${namespace}` : '--all-namespaces';
  const header =
    `# Node inventory of kubectl context ${JSON.stringify(context)}, imported ${date.toISOString()} with\n` +
    `#   kubectl get nodes -o yaml\n` +
    `#   kubectl get pods ${scope} --field-selector=${RUNNING_PODS_FIELD_SELECTOR} -o yaml (the second document)\n` +
    (lists.priorityClasses === undefined ? '' : `#   kubectl get priorityclasses -o yaml (the third document)\n`);
  const body = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  const classes = lists.priorityClasses === undefined ? '' : `---\n${body(lists.priorityClasses)}`;
  return `${header}${body(lists.nodes)}---\n${body(lists.pods)}${classes}`;
}

export interface ExecFailure {
  /** Node's error code: 'ENOENT' when the program is missing, or the exit code. */
  code?: string | number | null;
  killed?: boolean;
  signal?: string | null;
}

export type KubectlProblem = 'not-installed' | 'timeout' | 'denied' | 'unreachable' | 'no-context' | 'failed';

/** klog's lines (`E1130 19:57:03.472454   30522 memcache.go:265] …`): kubectl's own message is the line that is not one. */
const KLOG_LINE = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ \S+:\d+\]/;

export function classifyKubectlFailure(error: ExecFailure, stderr: string, timeoutMs = KUBECTL_TIMEOUT_MS): { problem: KubectlProblem; message: string } {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  const firstLine = lines.find((line) => !KLOG_LINE.test(line)) ?? lines[0] ?? '';
  if (error.code === 'ENOENT') {
    return { problem: 'not-installed', message: 'kubectl is not installed or not on the PATH. Install it, or save nodes with `kubectl get nodes -o yaml > cluster.nodes.yaml` elsewhere.' };
  }
  if (error.killed || error.signal === 'SIGTERM' || error.code === 'ETIMEDOUT') {
    return { problem: 'timeout', message: `kubectl did not answer within ${timeoutMs / 1000} seconds: is the cluster reachable?` };
  }
  if (/forbidden|unauthorized|must be logged in|permission/i.test(stderr)) {
    return { problem: 'denied', message: `The cluster denied the request: ${firstLine}` };
  }
  if (/connection refused|no such host|i\/o timeout|unable to connect|dial tcp|was refused|deadline exceeded/i.test(stderr)) {
    return { problem: 'unreachable', message: `The cluster cannot be reached: ${firstLine}` };
  }
  if (/context .* (does not exist|not found)|no context/i.test(stderr)) {
    return { problem: 'no-context', message: `No such kubectl context: ${firstLine}` };
  }
  return { problem: 'failed', message: `kubectl failed${typeof error.code === 'number' ? ` (exit ${error.code})` : ''}: ${firstLine || 'no message'}` };
}
