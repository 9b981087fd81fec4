import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDaemonSetsFromText } from '../../../server/src/model/daemonSet';
import { getLanguageService } from '../../../server/src/service/languageService';
import { assertGolden } from '../../support/golden';
import { applyEdits, renderCodeActions } from '../../support/render';
import { textDocument } from '../../support/textDocument';
import { exampleInventory, fixtureDocument } from './editingSupport';

/** Every quick fix of every diagnostic of a fixture, with the changed lines after applying it. */
function fixesOf(relativePath: string, withInventory = false): string {
  const { text, document } = fixtureDocument(relativePath);
  const service = getLanguageService();
  const diagnostics = service.doValidation(document, withInventory ? { inventory: exampleInventory() } : {});
  const out: string[] = [];
  for (const diagnostic of diagnostics) {
    const actions = service.getCodeActions(document, { diagnostics: [diagnostic] });
    if (actions.length === 0) continue;
    out.push(`### ${diagnostic.rule} ${diagnostic.path ?? ''}`);
    out.push(renderCodeActions(text, actions));
  }
  return out.join('\n') || '(no code actions)\n';
}

function fixedText(relativePath: string, title: RegExp, withInventory = false): string {
  const { text, document } = fixtureDocument(relativePath);
  const service = getLanguageService();
  const diagnostics = service.doValidation(document, withInventory ? { inventory: exampleInventory() } : {});
  const action = service.getCodeActions(document, { diagnostics }).find((a) => title.test(a.title));
  assert.ok(action, `no action ${title}`);
  return applyEdits(text, action.edits);
}

describe('getCodeActions', () => {
  for (const [fixture, inventory] of [
    ['selector-drift', false],
    ['selector-missing', false],
    ['deprecated-api', false],
    ['pod-fixes', false],
    ['more-fixes', false],
    ['toleration-fixes', false],
    ['missing-toleration', true],
    ['missing-toleration', false],
    ['list-selector-drift', false],
  ] as const) {
    it(`fixes ${fixture}.yaml${inventory ? ' with the kind-cluster inventory' : ''}`, () => {
      assertGolden(`service/codeActions/${fixture}${inventory ? '--kind-cluster' : ''}.txt`, fixesOf(`service/codeActions/${fixture}.yaml`, inventory));
    });
  }

  it('leaves no selector drift after aligning the labels', () => {
    const fixed = fixedText('service/codeActions/selector-drift.yaml', /^Set template labels/);
    const codes = getLanguageService().doValidation(textDocument(fixed)).map((d) => d.rule);
    assert.ok(!codes.includes('selector-drift'), codes.join());
    assert.match(fixed, /app: log-agent {3}# renamed last week/);
  });

  it('migrates extensions/v1beta1 to a valid apps/v1 DaemonSet', () => {
    const fixed = fixedText('service/codeActions/deprecated-api.yaml', /^Migrate/);
    const codes = getLanguageService().doValidation(textDocument(fixed)).map((d) => d.rule);
    assert.ok(!codes.includes('selector-drift') && !codes.includes('deprecated-api-version'), codes.join());
  });

  it('tolerates every blocking taint so the DaemonSet runs on all nodes', () => {
    const fixed = fixedText('service/codeActions/missing-toleration.yaml', /^Tolerate all/, true);
    const codes = getLanguageService().doValidation(textDocument(fixed), { inventory: exampleInventory() }).map((d) => d.rule);
    assert.ok(!codes.includes('missing-toleration'), codes.join());
  });

  it('tolerates taints whose keys look like numbers, as strings (`1e3`, `0x1F`)', () => {
    const text =
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers: [{name: a, image: a:1}]\n';
    const taints = [
      { key: '1e3', effect: 'NoSchedule' },
      { key: '0x1F', value: '0x1F', effect: 'NoExecute' },
    ];
    const diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, rule: 'missing-toleration', message: 'm', data: { taints } };
    const action = getLanguageService()
      .getCodeActions(textDocument(text), { diagnostics: [diagnostic] })
      .find((a) => a.title.startsWith('Tolerate all'));
    assert.ok(action, 'the fix is offered');
    const { daemonSets, problems } = loadDaemonSetsFromText(applyEdits(text, action.edits), 'ds.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(daemonSets[0].spec.template.spec.tolerations, [
      { key: '1e3', operator: 'Exists', effect: 'NoSchedule' },
      { key: '0x1F', operator: 'Equal', value: '0x1F', effect: 'NoExecute' },
    ]);
  });

  it('leaves none of the fixed findings behind', () => {
    const { text, document } = fixtureDocument('service/codeActions/more-fixes.yaml');
    const service = getLanguageService();
    let fixed = text;
    for (const title of [/^Rename/, /^Change/, /^Select node/, /^Set maxSurge/]) {
      const current = textDocument(fixed);
      const action = service.getCodeActions(current, { diagnostics: service.doValidation(current) }).find((a) => title.test(a.title));
      assert.ok(action, `no action ${title} in\n${fixed}`);
      fixed = applyEdits(fixed, action.edits);
    }
    const rules = service.doValidation(textDocument(fixed)).map((d) => d.rule);
    for (const rule of ['schema', 'node-name-pinned', 'hostport-with-surge']) assert.ok(!rules.includes(rule), `${rule} in ${rules.join()}`);
    assert.match(fixed, /nodeSelector:\n {8}kubernetes\.io\/hostname: edge-worker-1/);
    assert.match(fixed, /maxUnavailable: 1 {2}# zero downtime/, 'the comment stays');
    void document;
  });

  it('moves a nodeName that is the last entry into an existing nodeSelector', () => {
    const service = getLanguageService();
    const text =
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers: [{name: a, image: a:1}]\n      nodeSelector:\n        disk: ssd\n      nodeName: node-7  # pinned while debugging\n';
    const doc = textDocument(text);
    const pinned = service.doValidation(doc).filter((d) => d.rule === 'node-name-pinned');
    const actions = service.getCodeActions(doc, { diagnostics: pinned });
    assert.deepEqual(actions.map((a) => a.title), ['Select node node-7 with a nodeSelector instead of nodeName', 'Remove nodeName (run on every node)']);
    assert.equal(
      applyEdits(text, actions[0].edits),
      text.replace('        disk: ssd\n      nodeName: node-7  # pinned while debugging\n', '        disk: ssd\n        kubernetes.io/hostname: node-7\n'),
    );
  });

  it('makes every toleration valid with the preferred fixes', () => {
    const { text } = fixtureDocument('service/codeActions/toleration-fixes.yaml');
    const service = getLanguageService();
    let fixed = text;
    for (let round = 0; round < 10; round++) {
      const current = textDocument(fixed);
      const invalid = service.doValidation(current).filter((d) => d.rule === 'invalid-toleration');
      if (invalid.length === 0) break;
      const action = service.getCodeActions(current, { diagnostics: invalid }).find((a) => a.isPreferred);
      assert.ok(action, `no preferred fix for ${invalid[0].message}`);
      fixed = applyEdits(fixed, action.edits);
    }
    assert.deepEqual(service.doValidation(textDocument(fixed)).filter((d) => d.rule === 'invalid-toleration' || d.rule === 'yaml-syntax'), []);
  });

  it('does not rename a field to one that is already there', () => {
    const service = getLanguageService();
    const doc = textDocument(
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      hostNetwork: true\n      hostNetwrk: true\n      containers: [{name: a, image: a:1}]\n',
    );
    const typo = service.doValidation(doc).find((d) => d.rule === 'schema');
    assert.ok(typo, 'the unknown field is reported');
    assert.deepEqual(service.getCodeActions(doc, { diagnostics: [typo] }), []);
  });

  it('keeps CRLF line ends', () => {
    const { text } = fixtureDocument('service/codeActions/pod-fixes.yaml');
    const crlf = textDocument(text.replace(/\n/g, '\r\n'));
    const service = getLanguageService();
    const actions = service.getCodeActions(crlf, { diagnostics: service.doValidation(crlf) });
    for (const action of actions) for (const edit of action.edits) assert.ok(!/[^\r]\n/.test(edit.newText), action.title);
  });

  it('answers nothing for diagnostics of other rules or documents that do not parse', () => {
    const service = getLanguageService();
    const doc = textDocument('apiVersion: apps/v1\nkind: DaemonSet\nspec: [\n');
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } };
    assert.deepEqual(service.getCodeActions(doc, { diagnostics: [{ range, rule: 'selector-drift', message: '' }] }), []);
    assert.deepEqual(service.getCodeActions(doc, { diagnostics: [{ range, rule: 'unknown', message: '' }] }), []);
  });
});
