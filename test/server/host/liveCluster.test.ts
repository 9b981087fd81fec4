/**
 * The live snapshot with the real kubectl against the loopback API server
 * serving test/fixtures/live/cluster.yaml: DaemonSets of the namespaces asked
 * for, nodes, the unfinished pods of every namespace (others' cut to what the
 * scheduler's fit reads; the namespaces' own when the cluster-wide list is
 * denied), and the cluster's PriorityClasses, nothing else requested; a denied
 * node list leaves the DaemonSets compared, denied PriorityClasses leave the
 * rest; a denied or unreachable DaemonSet list fails.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { KubectlError } from '../../../server/src/host/kubectl';
import { fetchLiveCluster } from '../../../server/src/host/liveCluster';
import { loadDaemonSetsFromText } from '../../../server/src/model/daemonSet';
import { rolloutFromBaseline } from '../../../client/src/webview/rolloutView';
import { FakeApiServer } from '../../support/fakeApiServer';
import { repoRoot } from '../../support/golden';

let server: FakeApiServer;
let scratch: string;
let runs = 0;

before(async () => {
  server = await FakeApiServer.start({ fixtures: ['test/fixtures/live/cluster.yaml'] });
  scratch = mkdtempSync(join(tmpdir(), 'daemonset-live-'));
});

after(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

beforeEach(() => {
  server.requests.length = 0;
  server.denied.clear();
});

const env = (): NodeJS.ProcessEnv => ({ ...process.env, KUBECONFIG: '', KUBECACHEDIR: join(scratch, `cache-${++runs}`) });
const DISCOVERY = new Set(['/version', '/api', '/api/v1', '/apis', '/apis/apps/v1', '/apis/scheduling.k8s.io/v1']);
const dataPaths = () => server.paths.filter((path) => !DISCOVERY.has(path));

describe('fetchLiveCluster (real kubectl, loopback API server)', () => {
  it('reads the DaemonSets, nodes and unfinished pods of the namespaces asked for, the PriorityClasses, and nothing else', async () => {
    const live = await fetchLiveCluster({ target: { context: 'fake-b', kubeconfig: server.writeKubeconfig() }, namespaces: ['logging', 'logging'], env: env(), now: () => 42 });
    assert.equal(live.label, 'context fake-b');
    assert.equal(live.fetchedAtMs, 42);
    assert.deepEqual(live.namespaces, ['logging']);
    assert.deepEqual(live.daemonSets.map((ds) => `${ds.metadata.namespace}/${ds.metadata.name}`), ['logging/agent']);
    assert.deepEqual(live.daemonSets[0].spec.selector, { matchLabels: { app: 'agent' } });
    assert.deepEqual(live.nodes?.map((node) => node.metadata.name), ['w1', 'w2', 'w3']);
    assert.deepEqual(live.pods?.map((pod) => pod.metadata.labels['controller-revision-hash']), ['7c9d8f6b5d', '7c9d8f6b5d', '7c9d8f6b5d']);
    assert.deepEqual(live.priorityClasses, [], 'the fixture cluster defines none (the two system classes are built in)');
    assert.deepEqual(live.unread, []);
    // The calls run at once: the order the server sees them in is not theirs.
    assert.deepEqual(dataPaths().sort(), ['/api/v1/nodes', '/api/v1/pods', '/apis/apps/v1/namespaces/logging/daemonsets', '/apis/scheduling.k8s.io/v1/priorityclasses']);
    assert.equal(server.requests.find((r) => r.path.endsWith('/pods'))?.query.fieldSelector, 'status.phase!=Succeeded,status.phase!=Failed');
  });

  it('a namespace without DaemonSets is read as such (a create, not an update)', async () => {
    const live = await fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: server.writeKubeconfig() }, namespaces: ['monitoring'], env: env() });
    assert.deepEqual(live.daemonSets, []);
    assert.deepEqual(live.namespaces, ['monitoring']);
  });

  it('denied nodes: the DaemonSets are still compared, and the snapshot says what it could not read', async () => {
    server.denied.add('/api/v1/nodes');
    const live = await fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: server.writeKubeconfig() }, namespaces: ['logging'], env: env() });
    assert.equal(live.daemonSets.length, 1);
    assert.equal(live.nodes, undefined);
    assert.equal(live.pods, undefined);
    assert.equal(live.unread.length, 1);
    assert.match(live.unread[0], /^nodes: The cluster denied the request: .*forbidden/);
    // Listed at the same time as the nodes, pods and PriorityClasses are dropped without them (no rollout is simulated).
    assert.equal(live.priorityClasses, undefined);
    assert.equal(live.podsText, undefined);
  });

  it('reads the cluster\'s PriorityClasses; denied ones leave nodes and pods, and the snapshot says so', async () => {
    const classes = await FakeApiServer.start({ fixtures: ['test/fixtures/live/preemption-cluster.yaml'] });
    try {
      const target = { context: 'fake-a', kubeconfig: classes.writeKubeconfig() };
      const live = await fetchLiveCluster({ target, namespaces: ['monitoring'], env: env() });
      assert.deepEqual(live.priorityClasses?.map((pc) => [pc.metadata.name, pc.value]), [['node-agent', 1000000], ['batch-low', 100]]);
      assert.match(live.priorityClassesText ?? '', /"node-agent"/);
      assert.deepEqual(live.unread, []);
      classes.denied.add('/apis/scheduling.k8s.io/v1/priorityclasses');
      const denied = await fetchLiveCluster({ target, namespaces: ['monitoring'], env: env() });
      assert.equal(denied.priorityClasses, undefined);
      assert.equal(denied.priorityClassesText, undefined);
      assert.equal(denied.pods?.length, 2);
      assert.equal(denied.unread.length, 1);
      assert.match(denied.unread[0], /^priorityclasses: The cluster denied the request: .*forbidden/);
    } finally {
      await classes.close();
    }
  });

  it('reads the pods of every namespace: the namespaces\' whole, the others\' bound ones cut to what the fit reads', async () => {
    const crowded = await FakeApiServer.start({ fixtures: ['test/fixtures/live/crowded-cluster.yaml'] });
    try {
      const live = await fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: crowded.writeKubeconfig() }, namespaces: ['monitoring'], env: env() });
      assert.deepEqual(live.unread, []);
      assert.equal(live.podsOfEveryNamespace, true);
      assert.ok(live.pods?.every((pod) => pod.source === undefined), 'no place in kubectl\'s output, whose line would keep its parse alive');
      assert.deepEqual(live.namespaces, ['monitoring'], 'the DaemonSets are still those of the namespaces asked for');
      assert.deepEqual(
        live.pods?.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`).sort(),
        ['kube-system/kube-proxy-c1', 'monitoring/exporter-c1', 'team-b/exporter-lookalike-c1'],
        'finished pods are not listed, and a pod of another namespace bound to no node holds nothing',
      );
      const byName = new Map(live.pods?.map((pod) => [pod.metadata.name, pod]));
      const own = byName.get('exporter-c1');
      assert.equal(own?.metadata.labels['controller-revision-hash'], '5f7b9c8d6e');
      assert.equal(own?.metadata.ownerReferences[0]?.name, 'exporter');
      assert.equal(own?.status.conditions[0]?.type, 'Ready');
      const proxy = byName.get('kube-proxy-c1');
      assert.deepEqual(proxy?.metadata.labels, {}, 'labels of other namespaces are not kept');
      assert.deepEqual(proxy?.spec.containers, [{ name: 'kube-proxy', resources: { requests: { cpu: '600m' }, limits: {} }, ports: [{ name: undefined, containerPort: 10249, hostPort: 10249, protocol: 'TCP', hostIP: undefined }] }]);
      assert.equal(proxy?.spec.priority, 2000001000);
      assert.equal(proxy?.spec.hostNetwork, true);
      assert.equal(proxy?.status.startTime, '2024-01-01T00:00:05Z');
      assert.equal(byName.get('exporter-lookalike-c1')?.metadata.labels.app, undefined, 'a pod of another namespace is never the DaemonSet\'s');
      assert.doesNotMatch(live.podsText ?? '', /kube-proxy:v1\.32\.4|config\.conf/);
      assert.match(live.podsText ?? '', /example\/exporter:1\.0/);
      assert.deepEqual(crowded.paths.filter((path) => path.endsWith('/pods')), ['/api/v1/pods']);
      // The preview's stepper gets the same pods (daemonset/liveBaseline sends these texts): the surge pod finds c1 full.
      const manifest = loadDaemonSetsFromText(readFileSync(join(repoRoot, 'test/fixtures/live/crowded-surge.yaml'), 'utf8'), 'crowded-surge.yaml').daemonSets[0];
      const view = rolloutFromBaseline({ label: 'live in fake-a', text: live.daemonSetsText, pods: live.podsText }, manifest, live.nodes ?? [], 0, {});
      assert.equal(view.kind, 'plan');
      assert.deepEqual(view.kind === 'plan' && view.plan.stuck?.map((entry) => [entry.node, entry.plugin]), [['c1', 'NodeResourcesFit']]);
    } finally {
      await crowded.close();
    }
  });

  it('a denied cluster-wide pod list: the namespaces\' pods, and the snapshot says so', async () => {
    server.denied.add('/api/v1/pods');
    const live = await fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: server.writeKubeconfig() }, namespaces: ['logging'], env: env() });
    assert.deepEqual(live.pods?.map((pod) => pod.metadata.name), ['agent-a1', 'agent-b2', 'agent-c3']);
    assert.match(live.podsText ?? '', /agent-a1/);
    assert.equal(live.unread.length, 1);
    assert.match(live.unread[0], /^pods of other namespaces: The cluster denied the request: .*forbidden/);
    assert.equal(live.podsOfEveryNamespace, false);
    assert.deepEqual(dataPaths().filter((path) => path.endsWith('/pods')), ['/api/v1/pods', '/api/v1/namespaces/logging/pods']);
  });

  it('denied DaemonSets fail with kubectl\'s message', async () => {
    server.denied.add('/apis/apps/v1/namespaces/logging/daemonsets');
    await assert.rejects(fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: server.writeKubeconfig() }, namespaces: ['logging'], env: env() }), (error) => {
      assert.ok(error instanceof KubectlError);
      assert.equal(error.problem, 'denied');
      return true;
    });
  });

  it('an unreachable server fails as unreachable', async () => {
    // A port that was just listened on and closed: nothing answers there.
    const closed = await FakeApiServer.start();
    const url = closed.url;
    await closed.close();
    const config = server.writeKubeconfig(url);
    await assert.rejects(fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: config }, namespaces: ['logging'], env: env() }), (error) => {
      assert.ok(error instanceof KubectlError);
      assert.equal(error.problem, 'unreachable');
      assert.match(error.message, /^The cluster cannot be reached: /);
      return true;
    });
  });
});
