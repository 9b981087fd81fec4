import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import { getLanguageService } from '../../../server/src/service/languageService';
import { assertGolden, repoRoot } from '../../support/golden';
import { renderDiagnostics } from '../../support/render';
import { textDocument } from '../../support/textDocument';

const inventoryRules = new Set(['missing-toleration', 'no-matching-nodes']);

function inventory(name: string) {
  const file = join(repoRoot, 'examples', 'nodes', name);
  const loaded = loadInventoryFromText(readFileSync(file, 'utf8'), file);
  assert.deepEqual(loaded.problems, []);
  return { label: `nodes/${name}`, nodes: loaded.nodes };
}

describe('inventory-aware rules over examples/', () => {
  for (const inventoryName of ['kind-cluster.nodes.yaml', 'mixed-pool.nodes.yaml']) {
    for (const example of ['fluentd-elasticsearch.yaml', 'demo-daemon.yaml', 'datastore-shard.yaml', 'nginx-ds.yaml']) {
      it(`${example} on ${inventoryName}`, () => {
        const text = readFileSync(join(repoRoot, 'examples', example), 'utf8');
        const diagnostics = getLanguageService()
          .doValidation(textDocument(text, `file:///examples/${example}`), { inventory: inventory(inventoryName) })
          .filter((d) => inventoryRules.has(d.rule));
        assertGolden(
          `service/inventory/${example.replace('.yaml', '')}--${inventoryName.replace('.nodes.yaml', '')}.txt`,
          renderDiagnostics(text, diagnostics),
        );
      });
    }
  }

  it('gives node agents a control-plane hint without an inventory', () => {
    const text = readFileSync(join(repoRoot, 'examples', 'selector-drift.yaml'), 'utf8');
    const hints = getLanguageService()
      .doValidation(textDocument(text))
      .filter((d) => d.rule === 'missing-toleration');
    assert.deepEqual(
      hints.map((d) => d.severity),
      ['hint'],
    );
    assert.match(hints[0].message, /node-role\.kubernetes\.io\/control-plane/);
  });

  it('gives no hint to an agent that tolerates everything', () => {
    const text = readFileSync(join(repoRoot, 'examples', 'fluentd-elasticsearch.yaml'), 'utf8');
    assert.equal(
      getLanguageService()
        .doValidation(textDocument(text))
        .filter((d) => d.rule === 'missing-toleration').length,
      0,
    );
  });
});
