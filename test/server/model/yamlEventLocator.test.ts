/**
 * Diagnostics of documents read on the fast path are placed from the position
 * index of their js-yaml events, and their duplicate keys found there too. Both must give exactly
 * what the `yaml` AST gives, which stays the reference: every path of every
 * fixture is placed both ways, and duplicate keys are compared with the
 * `yaml` package's own errors, on fixtures and on generated mappings.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { generateCorpus } from '../../../bench/corpus';
import { nodeAgentCorpus, pathologicalCorpus } from '../../../bench/hardCorpus';
import { repoRoot } from '../../support/golden';
import { exampleAndFixtureYamlFiles } from '../../support/yamlFiles';
import { parseYamlFile, rangeOfPath, splitYamlDocuments } from '../../../server/src/model/yamlDocuments';
import type { FieldPath } from '../../../server/src/model/fieldPath';
import { locatePath } from '../../../server/src/model/yamlEventLocator';
import { readYamlEvents } from '../../../server/src/model/yamlEvents';
import { isMappingNode, keyIs, keyValue, nextNode, nodeCount, positionsOf } from '../../../server/src/model/yamlPositions';

/** The position index of a text holding one document, as the fast path keeps it. */
function positions(text: string) {
  return positionsOf(readYamlEvents(text, 1000));
}

/** Every path of a value, plus a missing child of each mapping and a missing item of each list. */
function pathsOf(value: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((item, index) => pathsOf(item, [...prefix, index], out));
    out.push([...prefix, value.length], [...prefix, 'name']);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) pathsOf(child, [...prefix, key], out);
    out.push([...prefix, 'zz-missing'], [...prefix, 'zz-missing', 'deeper'], [...prefix, 0]);
  }
  return out;
}

const fixtureTexts = [
  ...exampleAndFixtureYamlFiles().map((file) => ({ name: file.slice(repoRoot.length + 1), text: readFileSync(file, 'utf8') })),
  { name: 'bench corpus (120 DaemonSets)', text: generateCorpus(120) },
  { name: 'node-agent corpus (40 DaemonSets)', text: nodeAgentCorpus(40) },
  { name: 'pathological corpus (40 DaemonSets)', text: pathologicalCorpus(40) },
];

describe('rangeOfPath from the position index', () => {
  it('places every path of every fixture document where the yaml AST places it', () => {
    let answeredByEvents = 0;
    let asked = 0;
    for (const { name, text } of fixtureTexts) {
      const fast = parseYamlFile(text);
      const reference = parseYamlFile(text);
      for (const [index, doc] of fast.documents.entries()) {
        const refDoc = reference.documents[index];
        void refDoc.ast; // an AST in hand: rangeOfPath then walks it, the reference answer
        // The index of the document, built once (per path it made the test quadratic in a chart's 160 KB values.yaml).
        let nodes: ReturnType<typeof positions> | undefined;
        if (doc.problems.length === 0 && doc.value !== undefined) {
          try {
            nodes = positions(doc.text);
          } catch {
            nodes = undefined; // a document the fast path could not read (Go templates are masked first)
          }
        }
        for (const path of pathsOf(doc.value)) {
          for (const prefer of ['key', 'value'] as const) {
            asked++;
            const where = `${name}, document ${index}, ${JSON.stringify(path)}, prefer ${prefer}`;
            assert.deepEqual(rangeOfPath(fast, doc, path, prefer), rangeOfPath(reference, refDoc, path, prefer), where);
            if (nodes && locatePath(nodes, doc.text, path, prefer)) answeredByEvents++;
          }
        }
      }
    }
    assert.ok(asked > 20_000, `asked only ${asked}`);
    // The AST is the exception, not the rule: block scalars, empty values and whole collections.
    assert.ok(answeredByEvents / asked > 0.8, `events answered ${answeredByEvents} of ${asked}`);
  });

  it('answers from the index without building the AST', () => {
    const file = parseYamlFile('kind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: "agent"\n          image: x:latest\n');
    const doc = file.documents[0];
    const range = rangeOfPath(file, doc, ['spec', 'template', 'spec', 'containers', 0, 'name']);
    assert.deepEqual(range, { start: { line: 5, character: 16 }, end: { line: 5, character: 23 } }, 'quotes included, as in the AST');
    assert.deepEqual(rangeOfPath(file, doc, ['spec', 'template', 'spec', 'containers', 0]), {
      start: { line: 5, character: 10 },
      end: { line: 5, character: 23 },
    });
    assert.equal((doc as unknown as { holder: { ast?: unknown } }).holder.ast, undefined, 'no AST was composed');
  });

  it('leaves to the AST what events cannot place: block scalars, empty values, whole collections', () => {
    const text = 'a: |\n  text\nb:\nc: [1, 2]\nd:\n  - [x]\n';
    const index = positions(text);
    assert.equal(locatePath(index, text, ['a'], 'value'), undefined);
    assert.equal(locatePath(index, text, ['b'], 'value'), undefined);
    assert.equal(locatePath(index, text, ['d', 0], 'value'), undefined);
    assert.deepEqual(locatePath(index, text, ['c'], 'value'), [15, 16], 'a flow list under a key: its key');
    assert.deepEqual(locatePath(index, text, ['c', 1], 'value'), [22, 23]);
  });

  it('keeps a manifest in 16-bit numbers, and a document past 64 KB in 32-bit ones', () => {
    const manifest = splitYamlDocuments(nodeAgentCorpus(1))[0].text;
    const small = positions(manifest);
    assert.ok(small instanceof Uint16Array);
    assert.ok(small.byteLength < manifest.length, `${small.byteLength} bytes for ${manifest.length} characters`);
    const text = `a: ${'x'.repeat(70_000)}\nb: "q"\nc: [1, {d: 2}]\ne: ''\n`;
    const large = positions(text);
    assert.ok(large instanceof Int32Array);
    const file = parseYamlFile(text);
    const doc = file.documents[0];
    void doc.ast;
    for (const path of [['a'], ['b'], ['c', 1], ['c', 1, 'd'], ['e']]) {
      const local = locatePath(large, text, path, 'value');
      assert.ok(local, JSON.stringify(path));
      assert.deepEqual(file.lines.rangeAt(local[0], local[1]), rangeOfPath(file, doc, path), JSON.stringify(path));
    }
  });

  // Each case: a document, and paths whose range the index must give (true) or leave to the AST (false).
  const constructs: Array<[string, string, Array<[FieldPath, boolean]>]> = [
    ['a flow map', 'resources:\n  limits: {cpu: 100m, "memory": \'64Mi\'}\n', [[['resources', 'limits', 'cpu'], true], [['resources', 'limits', 'memory'], true], [['resources', 'limits'], true], [['resources', 'limits', 'gpu'], true]]],
    ['quoted keys', '"app": a\n\'tier\': "b c"\n"esc\\u0061ped": x\n', [[['app'], true], [['tier'], true], [['escaaped'], true], [['escaped'], true]]],
    ['numeric and boolean keys', '1: one\n"2": two\n0x3: three\ntrue: yes\n', [[['1'], true], [['2'], true], [['3'], true], [['true'], true]]],
    ['a tagged key', 'a: 1\n!!str b: 2\nc: 3\n', [[['a'], true], [['b'], false], [['c'], false]]],
    ['block scalars', 'a: |\n  text\nb: >-\n  folded\nc: after\n', [[['a'], false], [['b'], false], [['c'], true], [['a'], false]]],
    ['empty values', 'a:\nb: ""\nc: ~\nd: []\ne: {}\n', [[['a'], false], [['b'], true], [['c'], true], [['d'], true], [['e'], true], [['d', 0], true]]],
    ['sequences of maps', 'items:\n  - name: a\n    port: 1\n  - {name: b}\n  - - nested\n  - inner:\n      x: 1\n  -\n', [[['items', 0], true], [['items', 1], true], [['items', 2], false], [['items', 3], true], [['items', 3, 'inner', 'x'], true], [['items', 4], false], [['items', 9], true], [['items', 0, 'port'], true]]],
    ['block scalar keys', `? |\n  k\n: 1\n? >-\n${' '.repeat(40)}deep\n${' '.repeat(40)}key\n: 2\n`, [[['k\n'], true], [['deep key'], true]]],
    ['a multi-line plain value', 'key: plain\n  folded\nnext: 1\n', [[['key'], true], [['next'], true]]],
  ];
  for (const [name, text, paths] of constructs) {
    it(`places ${name} as the AST does, or leaves it to the AST`, () => {
      const index = positions(text);
      const file = parseYamlFile(text);
      const doc = file.documents[0];
      assert.equal(doc.problems.length, 0, 'a valid document');
      void doc.ast; // rangeOfPath now walks the AST: the reference
      for (const [path, answered] of paths) {
        for (const prefer of ['key', 'value'] as const) {
          const local = locatePath(index, text, path, prefer);
          const where = `${JSON.stringify(path)} prefer ${prefer}`;
          if (prefer === 'value') assert.equal(local !== undefined, answered, `${where}: ${answered ? 'the index answers' : 'left to the AST'}`);
          if (!local) continue;
          const range = rangeOfPath(file, doc, path, prefer);
          assert.deepEqual(file.lines.rangeAt(local[0], local[1]), range, where);
        }
      }
    });
  }
});

describe('keyIs', () => {
  it('tells whether a key names a segment as reading the key out (keyValue) tells', () => {
    const keys = fc.constantFrom('a', '"a"', "'a'", 'ab', '"a\\u0062"', "'it''s'", 'a b', '1', '"1"', '01', '0x1', '1.0', '+1', '.5', '~', 'null', 'Null', '""', 'true', 'True', 'TRUE', 'False', 'false', 'FALSE', 'NuLL', 'nulls', 'tru', 'falsey', 'name', 'type', 'no', 'n', 'f', '-a', '.a', '!!str a', '&x a');
    const names = ['a', 'ab', "it's", 'a b', '1', '01', '0x1', '1.0', '+1', '0.5', '~', 'null', 'Null', '', 'true', 'True', 'TRUE', 'false', 'False', 'NuLL', 'nulls', 'tru', 'name', 'type', 'no', 'n', 'f', '-a', '.a', 'b'];
    const document = fc.array(keys, { minLength: 1, maxLength: 5 }).map((list) => list.map((key, i) => `${key}: ${i}\n`).join(''));
    fc.assert(
      fc.property(document, (text) => {
        let index;
        try {
          index = positions(text);
        } catch {
          return; // duplicate keys: js-yaml's events stop there
        }
        for (let node = 0; node < nodeCount(index); node++) {
          if (!isMappingNode(index, node)) continue;
          for (let key = node + 1; key < nextNode(index, node); key = nextNode(index, nextNode(index, key))) {
            const read = keyValue(index, key, text);
            for (const name of names) assert.equal(keyIs(index, key, text, name), read && String(read.value) === name, `${text} key ${key} as ${JSON.stringify(name)}`);
          }
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('duplicate keys on the fast path', () => {
  const options = { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' } as const;

  function expected(text: string): { problems: Array<[string, number, number]>; value: unknown } {
    const reference = parseDocument(text, options);
    return {
      // The yaml package reports an inner mapping's duplicates first; diagnostics are sorted by position anyway.
      problems: reference.errors.map((e): [string, number, number] => [e.code, e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)]).sort((a, b) => a[1] - b[1]),
      value: reference.toJS({ maxAliasCount: 100 }),
    };
  }

  function actual(text: string): { problems: Array<[string, number, number]>; value: unknown } {
    const doc = parseYamlFile(text).documents[0];
    return { problems: doc.problems.map((p) => [p.code, p.start, p.end]), value: doc.value };
  }

  const cases: Array<[string, string]> = [
    ['a repeated key', 'a: 1\nb: 2\na: 3\n'],
    ['three times', 'a: 1\na: 2\na: 3\n'],
    ['quoted and plain spellings of one string', 'a: 1\n"a": 2\n\'a\': 3\n'],
    ['a number and a string are different keys', '1: one\n"1": two\n'],
    ['two spellings of true', 'true: a\nTrue: b\n'],
    ['nested mappings', 'spec:\n  template:\n    metadata:\n      labels:\n        app: a\n        app: b\n'],
    ['in list items', 'items:\n  - name: a\n    name: b\n  - name: c\n'],
    ['in a flow mapping', 'labels: {app: a, app: b}\n'],
    ['the same key in sibling mappings is fine', 'a: {x: 1}\nb: {x: 2}\n'],
    ['a tagged key', 'a: 1\n!!str a: 2\n'],
    ['a repeated key after a block scalar', 'a: |\n  x\na: 2\n'],
    ['block scalar keys', '? |\n  k\n: 1\n? |-\n  k\n: 2\n? >\n  k\n: 3\n'],
    ['block scalar keys indented deeper than a 16-bit index holds', `? |\n${' '.repeat(40)}k\n: 1\n? |\n${' '.repeat(40)}k\n: 2\n`],
    ['a repeated key past 64 KB', `a: ${'x'.repeat(70_000)}\nb: 1\n"a": 2\n`],
  ];
  for (const [name, text] of cases) {
    it(name, () => assert.deepEqual(actual(text), expected(text)));
  }

  it('two spellings of null', () => {
    // Only the problems: a null key's name differs (js-yaml "null", the yaml package ""), on either path.
    const text = '~: a\nnull: b\n';
    assert.deepEqual(actual(text).problems, expected(text).problems);
  });

  it('agrees with the yaml package on generated mappings', () => {
    const keys = fc.constantFrom('a', '"a"', "'a'", 'b', '1', '"1"', '01', 'true', '"true"', 'True', '.nan', '0x1', '1.0', '+1');
    const scalar = fc.constantFrom('x', '1', '"q"', 'true', '~');
    const mapping = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        fc
          .array(fc.tuple(keys, tie('node')), { minLength: 1, maxLength: 4 })
          .map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      ),
    })).node;
    const document = fc.array(fc.tuple(keys, mapping), { minLength: 1, maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}: ${v}\n`).join(''));
    fc.assert(
      fc.property(document, (text) => {
        assert.deepEqual(actual(text), expected(text), text);
      }),
      { numRuns: 500, seed: 4 },
    );
  });
});

describe('one parse per document slice', () => {
  it('reads every document of the fixtures with js-yaml or the yaml package, never both wrong', () => {
    for (const { name, text } of fixtureTexts) {
      for (const slice of splitYamlDocuments(text)) {
        const doc = parseYamlFile(slice.text).documents[0];
        assert.ok(doc.value !== undefined || doc.problems.length > 0 || slice.text.trim() === '' || /^\s*(#.*)?(\n|$)/.test(slice.text), name);
      }
    }
  });
});
