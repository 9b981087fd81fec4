import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import { assertGolden } from '../../support/golden';
import { renderFolding } from '../../support/render';
import { textDocument } from '../../support/textDocument';
import { fixtureDocument } from './editingSupport';

const fold = (text: string) => getLanguageService().getFoldingRanges(textDocument(text));

describe('getFoldingRanges', () => {
  it('folds documents, blocks and comment runs', () => {
    const { text, document } = fixtureDocument('service/completion/multi-document.yaml');
    assertGolden('service/folding/multi-document.txt', renderFolding(text, getLanguageService().getFoldingRanges(document)));
  });

  it('folds an unindented sequence with its key', () => {
    assert.deepEqual(fold('containers:\n- name: a\n  image: b\n- name: c\nnext: 1\n'), [
      { startLine: 0, endLine: 3 },
      { startLine: 1, endLine: 2 },
    ]);
  });

  it('folds broken text by indentation', () => {
    assert.deepEqual(fold('spec:\n  template: [\n    spec:\n'), [
      { startLine: 0, endLine: 2 },
      { startLine: 1, endLine: 2 },
    ]);
  });
});
