import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeLabelSelector,
  explainLabelSelectorMismatch,
  labelSelectorMatches,
  labelSelectorProblems,
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

describe('labelSelectorProblems (ValidateLabelSelector)', () => {
  const cases: Array<[string, unknown, Array<[string, string]>]> = [
    ['a valid selector', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, []],
    ['an empty selector (reported by selector-drift)', {}, []],
    ['In without values', { matchExpressions: [{ key: 'a', operator: 'In' }] }, [['matchExpressions.0.values', 'Required']]],
    ['NotIn with an empty list', { matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] }, [['matchExpressions.0.values', 'Required']]],
    ['Exists with values', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, [['matchExpressions.0.values', 'Forbidden']]],
    ['DoesNotExist with values', { matchExpressions: [{ key: 'a', operator: 'DoesNotExist', values: ['x'] }] }, [['matchExpressions.0.values', 'Forbidden']]],
    ['an unknown operator', { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, [['matchExpressions.0.operator', 'Invalid']]],
    ['a missing operator', { matchExpressions: [{ key: 'a' }] }, [['matchExpressions.0.operator', 'Invalid']]],
    [
      'an invalid key, then each invalid value',
      { matchExpressions: [{ key: 'a/b/c', operator: 'In', values: ['ok', '-x', 'y-'] }] },
      [
        ['matchExpressions.0.key', 'Invalid'],
        ['matchExpressions.0.values.1', 'Invalid'],
        ['matchExpressions.0.values.2', 'Invalid'],
      ],
    ],
    [
      'matchLabels key and value, reported at matchLabels',
      { matchLabels: { '-bad': 'has space' } },
      [
        ['matchLabels', 'Invalid'],
        ['matchLabels', 'Invalid'],
      ],
    ],
    ['a selector that is not a mapping', ['a'], []],
  ];
  for (const [name, selector, expected] of cases) {
    it(name, () => {
      assert.deepEqual(
        labelSelectorProblems(selector).map((p) => [p.path.join('.'), p.type]),
        expected,
      );
    });
  }

  it('keeps what Kubernetes says', () => {
    assert.deepEqual(
      labelSelectorProblems({ matchExpressions: [{ key: 'a', operator: 'In' }, { key: 'b', operator: 'Exists', values: ['x'] }, { key: 'c', operator: 'Equals' }] }).map((p) => p.detail),
      [
        "must be specified when `operator` is 'In' or 'NotIn'",
        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        'not a valid selector operator',
      ],
    );
  });

  it('an invalid selector matches nothing, like a selector LabelSelectorAsSelector refuses', () => {
    const labels = { app: 'web' };
    assert.equal(labelSelectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: [] }] }, labels), false);
    assert.equal(labelSelectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] }, labels), false);
    assert.equal(labelSelectorMatches({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist', values: ['x'] }] }, labels), false);
  });
});
