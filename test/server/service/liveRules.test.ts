import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadDaemonSetsFromText } from '../../../server/src/model/daemonSet';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import type { LiveCluster } from '../../../server/src/model/liveCluster';
import { getLanguageService } from '../../../server/src/service/languageService';
import { liveRolloutSimulations } from '../../../server/src/service/workspaceRules/liveStrategyChanged';
import { repoRoot } from '../../support/golden';
import { textDocument } from '../../support/textDocument';

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/live', name), 'utf8');

/** A cluster of test/fixtures/live as the hosts build its snapshot from kubectl's output (the namespaces' DaemonSets, the nodes and pods), and the file read as an inventory. */
function liveSnapshot(name: string, namespaces: string[]): { live: LiveCluster; inventory: ReturnType<typeof loadInventoryFromText> } {
  const text = fixture(name);
  const inventory = loadInventoryFromText(text, name);
  const live: LiveCluster = {
    label: 'context fake-a',
    fetchedAtMs: Date.parse('2024-06-01T00:00:00Z'),
    namespaces,
    daemonSets: loadDaemonSetsFromText(text, name).daemonSets,
    nodes: inventory.nodes,
    pods: inventory.pods,
  };
  return { live, inventory };
}

/** The live cluster of test/fixtures/live/cluster.yaml. */
function liveCluster(overrides: Partial<LiveCluster> = {}): LiveCluster {
  return { ...liveSnapshot('cluster.yaml', ['logging']).live, ...overrides };
}

const LIVE_RULES = new Set(['selector-changed', 'live-strategy-changed', 'live-nodes-left', 'live-defaulted-host-port']);

function liveFindings(manifest: string, live: LiveCluster | undefined, baseline?: string) {
  return getLanguageService()
    .doValidation(textDocument(fixture(manifest)), { live, baseline: baseline === undefined ? undefined : { label: 'git HEAD', text: baseline } })
    .filter((d) => LIVE_RULES.has(d.rule ?? ''))
    .map((d) => ({ rule: d.rule, line: d.range.start.line, severity: d.severity, message: d.message }));
}

/** The cluster of preemption-cluster.yaml as a live snapshot, with its PriorityClasses. */
function preemptionCluster(): LiveCluster {
  const { live, inventory } = liveSnapshot('preemption-cluster.yaml', ['monitoring']);
  return { ...live, priorityClasses: inventory.priorityClasses };
}

describe('comparison with the live cluster', () => {
  it('selector-changed compares with the live object and names the context', () => {
    const [finding, ...rest] = liveFindings('selector-changed.yaml', liveCluster());
    assert.deepEqual(rest, []);
    assert.equal(finding.rule, 'selector-changed');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.line, 7);
    assert.match(finding.message, /^The selector differs from the live object in context fake-a \(app=agent → tier=node\): spec\.selector is immutable/);
  });

  it('the live object decides over git HEAD: same selector live, no finding even if HEAD differs', () => {
    const head = fixture('selector-changed.yaml').replace('tier: node', 'app: other');
    assert.equal(liveFindings('on-delete.yaml', undefined, head).length, 1, 'without a live snapshot, git HEAD is compared');
    assert.deepEqual(liveFindings('on-delete.yaml', liveCluster(), head).filter((f) => f.rule === 'selector-changed'), []);
  });

  it('a DaemonSet not live in a namespace that was read is a create: no selector-changed from git HEAD', () => {
    const head = fixture('on-delete.yaml');
    assert.deepEqual(liveFindings('selector-changed.yaml', liveCluster({ daemonSets: [] }), head), []);
  });

  it('live-strategy-changed says the OnDelete apply replaces none of the live pods', () => {
    const findings = liveFindings('on-delete.yaml', liveCluster());
    assert.deepEqual(findings.map((f) => f.rule), ['live-strategy-changed']);
    assert.equal(findings[0].line, 10);
    assert.equal(
      findings[0].message,
      'updateStrategy changes from RollingUpdate (maxUnavailable 1, maxSurge 0) in the live object in context fake-a to OnDelete. With OnDelete, kubectl apply replaces none of the 3 live pods: each keeps the old template until it is deleted.',
    );
  });

  it('live-strategy-changed gives the rollout from the live pods when the budget changes', () => {
    const text = fixture('on-delete.yaml').replace('type: OnDelete', 'type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 3}');
    const [finding] = getLanguageService()
      .doValidation(textDocument(text), { live: liveCluster() })
      .filter((d) => d.rule === 'live-strategy-changed');
    assert.equal(
      finding.message,
      'updateStrategy changes from RollingUpdate (maxUnavailable 1, maxSurge 0) in the live object in context fake-a to RollingUpdate (maxUnavailable 3, maxSurge 0). kubectl apply then replaces 3 live pods in 2 controller syncs (3 desired nodes, maxUnavailable 3, maxSurge 0).',
    );
  });

  it('live-strategy-changed says where a surge with a hostPort gets stuck (R11)', () => {
    const withPort = (text: string) => text.replace('image: example/agent:1.1', 'image: example/agent:1.1\n          ports: [{containerPort: 9100, hostPort: 9100}]');
    const text = withPort(fixture('on-delete.yaml')).replace('type: OnDelete', 'type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}');
    const ports = [{ containerPort: 9100, hostPort: 9100 }];
    const pods = liveCluster().pods?.map((pod) => ({ ...pod, spec: { ...pod.spec, containers: pod.spec.containers.map((container) => ({ ...container, ports })) } }));
    const live = liveCluster({ pods });
    const [finding] = getLanguageService().doValidation(textDocument(text), { live }).filter((d) => d.rule === 'live-strategy-changed');
    assert.equal(
      finding.message,
      'updateStrategy changes from RollingUpdate (maxUnavailable 1, maxSurge 0) in the live object in context fake-a to RollingUpdate (maxUnavailable 0, maxSurge 1). ' +
        'kubectl apply then replaces 0 live pods in 1 controller sync (3 desired nodes, maxUnavailable 0, maxSurge 1). ' +
        "Then it is stuck: new pod Pending on w1: node(s) didn't have free ports for the requested pod ports (hostPort 9100/TCP held by the old pod); " +
        'the old pod is kept until the new one is available — use maxUnavailable instead of maxSurge with host ports.',
    );
  });

  it('live-strategy-changed judges a surge pod with the cluster\'s PriorityClasses: it preempts the lower-priority pod on the full node', () => {
    const live = preemptionCluster();
    const strategy = 'updateStrategy changes from RollingUpdate (maxUnavailable 1, maxSurge 0) in the live object in context fake-a to RollingUpdate (maxUnavailable 0, maxSurge 1). ';
    const [preempts] = liveFindings('preemption-surge.yaml', live);
    assert.equal(preempts.message, `${strategy}kubectl apply then replaces 1 live pod in 2 controller syncs (1 desired node, maxUnavailable 0, maxSurge 1).`);
    // Without the cluster's classes node-agent is unknown (priority 0): nothing to preempt, the surge pod stays Pending.
    const [stuck] = liveFindings('preemption-surge.yaml', { ...live, priorityClasses: undefined });
    assert.match(stuck.message, /replaces 0 live pods in 1 controller sync .* Then it is stuck: new pod Pending on p1: Insufficient cpu/);
  });

  it('live-strategy-changed also weighs the workspace\'s PriorityClasses, which the same apply creates; the cluster\'s hold where both name one', () => {
    // The cluster without PriorityClasses: the workspace's are the only ones.
    const live: LiveCluster = { ...preemptionCluster(), priorityClasses: undefined };
    const priorityClass = (value: number) => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: node-agent\nvalue: ${value}\n`;
    const finding = (service: ReturnType<typeof getLanguageService>, snapshot: LiveCluster) =>
      service.doValidation(textDocument(fixture('preemption-surge.yaml'), 'file:///workspace/exporter.yaml'), { live: snapshot }).find((d) => d.rule === 'live-strategy-changed')?.message ?? '';
    // The cluster has no node-agent class: the surge pod has priority 0, preempts nothing and stays Pending.
    assert.match(finding(getLanguageService(), live), /replaces 0 live pods in 1 controller sync .* Then it is stuck: new pod Pending on p1: Insufficient cpu/);
    // The workspace's node-agent (another file) gives it 1000000: it preempts the batch pod and the rollout completes.
    const withClass = getLanguageService();
    withClass.updateWorkspaceFile('file:///workspace/priority.yaml', priorityClass(1_000_000));
    assert.match(finding(withClass, live), /replaces 1 live pod in 2 controller syncs \(1 desired node, maxUnavailable 0, maxSurge 1\)\.$/);
    // A class's value cannot change once created: the cluster's node-agent (1000000) holds over the workspace's 0.
    const lowInWorkspace = getLanguageService();
    lowInWorkspace.updateWorkspaceFile('file:///workspace/priority.yaml', priorityClass(0));
    assert.match(finding(lowInWorkspace, live), /stuck/);
    assert.match(finding(lowInWorkspace, preemptionCluster()), /replaces 1 live pod in 2 controller syncs/);
  });

  it('live-strategy-changed simulates once per live snapshot and edited DaemonSet: an edit elsewhere in the file reuses the plan', () => {
    const text = fixture('on-delete.yaml').replace('type: OnDelete', 'type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 3}');
    const uri = 'file:///workspace/agent.yaml';
    const live = liveCluster();
    const service = getLanguageService();
    const message = (edited: string, version: number, snapshot = live) =>
      service.doValidation(textDocument(edited, uri, version), { live: snapshot }).find((d) => d.rule === 'live-strategy-changed')?.message;
    const before = liveRolloutSimulations();
    const first = message(text, 1);
    assert.match(first ?? '', /replaces 3 live pods in 2 controller syncs/);
    assert.equal(liveRolloutSimulations(), before + 1);
    // A comment typed above it: the rule runs again over the same snapshot and DaemonSet, and finds the plan remembered.
    assert.equal(message(`# rolled by CI\n${text}`, 2), first);
    assert.equal(liveRolloutSimulations(), before + 1);
    // Another budget is another plan; so is a new snapshot of the cluster.
    assert.match(message(text.replace('maxUnavailable: 3', 'maxUnavailable: 2'), 3) ?? '', /replaces 3 live pods in 4 controller syncs/);
    assert.equal(liveRolloutSimulations(), before + 2);
    assert.equal(message(text, 4, liveCluster()), first);
    assert.equal(liveRolloutSimulations(), before + 3);
  });

  it('live-strategy-changed says no live pod is replaced when the template matches the live one', () => {
    const text = fixture('on-delete.yaml').replace('        tier: node\n', '').replace('agent:1.1', 'agent:1.0');
    const [finding] = getLanguageService().doValidation(textDocument(text), { live: liveCluster() }).filter((d) => d.rule === 'live-strategy-changed');
    assert.match(finding.message, /to OnDelete\. The pod template matches the live one, so no live pod is replaced\.$/);
  });

  it('live-nodes-left names the live nodes the new template leaves and those it is evicted from', () => {
    const findings = liveFindings('ssd-only.yaml', liveCluster());
    assert.deepEqual(findings.map((f) => f.rule), ['live-nodes-left']);
    assert.equal(findings[0].severity, 'warning');
    assert.equal(findings[0].line, 17);
    assert.equal(
      findings[0].message,
      'On kubectl apply, the new template leaves 1 node it runs on now (w1: no longer selected) and is evicted from 1 node (w3: a NoExecute taint it no longer tolerates), compared with the live object in context fake-a: those nodes lose their daemon pod.',
    );
  });

  it('without nodes and pods (denied), only the selector and the strategy are compared', () => {
    const live = liveCluster({ nodes: undefined, pods: undefined });
    assert.deepEqual(liveFindings('ssd-only.yaml', live), []);
    assert.match(liveFindings('on-delete.yaml', live)[0].message, /to OnDelete\.$/);
  });

  describe('live-defaulted-host-port', () => {
    /** The live agent of host-network-live.yaml, its last-applied annotation edited by `lastApplied`. */
    const hostNetworkLive = (lastApplied: (text: string) => string = (text) => text) =>
      liveCluster({ daemonSets: loadDaemonSetsFromText(lastApplied(fixture('host-network-live.yaml')), 'host-network-live.yaml').daemonSets });

    it('names each port whose hostPort the API server defaulted while the template had hostNetwork: true', () => {
      const findings = liveFindings('host-network-off.yaml', hostNetworkLive());
      assert.deepEqual(findings.map((f) => [f.rule, f.line, f.severity]), [['live-defaulted-host-port', 22, 'warning'], ['live-defaulted-host-port', 24, 'warning']]);
      assert.equal(
        findings[0].message,
        'The live object in context fake-a binds host port 9100/TCP for container agent: the API server stored `hostPort: 9100` in its template while it had `hostNetwork: true` (Kubernetes 1.27 and older default hostPort to containerPort in pod templates, 1.28 and newer only in Pods). kubectl apply keeps a field it never set, so without host networking each pod still takes port 9100 on its node and a surge pod or another agent on that port stays Pending. Set `hostPort: 9100` here if it is meant; otherwise apply once with it and again without it, or remove it from the live object (kubectl edit).',
      );
    });

    it('a hostPort the last apply set is removed by this apply: not reported', () => {
      const live = hostNetworkLive((text) => text.replace('{"containerPort":2020,"name":"health"}', '{"containerPort":2020,"hostPort":2020,"name":"health"}'));
      assert.deepEqual(liveFindings('host-network-off.yaml', live).map((f) => f.line), [22]);
    });

    it('without a last-applied annotation apply keeps every field it finds: both reported', () => {
      const live = hostNetworkLive((text) => text.replace(/ {2}annotations:\n.*\n.*\n/, ''));
      assert.equal(live.daemonSets[0].metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], undefined);
      assert.deepEqual(liveFindings('host-network-off.yaml', live).map((f) => f.line), [22, 24]);
    });

    it('silent while the manifest keeps host networking, sets the hostPort itself, or the live hostPort was chosen', () => {
      const keeps = fixture('host-network-off.yaml').replace('      tolerations:', '      hostNetwork: true\n      tolerations:');
      assert.deepEqual(getLanguageService().doValidation(textDocument(keeps), { live: hostNetworkLive() }).filter((d) => d.rule === 'live-defaulted-host-port'), []);
      const explicit = fixture('host-network-off.yaml').replace('containerPort: 9100', 'containerPort: 9100\n              hostPort: 9100').replace('containerPort: 2020', 'containerPort: 2020\n              hostPort: 2021');
      assert.deepEqual(getLanguageService().doValidation(textDocument(explicit), { live: hostNetworkLive() }).filter((d) => d.rule === 'live-defaulted-host-port'), []);
      const chosen = hostNetworkLive((text) => text.replace('hostPort: 2020', 'hostPort: 12020'));
      assert.deepEqual(liveFindings('host-network-off.yaml', chosen).map((f) => f.line), [22]);
    });
  });

  it('stays silent for another DaemonSet name and without a live snapshot', () => {
    const renamed = fixture('ssd-only.yaml').replace('name: agent\n', 'name: agent-v2\n');
    assert.deepEqual(
      getLanguageService().doValidation(textDocument(renamed), { live: liveCluster() }).filter((d) => LIVE_RULES.has(d.rule ?? '')),
      [],
    );
    assert.deepEqual(liveFindings('ssd-only.yaml', undefined), []);
  });
});
