/** scheduleDaemonPods over a `kubectl get nodes,pods,priorityclasses -A -o yaml` dump and DaemonSet manifests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDaemonSetsFromText } from '../../../../server/src/model/daemonSet';
import { loadInventoryFromText } from '../../../../server/src/model/inventory';
import { scheduleDaemonPods } from '../../../../server/src/reconciler';
import { fixturesDir } from '../../../support/golden';

const inventory = loadInventoryFromText(readFileSync(join(fixturesDir, 'scheduling/cluster.yaml'), 'utf8'), 'cluster.yaml');

function daemonSets(yaml: string) {
  return loadDaemonSetsFromText(yaml, 'ds.yaml').daemonSets;
}

test('the dump reads Nodes, Pods with what fit needs, and PriorityClasses', () => {
  assert.deepEqual(inventory.problems, []);
  assert.deepEqual(inventory.priorityClasses.map((c) => [c.metadata.name, c.value, c.globalDefault]), [['tenant-batch', -10, false], ['tenant-default', 0, true]]);
  const cni = inventory.pods[0];
  assert.equal(cni.spec.priority, 2000001000);
  assert.equal(cni.spec.preemptionPolicy, 'PreemptLowerPriority');
  assert.equal(cni.status.startTime, '2026-11-02T08:14:03Z');
  assert.deepEqual(cni.spec.containers[0].ports?.[0], { name: 'metrics', containerPort: 61678, hostPort: 61678, protocol: 'TCP', hostIP: undefined });
});

const LOGGER = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluent-bit, namespace: logging}
spec:
  selector: {matchLabels: {app: fluent-bit}}
  template:
    metadata: {labels: {app: fluent-bit}}
    spec:
      containers:
      - name: fluent-bit
        image: cr.fluentbit.io/fluent/fluent-bit:3.2.2
        resources: {requests: {cpu: 300m, memory: 128Mi}}
`;

test('a 300m logger fits the busy node only by preempting the batch job', () => {
  const [logger] = scheduleDaemonPods({ daemonSets: daemonSets(LOGGER), ...inventory }).daemonSets;
  assert.deepEqual(logger.cells.map((cell) => cell.outcome), ['runs', 'runs', 'taintNotTolerated']);
  const busy = logger.cells[0].scheduling;
  assert.equal(busy?.fits, false);
  // 1930m − (25m aws-node + 1200m checkout + 500m report; the Succeeded pod does not count) = 205m free
  assert.deepEqual(busy?.reasons, ['Insufficient cpu (needs 300m, 205m free of 1930m)']);
  assert.equal(busy?.preemption?.message, 'fits after preempting 1 pod of priority -10');
  assert.deepEqual(busy?.preemption?.victims, [{ namespace: 'shop', name: 'report-29411520-8ccwq', priority: -10 }]);
  assert.equal(logger.cells[0].outcome, 'runs');
  assert.equal(logger.priority.source, 'globalDefault');
});

test('node-exporter replaces its own pod; a second exporter on 9100 stays Pending', () => {
  const exporter = (name: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: monitoring}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      hostNetwork: true
      containers:
      - name: exporter
        image: quay.io/prometheus/node-exporter:v1.8.2
        ports: [{containerPort: 9100, name: metrics}]
        resources: {requests: {cpu: 10m, memory: 32Mi}}
`;
  const result = scheduleDaemonPods({ daemonSets: daemonSets(exporter('prometheus-node-exporter') + '---\n' + exporter('vendor-exporter')), ...inventory });
  const [own, other] = result.daemonSets;
  assert.equal(own.cells[1].outcome, 'runs', 'its old pod on ip-10-0-2-44 is replaced, not a conflict');
  assert.equal(other.cells[1].outcome, 'pending');
  assert.deepEqual(other.cells[1].scheduling?.reasons, ["node(s) didn't have free ports for the requested pod ports (9100/TCP is bound by DaemonSet monitoring/prometheus-node-exporter)"]);
  assert.equal(other.cells[1].scheduling?.preemption?.message, 'stays Pending: only pods of equal or higher priority (0 or more) on the node');
});
