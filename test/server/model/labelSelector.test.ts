import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeLabelSelector,
  explainLabelSelectorMismatch,
  labelSelectorMatches,
  type LabelSelector,
} from '../../../server/src/model/labelSelector';

describe('labelSelectorMatches', () => {
  const labels = { app: 'web', tier: 'frontend' };
  const cases: Array<[string, LabelSelector, boolean]> = [
    ['empty selector matches everything', {}, true],
    ['matchLabels equal', { matchLabels: { app: 'web' } }, true],
    ['matchLabels different value', { matchLabels: { app: 'api' } }, false],
    ['matchLabels missing key', { matchLabels: { zone: 'a' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'x'] }] }, true],
    ['In without key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, false],
    ['NotIn without key matches', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['NotIn with value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, false],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    ['unknown operator matches nothing', { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }, false],
    [
      'labels and expressions are ANDed',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] },
      false,
    ],
  ];
  for (const [name, selector, expected] of cases) {
    it(name, () => assert.equal(labelSelectorMatches(selector, labels), expected));
  }

  it('explains each failing requirement', () => {
    const mismatches = explainLabelSelectorMismatch(
      { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
      labels,
    );
    assert.deepEqual(
      mismatches.map((m) => [m.source, m.key, m.required, m.actual]),
      [
        ['matchLabels', 'app', 'app=api', 'web'],
        ['matchExpressions', 'zone', 'zone', undefined],
      ],
    );
  });

  it('renders selectors like kubectl', () => {
    assert.equal(
      describeLabelSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a', 'b'] }],
      }),
      'app=web,tier notin (a,b)',
    );
  });
});
