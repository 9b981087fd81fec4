/**
 * The editor's live snapshots (server/src/lsp/liveClusters.ts) with the real
 * kubectl against the loopback API server: a lookup answers at once and
 * fetches in the background, once per context and namespaces until stale or
 * refreshed; a failure is said; disabled (untrusted), nothing runs. The clock
 * is the test's own, so staleness is decided by it, not by the machine. The
 * reader is the server's own, in a worker thread (from sources here).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readLiveClusterInWorker } from '../../../server/src/host/liveClusterInWorker';
import { LiveClusters, STALE_MS } from '../../../server/src/lsp/liveClusters';
import { useFakeApiServer } from '../../support/useFakeApiServer';
import { waitFor } from '../../support/waitFor';

const fake = useFakeApiServer({ fixtures: ['test/fixtures/live/cluster.yaml'] });

const LIST = '/apis/apps/v1/namespaces/logging/daemonsets';
const lists = () => fake.server.paths.filter((path) => path === LIST).length;

function clusters() {
  let now = 1_000_000;
  let settled = 0;
  const live = new LiveClusters(
    () => settled++,
    (options) => readLiveClusterInWorker({ ...options, target: { ...options.target, kubeconfig: fake.kubeconfig }, env: fake.kubectlEnv({ KUBECACHEDIR: join(fake.scratch, 'cache') }) }),
    () => now,
  );
  live.enabled = true;
  return { live, settled: () => settled, advance: (ms: number) => (now += ms) };
}

describe('LiveClusters (real kubectl, loopback API server)', () => {
  it('answers at once, fetches once in the background, then answers the snapshot', async () => {
    const { live, settled } = clusters();
    const first = live.status('fake-a', ['logging']);
    assert.deepEqual({ fetching: first?.fetching, cluster: first?.cluster }, { fetching: true, cluster: undefined });
    assert.equal(live.status('fake-a', ['logging'])?.fetching, true, 'a second lookup joins the fetch under way');
    await waitFor(() => settled() === 1);
    const ready = live.status('fake-a', ['logging']);
    assert.equal(ready?.fetching, false);
    assert.deepEqual(ready?.cluster?.daemonSets.map((ds) => ds.metadata.name), ['agent']);
    assert.equal(lists(), 1);
  });

  it('reads again when stale or refreshed, and keeps the old snapshot meanwhile', async () => {
    const { live, settled, advance } = clusters();
    live.status('fake-a', ['logging']);
    await waitFor(() => settled() === 1);
    advance(STALE_MS - 1);
    assert.equal(live.status('fake-a', ['logging'])?.fetching, false, 'fresh: no new fetch');
    advance(1);
    const stale = live.status('fake-a', ['logging']);
    assert.equal(stale?.fetching, true);
    assert.ok(stale?.cluster, 'the old snapshot is still compared with');
    await waitFor(() => settled() === 2);
    live.refresh();
    await waitFor(() => settled() === 3);
    assert.equal(lists(), 3);
  });

  it('a denied request is the status\'s error, and nothing is compared', async () => {
    fake.server.denied.add(LIST);
    const { live, settled } = clusters();
    live.status('fake-a', ['logging']);
    await waitFor(() => settled() === 1);
    const failed = live.status('fake-a', ['logging']);
    assert.equal(failed?.cluster, undefined);
    assert.match(failed?.error ?? '', /^The cluster denied the request: /);
  });

  it('dispose stops the kubectl under way and starts no other', async () => {
    fake.server.unanswered.add(LIST);
    try {
      const { live, settled } = clusters();
      live.status('fake-a', ['logging']);
      await waitFor(() => fake.server.paths.includes(LIST));
      live.dispose();
      await waitFor(() => settled() === 1);
      assert.equal(live.busy, false);
      assert.equal(live.status('fake-a', ['logging']), undefined);
    } finally {
      fake.server.unanswered.delete(LIST);
    }
  });

  it('disabled (untrusted), without a context or without DaemonSets: no status and no kubectl', () => {
    const { live } = clusters();
    assert.equal(live.status('', ['logging']), undefined);
    assert.equal(live.status('fake-a', []), undefined);
    live.enabled = false;
    assert.equal(live.status('fake-a', ['logging']), undefined);
    live.refresh();
    assert.equal(live.busy, false);
    assert.deepEqual(fake.server.requests, []);
  });
});
