import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { nodeInventoryDump } from '../../../bench/hardCorpus';
import { loadInventoryFromParsed, loadInventoryFromText } from '../../../server/src/model/inventory';
import { withoutUnreadInventoryFields } from '../../../server/src/model/inventoryText';
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
