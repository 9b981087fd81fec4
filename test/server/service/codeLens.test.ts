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

  it('counts the nodes where the scheduler leaves the pod Pending, with the inventory pods and the file\'s other DaemonSets', () => {
    const { document } = fixtureDocument('scheduling/daemonsets.yaml');
    const loaded = loadInventoryFromText(readFixture('scheduling/cluster.yaml'), 'cluster.yaml');
    const inventory = { label: 'cluster.yaml', nodes: loaded.nodes, pods: loaded.pods, priorityClasses: loaded.priorityClasses };
    const titles = getLanguageService().getCodeLenses(document, { inventory }).map((lens) => lens.command.title);
    assert.deepEqual(titles, ['Runs on 2 of 3 nodes · Preview', 'Runs on 1 of 3 nodes · 1 Pending · Preview', 'Runs on 1 of 3 nodes · Preview']);
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
