import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import { assertGolden } from '../../support/golden';
import { renderSymbols } from '../../support/render';
import { textDocument } from '../../support/textDocument';
import { fixtureDocument } from './editingSupport';

describe('findDocumentSymbols', () => {
  it('names each object Kind namespace/name with containers, tolerations and volumes below DaemonSets', () => {
    const { document } = fixtureDocument('service/hover/node-agent.yaml');
    assertGolden('service/symbols/node-agent.txt', renderSymbols(getLanguageService().findDocumentSymbols(document)));
  });

  it('lists every document of a multi-document file', () => {
    const { document } = fixtureDocument('service/workspace/agents.yaml');
    assertGolden('service/symbols/agents.txt', renderSymbols(getLanguageService().findDocumentSymbols(document)));
  });

  it('skips documents that are not Kubernetes objects and survives broken ones', () => {
    const symbols = getLanguageService().findDocumentSymbols(textDocument('a: 1\n---\nkind: DaemonSet\napiVersion: apps/v1\nspec: [\n'));
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['DaemonSet (unnamed)'],
    );
  });
});
