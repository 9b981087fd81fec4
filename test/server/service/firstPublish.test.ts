/**
 * What a first open leaves for after its diagnostics are published (the
 * cross-document fingerprints, languageService.afterPublish) changes none of
 * them: on every bench corpus shape, the service's first validation equals a
 * full validation with no cache of any kind, in content and order, and so does
 * the validation after the deferred work ran.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeAgentCorpus, pathologicalCorpus, realChartCorpus } from '../../../bench/hardCorpus';
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';
import { getLanguageService } from '../../../server/src/service/languageService';
import { documentRules } from '../../../server/src/service/rules';
import { doValidation } from '../../../server/src/service/validation';
import { WorkspaceIndex } from '../../../server/src/service/workspaceIndex';
import { textDocument } from '../../support/textDocument';

const uri = 'file:///workspace/daemonsets.yaml';
const shapes = { 'node-agent': nodeAgentCorpus, 'public-chart': realChartCorpus, pathological: pathologicalCorpus };

describe('the first publish of an opened file', () => {
  for (const [shape, corpus] of Object.entries(shapes)) {
    it(`equals a full validation without caches (${shape})`, () => {
      const text = corpus(120);
      const full = doValidation(uri, parseYamlFile(text), {}, {}, documentRules, undefined, { index: new WorkspaceIndex() });
      assert.ok(full.some((d) => d.rule === 'hostport-conflict' || d.rule === 'overlapping-labels') || shape !== 'node-agent', 'cross-document findings are part of it');
      const service = getLanguageService();
      assert.deepEqual(service.doValidation(textDocument(text, uri, 1)), full);
      service.afterPublish();
      assert.deepEqual(service.doValidation(textDocument(text, uri, 2)), full);
    });
  }
});
