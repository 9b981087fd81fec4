/**
 * The kubectl runner and the editor's one-file inventory, with the real
 * kubectl against the loopback API server: the files both imports write are
 * read by the one inventory loader as the served Nodes, Pods and PriorityClasses.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { KubectlError, runKubectl } from '../../../server/src/host/kubectl';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import { getNodesArgs, getPodsArgs, getPriorityClassesArgs, importedInventoryText, listNamespacesArgs, parseNamespaces } from '../../../server/src/protocol/kubectl';
import { FakeApiServer } from '../../support/fakeApiServer';
import { useFakeApiServer } from '../../support/useFakeApiServer';
import { waitFor } from '../../support/waitFor';

const fake = useFakeApiServer();

const env = (): NodeJS.ProcessEnv => fake.kubectlEnv();

describe('kubectl runner (real kubectl, loopback API server)', () => {
  it('the editor\'s file (nodes, then pods, as YAML) loads as the served cluster', async () => {
    const target = { context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() };
    const nodes = await runKubectl(getNodesArgs(target, 'yaml'), { env: env() });
    const pods = await runKubectl(getPodsArgs(target, undefined, 'yaml'), { env: env() });
    const text = importedInventoryText('fake-a', new Date('2024-06-01T00:00:00Z'), { nodes, pods });
    assert.match(text, /^# Node inventory of kubectl context "fake-a", imported 2024-06-01T00:00:00.000Z with\n/);
    const inventory = loadInventoryFromText(text, 'fake-a.nodes.yaml');
    assert.deepEqual(inventory.problems, []);
    assert.deepEqual(inventory.nodes.map((node) => node.metadata.name), ['w1', 'w2', 'w3']);
    assert.deepEqual(inventory.pods.map((pod) => pod.metadata.name), ['nginx-daemon-set-a1', 'nginx-daemon-set-b2']);
    assert.deepEqual(inventory.nodes.find((node) => node.metadata.name === 'w3')?.spec?.taints, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
  });

  it('the editor\'s file with the PriorityClasses (a third document) gives the classes the live cluster has', async () => {
    const classes = await FakeApiServer.start({ fixtures: ['test/fixtures/live/preemption-cluster.yaml'] });
    try {
      const target = { context: 'fake-a', kubeconfig: classes.writeKubeconfig() };
      const [nodes, pods, priorityClasses] = await Promise.all([getNodesArgs(target, 'yaml'), getPodsArgs(target, undefined, 'yaml'), getPriorityClassesArgs(target, 'yaml')].map((args) => runKubectl(args, { env: env() })));
      const text = importedInventoryText('fake-a', new Date(0), { nodes, pods, priorityClasses });
      assert.match(text, /^# Node inventory .*\n# .*\n# .*\(the second document\)\n# {3}kubectl get priorityclasses -o yaml \(the third document\)\n/);
      const inventory = loadInventoryFromText(text, 'fake-a.nodes.yaml');
      assert.deepEqual(inventory.problems, []);
      assert.deepEqual(inventory.priorityClasses.map((pc) => [pc.metadata.name, pc.value, pc.preemptionPolicy]), [['node-agent', 1000000, 'PreemptLowerPriority'], ['batch-low', 100, 'PreemptLowerPriority']]);
      assert.deepEqual(inventory.pods.map((pod) => pod.metadata.name), ['exporter-p1', 'report-p1']);
    } finally {
      await classes.close();
    }
  });

  it('reads one DaemonSet by namespace and name, and says so when there is none', async () => {
    const target = ['--context=fake-a', `--kubeconfig=${fake.server.writeKubeconfig()}`];
    const found = JSON.parse(await runKubectl([...target, 'get', 'daemonset', 'nginx-daemon-set', '--namespace=default', '-o', 'json'], { env: env() }));
    assert.equal(found.kind, 'DaemonSet');
    assert.equal(found.metadata.name, 'nginx-daemon-set');
    assert.ok(fake.server.paths.includes('/apis/apps/v1/namespaces/default/daemonsets/nginx-daemon-set'));
    await assert.rejects(runKubectl([...target, 'get', 'daemonset', 'missing', '--namespace=default', '-o', 'json'], { env: env() }), (error) => {
      assert.ok(error instanceof KubectlError);
      assert.equal(error.problem, 'failed');
      assert.match(error.message, /daemonsets\.apps "missing" not found/);
      return true;
    });
  });

  it('an aborted run is cancelled, not a timeout', async () => {
    fake.server.unanswered.add('/api/v1/nodes');
    try {
      const controller = new AbortController();
      const pending = runKubectl(getNodesArgs({ context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() }), { env: env(), signal: controller.signal });
      // Abort once kubectl is waiting on the server that never answers.
      await waitFor(() => fake.server.paths.includes('/api/v1/nodes'));
      controller.abort();
      await assert.rejects(pending, (error) => error instanceof KubectlError && error.message === 'cancelled');
    } finally {
      fake.server.unanswered.delete('/api/v1/nodes');
    }
  });
});

describe('kubectl runner: an output read later (readAfter)', () => {
  // Linux only: /proc says where kubectl waits. Without readAfter kubectl can also be seen waiting for a moment (Node reads
  // slower than cat writes), so this checks the held read's contract; the peak memory it saves is the live bench's.
  it('reads kubectl\'s output only once readAfter settles: kubectl waits to print it meanwhile, then it comes whole', { skip: !existsSync('/proc/self/wchan') }, async () => {
    const dir = fake.scratchPath('held');
    mkdirSync(dir);
    const output = 'x'.repeat(1 << 20);
    writeFileSync(join(dir, 'output'), output);
    // More than the socket and the stream's buffer hold: kubectl cannot print it all while its output is not read.
    writeFileSync(join(dir, 'kubectl'), `#!/bin/sh\necho $$ > "${join(dir, 'pid')}"\nexec cat "${join(dir, 'output')}"\n`, { mode: 0o755 });
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const reading = runKubectl(['get', 'pods'], { env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` }, readAfter: held });
    // The shell creates the file before it writes the pid into it: an empty file is not there yet.
    const pid = await waitFor(() => (existsSync(join(dir, 'pid')) && readFileSync(join(dir, 'pid'), 'utf8').trim()) || undefined);
    const wchan = `/proc/${pid}/wchan`;
    // Blocked writing to the full socket (Node's stdio) or pipe, or gone (its output read while held).
    const state = await waitFor(() => (!existsSync(wchan) ? 'exited' : /sock_alloc_send|pipe_write/.test(readFileSync(wchan, 'utf8')) ? 'waiting' : false));
    assert.equal(state, 'waiting');
    release();
    assert.equal(await reading, output);
  });
});

describe('namespaces for the editor\'s import (real kubectl, loopback API server)', () => {
  it('lists the namespaces the cluster has, one name each', async () => {
    const text = await runKubectl(listNamespacesArgs({ context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() }), { env: env() });
    assert.deepEqual(parseNamespaces(text), ['default', 'kube-system']);
  });

  it('the editor\'s header names the namespace of the pods it imported', () => {
    assert.match(importedInventoryText('fake-a', new Date(0), { nodes: 'kind: NodeList\nitems: []\n', pods: 'kind: PodList\nitems: []\n' }, 'logging'), /kubectl get pods --namespace=logging --field-selector=/);
  });
});
