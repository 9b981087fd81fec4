import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedMemo } from '../../../server/src/reconciler/boundedMemo';

describe('boundedMemo', () => {
  it('computes each argument once, undefined results included', () => {
    const calls: string[] = [];
    const parse = boundedMemo((text: string) => {
      calls.push(text);
      return /^\d+$/.test(text) ? Number(text) : undefined;
    }, 10);
    assert.equal(parse('17'), 17);
    assert.equal(parse('x'), undefined);
    assert.equal(parse('17'), 17);
    assert.equal(parse('x'), undefined);
    assert.deepEqual(calls, ['17', 'x']);
  });

  it('keeps no more than its bound, and still answers past it', () => {
    const calls: number[] = [];
    const double = boundedMemo((n: number) => {
      calls.push(n);
      return n * 2;
    }, 2);
    assert.deepEqual([1, 2, 3, 1, 2, 3].map(double), [2, 4, 6, 2, 4, 6]);
    assert.deepEqual(calls, [1, 2, 3, 3], 'the first two are kept, the third is computed each time');
  });

  it('returns the same object for the same argument (a memo of memos)', () => {
    const perResource = boundedMemo((resource: string) => boundedMemo((amount: number) => `${amount} ${resource}`, 4), 4);
    assert.equal(perResource('cpu'), perResource('cpu'));
    assert.equal(perResource('cpu')(3), '3 cpu');
  });
});
