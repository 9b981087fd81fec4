import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { nodeInventoryDump } from '../../../bench/hardCorpus';
import { parseAllDocuments } from 'yaml';
import { loadInventoryFromKubectlValue, loadInventoryFromParsed, loadInventoryFromText } from '../../../server/src/model/inventory';
import { withoutUnreadInventoryFields, withoutUnreadObjectFields } from '../../../server/src/model/inventoryText';
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';
import { exampleAndFixtureYamlFiles } from '../../support/yamlFiles';

/** The inventory as it was read before the cut: every byte parsed. */
const readInFull = (text: string, file: string) => loadInventoryFromParsed(parseYamlFile(text), file);

describe('withoutUnreadInventoryFields', () => {
  it('loads every fixture and example inventory exactly as reading it in full does', () => {
    let cut = 0;
    for (const file of exampleAndFixtureYamlFiles()) {
      const text = readFileSync(file, 'utf8');
      if (withoutUnreadInventoryFields(text) !== text) cut++;
      assert.deepEqual(loadInventoryFromText(text, file), readInFull(text, file), file);
    }
    assert.ok(cut >= 2, `only ${cut} files had something to cut`);
  });

  it('loads a generated kubectl dump of 200 nodes exactly as reading it in full does, with under half of the lines', () => {
    const text = nodeInventoryDump(200);
    const lean = withoutUnreadInventoryFields(text);
    assert.deepEqual(loadInventoryFromText(text, 'nodes.yaml'), readInFull(text, 'nodes.yaml'));
    assert.equal(lean.split('\n').length, text.split('\n').length, 'every line keeps its number');
    const kept = lean.split('\n').filter((line) => line.trim() !== '').length;
    assert.ok(kept < text.split('\n').length / 2, `${kept} lines kept`);
    assert.doesNotMatch(lean, /sha256:|managedFields|InternalIP/);
    assert.match(lean, /kubeletVersion: v1\.31\.2/);
  });

  it('keeps each kept line where it was, and items that held managedFields stay items', () => {
    const text = [
      'items:',
      '- metadata:',
      '    name: a',
      '    managedFields:',
      '    - manager: kubelet',
      '      fieldsV1:',
      '        f:metadata: {}',
      '    labels: {x: "1"}',
      '  status:',
      '    images:',
      '    - names: [a]',
      '',
      '    - names: [b]',
      '    capacity: {cpu: "2"}',
      '- managedFields:',
      '  - manager: x',
      '  metadata: {name: b}',
      '',
    ].join('\n');
    const lean = withoutUnreadInventoryFields(text);
    assert.deepEqual(lean.split('\n'), [
      'items:',
      '- metadata:',
      '    name: a',
      '', '', '', '',
      '    labels: {x: "1"}',
      '  status:',
      '', '', '', '',
      '    capacity: {cpu: "2"}',
      '-',
      '',
      '  metadata: {name: b}',
      '',
    ]);
    assert.deepEqual(parseYamlFile(lean).documents[0].value, {
      items: [{ metadata: { name: 'a', labels: { x: '1' } }, status: { capacity: { cpu: '2' } } }, { metadata: { name: 'b' } }],
    });
  });

  it('leaves block scalars, addresses outside status, nested statuses and flow values alone', () => {
    for (const text of [
      'data:\n  script: |\n    status:\n      images:\n      - x\n',
      'spec:\n  addresses:\n  - 10.0.0.1\n',
      'status: {images: [a], addresses: [b]}\n',
      'spec:\n  status:\n    images: [a]\n',
      'kind: Node\nmetadata:\n  name: a\n',
    ]) {
      assert.equal(withoutUnreadInventoryFields(text), text, JSON.stringify(text));
    }
  });

  it("keeps of an object's status only what the readers take: conditions without heartbeats and messages, allocatable, capacity, the kubelet version, phase, start time", () => {
    const text = [
      'status:',
      '  images: [a]',
      '  conditions:',
      '  - lastHeartbeatTime: "2026-11-30T20:00:00Z"',
      '    lastTransitionTime: "2026-11-01T08:00:00Z"',
      '    message: kubelet is posting',
      '      ready status',
      '    status: "True"',
      '    type: Ready',
      '  - message: only a message',
      '  daemonEndpoints:',
      '    kubeletEndpoint:',
      '      Port: 10250',
      '  nodeInfo:',
      '    bootID: x',
      '    kubeletVersion: v1.31.2',
      '    osImage: Linux',
      '  phase: Running',
      '',
    ].join('\n');
    const lean = withoutUnreadInventoryFields(text);
    assert.equal(lean.split('\n').length, text.split('\n').length);
    assert.deepEqual(parseYamlFile(lean).documents[0].value, {
      status: {
        conditions: [{ lastTransitionTime: '2026-11-01T08:00:00Z', status: 'True', type: 'Ready' }, {}],
        nodeInfo: { kubeletVersion: 'v1.31.2' },
        phase: 'Running',
      },
    });
    // Without a kubelet version, nodeInfo stays whole: it still tells a Node written without a kind.
    const noVersion = 'items:\n- status:\n    nodeInfo:\n      osImage: Linux\n';
    assert.equal(withoutUnreadInventoryFields(noVersion), noVersion);
  });

  it('keeps CRLF files line for line', () => {
    const text = 'status:\r\n  images:\r\n  - names: [a]\r\n  capacity:\r\n    cpu: "1"\r\n';
    const lean = withoutUnreadInventoryFields(text);
    assert.equal(lean.split('\n').length, text.split('\n').length);
    assert.deepEqual(parseYamlFile(lean).documents[0].value, { status: { capacity: { cpu: '1' } } });
  });
});

/** A parsed value with each object (a list's items, or the value itself) cut as the live snapshot cuts kubectl's items. */
function cutObjects(value: unknown): unknown {
  const copy = structuredClone(value) as { items?: unknown };
  if (copy && typeof copy === 'object' && Array.isArray(copy.items)) copy.items = copy.items.map(withoutUnreadObjectFields);
  else withoutUnreadObjectFields(copy);
  return copy;
}

describe('withoutUnreadObjectFields', () => {
  it('every document of every fixture and example reads cut exactly as in full: the same nodes, pods, classes and problems', () => {
    let cut = 0;
    for (const file of exampleAndFixtureYamlFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const doc of parseAllDocuments(text)) {
        if (doc.errors.length > 0) continue;
        const value: unknown = doc.toJS();
        const lean = cutObjects(value);
        if (JSON.stringify(lean) !== JSON.stringify(value)) cut++;
        assert.deepEqual(loadInventoryFromKubectlValue(lean, text, file), loadInventoryFromKubectlValue(structuredClone(value), text, file), file);
      }
    }
    assert.ok(cut >= 2, `only ${cut} documents had something to cut`);
  });

  it('drops what nothing reads, keeps mappings mappings, and leaves other values as they are', () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1', labels: { zone: 'a' }, managedFields: [{ manager: 'kubelet' }] },
      spec: { taints: [] },
      status: {
        addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
        allocatable: { cpu: '4' },
        capacity: { cpu: '4' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ready', lastHeartbeatTime: 'x', lastTransitionTime: '2024-01-01T00:00:00Z' }, 'not a mapping'],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        images: [{ names: ['a'], sizeBytes: 1 }],
        nodeInfo: { kubeletVersion: 'v1.31.2', osImage: 'Linux' },
      },
    };
    assert.deepEqual(withoutUnreadObjectFields(structuredClone(node)), {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1', labels: { zone: 'a' } },
      spec: { taints: [] },
      status: {
        allocatable: { cpu: '4' },
        capacity: { cpu: '4' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastTransitionTime: '2024-01-01T00:00:00Z' }, 'not a mapping'],
        nodeInfo: { kubeletVersion: 'v1.31.2' },
      },
    });
    const noVersion = { status: { nodeInfo: { osImage: 'Linux' }, images: [] } };
    assert.deepEqual(withoutUnreadObjectFields(noVersion), { status: { nodeInfo: { osImage: 'Linux' } } }, 'nodeInfo without kubeletVersion stays whole');
    for (const other of [null, 'text', 3, [1], { status: 'Running' }, { status: [1] }]) assert.deepEqual(withoutUnreadObjectFields(structuredClone(other)), other);
  });

  it('a `__proto__` field stays a field: its mapping is not cut', () => {
    const value = JSON.parse('{"status": {"__proto__": {"allocatable": {"cpu": "64"}}, "images": [], "capacity": {"cpu": "4"}}}') as { status: Record<string, unknown> };
    const lean = withoutUnreadObjectFields(value) as { status: Record<string, unknown> };
    assert.equal(Object.getPrototypeOf(lean.status), Object.prototype);
    assert.equal(lean.status.allocatable, undefined);
    assert.deepEqual(Object.keys(lean.status), ['__proto__', 'images', 'capacity']);
  });
});
