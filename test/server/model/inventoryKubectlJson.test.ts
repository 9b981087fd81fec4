/**
 * kubectl's JSON read with JSON.parse (loadInventoryFromKubectlJson, and
 * readClusterPods of the live snapshot) gives exactly the inventory the YAML
 * reader gives of the same text — nodes, pods, PriorityClasses and problems —
 * but that its objects carry no source: on the live fixtures as kubectl
 * prints them, on a generated cluster with the bulk kubectl prints (managed
 * fields, images, statuses), and on bad output.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kubectlNodeList, kubectlPodList } from '../../../bench/kubectlJson';
import { readClusterPods } from '../../../server/src/host/liveCluster';
import { loadInventoryFromKubectlJson, loadInventoryFromText, type InventoryLoadResult } from '../../../server/src/model/inventory';
import { isPlainMap } from '../../../server/src/model/objectReader';
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';
import { repoRoot } from '../../support/golden';

const LIVE_FIXTURES = ['test/fixtures/live/cluster.yaml', 'test/fixtures/live/crowded-cluster.yaml', 'test/fixtures/live/preemption-cluster.yaml', 'test/fixtures/kubectl/finished-pods.yaml', 'test/fixtures/reconciler/nodes-and-pods.yaml'];

const API_VERSIONS: Record<string, string> = { Node: 'v1', Pod: 'v1', PriorityClass: 'scheduling.k8s.io/v1' };

/** The objects of a fixture of one kind, lists flattened, as kubectl's `-o json` list prints them (four spaces). */
function kubectlList(file: string, kind: string): string {
  const items: unknown[] = [];
  for (const doc of parseYamlFile(readFileSync(join(repoRoot, file), 'utf8')).documents) {
    const value = doc.value;
    if (!isPlainMap(value)) continue;
    const listKind = typeof value.kind === 'string' && value.kind.endsWith('List') ? value.kind.slice(0, -4) : undefined;
    const objects = Array.isArray(value.items) ? value.items.map((item: unknown) => (isPlainMap(item) ? { kind: listKind || undefined, ...item } : item)) : [value];
    for (const object of objects) if (isPlainMap(object) && object.kind === kind) items.push({ ...object, apiVersion: API_VERSIONS[kind] });
  }
  return JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4);
}

/** What the YAML reader gives, without the objects' sources (whose lazy line the comparison would read). */
function readAsText(text: string, file: string): InventoryLoadResult {
  const result = loadInventoryFromText(text, file);
  for (const item of [...result.nodes, ...result.pods, ...result.priorityClasses]) delete item.source;
  return result;
}

function assertSameAsText(text: string, file: string): InventoryLoadResult {
  const json = loadInventoryFromKubectlJson(text, file);
  assert.deepEqual(json, readAsText(text, file), file);
  for (const item of [...json.nodes, ...json.pods, ...json.priorityClasses]) assert.ok(!('source' in item), `${file}: an object of kubectl's output carries a source`);
  return json;
}

describe('loadInventoryFromKubectlJson', () => {
  it('reads the live fixtures as kubectl prints them exactly as the YAML reader does', () => {
    let nodes = 0;
    let pods = 0;
    let classes = 0;
    for (const file of LIVE_FIXTURES) {
      nodes += assertSameAsText(kubectlList(file, 'Node'), `${file} nodes`).nodes.length;
      pods += assertSameAsText(kubectlList(file, 'Pod'), `${file} pods`).pods.length;
      classes += assertSameAsText(kubectlList(file, 'PriorityClass'), `${file} classes`).priorityClasses.length;
    }
    assert.ok(nodes >= 8 && pods >= 10 && classes >= 2, `only ${nodes} nodes, ${pods} pods, ${classes} PriorityClasses compared`);
  });

  it('reads a cluster with kubectl’s bulk (managed fields, images, statuses) as the YAML reader does', () => {
    assert.equal(assertSameAsText(kubectlNodeList(40), 'nodes').nodes.length, 40);
    assert.equal(assertSameAsText(kubectlPodList(300, 40), 'pods').pods.length, 300);
  });

  it('the live snapshot’s cut pods read from their values are those the YAML reader reads from the preview’s text', () => {
    const { pods, text } = readClusterPods({ text: kubectlPodList(300, 40) }, ['logging']);
    assert.ok(pods.length > 40 && pods.length < 300, `${pods.length} pods kept (the pending ones are cut)`);
    assert.deepEqual(pods, readAsText(text, 'pods').pods);
  });

  it('places problems in the text as the YAML reader does', () => {
    const list = JSON.parse(kubectlList('test/fixtures/live/cluster.yaml', 'Node')) as { items: Array<{ spec?: object }> };
    list.items[1].spec = { ...list.items[1].spec, taints: [{ key: 'dedicated', effect: 'Sometimes' }] };
    const text = JSON.stringify(list, null, 4);
    const json = assertSameAsText(text, 'nodes');
    assert.equal(json.problems.length, 1);
    assert.ok(json.problems[0].line > 1, 'the problem has its line in the text');
  });

  it('reads kubectl’s documents joined as YAML (namespaces read one by one) with the YAML reader', () => {
    const one = kubectlList('test/fixtures/live/cluster.yaml', 'Pod');
    assert.equal(assertSameAsText(`${one}\n---\n${one}\n`, 'pods').pods.length, 2 * readAsText(one, 'pods').pods.length);
  });
});
