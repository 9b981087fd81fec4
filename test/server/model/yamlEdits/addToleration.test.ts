import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDaemonSetsFromText } from '../../../../server/src/model/daemonSet';
import { addTolerationEdit, tolerationForTaint } from '../../../../server/src/model/yamlEdits/addToleration';
import { applyOffsetEdits } from '../../../../server/src/model/yamlEdits/offsetEdit';

const controlPlane = tolerationForTaint({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
const vip = tolerationForTaint({ key: 'VIPOnly', value: 'true', effect: 'NoExecute' });

function daemonSet(podSpec: string, indent = '  '): string {
  const i = indent;
  return [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    `${i}name: agent`,
    'spec:',
    `${i}selector:`,
    `${i}${i}matchLabels: {app: agent}`,
    `${i}template:`,
    `${i}${i}metadata:`,
    `${i}${i}${i}labels: {app: agent}`,
    `${i}${i}spec:`,
    podSpec,
    '',
  ].join('\n');
}

function apply(text: string, toleration = controlPlane, documentIndex = 0): string {
  const edit = addTolerationEdit(text, documentIndex, [], toleration);
  assert.ok(!('error' in edit), 'error' in edit ? edit.error : '');
  return applyOffsetEdits(text, [edit]);
}

function tolerationsOf(text: string, index = 0): unknown {
  const { daemonSets, problems } = loadDaemonSetsFromText(text, 'ds.yaml');
  assert.deepEqual(problems, []);
  return daemonSets[index].spec.template.spec.tolerations;
}

describe('addTolerationEdit', () => {
  it('creates the list after the last pod spec field, with the file’s sequence indentation', () => {
    const text = daemonSet(['      containers:', '        - name: a', '          image: b:1  # pinned', '      hostNetwork: true'].join('\n'));
    const out = apply(text);
    assert.equal(
      out,
      daemonSet(
        [
          '      containers:',
          '        - name: a',
          '          image: b:1  # pinned',
          '      hostNetwork: true',
          '      tolerations:',
          '        - key: node-role.kubernetes.io/control-plane',
          '          operator: Exists',
          '          effect: NoSchedule',
        ].join('\n'),
      ),
    );
    assert.deepEqual(tolerationsOf(out), [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  it('appends to an existing block list, keeping its indentation and a trailing comment line', () => {
    const text = daemonSet(
      ['      tolerations:', '      - key: a', '        operator: Exists', '      # keep me', '      containers:', '      - name: a', '        image: b:1'].join('\n'),
    );
    const out = apply(text, vip);
    const expected = ['      - key: a', '        operator: Exists', '      - key: VIPOnly', '        operator: Equal', '        value: "true"', '        effect: NoExecute', '      # keep me', ''];
    assert.ok(out.includes(expected.join('\n')), out);
    assert.deepEqual(tolerationsOf(out), [
      { key: 'a', operator: 'Exists' },
      { key: 'VIPOnly', operator: 'Equal', value: 'true', effect: 'NoExecute' },
    ]);
  });

  it('adds to flow sequences, empty or not', () => {
    const empty = daemonSet(['      tolerations: []', '      containers: [{name: a, image: "b:1"}]'].join('\n'));
    assert.deepEqual(tolerationsOf(apply(empty)), [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
    const one = daemonSet(['      tolerations: [{operator: Exists, effect: NoExecute}]', '      containers: [{name: a, image: "b:1"}]'].join('\n'));
    assert.equal((tolerationsOf(apply(one)) as unknown[]).length, 2);
  });

  it('fills a null tolerations key', () => {
    const text = daemonSet(['      tolerations:', '      containers:', '        - name: a', '          image: b:1'].join('\n'));
    assert.deepEqual(tolerationsOf(apply(text)), [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
    const tilde = daemonSet(['      tolerations: ~', '      containers:', '        - name: a', '          image: b:1'].join('\n'));
    assert.deepEqual(tolerationsOf(apply(tilde)), [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  it('keeps CRLF line endings and edits only the chosen document', () => {
    const one = daemonSet(['      containers:', '        - name: a', '          image: b:1'].join('\n'));
    const text = `${one}---\n${one}`.replace(/\n/g, '\r\n');
    const out = apply(text, controlPlane, 1);
    assert.ok(!/[^\r]\n/.test(out), 'every line ends with CRLF');
    assert.equal(tolerationsOf(out, 0), undefined);
    assert.equal((tolerationsOf(out, 1) as unknown[]).length, 1);
  });

  it('writes keys that look like numbers quoted, so they read back as strings (`1e3`, `0x1F`)', () => {
    const block = daemonSet(['      containers:', '        - name: a', '          image: b:1'].join('\n'));
    const flow = daemonSet(['      tolerations: []', '      containers: [{name: a, image: "b:1"}]'].join('\n'));
    for (const key of ['1e3', '0x1F', '0o17', '.inf', '1_000', 'yes', 'y', 'null', '~']) {
      for (const text of [block, flow]) {
        const taint = { key, value: '0x1F', effect: 'NoSchedule' };
        const out = apply(text, tolerationForTaint(taint));
        assert.deepEqual(tolerationsOf(out), [{ key, operator: 'Equal', value: '0x1F', effect: 'NoSchedule' }], out);
      }
    }
  });

  it('quotes in the file’s quote style', () => {
    const text = daemonSet(["      containers:", "        - name: 'a'", "          image: 'b:1'"].join('\n'));
    const out = apply(text, tolerationForTaint({ key: '1e3', value: 'true', effect: 'NoSchedule' }));
    assert.ok(out.includes("        - key: '1e3'\n          operator: Equal\n          value: 'true'\n"), out);
  });

  it('refuses what it cannot edit, in words', () => {
    const broken = 'kind: DaemonSet\nspec: [\n';
    assert.ok('error' in addTolerationEdit(broken, 0, [], controlPlane));
    const scalarList = daemonSet(['      tolerations: nope', '      containers: []'].join('\n'));
    assert.deepEqual(addTolerationEdit(scalarList, 0, [], controlPlane), { error: 'spec.template.spec.tolerations is not a list' });
    assert.ok('error' in addTolerationEdit(scalarList, 3, [], controlPlane));
  });
});
