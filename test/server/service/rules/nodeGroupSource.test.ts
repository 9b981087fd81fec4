/** node-group-source: the inventory's node-group sources diagnosed in their own files, at the field the loader names. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadInventoryFromText } from '../../../../server/src/model/inventory';
import { formatLoadProblem } from '../../../../server/src/model/objectReader';
import { getLanguageService } from '../../../../server/src/service/languageService';
import { assertGolden } from '../../../support/golden';
import { renderDiagnostics } from '../../../support/render';
import { fixtureDocument } from '../editingSupport';

const diagnose = (fixture: string) => {
  const { text, document } = fixtureDocument(`inventory/pools/${fixture}`);
  return { text, diagnostics: getLanguageService().doValidation(document).filter((d) => d.rule === 'node-group-source') };
};

describe('node-group-source', () => {
  it('reports every problem of malformed sources at its field, as the inventory loader does', () => {
    for (const fixture of ['malformed.yaml', 'cluster-api-malformed.yaml', 'kind-worker-role-label.yaml']) {
      const { text, diagnostics } = diagnose(fixture);
      const loaded = loadInventoryFromText(text, 'f').problems.map(formatLoadProblem);
      assert.equal(diagnostics.length, loaded.length, fixture);
      assert.deepEqual(
        diagnostics.map((d) => `f:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.path}: ${d.message}`),
        loaded,
        fixture,
      );
    }
  });

  it('golden: the kind label the kubelet refuses, where kind create cluster would fail', () => {
    const { text, diagnostics } = diagnose('kind-worker-role-label.yaml');
    assertGolden('service/nodeGroupSource/kind-worker-role-label.txt', renderDiagnostics(text, diagnostics));
  });

  it('says nothing about sources it reads', () => {
    for (const fixture of ['kind-multi-node.yaml', 'kind-single-node.yaml', 'karpenter-nodepools.yaml', 'eksctl-cluster.yaml', 'cluster-api.yaml']) {
      assert.deepEqual(diagnose(fixture).diagnostics, [], fixture);
    }
  });
});
