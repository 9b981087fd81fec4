import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import { textDocument, withCursor } from '../../support/textDocument';

function hoverAt(marked: string): string | undefined {
  const { text, position } = withCursor(marked);
  return getLanguageService().doHover(textDocument(text), position)?.contents;
}

const daemonSet = (body: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n${body}`;

describe('doHover', () => {
  it('explains that the selector is immutable', () => {
    assert.match(hoverAt(daemonSet('  sel|ector:\n    matchLabels: {app: a}\n')) ?? '', /immutable/);
  });

  it('documents the update strategy defaults', () => {
    assert.match(hoverAt(daemonSet('  updateStrategy:\n    ty|pe: RollingUpdate\n')) ?? '', /RollingUpdate/);
  });

  it('documents maxSurge rounding on the value too', () => {
    const text = daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 2|5%\n');
    assert.match(hoverAt(text) ?? '', /rounded up/);
  });

  it('finds fields inside sequences', () => {
    const text = daemonSet(
      '  template:\n    spec:\n      containers:\n        - name: a\n          ports:\n            - host|Port: 80\n',
    );
    assert.match(hoverAt(text) ?? '', /maxSurge/);
  });

  it('stays silent outside DaemonSets', () => {
    assert.equal(hoverAt('apiVersion: apps/v1\nkind: Deployment\nspec:\n  sel|ector: {}\n'), undefined);
  });

  it('uses the document under the cursor in a multi-document file', () => {
    const text = `kind: ConfigMap\n---\n${daemonSet('  minReady|Seconds: 5\n')}`;
    assert.match(hoverAt(text) ?? '', /available/);
  });
});
