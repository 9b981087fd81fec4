import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanKindLines, type KindLineScan } from '../../../server/src/model/kindLine';

describe('scanKindLines', () => {
  const table: Array<[string, string, KindLineScan]> = [
    ['a plain kind', 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\n', { lines: 1, kind: 'DaemonSet' }],
    ['a double-quoted kind', 'kind: "DaemonSet"\n', { lines: 1, kind: 'DaemonSet' }],
    ['a single-quoted kind', "kind: 'DaemonSet'\n", { lines: 1, kind: 'DaemonSet' }],
    ['a comment after the value', 'kind: DaemonSet # the node agent\n', { lines: 1, kind: 'DaemonSet' }],
    ['a comment after a quoted value, no space before it', 'kind: "DaemonSet"# agent\n', { lines: 1, kind: 'DaemonSet' }],
    ['CRLF', 'apiVersion: apps/v1\r\nkind: DaemonSet\r\nmetadata:\r\n  name: a\r\n', { lines: 1, kind: 'DaemonSet' }],
    ['CRLF after a comment', 'kind: DaemonSet # agent\r\nspec: {}\r\n', { lines: 1, kind: 'DaemonSet' }],
    ['the last line, no line break', 'apiVersion: v1\nkind: ConfigMap', { lines: 1, kind: 'ConfigMap' }],
    ['trailing blanks', 'kind: DaemonSet \t\n', { lines: 1, kind: 'DaemonSet' }],
    ['letters and digits', 'kind: V1Beta2Thing\n', { lines: 1, kind: 'V1Beta2Thing' }],
    ['indented: a nested object, not the top level', 'spec:\n  template:\n    kind: DaemonSet\n', { lines: 0, kind: undefined }],
    ['indented by one space', ' kind: DaemonSet\n', { lines: 0, kind: undefined }],
    ['a list item', 'items:\n- kind: Node\n', { lines: 0, kind: undefined }],
    ['inside a block scalar', 'kind: ConfigMap\ndata:\n  manifest.yaml: |\n    kind: DaemonSet\n    spec: {}\n', { lines: 1, kind: 'ConfigMap' }],
    ['only inside a block scalar', 'metadata:\n  annotations:\n    note: >-\n      kind: DaemonSet\n', { lines: 0, kind: undefined }],
    ['two top-level lines: the first one read', 'kind: ConfigMap\nkind: DaemonSet\n', { lines: 2, kind: 'ConfigMap' }],
    ['a key that starts with kind', 'kindred: DaemonSet\n', { lines: 0, kind: undefined }],
    ['unbalanced quotes', 'kind: "DaemonSet\n', { lines: 1, kind: undefined }],
    ['mismatched quotes', 'kind: "DaemonSet\'\n', { lines: 1, kind: undefined }],
    ['two words', 'kind: Daemon Set\n', { lines: 1, kind: undefined }],
    ['flow', 'kind: [DaemonSet]\n', { lines: 1, kind: undefined }],
    ['an anchor', 'kind: &k DaemonSet\n', { lines: 1, kind: undefined }],
    ['an alias', 'kind: *k\n', { lines: 1, kind: undefined }],
    ['a tag', 'kind: !!str DaemonSet\n', { lines: 1, kind: undefined }],
    ['a Go template', 'kind: {{ .Values.kind }}\n', { lines: 1, kind: undefined }],
    ['an empty value', 'kind:\napiVersion: v1\n', { lines: 1, kind: undefined }],
    ['the value on the next line', 'kind:\n  DaemonSet\n', { lines: 1, kind: undefined }],
    ['a flow mapping', '{kind: DaemonSet, apiVersion: apps/v1}\n', { lines: 0, kind: undefined }],
    ['JSON', '{"kind": "DaemonSet"}\n', { lines: 0, kind: undefined }],
    ['no kind at all', 'apiVersion: v1\nmetadata: {}\n', { lines: 0, kind: undefined }],
  ];
  for (const [what, text, expected] of table) {
    it(what, () => assert.deepEqual(scanKindLines(text), expected));
  }

  it('reads each text on its own (the scan keeps no state between calls)', () => {
    assert.deepEqual(scanKindLines('a: 1\nb: 2\nkind: Pod\n'), { lines: 1, kind: 'Pod' });
    assert.deepEqual(scanKindLines('kind: Job\n'), { lines: 1, kind: 'Job' });
  });
});
