import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DaemonSet, IntOrString } from '../../../server/src/model/kubeTypes';
import { getScaledValueFromIntOrPercent, resolveUpdateBudget, simulateRollout } from '../../../server/src/reconciler';
import { daemonSet, node, pod, taint } from './builders';

const NOW = Date.parse('2024-06-01T00:00:00Z');
const nodes5 = ['n0', 'n1', 'n2', 'n3', 'n4'].map((name) => node(name));

function withStrategy(ds: DaemonSet, rollingUpdate: { maxUnavailable?: IntOrString; maxSurge?: IntOrString }, type = 'RollingUpdate'): DaemonSet {
  return { ...ds, spec: { ...ds.spec, updateStrategy: { type, rollingUpdate } } };
}

function changed(ds: DaemonSet): DaemonSet {
  const template = { ...ds.spec.template, spec: { ...ds.spec.template.spec, containers: [{ name: 'c', image: 'img:2' }] } };
  return { ...ds, spec: { ...ds.spec, template }, rawTemplate: template };
}

const counts = (steps: Array<{ create: string[]; delete: string[] }>) => steps.map((s) => [s.create.length, s.delete.length]);

describe('getScaledValueFromIntOrPercent', () => {
  const cases: Array<[string, IntOrString, number, number]> = [
    ['R2: an integer is used as is, without cap', 7, 3, 7],
    ['R2: 50% of 3 rounds up to 2', '50%', 3, 2],
    ['R2: 10% of 4 rounds up to 1', '10%', 4, 1],
    ['R2: 25% of 10 rounds up to 3', '25%', 10, 3],
    ['R2: 0% of 10 is 0', '0%', 10, 0],
    ['R2: 100% of 0 is 0', '100%', 0, 0],
  ];
  for (const [name, value, total, expected] of cases) {
    it(name, () => assert.deepEqual(getScaledValueFromIntOrPercent(value, total, true), { value: expected }));
  }
  it('R2: a string without % is an error', () => assert.ok('error' in getScaledValueFromIntOrPercent('5', 10, true)));
});

describe('resolveUpdateBudget', () => {
  it('R3: both zero falls back to maxUnavailable 1', () => {
    assert.deepEqual(resolveUpdateBudget(withStrategy(daemonSet(), { maxUnavailable: 0, maxSurge: 0 }), 2), { maxSurge: 0, maxUnavailable: 1, desiredNumberScheduled: 2 });
  });
  it('R3: no fallback when nothing is desired', () => {
    assert.deepEqual(resolveUpdateBudget(withStrategy(daemonSet(), { maxUnavailable: 0, maxSurge: 0 }), 0), { maxSurge: 0, maxUnavailable: 0, desiredNumberScheduled: 0 });
  });
});

describe('simulateRollout', () => {
  it('R7: 5 nodes, maxUnavailable 2: delete 2 / create 2 / delete 2 / create 2 / delete 1 / create 1 (TestDaemonSetUpdatesPods)', () => {
    const old = withStrategy(daemonSet(), { maxUnavailable: 2 });
    const plan = simulateRollout(old, changed(old), nodes5, { nowMs: NOW });
    assert.equal(plan.maxUnavailable, 2);
    assert.equal(plan.maxSurge, 0);
    assert.deepEqual(counts(plan.steps), [[0, 2], [2, 0], [0, 2], [2, 0], [0, 1], [1, 0]]);
    assert.deepEqual(plan.steps[0].delete, ['n0', 'n1']);
    assert.ok(plan.complete);
  });

  it('R1: defaults to maxUnavailable 1, one node at a time', () => {
    const old = daemonSet();
    const plan = simulateRollout(old, changed(old), nodes5.slice(0, 2), { nowMs: NOW });
    assert.deepEqual(plan, {
      strategy: 'RollingUpdate', desiredNumberScheduled: 2, maxUnavailable: 1, maxSurge: 0, complete: true,
      steps: [{ create: [], delete: ['n0'] }, { create: ['n0'], delete: [] }, { create: [], delete: ['n1'] }, { create: ['n1'], delete: [] }],
    });
  });

  it('R7: all old pods not ready are deleted at once (TestDaemonSetUpdatesAllOldPodsNotReady)', () => {
    const old = withStrategy(daemonSet(), { maxUnavailable: 3 });
    const pods = nodes5.map((n, i) => pod(`p${i}`, n.metadata.name, { hash: 'old', ready: false }));
    const plan = simulateRollout(old, changed(old), nodes5, { nowMs: NOW, pods });
    assert.deepEqual(counts(plan.steps), [[0, 5], [5, 0]]);
  });

  it('R8: 5 nodes, maxSurge 2: create 2 / create 2 + delete 2 / create 1 + delete 2 / delete 1 (TestDaemonSetUpdatesPodsWithMaxSurge)', () => {
    const old = withStrategy(daemonSet(), { maxUnavailable: 0, maxSurge: 2 });
    const plan = simulateRollout(old, changed(old), nodes5, { nowMs: NOW });
    assert.equal(plan.maxSurge, 2);
    assert.equal(plan.maxUnavailable, 0);
    assert.deepEqual(counts(plan.steps), [[2, 0], [2, 2], [1, 2], [0, 1]]);
  });

  it('R8: unavailable old pods are replaced outside the surge budget (TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge)', () => {
    const old = withStrategy(daemonSet(), { maxUnavailable: 0, maxSurge: 3 });
    const pods = nodes5.map((n, i) => pod(`p${i}`, n.metadata.name, { hash: 'old', ready: false }));
    const plan = simulateRollout(old, changed(old), nodes5, { nowMs: NOW, pods });
    assert.deepEqual(counts(plan.steps)[0], [5, 0]);
  });

  it('R2: percentages resolved against the new desired count', () => {
    const old = withStrategy(daemonSet(), { maxUnavailable: '50%' });
    const plan = simulateRollout(old, changed(old), nodes5.slice(0, 3), { nowMs: NOW });
    assert.equal(plan.maxUnavailable, 2);
  });

  it('R9: OnDelete changes nothing', () => {
    const old = withStrategy(daemonSet(), {}, 'OnDelete');
    const plan = simulateRollout(old, changed(old), nodes5, { nowMs: NOW });
    assert.deepEqual(plan.steps, []);
    assert.equal(plan.strategy, 'OnDelete');
  });

  it('R9: OnDelete still creates where manage needs a pod', () => {
    const old = withStrategy(daemonSet(), {}, 'OnDelete');
    const pods = [pod('p0', 'n0', { hash: 'old' })];
    const plan = simulateRollout(old, changed(old), nodes5.slice(0, 2), { nowMs: NOW, pods });
    assert.deepEqual(plan.steps, [{ create: ['n1'], delete: [] }]);
  });

  it('R7: an old pod kept on a NoSchedule-tainted node is deleted and not recreated (an S4 node)', () => {
    const nodes = [node('a'), node('b', { taints: [taint('x', 'NoSchedule')] })];
    const old = daemonSet();
    const pods = [pod('pa', 'a', { hash: 'old' }), pod('pb', 'b', { hash: 'old' })];
    const plan = simulateRollout(old, changed(old), nodes, { nowMs: NOW, pods });
    assert.equal(plan.desiredNumberScheduled, 1);
    const deleted = plan.steps.flatMap((s) => s.delete);
    const created = plan.steps.flatMap((s) => s.create);
    assert.deepEqual([...deleted].sort(), ['a', 'b']);
    assert.deepEqual(created, ['a']);
  });

  it('R6/minReadySeconds: a ready old pod within minReadySeconds is unavailable and replaced at once', () => {
    const old = withStrategy({ ...daemonSet(), spec: { ...daemonSet().spec, minReadySeconds: 60 } }, { maxUnavailable: 1 });
    const pods = [pod('p0', 'n0', { hash: 'old', readySince: new Date(NOW - 10_000).toISOString() }), pod('p1', 'n1', { hash: 'old' })];
    const plan = simulateRollout(old, changed(old), nodes5.slice(0, 2), { nowMs: NOW, pods });
    assert.deepEqual(plan.steps[0], { create: [], delete: ['n0'] });
  });
});
