/** A `kubectl` on a PATH of its own that records each run before running the real one: what the protocol tests check was (not) run. */
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

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
