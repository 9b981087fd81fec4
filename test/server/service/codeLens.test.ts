import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import { assertGolden, readFixture } from '../../support/golden';
import { renderCodeLenses } from '../../support/render';
import { textDocument } from '../../support/textDocument';
import { loadInventoryFromText, mergeInventories } from '../../../server/src/model/inventory';
import { exampleInventory, fixtureDocument } from './editingSupport';

describe('getCodeLenses', () => {
  it('counts the nodes each DaemonSet runs on and opens the preview', () => {
    const { document } = fixtureDocument('service/workspace/agents.yaml');
    const service = getLanguageService();
    const out = [
      '## kind-cluster',
      renderCodeLenses(service.getCodeLenses(document, { inventory: exampleInventory() })),
      '## mixed-pool',
      renderCodeLenses(service.getCodeLenses(document, { inventory: exampleInventory('mixed-pool') })),
      '## no inventory',
      renderCodeLenses(service.getCodeLenses(document)),
    ];
    assertGolden('service/codeLens/agents.txt', out.join('\n'));
  });

  it('runs the hover fixture on 3 of the 4 kind nodes', () => {
    const { document } = fixtureDocument('service/hover/node-agent.yaml');
    const [lens] = getLanguageService().getCodeLenses(document, { inventory: exampleInventory() });
    assert.equal(lens.command.title, 'Runs on 3 of 4 nodes · Preview');
    assert.deepEqual(lens.command.arguments, ['file:///fixtures/service/hover/node-agent.yaml', 'node-agent']);
    assert.equal(lens.range.start.line, 2);
  });

  it('says the node pools as groups, beside the node count when the inventory also has nodes', () => {
    const { document } = fixtureDocument('service/workspace/agents.yaml');
    const service = getLanguageService();
    const pools = (name: string) => mergeInventories([loadInventoryFromText(readFixture(`inventory/pools/${name}.yaml`), `pools/${name}.yaml`)]).groups;
    const out = [
      '## Karpenter NodePools only',
      renderCodeLenses(service.getCodeLenses(document, { inventory: { label: 'pools/', nodes: [], groups: pools('karpenter-nodepools') } })),
      '## Cluster API pools beside the kind nodes',
      renderCodeLenses(service.getCodeLenses(document, { inventory: { ...exampleInventory(), groups: pools('cluster-api') } })),
    ];
    assertGolden('service/codeLens/agents-pools.txt', out.join('\n'));
  });

  it('has no lens for other kinds', () => {
    assert.deepEqual(getLanguageService().getCodeLenses(textDocument('apiVersion: v1\nkind: ConfigMap\n')), []);
  });
});
