/** Argument parsing shared by the subcommands, on node's util.parseArgs. */
import { resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { parseKubernetesVersion } from '../model/kubernetesVersion';

/** Bad input or usage: the CLI prints the one-line message and exits 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  /** The options in command-line order, for options that belong to the one before them (`--helm a --values x --helm b`). */
  options: Array<{ name: string; value: string | undefined }>;
}

export function parseCommandArgs(command: string, argv: readonly string[], options: OptionSpec): ParsedArgs {
  try {
    const parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true, tokens: true });
    const ordered = parsed.tokens.flatMap((token) => (token.kind === 'option' ? [{ name: token.name, value: token.value }] : []));
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals, options: ordered };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CliError(`${command}: ${message} (see daemonset ${command} --help)`);
  }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredOption(args: ParsedArgs, command: string, name: string): string {
  const value = stringOption(args, name);
  if (!value) throw new CliError(`${command}: --${name} is required (see daemonset ${command} --help)`);
  return value;
}

export type OutputFormat = 'table' | 'json';

export function formatOption(args: ParsedArgs, command: string): OutputFormat {
  const format = stringOption(args, 'format') ?? 'table';
  if (format !== 'table' && format !== 'json') throw new CliError(`${command}: --format must be table or json, not ${JSON.stringify(format)}`);
  return format;
}

/** --now: the clock for pod availability (RFC 3339); defaults to the real time. */
export function nowOption(args: ParsedArgs, command: string, fallback: () => number): number {
  const text = stringOption(args, 'now');
  if (text === undefined) return fallback();
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new CliError(`${command}: --now must be an RFC 3339 time such as 2024-01-01T00:00:00Z, not ${JSON.stringify(text)}`);
  return ms;
}

/** `--kubernetes-version 1.29` (or v1.29.3): the version the version-aware rules judge against. */
export function kubernetesVersionOption(args: ParsedArgs, command: string): { value: string; label: string } | undefined {
  const value = stringOption(args, 'kubernetes-version');
  if (value === undefined) return undefined;
  if (!parseKubernetesVersion(value)) {
    throw new CliError(`${command}: --kubernetes-version must be a Kubernetes version such as 1.29 or v1.29.3, not ${JSON.stringify(value)}`);
  }
  return { value, label: '--kubernetes-version' };
}

/** The options that name a cluster: `--context` (required when any is given), `--kubeconfig`, `--timeout`. */
export const CLUSTER_OPTIONS: OptionSpec = {
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
  timeout: { type: 'string' },
};

/** The help lines of CLUSTER_OPTIONS, descriptions starting at `column` as in the command's own help. */
export function clusterOptionsHelp(column: number): string {
  return [
    ['--context <name>', 'kubectl context of the cluster to read'],
    ['--kubeconfig <file>', "kubeconfig file (default: kubectl's, $KUBECONFIG or ~/.kube/config)"],
    ['--timeout <seconds>', 'Limit for each kubectl command (default: 30)'],
  ]
    .map(([option, text]) => `  ${option}`.padEnd(column) + text)
    .join('\n');
}

export interface ClusterOption {
  target: { context: string; kubeconfig?: string };
  timeoutMs?: number;
}

/** The cluster the options name, with the kubeconfig resolved against `cwd`; undefined without --context. */
export function clusterOption(args: ParsedArgs, command: string, cwd: string): ClusterOption | undefined {
  const context = stringOption(args, 'context');
  const kubeconfig = stringOption(args, 'kubeconfig');
  const timeout = stringOption(args, 'timeout');
  if (context === undefined) {
    if (kubeconfig !== undefined || timeout !== undefined) throw new CliError(`${command}: --kubeconfig and --timeout need --context (see daemonset ${command} --help)`);
    return undefined;
  }
  if (context === '') throw new CliError(`${command}: --context must name a kubectl context`);
  let timeoutMs: number | undefined;
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (!/^\d+(\.\d+)?$/.test(timeout) || !(seconds > 0)) throw new CliError(`${command}: --timeout must be a positive number of seconds, not ${JSON.stringify(timeout)}`);
    timeoutMs = seconds * 1000;
  }
  return { target: { context, kubeconfig: kubeconfig === undefined ? undefined : resolvePath(cwd, kubeconfig) }, timeoutMs };
}

/** clusterOption for a command that always reads a cluster. */
export function requiredClusterOption(args: ParsedArgs, command: string, cwd: string): ClusterOption {
  requiredOption(args, command, 'context');
  return clusterOption(args, command, cwd) as ClusterOption;
}
