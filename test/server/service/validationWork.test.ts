/**
 * The work one validation does per document, counted: a multi-document file of
 * node agents reads each document into a typed DaemonSet only when a rule needs
 * the typed object (an inventory, a live cluster), and then once, however many
 * rules and peers ask for it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeAgentCorpus } from '../../../bench/hardCorpus';
import { daemonSetDocumentReads } from '../../../server/src/model/daemonSet';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import { splitYamlDocuments } from '../../../server/src/model/yamlDocuments';
import { getLanguageService } from '../../../server/src/service/languageService';
import { readFixture } from '../../support/golden';
import { textDocument } from '../../support/textDocument';

function cluster() {
  const loaded = loadInventoryFromText(readFixture('scheduling/cluster.yaml'), 'cluster.yaml');
  assert.deepEqual(loaded.problems, []);
  return { label: 'cluster.yaml', nodes: loaded.nodes, pods: loaded.pods, priorityClasses: loaded.priorityClasses };
}

describe('typed DaemonSet reads per validation', () => {
  it('reads no document into a typed DaemonSet without an inventory or a live cluster', () => {
    const text = nodeAgentCorpus(40);
    const before = daemonSetDocumentReads();
    const diagnostics = getLanguageService().doValidation(textDocument(text, 'file:///agents.yaml'));
    assert.ok(diagnostics.some((d) => d.rule === 'hostport-conflict'), 'the cross-document rules ran');
    assert.equal(daemonSetDocumentReads() - before, 0);
  });

  it('reads each DaemonSet once with an inventory, though its own rules and its peers all weigh it', () => {
    const text = nodeAgentCorpus(40);
    const documents = splitYamlDocuments(text).length;
    const before = daemonSetDocumentReads();
    const diagnostics = getLanguageService().doValidation(textDocument(text, 'file:///agents.yaml'), { inventory: cluster() });
    assert.ok(diagnostics.length > documents);
    assert.equal(daemonSetDocumentReads() - before, documents);
  });
});
