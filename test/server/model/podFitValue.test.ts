/**
 * podFitValue: a pod of another namespace cut to what the scheduler's fit
 * reads, and the fit of the cut pod equal to the whole one's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import { podFitValue } from '../../../server/src/model/podFitValue';
import { podDemandOf } from '../../../server/src/reconciler/scheduling';

const whole = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'mesh-7f9', namespace: 'team-b', labels: { app: 'mesh' }, annotations: { note: 'x'.repeat(1000) }, creationTimestamp: '2024-01-01T00:00:00Z', deletionTimestamp: '2024-01-02T00:00:00Z', ownerReferences: [{ kind: 'ReplicaSet', name: 'mesh', uid: 'u', apiVersion: 'apps/v1' }] },
  spec: {
    nodeName: 'n1',
    hostNetwork: true,
    priorityClassName: 'team',
    priority: 1000,
    preemptionPolicy: 'Never',
    overhead: { cpu: '50m' },
    resources: { requests: { memory: '1Gi' } },
    volumes: [{ name: 'v', emptyDir: {} }],
    initContainers: [
      { name: 'setup', image: 'setup:1', command: ['sh'], resources: { requests: { cpu: '2' } } },
      { name: 'proxy', image: 'proxy:1', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } }, ports: [{ name: 'admin', containerPort: 15000, protocol: 'TCP' }] },
    ],
    containers: [{ name: 'app', image: 'app:1', env: [{ name: 'A', value: 'b' }], resources: { requests: { cpu: '250m' }, limits: { memory: '2Gi' } }, ports: [{ name: 'http', containerPort: 8080, hostPort: 8080, hostIP: '10.0.0.1', protocol: 'TCP' }] }],
  },
  status: { phase: 'Running', startTime: '2024-01-01T00:00:05Z', podIP: '10.1.1.1', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'app', ready: true }] },
};

const read = (value: unknown) => {
  const loaded = loadInventoryFromText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [value] }), 'pods.json');
  assert.deepEqual(loaded.problems, []);
  return loaded.pods[0];
};

describe('podFitValue', () => {
  it('keeps what the fit reads: node, phase, start, deletion, priority, overhead, pod-level and containers\' resources, host ports, sidecars', () => {
    const cut = podFitValue(whole);
    assert.deepEqual(cut, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'mesh-7f9', namespace: 'team-b', creationTimestamp: '2024-01-01T00:00:00Z', deletionTimestamp: '2024-01-02T00:00:00Z' },
      spec: {
        nodeName: 'n1',
        hostNetwork: true,
        priority: 1000,
        priorityClassName: 'team',
        preemptionPolicy: 'Never',
        overhead: { cpu: '50m' },
        resources: { requests: { memory: '1Gi' } },
        containers: [{ name: 'app', resources: { requests: { cpu: '250m' }, limits: { memory: '2Gi' } }, ports: [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP', hostIP: '10.0.0.1' }] }],
        initContainers: [
          { name: 'setup', resources: { requests: { cpu: '2' } } },
          { name: 'proxy', resources: { requests: { cpu: '100m' } }, restartPolicy: 'Always', ports: [{ containerPort: 15000, protocol: 'TCP' }] },
        ],
      },
      status: { phase: 'Running', startTime: '2024-01-01T00:00:05Z' },
    });
    const [pod, cutPod] = [read(whole), read(cut)];
    assert.deepEqual(podDemandOf(cutPod.spec), podDemandOf(pod.spec));
    assert.equal(cutPod.spec.priority, pod.spec.priority);
    assert.equal(cutPod.metadata.deletionTimestamp, pod.metadata.deletionTimestamp);
  });

  it('a pod bound to no node, or finished, holds nothing: undefined', () => {
    assert.equal(podFitValue({ ...whole, spec: { ...whole.spec, nodeName: undefined } }), undefined);
    assert.equal(podFitValue({ ...whole, spec: { ...whole.spec, nodeName: '' } }), undefined);
    assert.equal(podFitValue({ ...whole, status: { phase: 'Succeeded' } }), undefined);
    assert.equal(podFitValue({ ...whole, status: { phase: 'Failed' } }), undefined);
  });

  it('what is not a pod\'s shape is left for the reader to report', () => {
    for (const value of [null, 'text', [], { metadata: { name: 'x' } }, { spec: { nodeName: 'n1' } }]) assert.equal(podFitValue(value), value);
  });
});
