/**
 * `daemonset lint` of what the real `kubectl get ds -A -o yaml` printed (a `kind: List`) from the
 * loopback API server serving test/fixtures/live/exported-daemonsets.yaml: each DaemonSet of the
 * List is linted as a document of its own, its findings on the item's lines of kubectl's layout,
 * the cross-document rules across the items; the same findings as the DaemonSets written as
 * documents of their own.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import type { CliIo } from '../../../server/src/cli/io';
import { runCli } from '../../../server/src/cli/main';
import { runKubectl } from '../../../server/src/host/kubectl';
import { repoRoot } from '../../support/golden';
import { useFakeApiServer } from '../../support/useFakeApiServer';

const fake = useFakeApiServer({ fixtures: ['test/fixtures/live/exported-daemonsets.yaml'] });

async function lint(file: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => {}, cwd: repoRoot, now: () => 0, env: {} };
  const code = await runCli(['lint', file], io);
  return { code, stdout };
}

describe('daemonset lint of kubectl get ds -A -o yaml (real kubectl, loopback API server)', () => {
  it('reports each DaemonSet of the List on its own lines, the host port conflict across items', async () => {
    const exported = await runKubectl(['--kubeconfig', fake.kubeconfig, 'get', 'ds', '-A', '-o', 'yaml'], { env: fake.kubectlEnv() });
    assert.match(exported, /^kind: List$/m, 'kubectl printed a List');
    const file = fake.scratchPath('all.yaml');
    writeFileSync(file, exported);
    const lines = exported.split('\n');
    /** The 1-based line numbers of the lines that read `text` (trimmed). */
    const linesOf = (text: string) => lines.flatMap((line, index) => (line.trim() === text ? [index + 1] : []));
    const { code, stdout } = await lint(file);
    assert.equal(code, 0);
    const findings = stdout
      .split('\n')
      .filter((line) => line.startsWith(file))
      .map((line) => line.slice(file.length + 1).split(' ').slice(0, 3).join(' '));
    assert.deepEqual(findings, [
      // On the container's name, in the exporter's item; the agent has requests.
      `${linesOf('name: node-exporter')[1]}:11 warning missing-resource-requests`,
      `${linesOf('hostPort: 9100')[0]}:23 warning hostport-conflict`,
      `${linesOf('hostPort: 9100')[1]}:23 warning hostport-conflict`,
    ]);

    // The same as the items written as documents of their own (kubectl's layout kept: the items' lines re-indented).
    const documents = (parse(exported) as { items: unknown[] }).items.map((item) => stringify(item)).join('---\n');
    const split = fake.scratchPath('split.yaml');
    writeFileSync(split, documents);
    const rules = (out: string, name: string) => out.split('\n').filter((line) => line.startsWith(name)).map((line) => line.split(' ').slice(1, 3).join(' '));
    assert.deepEqual(rules(stdout, file), rules((await lint(split)).stdout, split));
  });
});
