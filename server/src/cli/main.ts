/**
 * The `daemonset` command-line tool. Subcommands register in COMMANDS, so a
 * new one (e.g. `lint`) is one entry. Exit codes: 0 success, 1 lint found an
 * error-severity diagnostic (or an internal error), 2 usage errors and
 * unreadable or invalid input (one line on stderr). The process entry that
 * runs it is `bin.ts`.
 */
import { CliError } from './args';
import type { CliIo } from './io';
import { runCluster } from './cluster';
import { runImport } from './import';
import { runLint } from './lint';
import { runPreview } from './preview';
import { runRollout } from './rollout';

import { CLI_VERSION } from './version';

export { CLI_VERSION };

export interface CliCommand {
  summary: string;
  run: (argv: readonly string[], io: CliIo) => Promise<number>;
}

export const COMMANDS: Record<string, CliCommand> = {
  cluster: { summary: 'every DaemonSet over every node pool: the daemon tax, coverage and host ports', run: runCluster },
  import: { summary: 'save the Nodes and Pods of a cluster (kubectl) as an inventory', run: runImport },
  lint: { summary: 'check manifests: schema, API-server rules and DaemonSet pitfalls', run: runLint },
  preview: { summary: 'which nodes run a pod of each DaemonSet, and why', run: runPreview },
  rollout: { summary: 'simulate a rolling update step by step', run: runRollout },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const commands = Object.entries(COMMANDS)
    .map(([name, command]) => `  ${name.padEnd(width)}   ${command.summary}`)
    .join('\n');
  return `Usage: daemonset <command> [options]

Kubernetes DaemonSet checks, placement and rollouts, computed as the API
server and the DaemonSet controller do.

Commands:
${commands}

Options:
  -h, --help      Show help (also: daemonset <command> --help)
  -v, --version   Show the version

Exit status: 0 on success, 2 for unreadable or invalid input or a failed
import (lint: 1 when an error-severity diagnostic was found).
`;
}

export function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    now: () => Date.now(),
  };
}

export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    if (first === 'help' && rest[0] && COMMANDS[rest[0]]) return COMMANDS[rest[0]].run(['--help'], io);
    io.stdout(mainHelp());
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${CLI_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[first];
  if (!command) {
    io.stderr(`daemonset: unknown command ${JSON.stringify(first)} (commands: ${Object.keys(COMMANDS).join(', ')}; see daemonset --help)\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`daemonset: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    io.stderr(`daemonset: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
