/**
 * Quick, seeded fuzz of the language service (part of `npm test`): random
 * edits and truncations of every fixture, random text, line-end variants,
 * the pathological documents of the hardening issue, and the regression
 * fixtures under test/fixtures/fuzz/. The long run is `npm run fuzz`
 * (test/fuzz/run.ts) with the same properties and more runs.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fixturesDir } from '../support/golden';
import { getLanguageService } from '../../server/src/service/languageService';
import { parseYamlFile, rangeOfPath } from '../../server/src/model/yamlDocuments';
import type { FieldPath } from '../../server/src/model/fieldPath';
import { lineStartOf } from '../../server/src/model/textPositions';
import { MAX_RELATED_PEERS } from '../../server/src/service/workspaceRules/workspaceRule';
import { textDocument } from '../support/textDocument';
import { checkDocument } from './support/invariants';
import { lineEndVariants, loadCorpus, mutatedManifest, pathologicalDocuments, randomText } from './support/inputs';

const SEED = Number(process.env.FUZZ_SEED ?? 20240607);
const corpus = loadCorpus();
const small = corpus.filter((c) => c.text.length < 20_000);

describe('fuzz: language service (quick, seeded)', () => {
  it('keeps the invariants on random edits of every fixture', () => {
    fc.assert(
      fc.property(mutatedManifest(small), (input) => {
        const result = checkDocument(input.text, { name: input.name, positions: 3 });
        assert.deepEqual(result.ruleErrors, [], `rule errors on ${input.name}`);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('places diagnostics from js-yaml events where the yaml AST places them, on random edits', () => {
    const pathsOf = (value: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] => {
      if (out.length > 80) return out;
      out.push(prefix, [...prefix, 'zz-missing']);
      if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
      return out;
    };
    fc.assert(
      fc.property(mutatedManifest(small), (input) => {
        // A lone \r is a line break to YAML 1.2 and js-yaml, but not to the yaml package: the two disagree there.
        if (/\r(?!\n)/.test(input.text)) return;
        const fast = parseYamlFile(input.text);
        const reference = parseYamlFile(input.text);
        fast.documents.forEach((doc, index) => {
          void reference.documents[index].ast; // with an AST in hand, rangeOfPath walks it: the reference
          for (const path of pathsOf(doc.value)) {
            for (const prefer of ['key', 'value'] as const) {
              assert.deepEqual(rangeOfPath(fast, doc, path, prefer), rangeOfPath(reference, reference.documents[index], path, prefer), `${input.name} ${JSON.stringify(path)}`);
            }
          }
        });
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('keeps the invariants on random text', () => {
    fc.assert(
      fc.property(randomText, (text) => {
        assert.deepEqual(checkDocument(text, { positions: 3 }).ruleErrors, []);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('keeps the invariants on truncations at every offset of a DaemonSet', () => {
    const base = readFileSync(join(fixturesDir, 'service', 'diagnostics', 'pitfalls.yaml'), 'utf8');
    for (let at = 0; at <= base.length; at++) {
      const result = checkDocument(base.slice(0, at), { name: `pitfalls-truncated-${at}`, positions: 2 });
      assert.deepEqual(result.ruleErrors, [], `rule errors at offset ${at}`);
    }
  });

  for (const [variant, transform] of lineEndVariants) {
    it(`keeps the invariants on every fixture with ${variant}`, () => {
      for (const input of small) {
        assert.deepEqual(checkDocument(transform(input.text), { name: `${input.name}+${variant}`, positions: 2 }).ruleErrors, [], input.name);
      }
    });
  }

  for (const input of pathologicalDocuments()) {
    it(`keeps the invariants on ${input.name} (${Math.round(input.text.length / 1024)} KiB)`, () => {
      const result = checkDocument(input.text, { name: input.name, positions: 4 });
      assert.deepEqual(result.ruleErrors, []);
    });
  }
});

describe('fuzz regressions: test/fixtures/fuzz', () => {
  const dir = join(fixturesDir, 'fuzz');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  it('has fixtures', () => assert.ok(files.length > 0));
  for (const name of files) {
    it(name, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      assert.deepEqual(checkDocument(text, { name }).ruleErrors, []);
    });
  }
});

describe('fuzz regressions: what the fixtures found', () => {
  it('reports a collection key instead of expanding it (collection-key-nesting.yaml)', () => {
    const text = readFileSync(join(fixturesDir, 'fuzz', 'collection-key-nesting.yaml'), 'utf8');
    const diagnostics = getLanguageService().doValidation(textDocument(text));
    assert.ok(diagnostics.some((d) => d.rule === 'yaml-syntax'), 'a YAML error is reported');
  });

  it('bounds the cross-document findings of identical DaemonSets (identical-daemonsets-12.yaml)', () => {
    const text = readFileSync(join(fixturesDir, 'fuzz', 'identical-daemonsets-12.yaml'), 'utf8');
    const diagnostics = getLanguageService().doValidation(textDocument(text));
    for (const rule of ['overlapping-labels', 'hostport-conflict']) {
      const found = diagnostics.filter((d) => d.rule === rule);
      // One per copy, naming its 11 peers: the first MAX_RELATED_PEERS related, all counted.
      assert.equal(found.length, 12, rule);
      for (const d of found) {
        assert.match(d.message, /and 9 more/, rule);
        assert.equal(d.relatedInformation?.length, MAX_RELATED_PEERS, rule);
      }
    }
  });

  it('parses a block nesting deeper than the yaml parser\'s stack into one problem', () => {
    const nested = Array.from({ length: 2500 }, (_, i) => ' '.repeat(i) + 'k:').join('\n');
    const file = parseYamlFile(nested);
    assert.equal(file.documents.length, 1);
    assert.doesNotThrow(() => file.documents[0].ast);
  });
});

describe('fuzz regressions: completion on the first line', () => {
  it('answers at 0:0 of a text that starts with a line break (leading-line-break.yaml)', () => {
    const text = readFileSync(join(fixturesDir, 'fuzz', 'leading-line-break.yaml'), 'utf8');
    const ls = getLanguageService();
    for (const position of [{ line: 0, character: 0 }, { line: 1, character: 0 }, { line: 5, character: 2 }]) {
      assert.ok(Array.isArray(ls.doComplete(textDocument(text), position).items));
    }
    assert.equal(lineStartOf('\nx', 0), 0);
  });
});
