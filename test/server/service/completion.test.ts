import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { yamlContextAt } from '../../../server/src/model/yamlContext';
import { valueCompletionFor, VALUE_COMPLETIONS, type ValueCompletion } from '../../../server/src/service/completion';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { CompletionItem, EditingOptions } from '../../../server/src/service/types';
import { assertGolden } from '../../support/golden';
import { positionOfMarker, renderCompletion } from '../../support/render';
import { textDocument, withCursor } from '../../support/textDocument';
import { exampleInventory, fixtureDocument } from './editingSupport';

function complete(marked: string, options?: EditingOptions): CompletionItem[] {
  const { text, position } = withCursor(marked);
  return getLanguageService().doComplete(textDocument(text), position, options).items;
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);
const head = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\n';

describe('yamlContextAt (text-based path at the cursor)', () => {
  const at = (marked: string) => {
    const { text, offset } = withCursor(marked);
    const ctx = yamlContextAt(text, offset);
    return ctx && { on: ctx.on, path: ctx.path, siblings: [...ctx.siblings.keys()] };
  };

  it('finds the mapping of a half-typed key under a sequence item', () => {
    assert.deepEqual(at('spec:\n  template:\n    spec:\n      containers:\n        - name: a\n          im|\n'), {
      on: 'key',
      path: ['spec', 'template', 'spec', 'containers', 0],
      siblings: ['name'],
    });
  });

  it('counts sequence items and handles unindented sequences', () => {
    assert.deepEqual(at('spec:\n  tolerations:\n  - key: a\n  - key: b\n    effect: |\n')?.path, ['spec', 'tolerations', 1, 'effect']);
  });

  it('collects siblings below the cursor too', () => {
    assert.deepEqual(at('spec:\n  |\n  template: {}\n  selector: {}\n')?.siblings, ['template', 'selector']);
  });

  it('counts the items of a long List and skips the lines indented past the keys it looks for', () => {
    const item = (name: string) => `- kind: DaemonSet\n  metadata:\n    name: ${name}\n    annotations:\n      note: >-\n        spec: not a key\n        - not an item\n  spec:\n    template: {}\n`;
    const list = `apiVersion: v1\nitems:\n${item('a')}${item('b')}# a comment at column 0\n- kind: DaemonSet\n  spec:\n    template:\n      spec:\n        containers:\n        - name: a\n          args:\n          - x: y\n        - name: b\n  \t        # tab-indented comment\n          im|\n          env: []\n        volumes: []\nkind: List\n`;
    assert.deepEqual(at(list), { on: 'key', path: ['items', 2, 'spec', 'template', 'spec', 'containers', 1], siblings: ['name', 'env'] });
    assert.deepEqual(at(`apiVersion: v1\nitems:\n${item('a')}|\nkind: List\nmetadata:\n  resourceVersion: ""\n`), { on: 'key', path: [], siblings: ['items', 'apiVersion', 'kind', 'metadata'] });
  });

  it('is silent in comments and block scalars', () => {
    assert.equal(at('spec:\n  # sel|\n'), undefined);
    assert.equal(at('spec:\n  args: >-\n    foo\n    ba|\n'), undefined);
  });
});

describe('doComplete', () => {
  it('offers the whole DaemonSet in an empty document', () => {
    const items = complete('|');
    assert.deepEqual(labels(items), ['DaemonSet']);
    assert.match(items[0].textEdit.newText, /^apiVersion: apps\/v1\nkind: DaemonSet\n/);
  });

  it('offers spec keys without those present, required first, and no Deployment fields', () => {
    const items = complete(`${head}spec:\n  template: {}\n  |\n`);
    const names = labels(items);
    assert.ok(!names.includes('template'));
    assert.ok(!names.includes('replicas'));
    const selector = items.find((item) => item.label === 'selector');
    assert.equal(selector?.sortText, '0_selector');
  });

  it('fills required children: a new container gets its name', () => {
    const items = complete(`${head}spec:\n  template:\n    spec:\n      cont|\n`);
    assert.equal(items.find((item) => item.label === 'containers')?.textEdit.newText, 'containers:\n  - name: $1');
  });

  it('follows an unindented sequence style', () => {
    const items = complete(`${head}spec:\n  template:\n    spec:\n      volumes:\n      - name: a\n      cont|\n`);
    assert.equal(items.find((item) => item.label === 'containers')?.textEdit.newText, 'containers:\n- name: $1');
  });

  it('offers enum values, and only Always for restartPolicy', () => {
    assert.deepEqual(labels(complete(`${head}spec:\n  updateStrategy:\n    type: |\n`)).sort(), ['OnDelete', 'RollingUpdate']);
    assert.deepEqual(labels(complete(`${head}spec:\n  template:\n    spec:\n      restartPolicy: |\n`)), ['Always']);
  });

  it('adds the space after a colon typed just now', () => {
    const [item] = complete(`${head}spec:\n  template:\n    spec:\n      restartPolicy:|\n`);
    assert.equal(item.textEdit.newText, ' Always');
  });

  it('completes while the rest of the document is broken', () => {
    const items = complete(`${head}spec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: [broken\n          imagePullPolicy: |\n  foo: {\n`);
    assert.deepEqual(labels(items).sort(), ['Always', 'IfNotPresent', 'Never']);
  });

  it('offers node labels and values from the inventory', () => {
    const inventory = exampleInventory('mixed-pool');
    const keys = labels(complete(`${head}spec:\n  template:\n    spec:\n      nodeSelector:\n        |\n`, { inventory }));
    assert.ok(keys.includes('kubernetes.io/os'));
    assert.ok(keys.includes('topology.kubernetes.io/zone'));
    const values = labels(complete(`${head}spec:\n  template:\n    spec:\n      nodeSelector:\n        kubernetes.io/os: |\n`, { inventory }));
    assert.deepEqual(values.slice(0, 2).sort(), ['linux', 'windows']);
  });

  it('offers taint keys, values and effects of the inventory for tolerations', () => {
    const inventory = exampleInventory();
    const base = `${head}spec:\n  template:\n    spec:\n      tolerations:\n        - key: VIPOnly\n`;
    assert.ok(labels(complete(`${base.replace('VIPOnly', '|')}`, { inventory })).includes('VIPOnly'));
    assert.deepEqual(labels(complete(`${base}          value: |\n`, { inventory })), ['true']);
    const effects = complete(`${base}          effect: |\n`, { inventory });
    assert.equal(effects[0].label, 'NoExecute');
    assert.match(effects[0].detail ?? '', /1 of 4 nodes/);
  });

  it('offers a whole toleration for each untolerated taint on a new item', () => {
    const items = complete(`${head}spec:\n  template:\n    spec:\n      tolerations:\n        - |\n`, { inventory: exampleInventory() });
    const vip = items.find((item) => item.label === 'toleration VIPOnly=true:NoExecute');
    assert.equal(vip?.textEdit.newText, 'key: VIPOnly\n  operator: Equal\n  value: "true"\n  effect: NoExecute');
  });

  it('stays silent in other kinds of documents', () => {
    assert.deepEqual(complete('apiVersion: v1\nkind: ConfigMap\ndata:\n  |\n'), []);
  });
});

describe('value completions by field', () => {
  const pod = (lines: string) => `${head}spec:\n  template:\n    spec:\n${lines}`;
  const affinityTerm = (lines: string) =>
    pod(`      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n${lines}`);
  const toleration = (lines: string) => pod(`      tolerations:\n        - key: VIPOnly\n${lines}`);
  const labelled = `${head}spec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n`;
  // One cursor per entry of VALUE_COMPLETIONS, and what only that entry offers there.
  const cases: Array<{ field: string; marked: string; inventory?: boolean; check: (labels: string[]) => void }> = [
    { field: 'apiVersion', marked: 'apiVersion: |\nkind: DaemonSet\n', check: (l) => assert.deepEqual(l, ['apps/v1']) },
    { field: 'kind', marked: 'apiVersion: apps/v1\nkind: |\n', check: (l) => assert.deepEqual(l, ['DaemonSet']) },
    { field: 'restartPolicy', marked: pod('      restartPolicy: |\n'), check: (l) => assert.deepEqual(l, ['Always']) },
    {
      field: 'priorityClassName',
      marked: pod('      priorityClassName: |\n'),
      check: (l) => assert.deepEqual(l.slice(0, 2), ['system-node-critical', 'system-cluster-critical']),
    },
    { field: 'nodeSelector value', marked: pod('      nodeSelector:\n        kubernetes.io/os: |\n'), check: (l) => assert.ok(l.includes('linux'), String(l)) },
    {
      field: 'toleration key',
      marked: pod('      tolerations:\n        - key: |\n'),
      check: (l) => assert.ok(l.includes('node-role.kubernetes.io/control-plane'), String(l)),
    },
    { field: 'toleration value', marked: toleration('          value: |\n'), inventory: true, check: (l) => assert.deepEqual(l, ['true']) },
    {
      field: 'toleration effect',
      marked: toleration('          effect: |\n'),
      check: (l) => assert.deepEqual(l.sort(), ['NoExecute', 'NoSchedule', 'PreferNoSchedule']),
    },
    { field: 'toleration operator', marked: toleration('          operator: |\n'), check: (l) => assert.deepEqual(l, ['Exists', 'Equal']) },
    {
      field: 'matchExpressions key',
      marked: affinityTerm('              - matchExpressions:\n                  - key: |\n'),
      check: (l) => assert.ok(l.includes('kubernetes.io/arch'), String(l)),
    },
    {
      field: 'matchExpressions values',
      marked: affinityTerm('              - matchExpressions:\n                  - key: kubernetes.io/os\n                    operator: In\n                    values:\n                      - |\n'),
      check: (l) => assert.ok(l.includes('windows'), String(l)),
    },
    {
      field: 'matchFields key',
      marked: affinityTerm('              - matchFields:\n                  - key: |\n'),
      check: (l) => assert.deepEqual(l, ['metadata.name']),
    },
    {
      field: 'matchFields values',
      marked: affinityTerm('              - matchFields:\n                  - key: metadata.name\n                    operator: In\n                    values:\n                      - |\n'),
      inventory: true,
      check: (l) => assert.ok(l.includes('kind-worker2'), String(l)),
    },
    {
      field: 'selector label value',
      marked: labelled.replace('      app: agent', '      app: |'),
      check: (l) => assert.deepEqual(l, ['agent']),
    },
    {
      field: 'template label value',
      marked: labelled.replace('        app: agent', '        app: |'),
      check: (l) => assert.deepEqual(l, ['agent']),
    },
    {
      field: 'dnsPolicy with hostNetwork',
      marked: pod('      hostNetwork: true\n      dnsPolicy: |\n'),
      check: (l) => assert.equal(l[0], 'ClusterFirstWithHostNet'),
    },
  ];

  const reached = new Map<ValueCompletion, string>();
  for (const c of cases) {
    it(`offers the values of the ${c.field}`, () => {
      const { text, offset } = withCursor(c.marked);
      const entry = valueCompletionFor(yamlContextAt(text, offset)?.path ?? []);
      assert.ok(entry, `no entry answers the ${c.field}`);
      assert.equal(reached.get(entry), undefined, `the ${c.field} reaches the entry of the ${reached.get(entry)}`);
      reached.set(entry, c.field);
      c.check(labels(complete(c.marked, c.inventory ? { inventory: exampleInventory() } : undefined)));
    });
  }

  it('reaches every entry of the table', () => {
    const unreached = VALUE_COMPLETIONS.filter((entry) => !reached.has(entry)).map((entry) => String(entry.field));
    assert.deepEqual(unreached, []);
  });
});

describe('doComplete goldens', () => {
  const cases: Record<string, Array<{ name: string; marker: string; occurrence?: number; inventory?: boolean }>> = {
    'broken-pod-spec': [
      { name: 'updateStrategy.type value', marker: '    type: |' },
      { name: 'restartPolicy value', marker: '      restartPolicy: |' },
      { name: 'nodeSelector value (inventory)', marker: '        kubernetes.io/os: |', inventory: true },
      { name: 'nodeSelector key (inventory)', marker: 'kubernetes.io/os: \n        |', inventory: true },
      { name: 'toleration key (inventory)', marker: 'tolerations:\n        - key: |', inventory: true },
      { name: 'toleration effect', marker: '          effect: |' },
      { name: 'new toleration item (inventory)', marker: '          effect: \n        - |', inventory: true },
      { name: 'affinity operator', marker: '                    operator: |' },
      { name: 'affinity values (inventory)', marker: '                      - |', inventory: true },
      { name: 'imagePullPolicy', marker: '          imagePullPolicy: |' },
      { name: 'half-typed container key', marker: '          ima|\n' },
      { name: 'pod spec key after a broken flow sequence', marker: '      hostN|' },
    ],
    'multi-document': [
      { name: 'spec keys with the selector from the template labels', marker: 'spec:\n  |', occurrence: 2 },
      { name: 'container keys in an unindented sequence', marker: '        image: agent:1.0\n      - |' },
      { name: 'empty last document', marker: '---\n|', occurrence: 2 },
    ],
    empty: [{ name: 'empty file', marker: '# A new file.\n|' }],
  };

  for (const [fixture, list] of Object.entries(cases)) {
    it(`completion in ${fixture}.yaml`, () => {
      const { text, document } = fixtureDocument(`service/completion/${fixture}.yaml`);
      const service = getLanguageService();
      const inventory = exampleInventory();
      const out: string[] = [];
      for (const c of list) {
        const position = positionOfMarker(text, c.marker, c.occurrence);
        out.push(`## ${c.name} (${JSON.stringify(c.marker)}${c.inventory ? ', kind-cluster inventory' : ''})`);
        out.push(renderCompletion(service.doComplete(document, position, c.inventory ? { inventory } : {})));
      }
      assertGolden(`service/completion/${fixture}.txt`, out.join('\n'));
    });
  }
});
