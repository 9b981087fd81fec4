import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeWorkload } from '../../../server/src/model/workloads';
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';

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
