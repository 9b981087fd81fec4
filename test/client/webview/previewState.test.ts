/**
 * The preview's state transitions (client/src/webview/previewState.ts): pure,
 * so they run here without a DOM. Each test feeds the messages the extension
 * sends and the intents the user makes, and reads the state that comes out.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as State from '../../../client/src/webview/previewState';
import type { HostMessage } from '../../../client/src/webview/protocol';
import { defaultUiState } from '../../../client/src/webview/uiState';
import { repoRoot } from '../../support/golden';

const read = (path: string) => readFileSync(join(repoRoot, 'examples', path), 'utf8');
const kindNodes = { uri: 'file:///kind.nodes.yaml', text: read('nodes/kind-cluster.nodes.yaml') };
const VIP_TAINT = { key: 'VIPOnly', value: 'true', effect: 'NoExecute' as const };

function update(manifest: string, options: { inventory?: string | null; inventoryError?: string | null; preselect?: string | null; version?: number } = {}): HostMessage {
  const inventory = options.inventory === undefined ? kindNodes.text : options.inventory;
  return {
    type: 'update',
    manifest: { uri: 'file:///ds.yaml', text: manifest, version: options.version ?? 1 },
    inventory: inventory === null ? null : { label: 'kind.nodes.yaml', files: [{ uri: kindNodes.uri, text: inventory }] },
    inventoryError: options.inventoryError ?? null,
    baselines: [],
    preselect: options.preselect ?? null,
    trusted: true,
  };
}

const start = () => State.initialState(defaultUiState());
const loaded = () => State.receive(start(), update(read('selector-drift.yaml')));

describe('preview state', () => {
  it('starts loading, with nothing computed', () => {
    const state = start();
    assert.equal(state.message, undefined);
    assert.equal(state.empty, 'Loading placement preview…');
    assert.equal(state.computed, undefined);
  });

  it('an update with a manifest and an inventory computes the placement and chooses the file’s DaemonSet', () => {
    const state = loaded();
    assert.equal(state.empty, undefined);
    assert.equal(state.notice, undefined);
    assert.equal(state.stale, false);
    assert.equal(state.ui.selected, 'monitoring/node-exporter');
    assert.equal(state.computed?.view.key, 'monitoring/node-exporter');
    assert.deepEqual(state.computed?.view.counts, { runs: 2, pending: 0, taint: 2, nodeSelector: 0, affinity: 0, nodeName: 0 });
    assert.equal(state.computed?.diff, undefined);
    assert.deepEqual(State.inventoryProblemLocations(state), []);
  });

  it('noManifest empties the panel', () => {
    const state = State.receive(loaded(), { type: 'noManifest' });
    assert.equal(state.message, undefined);
    assert.equal(state.empty, 'Open a YAML file with a DaemonSet to see where its pods run.');
    assert.equal(state.computed, undefined);
  });

  it('a what-if edit recomputes with the edit, leaving the state it came from as it was', () => {
    const before = loaded();
    const after = State.editWhatIf(before, { kind: 'removeTaint', node: 'kind-worker3', key: 'VIPOnly' });
    assert.equal(after.ui.mutations.length, 1);
    assert.equal(after.computed?.view.counts.runs, 3);
    assert.ok(after.computed?.diff);
    assert.equal(before.ui.mutations.length, 0);
    assert.equal(before.computed?.view.counts.runs, 2);
  });

  it('adding a node selects it; removing the selected node closes its detail', () => {
    const base = State.selectNode(loaded(), 'kind-worker');
    const added = State.editWhatIf(base, {
      kind: 'addNode',
      node: {
        metadata: { name: 'new-node', labels: {}, annotations: {}, ownerReferences: [] },
        spec: { taints: [], unschedulable: false },
        status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: {}, capacity: {} },
      },
    });
    assert.equal(added.ui.selectedNode, 'new-node');
    assert.ok(added.computed?.view.rows.some((row) => row.name === 'new-node'));
    const removed = State.editWhatIf(base, { kind: 'removeNode', node: 'kind-worker' });
    assert.equal(removed.ui.selectedNode, null);
    const other = State.editWhatIf(base, { kind: 'removeNode', node: 'kind-worker2' });
    assert.equal(other.ui.selectedNode, 'kind-worker');
  });

  it('undo drops one edit; reset drops them all and the result is the inventory’s again', () => {
    let state = State.editWhatIf(loaded(), { kind: 'removeTaint', node: 'kind-worker3', key: 'VIPOnly' });
    state = State.editWhatIf(state, { kind: 'removeNode', node: 'kind-worker2' });
    const undone = State.undoWhatIf(state, 0);
    assert.deepEqual(undone.ui.mutations, [{ kind: 'removeNode', node: 'kind-worker2' }]);
    assert.equal(undone.computed?.view.counts.runs, 1);
    const reset = State.resetWhatIf(state);
    assert.deepEqual(reset.ui.mutations, []);
    assert.equal(reset.computed?.diff, undefined);
    assert.deepEqual(reset.computed?.view.counts, loaded().computed?.view.counts);
  });

  it('a broken inventory keeps the last good result, stale, and reports its problems', () => {
    const good = loaded();
    const broken = State.receive(good, update(read('selector-drift.yaml'), { inventory: 'items: [\n' }));
    assert.equal(broken.stale, true);
    assert.equal(broken.computed?.view.key, 'monitoring/node-exporter');
    assert.deepEqual(broken.computed?.view.counts, good.computed?.view.counts);
    assert.ok(State.inventoryProblemLocations(broken).length > 0);
    assert.ok(State.inventoryProblemLocations(broken).every((problem) => problem.uri === kindNodes.uri && problem.line >= 1));
    const fixed = State.receive(broken, update(read('selector-drift.yaml')));
    assert.equal(fixed.stale, false);
  });

  it('an inventory the extension could not read also keeps the last good result', () => {
    const state = State.receive(loaded(), update(read('selector-drift.yaml'), { inventory: null, inventoryError: 'cannot read nodes/' }));
    assert.equal(state.stale, true);
    assert.equal(state.computed?.view.key, 'monitoring/node-exporter');
  });

  it('a broken manifest keeps the last good result; without one there is nothing to show', () => {
    const brokenManifest = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: [\n';
    const stale = State.receive(loaded(), update(brokenManifest, { version: 2 }));
    assert.ok((stale.sources?.manifestProblems.length ?? 0) > 0);
    assert.equal(stale.stale, true);
    assert.equal(stale.computed?.view.key, 'monitoring/node-exporter');
    const fresh = State.receive(start(), update(brokenManifest));
    assert.equal(fresh.stale, false);
    assert.equal(fresh.computed, undefined);
  });

  it('no inventory at all shows nothing rather than an old result', () => {
    const state = State.receive(loaded(), update(read('selector-drift.yaml'), { inventory: null }));
    assert.equal(state.stale, false);
    assert.equal(state.computed, undefined);
  });

  it('a preselected DaemonSet is chosen once; the user’s choice then stands; a removed one is followed', () => {
    const two = `${read('selector-drift.yaml')}\n---\n${read('nginx-ds.yaml')}`;
    const keys = State.receive(start(), update(two)).sources?.daemonSets.map((ds) => `${ds.metadata.namespace ?? 'default'}/${ds.metadata.name}`);
    assert.equal(keys?.length, 2);
    let state = State.receive(start(), update(two, { preselect: 'nginx-daemon-set' }));
    assert.equal(state.computed?.daemonSet.metadata.name, 'nginx-daemon-set');
    state = State.selectDaemonSet(state, state.ui.selected === keys?.[0] ? keys[1] : (keys?.[0] as string));
    assert.equal(state.computed?.daemonSet.metadata.name, 'node-exporter');
    state = State.receive(state, update(two, { preselect: 'nginx-daemon-set', version: 2 }));
    assert.equal(state.computed?.daemonSet.metadata.name, 'node-exporter');
    state = State.receive(state, update(read('nginx-ds.yaml'), { preselect: 'nginx-daemon-set', version: 3 }));
    assert.equal(state.computed?.daemonSet.metadata.name, 'nginx-daemon-set');
    assert.equal(state.stale, false);
  });

  it('add toleration asks the extension to edit the manifest version the panel was sent', () => {
    const outcome = State.addToleration(State.receive(start(), update(read('selector-drift.yaml'), { version: 7 })), 'kind-worker3', VIP_TAINT);
    assert.equal(outcome.request?.type, 'applyEdit');
    assert.ok(outcome.request?.type === 'applyEdit' && outcome.request.version === 7 && outcome.request.uri === 'file:///ds.yaml');
    assert.match(outcome.state.notice ?? '', /^Adding a toleration for VIPOnly=true:NoExecute to monitoring\/node-exporter/);
    assert.equal(outcome.redraw, 'notice');
  });

  it('add toleration on a stale result asks nothing and says why', () => {
    const stale = State.receive(loaded(), update(read('selector-drift.yaml'), { inventory: 'items: [\n' }));
    const outcome = State.addToleration(stale, 'kind-worker3', VIP_TAINT);
    assert.equal(outcome.request, undefined);
    assert.equal(outcome.state.notice, 'The manifest has problems; fix them before adding a toleration.');
  });

  it('save to inventory sends the edits; the answer clears the what-if or keeps it with the error', () => {
    const edited = State.editWhatIf(loaded(), { kind: 'removeNode', node: 'kind-worker2' });
    const outcome = State.saveToInventory(edited);
    assert.equal(outcome.request?.type, 'saveInventory');
    assert.ok(outcome.request?.type === 'saveInventory' && outcome.request.edits[0].uri === kindNodes.uri);
    assert.equal(outcome.state.saving, true);
    const saved = State.receive(outcome.state, { type: 'inventorySaved', ok: true });
    assert.equal(saved.saving, false);
    assert.deepEqual(saved.ui.mutations, []);
    assert.equal(saved.notice, 'Saved the what-if edits to the node inventory.');
    const failed = State.receive(outcome.state, { type: 'inventorySaved', ok: false, error: 'read-only file' });
    assert.equal(failed.saving, false);
    assert.equal(failed.ui.mutations.length, 1);
    assert.equal(failed.notice, 'Could not save to the node inventory: read-only file');
  });

  it('save to inventory from a kind config: removing a worker removes its entry and says which nodes kind renames; a cordon of it is refused', () => {
    const state = State.receive(start(), update(read('fluentd-elasticsearch.yaml'), { inventory: read('kind/kind-config.yaml') }));
    assert.equal(state.computed?.nodes.length, 4);
    const outcome = State.saveToInventory(State.editWhatIf(state, { kind: 'removeNode', node: 'local-worker' }));
    assert.ok(outcome.request?.type === 'saveInventory', outcome.state.notice);
    const [edit] = outcome.request.edits[0].edits;
    assert.match(read('kind/kind-config.yaml').slice(edit.start, edit.end), /^- role: worker\n {2}image: kindest\/node:v1\.31\.0\n {2}labels:\n {4}tier: frontend\n$/);
    assert.equal(edit.newText, '');
    const saved = State.receive(outcome.state, { type: 'inventorySaved', ok: true });
    assert.equal(saved.notice, 'Saved the what-if edits to the node inventory. kind names nodes by role and position: local-worker2 is now local-worker, local-worker3 is now local-worker2.');
    const cordon = State.saveToInventory(State.editWhatIf(state, { kind: 'cordon', node: 'local-worker' }));
    assert.equal(cordon.request, undefined);
    assert.match(cordon.state.notice ?? '', /^Cannot save to the inventory: node local-worker is a node of the `local-worker` kind node in file:\/\/\/kind\.nodes\.yaml, which has no Node object to hold a cordon/);
  });

  it('the rollout step stays within the plan; another baseline starts over', () => {
    const state = State.setStep(loaded(), 9, 4);
    assert.equal(state.ui.step, 4);
    assert.equal(State.setStep(state, -1, 4).ui.step, 0);
    assert.equal(State.setBaseline(state, 1).ui.step, 0);
    assert.equal(State.baselineIndex(State.setBaseline(state, 1)), 0);
  });
});
