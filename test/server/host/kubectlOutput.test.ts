/**
 * kubectl output the model cannot read, met by `daemonset import` and by the live snapshot
 * (real kubectl, loopback API server): one check (checkKubectlOutput), said in the same words.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importInventory, KubectlError } from '../../../server/src/host/kubectl';
import { fetchLiveCluster } from '../../../server/src/host/liveCluster';
import { useFakeApiServer } from '../../support/useFakeApiServer';

const WORDS = /^kubectl printed nodes that cannot be read: .*items\[0\]\.status\.allocatable\.cpu: malformed quantity "lots"/;

const fake = useFakeApiServer({ fixtures: ['test/fixtures/live/unreadable-node.yaml'] });

const env = (): NodeJS.ProcessEnv => fake.kubectlEnv();

describe('kubectl output that cannot be read (real kubectl, loopback API server)', () => {
  it('the import refuses the nodes and writes nothing', async () => {
    const dir = join(fake.scratch, 'import');
    await assert.rejects(importInventory({ target: { context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() }, dir, env: env() }), (error) => {
      assert.ok(error instanceof KubectlError);
      assert.equal(error.problem, 'bad-output');
      assert.match(error.message, WORDS);
      return true;
    });
    assert.deepEqual(readdirSync(fake.scratch).filter((name) => name === 'import'), []);
  });

  it('the live snapshot leaves the nodes unread, in the same words', async () => {
    const live = await fetchLiveCluster({ target: { context: 'fake-a', kubeconfig: fake.server.writeKubeconfig() }, namespaces: ['logging'], env: env() });
    assert.equal(live.nodes, undefined);
    const nodes = live.unread.find((problem) => problem.startsWith('nodes: '));
    assert.match(nodes?.slice('nodes: '.length) ?? '', WORDS);
  });
});
