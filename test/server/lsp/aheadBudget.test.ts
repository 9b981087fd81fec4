import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AheadBudget } from '../../../server/src/lsp/aheadBudget';

describe('AheadBudget', () => {
  const uri = 'file:///daemonsets.yaml';

  it('validates ahead a document whose time is unknown, and one whose validations fit the budget', () => {
    const budget = new AheadBudget(40, 3);
    assert.equal(budget.allows(uri), true);
    budget.note(uri, 25);
    assert.equal(budget.allows(uri), true);
    budget.note(uri, 40);
    assert.equal(budget.allows(uri), true);
  });

  it('keeps validating ahead a document one of whose validations was slowed down (a collection, a busy machine)', () => {
    const budget = new AheadBudget(40, 3);
    budget.note(uri, 25);
    budget.note(uri, 70);
    assert.equal(budget.allows(uri), true);
    budget.note(uri, 55);
    assert.equal(budget.allows(uri), true);
  });

  it('stops once its last validations all exceed the budget, and starts again after a quick one', () => {
    const budget = new AheadBudget(40, 3);
    budget.note(uri, 25);
    for (const ms of [60, 70, 80]) budget.note(uri, ms);
    assert.equal(budget.allows(uri), false);
    assert.equal(budget.allows('file:///other.yaml'), true, 'each document has its own times');
    budget.note(uri, 30);
    assert.equal(budget.allows(uri), true);
  });

  it('forgets a document\'s times (opened again, closed)', () => {
    const budget = new AheadBudget(40, 3);
    for (const ms of [60, 70, 80]) budget.note(uri, ms);
    budget.forget(uri);
    assert.equal(budget.allows(uri), true);
  });
});
