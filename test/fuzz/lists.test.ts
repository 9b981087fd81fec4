/**
 * Quick, seeded fuzz of a List read item by item (part of `npm test`): Lists in kubectl's layout
 * and its variants built from the repository's objects, with random mutations of their items'
 * lines (test/fuzz/support/lists.ts). The reading agrees with the whole List's, no feature throws,
 * and an edit through the service's cache gives the diagnostics of the text validated afresh.
 * The long run is `npm run fuzz` (test/fuzz/run.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseYamlFile } from '../../server/src/model/yamlDocuments';
import { fixturesDir } from '../support/golden';
import { mulberry32 } from '../../bench/corpus';
import { checkDocument } from './support/invariants';
import { loadCorpus } from './support/inputs';
import { checkListEdit, checkListReading, readWhole } from './support/listProperties';
import { generateList, listObjects } from './support/lists';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const objects = listObjects(loadCorpus()).filter((o) => o.lines.length < 200);

describe('fuzz: Lists read item by item (quick, seeded)', () => {
  it('reads mutated Lists as the whole List reads them, and keeps the invariants', () => {
    const random = mulberry32(SEED);
    let inPieces = 0;
    for (let run = 0; run < 150; run++) {
      const list = generateList(objects, random, Math.floor(random() * 3));
      if (checkListReading(list.text, list.name)) inPieces++;
      if (run % 5 === 0) assert.deepEqual(checkDocument(list.text, { name: 'list', positions: 2 }).ruleErrors, [], list.name);
    }
    assert.ok(inPieces > 50, `${inPieces} of 150 read item by item`);
  });

  it('gives an edit of a List the diagnostics of its new text', () => {
    const random = mulberry32(SEED + 1);
    for (let run = 0; run < 30; run++) {
      const list = generateList(objects, random, 1 + Math.floor(random() * 2));
      checkListEdit(list.base, list.text, list.name);
    }
  });
});

describe('fuzz regressions: Lists (test/fixtures/fuzz/list-*.yaml)', () => {
  const dir = join(fixturesDir, 'fuzz');
  for (const name of readdirSync(dir).filter((f) => /^list-.*\.yaml$/.test(f)).sort()) {
    it(`reads ${name} with the whole List's YAML problems, in its order, or whole`, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      checkListReading(text, name);
      // Read item by item, in the whole List's order too (or read whole).
      const [list] = parseYamlFile(text).documents;
      if (list.items) assert.deepEqual(list.problems, readWhole(text)?.problems, name);
    });
  }
});
