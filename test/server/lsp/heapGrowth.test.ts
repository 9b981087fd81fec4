import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORCED_COLLECTION_FACTOR, FORCED_COLLECTION_MIN_BYTES, FORCED_COLLECTION_SLACK_BYTES, fullCollection, HeapBudget } from '../../../server/src/lsp/heapGrowth';

const MiB = 2 ** 20;

describe('HeapBudget', () => {
  /** A budget over a heap whose use the test sets; a collection leaves `afterCollection`. */
  function budgetOver(afterCollection: number) {
    const heap = { used: 0, collections: 0 };
    const budget = new HeapBudget(
      () => {
        heap.collections++;
        heap.used = afterCollection;
      },
      () => heap.used,
    );
    return { heap, budget };
  }

  it('collects when idle only once the heap holds far more than the last full collections left', () => {
    const { heap, budget } = budgetOver(170 * MiB);
    heap.used = 900 * MiB;
    assert.equal(budget.collectIfOverBudget(), false, 'nothing to compare with before a first full collection');
    budget.noteFullCollection(170 * MiB);
    const limit = 170 * MiB * FORCED_COLLECTION_FACTOR + FORCED_COLLECTION_SLACK_BYTES;
    heap.used = limit;
    assert.equal(budget.collectIfOverBudget(), false);
    heap.used = limit + MiB;
    assert.equal(budget.collectIfOverBudget(), true);
    assert.equal(heap.collections, 1);
    // What the forced collection left counts as the others do.
    heap.used = limit;
    assert.equal(budget.collectIfOverBudget(), false);
  });

  it('compares with the least the last four full collections left: one that marked across an edit left more', () => {
    const { heap, budget } = budgetOver(170 * MiB);
    for (const left of [170, 290, 210, 300]) budget.noteFullCollection(left * MiB);
    heap.used = 330 * MiB;
    assert.equal(budget.collectIfOverBudget(), true, '330 MiB is over 1.5 × 170 + 64');
    // A larger file opened: its heap is alive, and once the collections say so, it is the budget's.
    const grown = budgetOver(600 * MiB);
    for (const left of [170, 600, 610, 605, 600]) grown.budget.noteFullCollection(left * MiB);
    grown.heap.used = 900 * MiB;
    assert.equal(grown.budget.collectIfOverBudget(), false);
  });

  it('leaves a small heap to V8', () => {
    const { heap, budget } = budgetOver(10 * MiB);
    budget.noteFullCollection(10 * MiB);
    heap.used = FORCED_COLLECTION_MIN_BYTES;
    assert.equal(budget.collectIfOverBudget(), false);
    heap.used = FORCED_COLLECTION_MIN_BYTES + MiB;
    assert.equal(budget.collectIfOverBudget(), true);
  });

  it('forces a real full collection', async () => {
    const collect = fullCollection();
    let target: object | undefined = { text: 'x'.repeat(1000) };
    const collected = new WeakRef(target);
    target = undefined;
    // A weak reference holds its target until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    assert.equal(collected.deref(), undefined);
  });
});
