import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getDaemonPods, manage, syncContext, updateDaemonSetStatus } from '../../../server/src/reconciler';
import { daemonSet, node, pod, taint } from './builders';

const NOW = Date.parse('2024-06-01T00:00:00Z');

describe('updateDaemonSetStatus', () => {
  const nodes = [node('a'), node('b'), node('c', { taints: [taint('x', 'NoSchedule')] }), node('d')];
  const ds = daemonSet();

  it('S1–S5: counts over nodes, from the oldest pod', () => {
    const pods = [
      pod('pa', 'a', { hash: 'cur' }),
      pod('pb-old', 'b', { hash: 'old', ready: false, created: '2024-01-01T00:00:00Z' }),
      pod('pb-new', 'b', { hash: 'cur', created: '2024-01-02T00:00:00Z' }),
      pod('pc', 'c', { hash: 'cur' }),
    ];
    const status = updateDaemonSetStatus(ds, nodes, getDaemonPods(ds, pods), { hash: 'cur', nowMs: NOW });
    assert.deepEqual(status, {
      desiredNumberScheduled: 3, // S1: c is not desired
      currentNumberScheduled: 2, // S2
      numberMisscheduled: 1, // S4: c keeps its pod
      numberReady: 1, // S3: b's oldest pod is not ready
      updatedNumberScheduled: 1, // S3: b's oldest pod is old
      numberAvailable: 1,
      numberUnavailable: 2, // S5
    });
  });

  it('S2: Failed and terminating pods count as scheduled', () => {
    const pods = [pod('pa', 'a', { phase: 'Failed', ready: false }), pod('pb', 'b', { deleting: true })];
    const status = updateDaemonSetStatus(ds, nodes, getDaemonPods(ds, pods), { hash: 'cur', nowMs: NOW });
    assert.equal(status.currentNumberScheduled, 2);
  });

  it('R6: minReadySeconds decides available', () => {
    const withMin = { ...ds, spec: { ...ds.spec, minReadySeconds: 30 } };
    const pods = [pod('pa', 'a', { readySince: new Date(NOW - 10_000).toISOString() }), pod('pb', 'b', { readySince: new Date(NOW - 60_000).toISOString() })];
    const status = updateDaemonSetStatus(withMin, nodes, getDaemonPods(withMin, pods), { hash: 'cur', nowMs: NOW });
    assert.equal(status.numberReady, 2);
    assert.equal(status.numberAvailable, 1);
  });

  it('C1: pods of other owners, other namespaces, or not matching the selector are ignored', () => {
    const other = pod('px', 'a', { app: 'other' });
    const foreign = { ...pod('py', 'a'), metadata: { ...pod('py', 'a').metadata, namespace: 'kube-system' } };
    assert.deepEqual(getDaemonPods(ds, [other, foreign]), []);
  });
});

describe('manage', () => {
  const nodes = [node('a'), node('b'), node('c', { taints: [taint('x', 'NoExecute')] })];
  const ds = daemonSet();

  it('C2/C6: creates where missing, deletes where shouldContinueRunning is false', () => {
    const actions = manage(syncContext(ds, nodes, 'h', NOW), [pod('pc', 'c')]);
    assert.deepEqual(actions.createOnNodes, ['a', 'b']);
    assert.deepEqual(actions.deletePods.map((p) => p.metadata.name), ['pc']);
  });

  it('C4: without surge keeps the oldest pod, deletes the others', () => {
    const pods = [pod('p2', 'a', { created: '2024-01-02T00:00:00Z' }), pod('p1', 'a', { created: '2024-01-01T00:00:00Z' }), pod('p3', 'a', { created: '2024-01-03T00:00:00Z' })];
    const actions = manage(syncContext(ds, nodes.slice(0, 1), 'h', NOW), pods);
    assert.deepEqual(actions.deletePods.map((p) => p.metadata.name), ['p2', 'p3']);
  });

  it('C4/F1: a failed pod is deleted and no replacement is created in the same sync', () => {
    const actions = manage(syncContext(ds, nodes.slice(0, 1), 'h', NOW), [pod('pf', 'a', { phase: 'Failed', ready: false })]);
    assert.deepEqual(actions.deletePods.map((p) => p.metadata.name), ['pf']);
    assert.deepEqual(actions.createOnNodes, []);
  });

  it('C5: with surge, a node left with only a failed pod gets a new one in the same sync', () => {
    const surge = { ...ds, spec: { ...ds.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } } };
    const actions = manage(syncContext(surge, nodes.slice(0, 1), 'h', NOW), [pod('pf', 'a', { phase: 'Failed', ready: false })]);
    assert.deepEqual(actions.createOnNodes, ['a']);
  });

  it('C7: an unbound pod pinned to a vanished node is deleted', () => {
    const pinned = pod('pz', 'gone');
    pinned.spec = { containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gone'] }] }] } } } };
    const actions = manage(syncContext(ds, nodes.slice(0, 1), 'h', NOW), [pod('pa', 'a'), pinned, pod('pbound', 'gone2')]);
    assert.deepEqual(actions.deletePods.map((p) => p.metadata.name), ['pz']);
  });
});
