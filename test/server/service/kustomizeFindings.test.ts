/**
 * Kustomize overlays rendered by the real `kubectl kustomize`, linted, and
 * each finding mapped to the file that caused it (goldens under
 * test/golden/service/kustomize/): the patch that drifts the selector, the
 * JSON 6902 operation that adds a bad toleration, the nameSuffix, the
 * image override; a missing base is kubectl's message on the kustomization.
 */
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { readKustomizeTree, renderKustomization, type KustomizeTree } from '../../../server/src/host/kustomize';
import {
  applyRenderRuleSetting,
  kustomizeNotRendered,
  kustomizeRenderFailure,
  lintRenderedKustomization,
  type FileDiagnostics,
  type RenderedKustomization,
} from '../../../server/src/service/kustomizeFindings';
import { assertGolden, fixturesDir } from '../../support/golden';

const root = join(fixturesDir, 'kustomize');
const uri = (path: string) => pathToFileURL(path).href;

function inputOf(label: string, tree: KustomizeTree, rendered: string): RenderedKustomization {
  return {
    label,
    kustomization: { uri: uri(tree.kustomization.path), text: tree.kustomization.text },
    patchFiles: new Map([...tree.patchFiles].map(([ref, file]) => [ref, { uri: uri(file.path), text: file.text }])),
    sources: tree.sources.map((file) => ({ uri: uri(file.path), text: file.text })),
    rendered,
  };
}

function format(files: readonly FileDiagnostics[]): string {
  const lines: string[] = [];
  for (const file of [...files].sort((a, b) => a.uri.localeCompare(b.uri))) {
    for (const d of file.diagnostics) {
      const path = relative(root, fileURLToPath(file.uri)).split('\\').join('/');
      lines.push(`${path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.rule} ${d.message}`);
    }
  }
  return lines.join('\n');
}

async function lintOverlay(label: string, inherited: 'drop' | 'report' = 'drop'): Promise<FileDiagnostics[]> {
  const tree = await readKustomizeTree(join(root, label));
  assert.ok(tree, `${label} has a kustomization`);
  if (tree.remote.length) return [kustomizeNotRendered(label, { uri: uri(tree.kustomization.path), text: tree.kustomization.text }, { remote: tree.remote })];
  const result = await renderKustomization(tree.dir, { displayRoot: root });
  if (!result.ok) return [kustomizeRenderFailure(label, { uri: uri(tree.kustomization.path), text: tree.kustomization.text }, result.message)];
  return lintRenderedKustomization(inputOf(label, tree, result.text), { inherited });
}

describe('Kustomize overlays (real kubectl kustomize)', () => {
  it('the base renders clean: nothing to report', async () => {
    assert.deepEqual(await lintOverlay('base'), []);
  });

  it('a strategic-merge patch that changes the template labels: the drift is reported in the patch, at the label it set', async () => {
    const files = await lintOverlay('overlays/drift');
    assertGolden('service/kustomize/drift.txt', format(files));
    assert.deepEqual(files.map((f) => relative(root, fileURLToPath(f.uri))), [join('overlays', 'drift', 'template-labels.yaml')]);
  });

  it('nameSuffix, images and a JSON 6902 toleration: each finding at the entry or operation that set it', async () => {
    assertGolden('service/kustomize/prod.txt', format(await lintOverlay('overlays/prod')));
  });

  it('a missing base: kubectl\'s message at the resource entry, as an error', async () => {
    const files = await lintOverlay('overlays/broken');
    assertGolden('service/kustomize/broken.txt', format(files));
    assert.equal(files[0].diagnostics[0].severity, 'error');
    assert.doesNotMatch(files[0].diagnostics[0].message, new RegExp(root.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')));
  });

  it('a remote base is named, not fetched', async () => {
    assertGolden('service/kustomize/remote.txt', format(await lintOverlay('overlays/remote')));
  });
});

describe('inherited findings', () => {
  const source = {
    uri: 'file:///w/base/daemonset.yaml',
    text: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n        - name: agent\n          image: agent:latest\n',
  };
  const input: RenderedKustomization = {
    label: 'overlays/dev',
    kustomization: { uri: 'file:///w/overlays/dev/kustomization.yaml', text: 'resources:\n  - ../../base\n' },
    patchFiles: new Map(),
    sources: [source],
    rendered: source.text,
  };
  const latest = (files: FileDiagnostics[]) => files.flatMap((f) => f.diagnostics.filter((d) => d.rule === 'image-tag-latest').map((d) => ({ uri: f.uri, line: d.range.start.line })));

  it('what the resource file reports itself is dropped for the editor, which shows it there', () => {
    assert.deepEqual(latest(lintRenderedKustomization(input)), []);
  });

  it('and reported at the resource file for the CLI', () => {
    assert.deepEqual(latest(lintRenderedKustomization(input, { inherited: 'report' })), [{ uri: source.uri, line: 13 }]);
  });

  it('without the resource file, the finding is the overlay\'s', () => {
    assert.deepEqual(latest(lintRenderedKustomization({ ...input, sources: [] })), [{ uri: input.kustomization.uri, line: 0 }]);
  });
});

describe('mapping without kubectl: inline patches, targets and labels', () => {
  const kustomization = [
    'resources: [../../base]',
    'commonLabels:',
    '  team: "logs and metrics"',
    'patches:',
    '  - target: {kind: DaemonSet, name: "agent.*"}',
    '    patch: |-',
    '      - op: add',
    '        path: /spec/template/spec/nodeSelector',
    '        value: {"disktype": "ssd!"}',
    '',
  ].join('\n');
  const rendered = [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: agent',
    '  labels: {team: logs and metrics}',
    'spec:',
    '  selector:',
    '    matchLabels: {app: agent, team: logs and metrics}',
    '  template:',
    '    metadata:',
    '      labels: {app: agent, team: logs and metrics}',
    '    spec:',
    '      nodeSelector: {disktype: "ssd!"}',
    '      priorityClassName: system-node-critical',
    '      containers:',
    '        - name: agent',
    '          image: agent:1.0',
    '          resources: {requests: {cpu: 10m, memory: 10Mi}}',
    '',
  ].join('\n');
  const files = lintRenderedKustomization({
    label: 'overlays/x',
    kustomization: { uri: 'file:///w/overlays/x/kustomization.yaml', text: kustomization },
    patchFiles: new Map(),
    sources: [],
    rendered,
  });

  it('reports a label the kustomization adds at its key, and an inline patch\'s field at the patch entry', () => {
    assert.equal(files.length, 1);
    const found = files[0].diagnostics.map((d) => [d.rule, d.range.start.line, d.path]);
    assert.ok(found.length >= 2, JSON.stringify(found));
    for (const [rule, line, path] of found) {
      if (String(path).includes('nodeSelector')) assert.equal(line, 5, `${rule} at the inline patch`);
      else assert.equal(line, 2, `${rule} ${path} at commonLabels.team`);
    }
    assert.ok(found.some(([, , path]) => String(path).includes('nodeSelector')));
  });
});

describe('applyRenderRuleSetting', () => {
  const failure = kustomizeRenderFailure('overlays/x', { uri: 'file:///w/k.yaml', text: 'resources: [../nowhere]\n' }, "accumulating resources from '../nowhere'");
  it('keeps the default, takes the user\'s severity, drops the rule when off', () => {
    assert.equal(applyRenderRuleSetting([failure])[0].diagnostics[0].severity, 'error');
    assert.equal(applyRenderRuleSetting([failure], { 'kustomize-render': 'warning' })[0].diagnostics[0].severity, 'warning');
    assert.deepEqual(applyRenderRuleSetting([failure], { 'kustomize-render': 'off' }), []);
  });
});
