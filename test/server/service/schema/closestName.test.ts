import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { boundedEditDistance, closestName, MAX_SUGGESTED_NAME_LENGTH } from '../../../../server/src/service/schema/closestName';

/** The whole-table optimal string alignment distance, as closestName computed it before it was bounded. */
function referenceDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

describe('closestName', () => {
  it('suggests typos, transpositions and case slips, not strangers', () => {
    assert.equal(closestName('hostNetwrk', ['hostNetwork', 'hostPID']), 'hostNetwork');
    assert.equal(closestName('lables', ['labels', 'annotations']), 'labels');
    assert.equal(closestName('nodeselector', ['nodeSelector']), 'nodeSelector');
    assert.equal(closestName('favouriteColour', ['name', 'image', 'ports']), undefined);
  });

  it('keeps the first of equally close names', () => {
    assert.equal(closestName('pods', ['pod', 'podz']), 'pod');
    assert.equal(closestName('podz', ['pods', 'pod']), 'pods');
  });

  it('suggests nothing for a 1 MB key, even one that starts with a field name', () => {
    assert.equal(closestName('k'.repeat(1 << 20), ['k', 'kk', 'kind']), undefined);
    assert.equal(closestName(`metadata${'a'.repeat(1 << 20)}`, ['metadata']), undefined);
  });

  it(`compares names up to ${MAX_SUGGESTED_NAME_LENGTH} characters and no longer ones`, () => {
    const field = 'a'.repeat(MAX_SUGGESTED_NAME_LENGTH - 1) + 'b';
    assert.equal(closestName(field.slice(0, -1) + 'c', [field]), field, 'a near-typo of the longest name');
    assert.equal(closestName(field + 'c', [field + 'd']), undefined, 'one character longer: no comparison');
  });
});

describe('boundedEditDistance', () => {
  it('equals the whole-table distance within the bound, and "too far" (bound + 1) beyond it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        assert.equal(boundedEditDistance(a, b, max), Math.min(referenceDistance(a, b), max + 1), `${a} ${b} ${max}`);
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it('counts a transposition as one edit', () => {
    assert.equal(boundedEditDistance('lables', 'labels', 3), 1);
    assert.equal(boundedEditDistance('ab', 'ba', 1), 1);
  });

  it('is "too far" for strings whose lengths differ by more than the bound, however long', () => {
    assert.equal(boundedEditDistance('k'.repeat(1 << 20), 'kind', 3), 4);
    assert.equal(boundedEditDistance('abcd', 'abcdefgh', 3), 4);
    assert.equal(boundedEditDistance('abcd', 'abcdefg', 3), 3);
  });

  it('finds a near match of two 1 MB strings within the bound, and a far one too far', () => {
    const long = 'ab'.repeat(1 << 19);
    assert.equal(boundedEditDistance(long, long.slice(0, -1) + 'x', 2), 1);
    assert.equal(boundedEditDistance(long, 'ba'.repeat(1 << 19), 2), 2);
    assert.equal(boundedEditDistance(long, 'c'.repeat(1 << 20), 2), 3);
  });
});
