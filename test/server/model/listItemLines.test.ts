import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listItemLines } from '../../../server/src/model/listItemLines';
import { readFixture } from '../../support/golden';

/** The text of each item's lines. */
function items(text: string): string[] | undefined {
  return listItemLines(text)?.items.map(({ start, end }) => text.slice(start, end));
}

describe('listItemLines', () => {
  it("finds the items of kubectl's List, from each `-` line to the next", () => {
    const text = readFixture('service/list/kubectl-get-ds.yaml');
    const found = listItemLines(text);
    assert.ok(found);
    assert.equal(found.items.length, 2);
    assert.equal(text.slice(found.start, found.end), items(text)?.join(''));
    assert.match(text.slice(found.items[0].start), /^- apiVersion: apps\/v1\n {2}kind: DaemonSet\n/);
    assert.match(text.slice(found.items[1].start), /^- apiVersion: apps\/v1\n {2}kind: DaemonSet\n {2}metadata:\n {4}creationTimestamp: "2024-05-02T09:20:03Z"/);
    assert.match(text.slice(found.end), /^kind: List\n/);
    for (const item of found.items) assert.equal(text[item.dash], '-');
  });

  it('reads indented sequences, comments and blank lines, and a typed list', () => {
    const text = 'kind: DaemonSetList\nitems:\n  # first\n  - kind: DaemonSet\n    metadata: {name: a}\n\n# between\n  -   kind: DaemonSet\n      spec:\n        - x\nmetadata: {}\n';
    assert.deepEqual(items(text), ['  - kind: DaemonSet\n    metadata: {name: a}\n\n# between\n', '  -   kind: DaemonSet\n      spec:\n        - x\n']);
  });

  it('leaves other texts to the parse', () => {
    for (const text of [
      'kind: DaemonSet\nitems:\n- a: 1\n', // not a list kind
      'kind: List\nkind: List\nitems:\n- a: 1\n', // two kind lines
      'kind: List\nitems: []\n', // flow
      'kind: List\nitems:\n- a: 1\nitems:\n- b: 1\n', // two items lines
      'kind: List\nitems:\n\t- a: 1\n', // a tab
      'kind: List\nitems:\nmetadata: {}\n', // no item
      '{"kind": "List", "items": [{"a": 1}]}\n', // JSON
      'kind: List\nitems:\n-a: 1\n', // `-a` is a plain scalar
      'kind: List\nitems:\n- a: 1\n\tb: 2\n', // a tab after the first item
    ]) {
      assert.equal(listItemLines(text), undefined, text);
    }
  });
});
