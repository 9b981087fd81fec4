/**
 * Validating a file parses each of its documents once: its findings, and the
 * cross-document findings that point into its peers, are placed from what
 * that one parse kept (the position index), never by reading a document again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeAgentCorpus } from '../../../bench/hardCorpus';
import { splitYamlDocuments, yamlParseCounts } from '../../../server/src/model/yamlDocuments';
import { getLanguageService } from '../../../server/src/service/languageService';
import { textDocument } from '../../support/textDocument';

describe('parses per validation', () => {
  it('parses each document of a multi-document file once, however many findings it has', () => {
    // More documents than any cache of recent parses would hold, with many findings each, many cross-document.
    const text = nodeAgentCorpus(60);
    const documents = splitYamlDocuments(text).length;
    const before = yamlParseCounts();
    const diagnostics = getLanguageService().doValidation(textDocument(text, 'file:///agents.yaml'));
    const after = yamlParseCounts();
    assert.ok(diagnostics.length > 2 * documents, `only ${diagnostics.length} findings`);
    assert.ok(diagnostics.some((d) => d.rule === 'hostport-conflict'), 'cross-document findings too');
    assert.equal(after.fast - before.fast, documents, 'one parse per document');
    // The AST is composed only for what the index cannot place (block scalars, empty values), once per document.
    assert.ok(after.ast - before.ast <= documents, `${after.ast - before.ast} ASTs for ${documents} documents`);
  });

  it('parses only the edited document again after an edit', () => {
    const service = getLanguageService();
    const text = nodeAgentCorpus(30);
    service.doValidation(textDocument(text, 'file:///agents.yaml', 1));
    const edited = text.replace(/terminationGracePeriodSeconds: \d+/, 'terminationGracePeriodSeconds: 7');
    assert.notEqual(edited, text);
    const before = yamlParseCounts();
    service.doValidation(textDocument(edited, 'file:///agents.yaml', 2));
    const after = yamlParseCounts();
    assert.equal(after.fast - before.fast, 1);
    assert.equal(after.ast - before.ast, 0);
  });

  it('indexes an open document whose file reads as its text from the parse its validation made', () => {
    const service = getLanguageService();
    const text = nodeAgentCorpus(30);
    service.doValidation(textDocument(text, 'file:///agents.yaml', 1));
    const before = yamlParseCounts();
    assert.equal(service.updateWorkspaceFile('file:///agents.yaml', text), true);
    assert.equal(yamlParseCounts().fast - before.fast, 0, 'the workspace scan reading the same text parses nothing');
    assert.ok(service.workspaceIndex.has('file:///agents.yaml'));
    // Another text (the file on disk differs from the editor's) is parsed for the index.
    const other = text.replace(/terminationGracePeriodSeconds: \d+/, 'terminationGracePeriodSeconds: 7');
    const beforeOther = yamlParseCounts();
    service.updateWorkspaceFile('file:///agents.yaml', other);
    assert.ok(yamlParseCounts().fast - beforeOther.fast > 0);
  });

  it('keeps a document\'s validation when only its own file\'s index entry changed, not when another file\'s did', () => {
    const service = getLanguageService();
    const text = nodeAgentCorpus(10);
    const document = textDocument(text, 'file:///agents.yaml', 1);
    const first = service.doValidation(document);
    // The scan reads the open file from disk: its own entry is left out of every lookup its validation makes.
    assert.equal(service.updateWorkspaceFile('file:///agents.yaml', text), true);
    assert.equal(service.doValidation(document), first, 'the same diagnostics, not validated again');
    // Another file's entry may change its cross-document findings.
    assert.equal(service.updateWorkspaceFile('file:///other.yaml', nodeAgentCorpus(2)), true);
    assert.notEqual(service.doValidation(document), first);
  });
});
