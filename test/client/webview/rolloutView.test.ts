/**
 * The rollout stepper's simulation with the inventory: its pods of other
 * workloads and its PriorityClasses decide whether a surge pod fits on a full
 * node, by preempting a lower-priority pod (test/fixtures/live/preemption-*);
 * a live baseline adds the cluster's PriorityClasses.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Baseline } from '../../../client/src/webview/protocol';
import { rolloutFromBaseline } from '../../../client/src/webview/rolloutView';
import { loadSources } from '../../../client/src/webview/sources';
import { repoRoot } from '../../support/golden';

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/live', name), 'utf8');
const NOW = Date.parse('2024-06-01T00:00:00Z');
const manifest = fixture('preemption-surge.yaml');
/** The manifest as saved before the change: the old image, rolled without surge. */
const saved = manifest.replace('exporter:1.1', 'exporter:1.0').replace('maxUnavailable: 0', 'maxUnavailable: 1').replace('maxSurge: 1', 'maxSurge: 0');
/** The cluster as an inventory: p1 (1 CPU), exporter's pod and the batch pod report-p1 (600m of priority 100), the PriorityClasses. */
const cluster = fixture('preemption-cluster.yaml');

/** The cluster without its PriorityClasses (the first document). */
const withoutClasses = cluster.replace(/^apiVersion: v1\nkind: List\n[\s\S]*?^---\n/m, '');
const loaded = loadSources({ uri: 'file:///m.yaml', text: '' }, [{ uri: 'file:///c.yaml', text: cluster }]);
/** As the server sends a live baseline: kubectl's JSON lists. */
const liveBaseline = (options: { classes: boolean }): Baseline => ({
  label: 'live in prod',
  text: cluster,
  pods: JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: loaded.pods.filter((pod) => pod.metadata.name === 'exporter-p1') }),
  ...(options.classes ? { priorityClasses: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: loaded.priorityClasses.map(({ source: _source, ...pc }) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', ...pc })) }) } : {}),
});

function rollout(inventoryText: string, baseline: Baseline = { label: 'the saved file', text: saved }) {
  const sources = loadSources({ uri: 'file:///exporter.yaml', text: manifest }, [{ uri: 'file:///cluster.yaml', text: inventoryText }]);
  const view = rolloutFromBaseline(baseline, sources.daemonSets[0], sources.nodes, NOW, { pods: sources.pods, priorityClasses: sources.priorityClasses });
  assert.equal(view.kind, 'plan');
  return view.kind === 'plan' ? view : assert.fail('no plan');
}

describe('rollout stepper with the inventory\'s pods and PriorityClasses', () => {
  it('from the saved file: the surge pod preempts the inventory\'s lower-priority pod, and the rollout completes', () => {
    const view = rollout(cluster);
    assert.equal(view.plan.stuck, undefined);
    assert.deepEqual(view.plan.steps.map((step) => [step.create, step.delete]), [[['p1'], []], [[], ['p1']]]);
    assert.deepEqual(Object.fromEntries(view.frames[0]), { p1: { old: 1, new: 0 } }, 'the steady state: the inventory\'s own pod of exporter is not another old pod');
  });

  it('a pod that outranks the surge pod keeps it Pending: the rollout is stuck on p1', () => {
    const view = rollout(cluster.replace('priority: 100\n', 'priority: 2000000\n'));
    assert.deepEqual(view.plan.stuck?.map((entry) => [entry.node, entry.plugin]), [['p1', 'NodeResourcesFit']]);
    assert.match(view.plan.stuck?.[0].message ?? '', /Insufficient cpu \(needs 300m, 100m free of 1\)/);
  });

  it('without the inventory\'s PriorityClasses the surge pod\'s class is unknown (priority 0): nothing to preempt', () => {
    assert.doesNotMatch(withoutClasses, /kind: PriorityClass/);
    assert.deepEqual(rollout(withoutClasses).plan.stuck?.map((entry) => entry.node), ['p1']);
  });

  it('from a live baseline: the live pods start the rollout, the inventory\'s pods of other workloads still count', () => {
    const blocked = rollout(cluster.replace('priority: 100\n', 'priority: 2000000\n'), liveBaseline({ classes: false }));
    assert.deepEqual(blocked.plan.stuck?.map((entry) => entry.node), ['p1']);
    assert.equal(rollout(cluster, liveBaseline({ classes: false })).plan.complete, true);
  });

  it('a live baseline brings the cluster\'s PriorityClasses: with an inventory that has none, the surge pod still preempts', () => {
    assert.deepEqual(rollout(withoutClasses, liveBaseline({ classes: false })).plan.stuck?.map((entry) => entry.node), ['p1']);
    const view = rollout(withoutClasses, liveBaseline({ classes: true }));
    assert.equal(view.plan.stuck, undefined);
    assert.equal(view.plan.complete, true);
  });
});
