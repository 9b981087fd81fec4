/**
 * `npm run fuzz`: the long fuzz run. The same properties as the quick run in
 * `npm test` (test/fuzz/*.test.ts), with a random seed, many more runs and
 * the strict time budget (200 ms of CPU per 100 KB): random edits of every
 * fixture, random text, every line-end variant, the pathological documents,
 * generated Lists read item by item (test/fuzz/support/lists.ts),
 * generated Lists read item by item (test/fuzz/support/lists.ts),
 * the fast YAML reader against js-yaml, the CLI and mutated inventories,
 * until FUZZ_SECONDS (default 900) pass.
 *
 *   FUZZ_SECONDS=60 npm run fuzz          a shorter run
 *   FUZZ_SEED=123 npm run fuzz            reproduce a run
 *
 * A failure prints the seed, the path and the shrunk input, and writes the
 * input to test/fixtures/fuzz/found-<seed>.yaml: review it, give it a
 * descriptive name and a comment, fix the fault, and the quick run keeps it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { mulberry32 } from '../../bench/corpus';
import { loadInventoryFromText } from '../../server/src/model/inventory';
import { splitYamlDocuments } from '../../server/src/model/yamlDocuments';
import { fixturesDir } from '../support/golden';
import { BUDGET_MS_PER_100KB, budgetMs, cpuMs } from './support/budget';
import { assertFastReaderAgrees, randomAnchoredYaml, randomBlockYaml, randomJsonYaml } from '../support/yamlFastReader';
import { checkDocument } from './support/invariants';
import { checkListEdit, checkListReading } from './support/listProperties';
import { generateList, listObjects } from './support/lists';
import { DAEMONSET, lineEndVariants, loadCorpus, mutatedManifest, pathologicalDocuments, randomText } from './support/inputs';

const seconds = Number(process.env.FUZZ_SECONDS ?? 900);
const deadline = Date.now() + seconds * 1000;
let seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const corpus = loadCorpus();
const listObjectsOfCorpus = listObjects(corpus);
/** Generated Lists (test/fuzz/support/lists.ts) by seed, with up to 3 mutations of their items. */
const generatedLists = fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((s) => {
  const random = mulberry32(s);
  const list = generateList(listObjectsOfCorpus, random, Math.floor(random() * 4));
  return { ...list, name: `${list.name}#${s}` };
});

function fail(what: string, text: string, error: unknown): never {
  const file = join(fixturesDir, 'fuzz', `found-${seed}.yaml`);
  writeFileSync(file, text);
  console.error(`\n[fuzz] ${what} failed with seed ${seed}; input written to ${file}\n`);
  throw error;
}

function property<T extends { name: string; text: string }>(name: string, arbitrary: fc.Arbitrary<T>, check: (input: T) => void, numRuns: number): void {
  const started = Date.now();
  const details = fc.check(
    fc.property(arbitrary, (input) => {
      check(input); // a predicate's return value other than undefined or true fails it
    }),
    { seed, numRuns },
  );
  if (details.failed) {
    const [input] = details.counterexample ?? [{ name, text: '' } as T];
    console.error(fc.defaultReportMessage(details));
    fail(name, input.text, details.errorInstance);
  }
  console.log(`[fuzz] ${name}: ${numRuns} runs, seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const document = (input: { name: string; text: string }) => {
  // The service's CPU time: its calls are timed, the invariant checks around them are not.
  let ms = 0;
  const measure = <T>(call: () => T): T => {
    const timed = cpuMs(call);
    ms += timed.ms;
    return timed.result;
  };
  const result = checkDocument(input.text, { name: input.name, positions: 6, measure });
  if (result.ruleErrors.length > 0) throw new Error(`a rule threw on ${input.name}: ${result.ruleErrors[0]}`);
  const budget = budgetMs(input.text.length);
  if (ms > budget) throw new Error(`${input.name}: ${ms.toFixed(0)} ms CPU for ${input.text.length} characters, budget ${budget.toFixed(0)} ms`);
  return ms;
};

/** The fast reader gives js-yaml's value and position index for each document, or declines it. */
const fastReaderAgrees = (input: { name: string; text: string }) => {
  for (const slice of splitYamlDocuments(input.text)) assertFastReaderAgrees(slice.text, input.name);
};

console.log(`[fuzz] ${seconds} s, strict budget ${BUDGET_MS_PER_100KB} ms CPU per 100 KB (documents under 100 KB count as 100 KB), starting seed ${seed}`);
// The first check in a process loads and compiles the service (modules, the schema validator, the JIT's
// first tiers), and the first document of each shape compiles the parser paths only that shape takes (deep
// flow collections, block scalars, 1 MB lines): the budget is the documents', not the JIT's. So every
// document is checked once untimed, then timed with a fresh service — cold caches, warm code.
checkDocument(DAEMONSET, { name: 'warm-up' });
for (const input of pathologicalDocuments()) checkDocument(input.text, { name: `warm-up-${input.name}` });
for (const input of pathologicalDocuments()) {
  try {
    const ms = document(input);
    console.log(`[fuzz] ${input.name}: ${ms.toFixed(0)} ms CPU of ${budgetMs(input.text.length).toFixed(0)} ms`);
  } catch (error) {
    fail(input.name, input.text, error);
  }
}
console.log(`[fuzz] ${pathologicalDocuments().length} pathological documents within the strict budget`);
let rounds = 0;
do {
  property('random edits of the fixtures', mutatedManifest(corpus, 12), document, 2000);
  property('random text', randomText.map((text) => ({ name: 'random', text })), document, 2000);
  for (const [variant, transform] of lineEndVariants) {
    property(`edits + ${variant}`, mutatedManifest(corpus, 4).map((i) => ({ name: `${i.name}+${variant}`, text: transform(i.text) })), document, 200);
  }
  property('fast reader agrees with js-yaml on random edits', mutatedManifest(corpus, 12), fastReaderAgrees, 2000);
  property(
    'fast reader agrees with js-yaml on generated block YAML',
    fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((s) => ({ name: `block-yaml-${s}`, text: randomBlockYaml(mulberry32(s)) })),
    fastReaderAgrees,
    5000,
  );
  property(
    'fast reader agrees with js-yaml and the yaml package on generated anchors and aliases',
    fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((s) => ({ name: `anchored-yaml-${s}`, text: randomAnchoredYaml(mulberry32(s)) })),
    fastReaderAgrees,
    3000,
  );
  property(
    'fast reader agrees with js-yaml on generated JSON documents and near-misses',
    fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((s) => ({ name: `json-yaml-${s}`, text: randomJsonYaml(mulberry32(s)) })),
    fastReaderAgrees,
    5000,
  );
  property('Lists read item by item read as the whole List', generatedLists, (input) => void checkListReading(input.text, input.name), 1000);
  property('Lists: the invariants', generatedLists, document, 200);
  property('Lists: an edit gives the diagnostics of the new text', generatedLists, (input) => checkListEdit(input.base, input.text, input.name), 200);
  const inventories = corpus.filter((c) => /kind:\s*(Node|NodeList|List)\b/.test(c.text));
  property('mutated inventories', mutatedManifest(inventories, 12), (input) => void loadInventoryFromText(input.text, input.name), 2000);
  rounds += 1;
  seed = (seed * 48271 + 1) % 2 ** 31;
} while (Date.now() < deadline);
console.log(`[fuzz] done: ${rounds} rounds in ${seconds} s, no failure`);
