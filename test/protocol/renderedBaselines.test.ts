/**
 * `daemonset/renderedBaselines` through the built server: the rollout
 * stepper of a preview that follows a chart template or an overlay gets
 * earlier renders — the chart as saved, the chart and the overlay at git HEAD
 * (the real git and kubectl) — and an untrusted workspace runs neither.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { RENDERED_BASELINES_REQUEST, type RenderedBaselinesResult } from '../../server/src/protocol/renderedBaselinesRequest';
import { RENDERED_SCHEME } from '../../server/src/protocol/kustomizeRequest';
import { repoRoot } from '../support/golden';
import { LspTestClient } from './support/lspClient';
import { kubectlWorkspace, type KubectlWorkspace } from './support/recordingKubectl';

/** examples/charts and examples/kustomize committed in a repository of their own, then changed on disk. */
function makeRepository(): KubectlWorkspace {
  return kubectlWorkspace('daemonset-baselines-', (root) => {
    cpSync(join(repoRoot, 'examples', 'charts'), join(root, 'charts'), { recursive: true });
    cpSync(join(repoRoot, 'examples', 'kustomize'), join(root, 'kustomize'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-C', root, '-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'committed');
    // Saved since the commit: more CPU for the agent's default values, more memory for the log shipper's base.
    const values = join(root, 'charts/node-agent/values.yaml');
    writeFileSync(values, readFileSync(values, 'utf8').replace('cpu: 50m', 'cpu: 80m'));
    const base = join(root, 'kustomize/base/vector.yaml');
    writeFileSync(base, readFileSync(base, 'utf8').replace('memory: 256Mi', 'memory: 384Mi'));
  });
}

const TEMPLATE = 'charts/node-agent/templates/daemonset.yaml';

async function withServer(trusted: boolean, test: (client: LspTestClient, repo: ReturnType<typeof makeRepository>) => Promise<void>): Promise<void> {
  const repo = makeRepository();
  const client = LspTestClient.start({ env: repo.env });
  try {
    await client.initialize(pathToFileURL(repo.root).href, trusted ? {} : { initializationOptions: { workspaceTrusted: false } });
    await test(client, repo);
  } finally {
    await client.stop();
    repo.dispose();
  }
}

const cpuOf = (text: string) => /cpu: (\S+)/.exec(text)?.[1];
const memoryLimitOf = (text: string) => /limits:\s+memory: (\S+)/.exec(text)?.[1];

describe('earlier renders for the rollout stepper of a rendered preview', () => {
  it('a chart template: the chart as saved (under unsaved edits) and as committed at git HEAD, each rendered', async () => {
    await withServer(true, async (client, repo) => {
      const template = readFileSync(join(repo.root, TEMPLATE), 'utf8');
      // Unsaved in the editor: the pod template gains a label, so each earlier render differs from the current one.
      await client.open(repo.uri(TEMPLATE), template.replace('    metadata:\n      labels:\n', '    metadata:\n      labels:\n        tier: node\n'));
      const baselines = (await client.connection.sendRequest(RENDERED_BASELINES_REQUEST, { uri: repo.uri(TEMPLATE) })) as RenderedBaselinesResult;
      assert.deepEqual(baselines.map((b) => [b.label, cpuOf(b.text)]), [
        ['the saved chart', '80m'],
        ['git HEAD', '50m'],
      ]);
      for (const baseline of baselines) {
        assert.match(baseline.text, /^kind: DaemonSet$/m);
        assert.doesNotMatch(baseline.text, /\{\{|tier: node/, 'rendered, and without the unsaved edit');
      }
    });
  });

  it('an overlay\'s rendered document: the overlay as committed at git HEAD, rendered by kubectl kustomize', async () => {
    await withServer(true, async (client, repo) => {
      const rendered = `${RENDERED_SCHEME}:/kustomize/overlays/prod%20(rendered).yaml?${encodeURIComponent(repo.uri('kustomize/overlays/prod/kustomization.yaml'))}`;
      const baselines = (await client.connection.sendRequest(RENDERED_BASELINES_REQUEST, { uri: rendered })) as RenderedBaselinesResult;
      assert.deepEqual(baselines.map((b) => [b.label, memoryLimitOf(b.text)]), [['git HEAD', '256Mi']]);
      // The overlay's patch is in the past render too.
      assert.match(baselines[0].text, /key: nvidia\.com\/gpu/);
      assert.match(readFileSync(repo.runs, 'utf8'), /^kustomize \S+daemonset-kustomize-\S+\/kustomize\/overlays\/prod$/m);
    });
  });

  it('an untrusted workspace: the saved chart only; neither git HEAD nor kubectl', async () => {
    await withServer(false, async (client, repo) => {
      await client.open(repo.uri(TEMPLATE), readFileSync(join(repo.root, TEMPLATE), 'utf8') + '\n');
      const chart = (await client.connection.sendRequest(RENDERED_BASELINES_REQUEST, { uri: repo.uri(TEMPLATE) })) as RenderedBaselinesResult;
      assert.deepEqual(chart.map((b) => b.label), ['the saved chart']);
      const rendered = `${RENDERED_SCHEME}:/kustomize/overlays/prod%20(rendered).yaml?${encodeURIComponent(repo.uri('kustomize/overlays/prod/kustomization.yaml'))}`;
      assert.deepEqual(await client.connection.sendRequest(RENDERED_BASELINES_REQUEST, { uri: rendered }), []);
      assert.equal(existsSync(repo.runs), false, 'kubectl ran in an untrusted workspace');
    });
  });
});
