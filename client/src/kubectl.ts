/**
 * The pure part of "Import Nodes from Cluster": kubectl arguments, the
 * inventory file name for a context, and kubectl failures in words. No
 * `vscode` here, so it is unit-tested directly.
 */

/** Whole-command limit; kubectl's own --request-timeout is shorter so it usually explains itself first. */
export const KUBECTL_TIMEOUT_MS = 30_000;
export const KUBECTL_MAX_BUFFER = 256 * 1024 * 1024;

export function listContextsArgs(): string[] {
  return ['config', 'get-contexts', '-o', 'name'];
}

/** `--context=<name>` in one argument, so a context name can never be read as another flag. */
export function getNodesArgs(context: string): string[] {
  return [`--context=${context}`, 'get', 'nodes', '-o', 'yaml', '--request-timeout=20s'];
}

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

/** The header written above kubectl's output, so the file says where it came from. */
export function inventoryHeader(context: string, date: Date): string {
  return `# Node inventory of kubectl context ${JSON.stringify(context)}, imported ${date.toISOString()} with\n#   kubectl get nodes -o yaml\n`;
}

export interface ExecFailure {
  /** Node's error code: 'ENOENT' when the program is missing, or the exit code. */
  code?: string | number | null;
  killed?: boolean;
  signal?: string | null;
}

export type KubectlProblem = 'not-installed' | 'timeout' | 'denied' | 'unreachable' | 'no-context' | 'failed';

export function classifyKubectlFailure(error: ExecFailure, stderr: string): { problem: KubectlProblem; message: string } {
  const firstLine = stderr.split(/\r?\n/).map((line) => line.trim()).find((line) => line.length > 0) ?? '';
  if (error.code === 'ENOENT') {
    return { problem: 'not-installed', message: 'kubectl is not installed or not on the PATH. Install it, or save nodes with `kubectl get nodes -o yaml > cluster.nodes.yaml` elsewhere.' };
  }
  if (error.killed || error.signal === 'SIGTERM' || error.code === 'ETIMEDOUT') {
    return { problem: 'timeout', message: `kubectl did not answer within ${KUBECTL_TIMEOUT_MS / 1000} seconds: is the cluster reachable?` };
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
