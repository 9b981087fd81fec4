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
import { crossDocumentChecks } from '../../../server/src/service/crossDocumentCache';
import { getLanguageService, type ValidationSettings } from '../../../server/src/service/languageService';
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

  it('validates a version again only when something it depends on changed, and then as a fresh service would', () => {
    const uri = 'file:///agents.yaml';
    const text = nodeAgentCorpus(12);
    const service = getLanguageService();
    const validate = (settings?: ValidationSettings, version = 1) => {
      const before = crossDocumentChecks();
      const diagnostics = service.doValidation(textDocument(text, uri, version), settings);
      return { diagnostics, checks: crossDocumentChecks() - before };
    };
    const fresh = (settings?: ValidationSettings, peers?: string) => {
      const other = getLanguageService();
      if (peers !== undefined) other.updateWorkspaceFile('file:///peers.yaml', peers);
      return other.doValidation(textDocument(text, uri, 1), settings);
    };
    const first = validate();
    assert.ok(first.checks > 0);
    // The same version and settings, rebuilt as the LSP layer rebuilds them: the same array, no work.
    assert.deepEqual(validate({}), { diagnostics: first.diagnostics, checks: 0 });
    const rules = { 'hostport-conflict': 'off' as const };
    const off = validate({ rules: { ...rules } });
    assert.notEqual(off.diagnostics, first.diagnostics);
    assert.deepEqual(off.diagnostics, fresh({ rules }));
    assert.equal(validate({ rules: { ...rules } }).diagnostics, off.diagnostics);
    const inventory = cluster();
    const withNodes = validate({ inventory });
    assert.deepEqual(withNodes.diagnostics, fresh({ inventory }));
    assert.equal(validate({ inventory: { ...inventory } }).diagnostics, withNodes.diagnostics, 'an inventory object rebuilt from the same parts');
    assert.notEqual(validate({ inventory: { ...inventory, nodes: [...inventory.nodes] } }).diagnostics, withNodes.diagnostics, 'other nodes');
    // Another file of the workspace changed: validated again, as a service that indexed it.
    const peers = text.split('---\n').slice(0, 3).join('---\n').replaceAll('name: ', 'name: peer-');
    service.updateWorkspaceFile('file:///peers.yaml', peers);
    const indexed = validate();
    assert.ok(indexed.checks > 0);
    assert.deepEqual(indexed.diagnostics, fresh(undefined, peers));
    assert.notDeepEqual(indexed.diagnostics, first.diagnostics);
    // A new version of the same text is a new parse, validated again.
    assert.notEqual(validate(undefined, 2).diagnostics, indexed.diagnostics);
  });
});
