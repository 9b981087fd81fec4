/**
 * The rollout stepper's simulation with the inventory: its pods of other
 * workloads and its PriorityClasses decide whether a surge pod fits on a full
 * node, by preempting a lower-priority pod (test/fixtures/live/preemption-*).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { baselineDaemonSet, baselinePods, computeRollout } from '../../../client/src/webview/rolloutView';
import { loadSources } from '../../../client/src/webview/sources';
import { repoRoot } from '../../support/golden';

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/live', name), 'utf8');
const NOW = Date.parse('2024-06-01T00:00:00Z');
const manifest = fixture('preemption-surge.yaml');
/** The manifest as saved before the change: the old image, rolled without surge. */
const saved = manifest.replace('exporter:1.1', 'exporter:1.0').replace('maxUnavailable: 0', 'maxUnavailable: 1').replace('maxSurge: 1', 'maxSurge: 0');
/** The cluster as an inventory: p1 (1 CPU), exporter's pod and the batch pod report-p1 (600m of priority 100), the PriorityClasses. */
const cluster = fixture('preemption-cluster.yaml');

function rollout(inventoryText: string, livePods?: string) {
  const sources = loadSources({ uri: 'file:///exporter.yaml', text: manifest }, [{ uri: 'file:///cluster.yaml', text: inventoryText }]);
  const previous = baselineDaemonSet(livePods === undefined ? saved : cluster, 'monitoring/exporter');
  const pods = livePods === undefined ? undefined : baselinePods(livePods);
  const view = computeRollout(previous, sources.daemonSets[0], sources.nodes, NOW, pods, { pods: sources.pods, priorityClasses: sources.priorityClasses });
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
    const withoutClasses = cluster.replace(/^apiVersion: v1\nkind: List\n[\s\S]*?^---\n/m, '');
    assert.doesNotMatch(withoutClasses, /kind: PriorityClass/);
    assert.deepEqual(rollout(withoutClasses).plan.stuck?.map((entry) => entry.node), ['p1']);
  });

  it('from a live baseline: the live pods start the rollout, the inventory\'s pods of other workloads still count', () => {
    const liveExporterOnly = JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: loadSources({ uri: 'file:///m.yaml', text: '' }, [{ uri: 'file:///c.yaml', text: cluster }]).pods.filter((pod) => pod.metadata.name === 'exporter-p1') });
    const blocked = rollout(cluster.replace('priority: 100\n', 'priority: 2000000\n'), liveExporterOnly);
    assert.deepEqual(blocked.plan.stuck?.map((entry) => entry.node), ['p1']);
    assert.equal(rollout(cluster, liveExporterOnly).plan.complete, true);
  });
});
