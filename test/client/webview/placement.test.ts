/** The webview's pure parts: placement rows, cost, what-if difference, filter, stored state, messages. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { filterAndSort } from '../../../client/src/webview/nodeFilter';
import { costSummary, podResources } from '../../../client/src/webview/cost';
import { computePlacementView, describeOutcomeCount } from '../../../client/src/webview/placementView';
import { parseHostMessage, parseWebviewMessage } from '../../../client/src/webview/protocol';
import { baselineDaemonSet, computeRollout } from '../../../client/src/webview/rolloutView';
import { loadSources } from '../../../client/src/webview/sources';
import { restoreUiState } from '../../../client/src/webview/uiState';
import { computeWhatIf, describeDiff } from '../../../client/src/webview/whatIf';
import { repoRoot } from '../../support/golden';

const read = (path: string) => readFileSync(join(repoRoot, 'examples', path), 'utf8');
const kind = [{ uri: 'file:///kind.nodes.yaml', text: read('nodes/kind-cluster.nodes.yaml') }];

function load(manifest: string) {
  const sources = loadSources({ uri: 'file:///ds.yaml', text: manifest }, kind);
  assert.deepEqual(sources.inventoryProblems, []);
  return sources;
}

describe('webview placement view', () => {
  it('shows Pending (scheduler) with the failing filter, and what preemption would do, from the inventory pods and the manifest', () => {
    const fixture = (path: string) => readFileSync(join(repoRoot, 'test/fixtures/scheduling', path), 'utf8');
    const sources = loadSources({ uri: 'file:///daemonsets.yaml', text: fixture('daemonsets.yaml') }, [{ uri: 'file:///cluster.yaml', text: fixture('cluster.yaml') }]);
    assert.deepEqual(sources.inventoryProblems, []);
    const context = (index: number) => ({
      pods: sources.pods,
      priorityClasses: sources.priorityClasses,
      otherDaemonSets: sources.daemonSets.filter((_, other) => other !== index),
    });
    const exporter = computePlacementView(sources.daemonSets[1], sources.nodes, context(1));
    assert.deepEqual(exporter.counts, { runs: 1, pending: 1, taint: 1, nodeSelector: 0, affinity: 0, nodeName: 0 });
    const pending = exporter.rows.find((row) => row.outcome === 'pending');
    assert.equal(pending?.name, 'ip-10-0-2-44.ec2.internal');
    assert.equal(pending?.scheduling?.plugin, 'NodePorts');
    assert.deepEqual(pending?.scheduling?.reasons, ["node(s) didn't have free ports for the requested pod ports (9100/TCP is bound by monitoring/node-exporter-5vq8d)"]);
    assert.equal(exporter.cost.notFitting, 1);
    const logger = computePlacementView(sources.daemonSets[0], sources.nodes, context(0));
    const busy = logger.rows[0];
    assert.equal(busy.outcome, 'runs');
    assert.equal(busy.scheduling?.preemption, 'fits after preempting 1 pod of priority -10');
    assert.deepEqual(busy.scheduling?.victims, ['shop/report-29411520-8ccwq']);
    assert.equal(logger.rows[1].scheduling?.basis, "fit is judged against the node's pods in the inventory");
  });


  it('puts each node in one outcome with its reason, untolerated taints and share', () => {
    const { daemonSets, nodes } = load(read('selector-drift.yaml'));
    const view = computePlacementView(daemonSets[0], nodes);
    assert.equal(view.key, 'monitoring/node-exporter');
    assert.deepEqual(view.counts, { runs: 2, pending: 0, taint: 2, nodeSelector: 0, affinity: 0, nodeName: 0 });
    const controlPlane = view.rows.find((row) => row.name === 'kind-control-plane');
    assert.equal(controlPlane?.outcome, 'taint');
    assert.equal(controlPlane?.runningPodStays, true);
    assert.deepEqual(controlPlane?.untolerated, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    assert.deepEqual(controlPlane?.keyLabels, ['node-role.kubernetes.io/control-plane']);
    assert.equal(view.rows.find((row) => row.name === 'kind-worker3')?.runningPodStays, false);
    assert.equal(view.rows[1].cpuShare, 0.0062);
    assert.deepEqual(view.cost.total, { cpuRequest: '100m', cpuLimit: 'unlimited', memoryRequest: '128 MiB', memoryLimit: 'unlimited' });
    assert.equal(describeOutcomeCount('taint', 2), '2 taints not tolerated');
    assert.equal(describeOutcomeCount('taint', 1), '1 taint not tolerated');
    assert.equal(describeOutcomeCount('runs', 2), '2 run a pod');
    assert.equal(describeOutcomeCount('nodeSelector', 1), '1 excluded by nodeSelector');
  });

  it('cost totals read as kubectl top and cloud consoles show them', () => {
    const { daemonSets } = load(read('selector-drift.yaml'));
    const cost = costSummary(podResources(daemonSets[0]), 2997, 0);
    assert.deepEqual(cost.total, { cpuRequest: '149.85 CPU', cpuLimit: 'unlimited', memoryRequest: '187.3 GiB', memoryLimit: 'unlimited' });
    assert.deepEqual(cost.perPod, { cpuRequest: '50m', cpuLimit: 'unlimited', memoryRequest: '64 MiB', memoryLimit: 'unlimited' });
  });

  it('cost counts a native sidecar in the requests and the limits, as Kubernetes does', () => {
    const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: meshed, namespace: default}
spec:
  selector: {matchLabels: {app: meshed}}
  template:
    metadata: {labels: {app: meshed}}
    spec:
      initContainers:
      - name: proxy
        image: envoyproxy/envoy:v1.32.1
        restartPolicy: Always
        resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 100m, memory: 64Mi}}
      containers:
      - name: agent
        image: agent:1
        resources: {requests: {cpu: 200m, memory: 128Mi}, limits: {cpu: 200m, memory: 128Mi}}
`;
    const { daemonSets } = load(manifest);
    assert.deepEqual(costSummary(podResources(daemonSets[0]), 1, 0).perPod, { cpuRequest: '300m', cpuLimit: '300m', memoryRequest: '192 MiB', memoryLimit: '192 MiB' });
  });

  it('what-if: several mutations, the difference in words, unknown nodes skipped', () => {
    const { daemonSets, nodes } = load(read('selector-drift.yaml'));
    const after = computeWhatIf(daemonSets[0], nodes, [
      { kind: 'removeTaint', node: 'kind-worker3', key: 'VIPOnly' },
      { kind: 'addTaint', node: 'kind-worker', taint: { key: 'x', effect: 'NoExecute' } },
      { kind: 'removeNode', node: 'kind-worker2' },
      { kind: 'cordon', node: 'gone' },
    ]);
    assert.deepEqual(after.skipped, [3]);
    assert.deepEqual(after.diff, { created: ['kind-worker3'], deleted: ['kind-worker2'], evicted: ['kind-worker'] });
    assert.equal(describeDiff(after.diff), '+1 pod, −1 pod, 1 evicted');
  });

  it('filters by label text and outcome, sorts by share', () => {
    const { daemonSets, nodes } = load(read('selector-drift.yaml'));
    const rows = computePlacementView(daemonSets[0], nodes).rows;
    assert.deepEqual(filterAndSort(rows, { outcome: 'all', text: 'control-plane', sort: 'outcome' }).map((r) => r.name), ['kind-control-plane']);
    assert.deepEqual(filterAndSort(rows, { outcome: 'taint', text: '', sort: 'name' }).map((r) => r.name), ['kind-control-plane', 'kind-worker3']);
    assert.deepEqual(filterAndSort(rows, { outcome: 'all', text: '', sort: 'outcome' }).map((r) => r.name), ['kind-worker', 'kind-worker2', 'kind-control-plane', 'kind-worker3']);
  });

  it('rollout frames: one old pod replaced per step with maxUnavailable 1', () => {
    const { daemonSets, nodes } = load(read('nginx-ds-updated.yaml'));
    const previous = baselineDaemonSet(read('nginx-ds.yaml'), daemonSets[0].metadata.namespace ? `${daemonSets[0].metadata.namespace}/${daemonSets[0].metadata.name}` : `default/${daemonSets[0].metadata.name}`);
    const view = computeRollout(previous, daemonSets[0], nodes, Date.parse('2026-11-20T10:00:00Z'));
    assert.equal(view.kind, 'plan');
    if (view.kind !== 'plan') return;
    const last = view.frames[view.frames.length - 1];
    assert.ok([...last.values()].every((pods) => pods.old === 0 && pods.new === 1));
    assert.equal(view.frames.length, view.plan.steps.length + 1);
    assert.equal(computeRollout(undefined, daemonSets[0], nodes, 0).kind, 'missing');
    assert.equal(computeRollout(daemonSets[0], daemonSets[0], nodes, 0).kind, 'unchanged');
  });

  it('validates stored state and messages in both directions', () => {
    assert.equal(restoreUiState({ version: 2 }), undefined);
    const state = restoreUiState({ version: 1, filter: { outcome: 'bogus' }, mutations: [{ kind: 'cordon', node: 'a' }, { kind: 'rm -rf' }, { kind: 'addNode', node: {} }], step: -1 });
    assert.deepEqual(state?.mutations, [{ kind: 'cordon', node: 'a' }]);
    assert.equal(state?.filter.outcome, 'all');
    assert.equal(state?.step, 0);
    assert.equal(parseHostMessage({ type: 'update', manifest: { uri: 'a', text: '' } }), undefined);
    const update = { type: 'update', manifest: { uri: 'a', text: '', version: 1 }, inventory: null, inventoryError: null, baselines: [], preselect: null, trusted: true };
    assert.ok(parseHostMessage({ ...update, kubernetesVersion: '1.29' }));
    assert.equal(parseHostMessage({ ...update, kubernetesVersion: 129 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'applyEdit', uri: 'a', version: 1, label: 'x', edits: [{ start: -1, end: 0, newText: '' }] }), undefined);
    assert.equal(parseWebviewMessage({ type: 'applyEdit', uri: 'a', version: 1, label: 'x', edits: [{ start: 3, end: 2, newText: '' }] }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'applyEdit', uri: 'a', version: 1, label: 'x', edits: [{ start: 1, end: 2, newText: 'y', extra: 1 }] }), {
      type: 'applyEdit',
      uri: 'a',
      version: 1,
      label: 'x',
      edits: [{ start: 1, end: 2, newText: 'y' }],
    });
    assert.equal(parseWebviewMessage({ type: 'inventoryProblems', problems: [{ uri: 'a', line: 0, column: 1, message: 'm' }] }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'inventoryProblems', problems: [{ uri: 'a', line: 1, column: 1, message: 'm', severity: 'warning' }] }), {
      type: 'inventoryProblems',
      problems: [{ uri: 'a', line: 1, column: 1, message: 'm', severity: 'warning' }],
    });
    assert.equal(parseWebviewMessage({ type: 'inventoryProblems', problems: [{ uri: 'a', line: 1, column: 1, message: 'm', severity: 'fatal' }] }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', uri: 'a', line: 3, extra: 1 }), { type: 'reveal', uri: 'a', line: 3 });
    assert.equal(parseWebviewMessage({ type: 'runShell' }), undefined);
  });
});
