import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodePoolsHeadline, type NamedGroupVerdict } from '../../../server/src/reconciler';

const group = (name: string, verdict: NamedGroupVerdict['verdict']): NamedGroupVerdict => ({ name, verdict });

describe('nodePoolsHeadline', () => {
  it('says how many pools run the DaemonSet, and where only some nodes do', () => {
    assert.equal(nodePoolsHeadline([group('a', 'always'), group('b', 'always'), group('c', 'always'), group('spot', 'sometimes')]), 'Runs on 3 of 4 node pools, on some nodes of `spot`');
    assert.equal(nodePoolsHeadline([group('a', 'always'), group('b', 'always')]), 'Runs on all 2 node pools');
    assert.equal(nodePoolsHeadline([group('a', 'always')]), 'Runs on the one node pool');
    assert.equal(nodePoolsHeadline([group('a', 'never'), group('b', 'never')]), 'Runs on none of 2 node pools');
    assert.equal(nodePoolsHeadline([group('a', 'never'), group('b', 'sometimes'), group('c', 'sometimes')]), 'Runs on 0 of 3 node pools, on some nodes of `b`, `c`');
  });
});
