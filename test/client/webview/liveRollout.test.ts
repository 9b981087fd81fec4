/** The rollout stepper from a live baseline: the live DaemonSet and its pods (as the server sends them, kubectl's JSON). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseHostMessage } from '../../../client/src/webview/protocol';
import { baselineDaemonSet, baselinePods, computeRollout } from '../../../client/src/webview/rolloutView';
import { loadSources } from '../../../client/src/webview/sources';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import { repoRoot } from '../../support/golden';

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/live', name), 'utf8');
const cluster = fixture('cluster.yaml');
/** The live pods as kubectl prints them: a PodList in JSON. */
const livePodsJson = JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: loadInventoryFromText(cluster, 'cluster.yaml').pods });

describe('rollout stepper from the live cluster', () => {
  it('starts from the live pods and rolls them to the new template', () => {
    const manifest = fixture('on-delete.yaml').replace('type: OnDelete', 'type: RollingUpdate');
    const { daemonSets, nodes } = loadSources({ uri: 'file:///agent.yaml', text: manifest }, [{ uri: 'file:///cluster.yaml', text: cluster }]);
    const previous = baselineDaemonSet(cluster, 'logging/agent');
    const view = computeRollout(previous, daemonSets[0], nodes, Date.parse('2024-06-01T00:00:00Z'), baselinePods(livePodsJson));
    assert.equal(view.kind, 'plan');
    if (view.kind !== 'plan') return;
    assert.deepEqual(Object.fromEntries(view.frames[0]), { w1: { old: 1, new: 0 }, w2: { old: 1, new: 0 }, w3: { old: 1, new: 0 } });
    const last = view.frames[view.frames.length - 1];
    assert.deepEqual(Object.fromEntries(last), { w1: { old: 0, new: 1 }, w2: { old: 0, new: 1 }, w3: { old: 0, new: 1 } });
    assert.equal(view.plan.complete, true);
  });

  it('a node without a live pod starts empty, unlike the converged guess', () => {
    const manifest = fixture('on-delete.yaml').replace('type: OnDelete', 'type: RollingUpdate');
    const { daemonSets, nodes } = loadSources({ uri: 'file:///agent.yaml', text: manifest }, [{ uri: 'file:///cluster.yaml', text: cluster }]);
    const previous = baselineDaemonSet(cluster, 'logging/agent');
    const twoPods = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', items: JSON.parse(livePodsJson).items.filter((pod: { spec: { nodeName: string } }) => pod.spec.nodeName !== 'w2') });
    const view = computeRollout(previous, daemonSets[0], nodes, Date.parse('2024-06-01T00:00:00Z'), baselinePods(twoPods));
    assert.equal(view.kind, 'plan');
    if (view.kind !== 'plan') return;
    assert.deepEqual([...view.frames[0].keys()], ['w1', 'w3']);
    assert.deepEqual(view.plan.steps[0].create, ['w2'], 'the first sync creates the missing pod');
  });

  it('a template that matches the live one (defaults aside) is unchanged: no rollout', () => {
    const manifest = fixture('on-delete.yaml').replace('        tier: node\n', '').replace('agent:1.1', 'agent:1.0');
    const { daemonSets, nodes } = loadSources({ uri: 'file:///agent.yaml', text: manifest }, [{ uri: 'file:///cluster.yaml', text: cluster }]);
    const view = computeRollout(baselineDaemonSet(cluster, 'logging/agent'), daemonSets[0], nodes, 0, baselinePods(livePodsJson));
    assert.equal(view.kind, 'unchanged');
  });

  it('the host message carries a live baseline\'s pods and PriorityClasses, and nothing else but text', () => {
    const message = { type: 'update', manifest: { uri: 'file:///a.yaml', text: '', version: 1 }, inventory: null, inventoryError: null, preselect: null, trusted: true };
    assert.ok(parseHostMessage({ ...message, baselines: [{ label: 'live in prod', text: '{}', pods: livePodsJson }] }));
    assert.equal(parseHostMessage({ ...message, baselines: [{ label: 'live in prod', text: '{}', pods: 42 }] }), undefined);
    assert.ok(parseHostMessage({ ...message, baselines: [{ label: 'live in prod', text: '{}', pods: livePodsJson, priorityClasses: '{"kind":"List","items":[]}' }] }));
    assert.equal(parseHostMessage({ ...message, baselines: [{ label: 'live in prod', text: '{}', priorityClasses: ['node-agent'] }] }), undefined);
  });
});
