import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';
import { DocumentDiagnosticsCache } from '../../../server/src/service/documentDiagnosticsCache';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { Rule } from '../../../server/src/service/rules';
import { doValidation } from '../../../server/src/service/validation';
import { textDocument } from '../../support/textDocument';

const ds = (name: string, selector: string, label: string) =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${selector}\n  template:\n    metadata:\n      labels:\n        app: ${label}\n`;

describe('per-document diagnostics cache', () => {
  it('re-checks only the edited document and shifts the others', () => {
    let checks = 0;
    const counting: Rule = {
      id: 'counting',
      defaultSeverity: 'hint',
      description: 'counts',
      appliesTo: () => true,
      check: () => {
        checks++;
        return [{ path: ['metadata', 'name'], message: 'seen' }];
      },
    };
    const cache = new DocumentDiagnosticsCache();
    const before = [ds('a', 'a', 'a'), ds('b', 'b', 'b'), ds('c', 'c', 'c')].join('---\n');
    doValidation('file:///x.yaml', parseYamlFile(before), {}, {}, [counting], cache);
    assert.equal(checks, 3);
    // Insert a line into the first document: the other two move down one line.
    const after = [ds('a', 'a', 'a').replace('kind:', '# note\nkind:'), ds('b', 'b', 'b'), ds('c', 'c', 'c')].join('---\n');
    const cached = doValidation('file:///x.yaml', parseYamlFile(after), {}, {}, [counting], cache);
    assert.equal(checks, 4, 'only the edited document is checked again');
    const fresh = doValidation('file:///x.yaml', parseYamlFile(after), {}, {}, [counting]);
    assert.deepEqual(cached, fresh);
  });

  it('hands back the same diagnostic objects for unchanged documents, also once they moved', () => {
    const withRelated: Rule = {
      id: 'with-related',
      defaultSeverity: 'hint',
      description: 'points at the selector',
      appliesTo: () => true,
      check: () => [{ path: ['metadata', 'name'], message: 'seen', related: [{ path: ['spec', 'selector'], message: 'here' }] }],
    };
    const cache = new DocumentDiagnosticsCache();
    doValidation('file:///x.yaml', parseYamlFile([ds('a', 'a', 'a'), ds('b', 'b', 'b')].join('---\n')), {}, {}, [withRelated], cache);
    // A line inserted into the first document moves the second one down: its diagnostics are shifted once.
    const after = [ds('a', 'a', 'a').replace('kind:', '# note\nkind:'), ds('b', 'b', 'b')].join('---\n');
    const first = doValidation('file:///x.yaml', parseYamlFile(after), {}, {}, [withRelated], cache);
    const second = doValidation('file:///x.yaml', parseYamlFile(after), {}, {}, [withRelated], cache);
    assert.equal(first.length, 2);
    assert.equal(first[1].relatedInformation?.[0].uri, 'file:///x.yaml');
    first.forEach((diagnostic, i) => assert.equal(second[i], diagnostic, `diagnostic ${i} is the same object`));
  });

  it('keeps applying the suppression comment of an unchanged document to a document edited after it', () => {
    const named: Rule = {
      id: 'named',
      defaultSeverity: 'hint',
      description: 'names',
      appliesTo: () => true,
      check: () => [{ path: ['metadata', 'name'], message: 'seen' }],
    };
    const cache = new DocumentDiagnosticsCache();
    const file = (second: string) => parseYamlFile([`# daemonset-disable named\n${ds('a', 'a', 'a')}`, ds(second, second, second)].join('---\n'));
    assert.deepEqual(doValidation('file:///x.yaml', file('b'), {}, {}, [named], cache), []);
    assert.deepEqual(doValidation('file:///x.yaml', file('c'), {}, {}, [named], cache), []);
    // And without one, nothing is suppressed.
    const plain = parseYamlFile([ds('a', 'a', 'a'), ds('d', 'd', 'd')].join('---\n'));
    assert.equal(doValidation('file:///x.yaml', plain, {}, {}, [named], cache).length, 2);
  });

  it('gives the same diagnostics as an uncached service across edits', () => {
    const service = getLanguageService();
    const texts = [
      [ds('a', 'a', 'a'), ds('b', 'b', 'x')].join('---\n'),
      [ds('a', 'a', 'y'), ds('b', 'b', 'x')].join('---\n'),
      ['# header\n', ds('a', 'a', 'y'), ds('b', 'b', 'x')].join('---\n'),
    ];
    texts.forEach((text, version) => {
      const cached = service.doValidation(textDocument(text, 'file:///same.yaml', version));
      const fresh = getLanguageService().doValidation(textDocument(text, 'file:///same.yaml', version));
      assert.deepEqual(cached, fresh);
    });
  });

  it('keys entries by settings', () => {
    const service = getLanguageService();
    const text = ds('a', 'a', 'b');
    assert.equal(service.doValidation(textDocument(text, 'file:///k.yaml', 1))[0].severity, 'error');
    assert.equal(
      service.doValidation(textDocument(text, 'file:///k.yaml', 2), { rules: { 'selector-drift': 'hint' } })[0].severity,
      'hint',
    );
  });
});
