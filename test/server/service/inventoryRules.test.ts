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

  describe('over node groups (a kind config and Karpenter NodePools, no Node)', () => {
    const poolsDir = join(repoRoot, 'test', 'fixtures', 'inventory', 'pools');
    const pools = () => {
      const parts = ['kind-multi-node.yaml', 'karpenter-nodepools.yaml'].map((name) => loadInventoryFromText(readFileSync(join(poolsDir, name), 'utf8'), join(poolsDir, name)));
      return { label: 'pools/', nodes: [], groups: parts.flatMap((part) => part.groups), displayFile: (file: string) => `pools/${file.split('/').pop()}` };
    };
    const validate = (text: string) =>
      getLanguageService()
        .doValidation(textDocument(text, 'file:///examples/ds.yaml'), { inventory: pools() })
        .filter((d) => inventoryRules.has(d.rule));

    for (const example of ['fluentd-elasticsearch.yaml', 'selector-drift.yaml', 'datastore-shard.yaml', 'nginx-ds.yaml']) {
      it(`${example}`, () => {
        const text = readFileSync(join(repoRoot, 'examples', example), 'utf8');
        assertGolden(`service/inventory/${example.replace('.yaml', '')}--pools.txt`, renderDiagnostics(text, validate(text)));
      });
    }

    it('missing-toleration names the pool, its file and its taint', () => {
      const [diagnostic] = validate(readFileSync(join(repoRoot, 'examples', 'selector-drift.yaml'), 'utf8')).filter((d) => d.rule === 'missing-toleration');
      assert.match(diagnostic.message, /the `gpu` NodePool in pools\/karpenter-nodepools\.yaml taints nvidia\.com\/gpu=true:NoSchedule/);
      assert.match(diagnostic.message, /the `dev-control-plane` kind node in pools\/kind-multi-node\.yaml taints node-role\.kubernetes\.io\/control-plane:NoSchedule/);
    });

    it('no-matching-nodes names each pool that excludes the DaemonSet', () => {
      const text = readFileSync(join(repoRoot, 'examples', 'selector-drift.yaml'), 'utf8').replace(/(\n(\s+)containers:)/, '\n$2nodeSelector: {disktype: ssd}$1');
      const [diagnostic] = validate(text).filter((d) => d.rule === 'no-matching-nodes');
      assert.ok(diagnostic, 'no no-matching-nodes diagnostic');
      assert.match(diagnostic.message, /No node of pools\/ \(0 nodes, 6 node pools\) matches/);
      assert.match(diagnostic.message, /the `dev-worker` kind node in pools\/kind-multi-node\.yaml: the group has no label disktype — the nodeSelector needs ssd; .*; and 3 more node pools\.$/);
    });
  });

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

  describe('the control-plane hint judges tolerations as the controller does (T1)', () => {
    const agent = (tolerations: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      containers:
        - name: agent
          image: example/agent:1.0
      tolerations:
${tolerations}
`;
    const cases: Array<[string, string, boolean]> = [
      ['Exists with the key tolerates it', '        - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}', false],
      ['Exists with any value tolerates it', '        - {key: node-role.kubernetes.io/control-plane, operator: Exists, value: "x"}', false],
      ['Equal with the empty value tolerates it', '        - {key: node-role.kubernetes.io/control-plane, operator: Equal, effect: NoSchedule}', false],
      ['no operator and no value tolerates it (Equal, empty equals empty)', '        - {key: node-role.kubernetes.io/control-plane}', false],
      ['an empty key with Exists tolerates every key', '        - {operator: Exists, effect: NoSchedule}', false],
      ['Equal with another value does not', '        - {key: node-role.kubernetes.io/control-plane, operator: Equal, value: "x"}', true],
      ['no operator with a value does not', '        - {key: node-role.kubernetes.io/control-plane, value: "true", effect: NoSchedule}', true],
      ['an unknown operator does not', '        - {key: node-role.kubernetes.io/control-plane, operator: exists}', true],
      ['another effect does not', '        - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoExecute}', true],
      ['another key does not', '        - {key: example.com/dedicated, operator: Exists}', true],
    ];
    for (const [name, tolerations, hinted] of cases) {
      it(name, () => {
        const hints = getLanguageService()
          .doValidation(textDocument(agent(tolerations)))
          .filter((d) => d.rule === 'missing-toleration');
        assert.deepEqual(hints.map((d) => d.severity), hinted ? ['hint'] : []);
      });
    }

    it('the legacy master key does not either, and legacy-control-plane-toleration says so instead of the hint', () => {
      const rules = getLanguageService()
        .doValidation(textDocument(agent('        - {key: node-role.kubernetes.io/master, operator: Exists}')))
        .map((d) => d.rule)
        .filter((rule) => rule === 'missing-toleration' || rule === 'legacy-control-plane-toleration');
      assert.deepEqual(rules, ['legacy-control-plane-toleration']);
    });
  });
});
