/**
 * Whether a document's text may hold a suppression comment, which decides whether a file is
 * searched for them on each validation: a name containing `daemonset-` is no comment.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayHoldSuppressions } from '../../../server/src/service/suppressions';
import { getLanguageService } from '../../../server/src/service/languageService';
import { textDocument } from '../../support/textDocument';

describe('mayHoldSuppressions', () => {
  it('is true exactly where a directive may start: `#` (or the start of the text), any blanks, `daemonset-`', () => {
    const texts = [
      'metadata:\n  name: nvidia-device-plugin-daemonset-2\n',
      '# daemonset-disable-next-line hostport-conflict\n',
      'a: 1 #daemonset-disable\n',
      '#\n\t daemonset-enable\n',
      '#\u00a0\u2003daemonset-disable\n',
      '#x daemonset-disable\n',
      'daemonset-disable\n',
      'name: daemonset-a # daemonset-enable\n',
      'name: a#b daemonset-x\n',
      '',
    ];
    for (const text of texts) assert.equal(mayHoldSuppressions(text), /(?:#|^)\s*daemonset-/.test(text), JSON.stringify(text));
  });

  it('still applies a directive in a file whose names hold daemonset-', () => {
    const ds = (name: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:latest\n`;
    const rules = (text: string) => getLanguageService().doValidation(textDocument(text)).map((d) => d.rule);
    const plain = `${ds('agent-daemonset-1')}---\n${ds('agent-daemonset-2')}`;
    assert.ok(rules(plain).includes('image-tag-latest'));
    assert.ok(!rules(`# daemonset-disable image-tag-latest\n${plain}`).includes('image-tag-latest'));
  });
});

const agent = (name: string, comment = '') =>
  `${comment}apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: agent\n          image: agent:1.0\n`;

describe('suppression comments', () => {
  it('knows a text without a directive holds none, though names contain daemonset-', () => {
    assert.equal(mayHoldSuppressions(agent('fluentd-daemonset-3')), false);
    assert.equal(mayHoldSuppressions('metadata:\n  name: x # a daemonset-like agent\n'), false);
    assert.equal(mayHoldSuppressions(agent('a', '# daemonset-disable-next-line no-priority-class\n')), true);
    assert.equal(mayHoldSuppressions(agent('a', '#daemonset-enable\n')), true);
    // A document's slice may begin right after a `#` that ends the text before it.
    assert.equal(mayHoldSuppressions('daemonset-disable\nkind: DaemonSet\n'), true);
  });

  it('still applies a directive in a file whose other documents are named daemonset-…', () => {
    const text = [agent('node-daemonset-1'), agent('node-daemonset-2', '# daemonset-disable missing-resource-requests\n'), agent('node-daemonset-3')].join('---\n');
    const rules = getLanguageService()
      .doValidation(textDocument(text, 'file:///agents.yaml', 1))
      .map((d) => `${d.range.start.line < 19 ? 'first' : 'later'} ${d.rule}`);
    assert.ok(rules.includes('first missing-resource-requests'), rules.join());
    assert.ok(!rules.includes('later missing-resource-requests'), rules.join());
  });
});
