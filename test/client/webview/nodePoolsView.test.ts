/**
 * The panel's node pools (client/src/webview/nodePoolsView.ts) and how the
 * preview state uses them: verdicts and reasons per group, the headline, and
 * exact-size groups (kind nodes) expanded into the node list.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { computeNodePoolsView } from '../../../client/src/webview/nodePoolsView';
import * as State from '../../../client/src/webview/previewState';
import type { HostMessage } from '../../../client/src/webview/protocol';
import { defaultUiState } from '../../../client/src/webview/uiState';
import { loadDaemonSetsFromText } from '../../../server/src/model/daemonSet';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import { fixturesDir, repoRoot } from '../../support/golden';

const pools = (name: string) => ({ uri: `file:///workspace/${name}`, text: readFileSync(join(fixturesDir, 'inventory', 'pools', name), 'utf8') });
const KIND = pools('kind-multi-node.yaml');
const KARPENTER = pools('karpenter-nodepools.yaml');
const DRIFT = readFileSync(join(repoRoot, 'examples', 'selector-drift.yaml'), 'utf8');

function update(manifest: string, files: Array<{ uri: string; text: string }>): HostMessage {
  return { type: 'update', manifest: { uri: 'file:///ds.yaml', text: manifest, version: 1 }, inventory: { label: 'pools/', files }, inventoryError: null, baselines: [], preselect: null, trusted: true };
}


describe('node pools view', () => {
  it('gives each group its verdict, reason and declared size', () => {
    const [daemonSet] = loadDaemonSetsFromText(
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: c-only}\nspec:\n  selector: {matchLabels: {app: c}}\n  template:\n    metadata: {labels: {app: c}}\n    spec:\n      nodeSelector: {karpenter.k8s.aws/instance-category: c}\n      containers: [{name: c, image: busybox}]\n',
      'ds.yaml',
    ).daemonSets;
    const groups = loadInventoryFromText(KARPENTER.text, 'karpenter-nodepools.yaml').groups;
    const view = computeNodePoolsView(daemonSet, groups);
    assert.ok(view);
    const general = view.rows.find((r) => r.name === 'general-purpose');
    assert.equal(general?.verdict, 'sometimes');
    assert.match(general?.reasons.join('\n') ?? '', /karpenter\.k8s\.aws\/instance-category In \[c, m, r\]/);
    assert.match(general?.size ?? '', /^unknown size/);
    const special = view.rows.find((r) => r.name === 'default');
    assert.equal(special?.verdict, 'never');
    assert.match(special?.notes.join('\n') ?? '', /startup taint example\.com\/another-taint:NoSchedule/);
    // What the source says about the pool reaches the panel: Karpenter counts DaemonSets without its startupTaints.
    assert.match(special?.notes.join('\n') ?? '', /Karpenter ignores startupTaints when it counts the DaemonSets of this pool/);
    assert.deepEqual(general?.notes, []);
    assert.match(view.headline, /, on some nodes of `general-purpose`/);
    assert.equal(computeNodePoolsView(daemonSet, []), undefined);
  });

  it('the preview expands kind nodes into the node list, with their placement, beside the pools', () => {
    const state = State.receive(State.initialState(defaultUiState()), update(DRIFT, [KIND, KARPENTER]));
    const computed = state.computed;
    assert.ok(computed, state.notice);
    const outcomes = Object.fromEntries(computed.view.rows.map((r) => [r.name, r.outcome]));
    assert.equal(outcomes['dev-worker'], 'runs');
    assert.equal(outcomes['dev-worker2'], 'taint');
    assert.equal(outcomes['dev-control-plane'], 'taint');
    // The gpu NodePool declares 3 replicas: its nodes count; pools of unknown size add none.
    assert.equal(computed.view.rows.filter((r) => r.name.startsWith('gpu-')).length, 3);
    assert.equal(computed.view.rows.length, 6);
    assert.deepEqual(computed.pools?.rows.map((r) => [r.name, r.verdict]), [
      ['dev-control-plane', 'never'],
      ['dev-worker', 'always'],
      ['dev-worker2', 'never'],
      ['general-purpose', 'always'],
      ['default', 'never'],
      ['gpu', 'never'],
    ]);
    assert.deepEqual(state.sources?.inventoryProblems, []);
  });
});
