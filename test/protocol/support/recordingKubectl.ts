/** A `kubectl` on a PATH of its own that records each run before running the real one: what the protocol tests check was (not) run. */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

function realKubectl(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'kubectl');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error('kubectl is not on the PATH: `npm test` installs it (Debian kubernetes-client)');
}

/** Writes `<parent>/bin/kubectl`; returns the log of its runs (one line of arguments per run) and the environment that finds it first. */
export function recordingKubectl(parent: string): { runs: string; env: NodeJS.ProcessEnv } {
  const bin = join(parent, 'bin');
  mkdirSync(bin);
  const runs = join(parent, 'kubectl-runs.log');
  writeFileSync(join(bin, 'kubectl'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${runs}'\nexec '${realKubectl()}' "$@"\n`, { mode: 0o755 });
  return { runs, env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` } };
}

/** A workspace folder in a temporary folder of its own, beside the recording kubectl. */
export interface KubectlWorkspace {
  root: string;
  runs: string;
  env: NodeJS.ProcessEnv;
  uri(path: string): string;
  dispose(): void;
}

/** Makes `<tmp>/<prefix>…/workspace`, lets `populate` fill it, then puts the recording kubectl beside it. */
export function kubectlWorkspace(prefix: string, populate: (root: string) => void): KubectlWorkspace {
  const parent = mkdtempSync(join(tmpdir(), prefix));
  const root = join(parent, 'workspace');
  mkdirSync(root);
  populate(root);
  const { runs, env } = recordingKubectl(parent);
  return { root, runs, env, uri: (path) => pathToFileURL(join(root, path)).href, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}
