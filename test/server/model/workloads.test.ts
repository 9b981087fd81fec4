import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { mayBeSummarized, summarizeWorkload } from '../../../server/src/model/workloads';
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';
import { objectDocuments } from '../../../server/src/model/listItemDocuments';
import { exampleAndFixtureYamlFiles } from '../../support/yamlFiles';

const summaryOf = (text: string) => summarizeWorkload(parseYamlFile(text).documents[0]);

describe('summarizeWorkload', () => {
  it('reads the selector, pod labels, nodeSelector and host ports of a pod template, with their paths', () => {
    const summary = summaryOf(
      [
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: backup, namespace: ops}',
        'spec:',
        '  jobTemplate:',
        '    spec:',
        '      selector: {matchLabels: {app: backup}}',
        '      template:',
        '        metadata: {labels: {app: backup, tier: 3}}',
        '        spec:',
        '          nodeSelector: {pool: io, spare: null}',
        '          containers:',
        '            - name: a',
        '            - name: b',
        '              ports: [{containerPort: 80}, {containerPort: 81, hostPort: 8081, protocol: UDP}]',
        '',
      ].join('\n'),
    );
    assert.deepEqual(summary, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      name: 'backup',
      namespace: 'ops',
      documentIndex: 0,
      hostPorts: [{ port: 8081, protocol: 'UDP', path: ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 1, 'ports', 1, 'hostPort'] }],
      selector: { matchLabels: { app: 'backup' } },
      selectorPath: ['spec', 'jobTemplate', 'spec', 'selector'],
      podLabels: { app: 'backup', tier: '3' },
      podLabelsPath: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
      nodeSelector: { pool: 'io', spare: '' },
    });
  });

  it('is no workload for a kind named like a member of every object', () => {
    // Once a lookup in a plain object, where `toString` found Object.prototype's function and the read threw.
    for (const kind of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      assert.equal(summaryOf(`apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\n`), undefined, kind);
    }
  });
});

describe('mayBeSummarized', () => {
  const table: Array<[string, string, boolean]> = [
    ['a kind no summary has', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n', false],
    ['a quoted kind no summary has, with a comment, CRLF', "apiVersion: v1\r\nkind: 'Service' # the front\r\n", false],
    ['a pod-owning kind', 'apiVersion: apps/v1\nkind: DaemonSet\n', true],
    ['a double-quoted pod-owning kind', 'kind: "CronJob"\n', true],
    ['Pod', 'kind: Pod\n', true],
    ['PodDisruptionBudget', 'kind: PodDisruptionBudget\n', true],
    ['PriorityClass', 'kind: PriorityClass\n', true],
    ['no kind line', 'apiVersion: v1\nmetadata: {}\n', true],
    ['a kind only below the top level', 'spec:\n  kind: ConfigMap\n', true],
    ['flow style', '{kind: ConfigMap, apiVersion: v1}\n', true],
    ['JSON', '{"kind": "ConfigMap"}\n', true],
    ['two kind lines (a duplicate key)', 'kind: ConfigMap\nkind: DaemonSet\n', true],
    ['an alias', 'kind: *k\n', true],
    ['a tag', 'kind: !!str ConfigMap\n', true],
    ['a Go template', 'kind: {{ .Values.kind }}\n', true],
    ['unbalanced quotes', 'kind: "ConfigMap\n', true],
    ['a List of DaemonSets (kubectl get ds -o yaml)', 'apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: DaemonSet\nkind: List\n', true],
    ['a List of Deployments in flow items', 'kind: List\nitems:\n- {apiVersion: apps/v1, kind: Deployment}\n', true],
    ['a List of Nodes (kubectl get nodes -o yaml)', 'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata: {name: a}\nkind: List\n', false],
    ['a NodeList of kindless items', 'kind: NodeList\nitems:\n- metadata: {name: a}\n', false],
  ];
  for (const [what, text, expected] of table) {
    it(`${expected ? 'may' : 'does not'}: ${what}`, () => assert.equal(mayBeSummarized(text), expected));
  }

  it('is never false for a document that has a summary, on every example and fixture', () => {
    let skipped = 0;
    for (const file of exampleAndFixtureYamlFiles()) {
      for (const doc of parseYamlFile(readFileSync(file, 'utf8')).documents) {
        if (mayBeSummarized(doc.text)) continue;
        skipped++;
        // Nor any item of a list (listItemDocuments.ts).
        for (const object of objectDocuments(parseYamlFile(doc.text)).documents) assert.equal(summarizeWorkload(object), undefined, `${file} document ${doc.index}`);
      }
    }
    assert.ok(skipped > 50, `only ${skipped} documents skipped: the corpus should hold many kinds without summaries`);
  });
});
