/** Suppression comments: which texts are searched for them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayHoldSuppressions } from '../../../server/src/service/suppressions';
import { getLanguageService } from '../../../server/src/service/languageService';
import { textDocument } from '../../support/textDocument';

describe('mayHoldSuppressions', () => {
  it('is true exactly where a directive may start: `#`, any blanks, `daemonset-`', () => {
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
    for (const text of texts) assert.equal(mayHoldSuppressions(text), /#\s*daemonset-/.test(text), JSON.stringify(text));
  });

  it('still applies a directive in a file whose names hold daemonset-', () => {
    const ds = (name: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:latest\n`;
    const rules = (text: string) => getLanguageService().doValidation(textDocument(text)).map((d) => d.rule);
    const plain = `${ds('agent-daemonset-1')}---\n${ds('agent-daemonset-2')}`;
    assert.ok(rules(plain).includes('image-tag-latest'));
    assert.ok(!rules(`# daemonset-disable image-tag-latest\n${plain}`).includes('image-tag-latest'));
  });
});
