import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import { getLanguageService } from '../../../server/src/service/languageService';
import { textDocument } from '../../support/textDocument';

const daemonSet = (name: string, selector: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: logging
spec:
  selector:
    matchLabels:
      ${selector}
  template:
    metadata:
      labels:
        app: agent
        app.kubernetes.io/name: agent
    spec:
      priorityClassName: system-node-critical
      containers:
        - name: agent
          image: example/agent:1.0
          resources:
            requests: {cpu: 10m, memory: 16Mi}
`;

function selectorChanged(text: string, baseline?: string) {
  return getLanguageService()
    .doValidation(textDocument(text), baseline === undefined ? {} : { baseline: { label: 'git HEAD', text: baseline } })
    .filter((d) => d.rule === 'selector-changed');
}

describe('selector-changed', () => {
  it('reports a selector that differs from the committed version, on the selector key', () => {
    const [finding] = selectorChanged(daemonSet('agent', 'app.kubernetes.io/name: agent'), daemonSet('agent', 'app: agent'));
    assert.equal(finding.severity, 'error');
    assert.equal(finding.range.start.line, 6);
    assert.match(finding.message, /since git HEAD \(app=agent → app\.kubernetes\.io\/name=agent\).*immutable/);
  });

  for (const [name, current, committed] of [
    ['an unchanged selector', daemonSet('agent', 'app: agent'), daemonSet('agent', 'app: agent')],
    ['a renamed DaemonSet (a new object)', daemonSet('agent-v2', 'app.kubernetes.io/name: agent'), daemonSet('agent', 'app: agent')],
    ['a file without a committed version', daemonSet('agent', 'app: agent'), undefined],
  ] as const) {
    it(`stays silent for ${name}`, () => assert.deepEqual(selectorChanged(current, committed), []));
  }

  it('compares with a git ref in daemonset lint --base', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'daemonset-git-'));
    try {
      const git = (...args: string[]) =>
        execFileSync('git', ['-C', repo, '-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { stdio: 'pipe' });
      git('init', '-q');
      writeFileSync(join(repo, 'agent.yaml'), daemonSet('agent', 'app: agent'));
      git('add', 'agent.yaml');
      git('commit', '-q', '-m', 'agent');
      writeFileSync(join(repo, 'agent.yaml'), daemonSet('agent', 'app.kubernetes.io/name: agent'));
      let stdout = '';
      const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined, cwd: repo, now: () => 0 };
      assert.equal(await runCli(['lint', 'agent.yaml', '--base', 'HEAD'], io), 1);
      assert.match(stdout, /^agent\.yaml:7:3 error selector-changed The selector changed since HEAD/m);
      stdout = '';
      assert.equal(await runCli(['lint', 'agent.yaml'], io), 0, 'without --base there is nothing to compare');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
