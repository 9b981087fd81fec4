/**
 * The validation worker (lsp/parallelValidation.ts, lsp/validationWorker.ts) changes no
 * diagnostic: on every bench corpus shape, a first validation that shares the documents' own
 * rules with the worker equals a validation on one thread, in content and order, with settings
 * that turn rules off and change severities, and so do the edits that follow. When the worker
 * fails or is missing, the main thread checks what it did not get.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { nodeAgentCorpus, pathologicalCorpus, realChartCorpus } from '../../../bench/hardCorpus';
import { ValidationWorker } from '../../../server/src/lsp/parallelValidation';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { SharedDocumentChecks } from '../../../server/src/service/sharedDocumentChecks';
import type { ValidationSettings } from '../../../server/src/service/validation';
import { repoRoot } from '../../support/golden';
import { textDocument } from '../../support/textDocument';

const uri = 'file:///workspace/daemonsets.yaml';
const shapes = { 'node-agent': nodeAgentCorpus, 'public-chart': realChartCorpus, pathological: pathologicalCorpus };
/** Run from sources, through tsx's loader. */
const workerScript = join(repoRoot, 'test', 'server', 'lsp', 'support', 'sourceValidationWorker.mjs');
const settingsCases: Record<string, ValidationSettings> = {
  defaults: {},
  'rules set': { rules: { schema: 'off', 'image-tag-latest': 'error', 'yaml-syntax': 'warning' }, kubernetesVersion: { value: '1.27', label: 'the setting' } },
};

/** Holds this thread's first claim until the worker has delivered a document, so the test always shares the work. */
function waitingForTheWorker(job: SharedDocumentChecks, delivered: () => number): SharedDocumentChecks & { collected: number } {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const shared = {
    collected: 0,
    begin: (request: Parameters<SharedDocumentChecks['begin']>[0]) => job.begin(request),
    claim(index: number) {
      while (delivered() === 0) Atomics.wait(pause, 0, 0, 5);
      return job.claim(index);
    },
    collect() {
      const found = job.collect();
      shared.collected = found.size;
      return found;
    },
  };
  return shared;
}

describe('validation with the worker thread', () => {
  const worker = new ValidationWorker(workerScript, { minLength: 0, machineBusy: () => false });
  after(() => worker.dispose());

  for (const [shape, corpus] of Object.entries(shapes)) {
    for (const [name, settings] of Object.entries(settingsCases)) {
      it(`equals a validation on one thread (${shape}, ${name})`, () => {
        const text = corpus(120);
        const serial = getLanguageService();
        const expected = serial.doValidation(textDocument(text, uri, 1), settings);
        const parallel = getLanguageService();
        const document = textDocument(text, uri, 1);
        worker.open(document);
        const job = worker.jobFor(document);
        assert.ok(job, 'a job for the opened version');
        const shared = waitingForTheWorker(job, () => job.deliveredSoFar());
        assert.deepEqual(parallel.doValidation(document, settings, shared), expected);
        assert.ok(shared.collected > 0, 'the worker checked documents');
        // The worker's results fill the cache the edits that follow reuse.
        const lines = text.split('\n');
        const middle = Math.floor(lines.length / 2);
        lines[middle] = `${lines[middle]} # edited`;
        const edited = lines.join('\n');
        assert.deepEqual(parallel.doValidation(textDocument(edited, uri, 2), settings), serial.doValidation(textDocument(edited, uri, 2), settings));
      });
    }
  }

  it('is not used while no core is free', () => {
    const busy = new ValidationWorker(workerScript, { minLength: 0, machineBusy: () => true });
    const document = textDocument(nodeAgentCorpus(5), uri, 1);
    busy.open(document);
    assert.equal(busy.jobFor(document), undefined);
    busy.dispose();
  });

  it('is not asked for another version, nor twice', () => {
    const document = textDocument(nodeAgentCorpus(5), uri, 1);
    worker.open(document);
    assert.equal(worker.jobFor(textDocument(document.getText(), uri, 2)), undefined);
    const job = worker.jobFor(document);
    assert.ok(job);
    assert.equal(worker.jobFor(document), undefined);
    job.finish();
  });
});

describe('validation when the worker fails', () => {
  it('checks on the main thread what a worker that claimed documents and exited never delivered', () => {
    const logged: string[] = [];
    const crashing = new ValidationWorker(join(repoRoot, 'test', 'server', 'lsp', 'support', 'exitingValidationWorker.mjs'), { minLength: 0, stallMs: 50, machineBusy: () => false, log: (m) => logged.push(m) });
    try {
      const text = nodeAgentCorpus(60);
      const expected = getLanguageService().doValidation(textDocument(text, uri, 1), {});
      const document = textDocument(text, uri, 1);
      crashing.open(document);
      const job = crashing.jobFor(document);
      assert.ok(job);
      const claimed = { begun: false };
      const shared: SharedDocumentChecks = {
        begin: (request) => (claimed.begun = job.begin(request)),
        // The exiting worker claims every document; wait for its first claim so none is left to this thread.
        claim: (index) => {
          const pause = new Int32Array(new SharedArrayBuffer(4));
          while (!job.claimedByWorker()) Atomics.wait(pause, 0, 0, 5);
          return job.claim(index);
        },
        collect: () => job.collect(),
      };
      assert.deepEqual(getLanguageService().doValidation(document, {}, shared), expected);
      assert.ok(claimed.begun);
      assert.equal(crashing.running, false);
      assert.match(logged.join('\n'), /validation worker .*validating on the main thread/);
    } finally {
      crashing.dispose();
    }
  });

  it('validates on the main thread alone when the worker bundle is missing', () => {
    const missing = new ValidationWorker(join(repoRoot, 'dist', 'no-such-worker.js'), { minLength: 0, machineBusy: () => false });
    const document = textDocument(nodeAgentCorpus(10), uri, 1);
    missing.open(document);
    assert.equal(missing.running, false);
    assert.equal(missing.jobFor(document), undefined);
    missing.dispose();
  });
});
