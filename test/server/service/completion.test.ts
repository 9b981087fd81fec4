import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { yamlContextAt } from '../../../server/src/model/yamlContext';
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
