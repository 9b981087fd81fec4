import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plural } from '../../../server/src/model/plural';

describe('plural', () => {
  it('one is singular; zero and many are plural', () => {
    assert.equal(plural(1, 'taint'), '1 taint');
    assert.equal(plural(2, 'taint'), '2 taints');
    assert.equal(plural(0, 'node'), '0 nodes');
    assert.equal(plural(1, 'runs a pod', 'run a pod'), '1 runs a pod');
    assert.equal(plural(3, 'runs a pod', 'run a pod'), '3 run a pod');
  });
});
