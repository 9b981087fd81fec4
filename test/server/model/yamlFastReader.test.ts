/**
 * The fast reader gives js-yaml's value and position index, or declines:
 * on every fixture and example, on every bench corpus shape, on the core
 * schema's tricky scalars and on generated block YAML with mistakes. And it
 * is the path the bench's manifests take.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { generateCorpus, mulberry32 } from '../../../bench/corpus';
import { kubectlDumpCorpus, kubectlJsonCorpus, nodeAgentCorpus, pathologicalCorpus, realChartCorpus } from '../../../bench/hardCorpus';
import { parseYamlFile, splitYamlDocuments, yamlParseCounts } from '../../../server/src/model/yamlDocuments';
import { fastReaderCounts, readYamlFast } from '../../../server/src/model/yamlFastReader';
import { assertFastReaderAgrees, jsYamlReads, randomAnchoredYaml, randomBlockYaml, randomJsonYaml, TRICKY_PLAIN_SCALARS } from '../../support/yamlFastReader';
import { exampleAndFixtureYamlFiles } from '../../support/yamlFiles';
import { lineEndVariants, loadCorpus, mutatedManifest } from '../../fuzz/support/inputs';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

/**
 * How many of a file's documents the fast reader read (each checked against
 * js-yaml), and which valid documents (js-yaml reads them) it declined.
 */
function checkFile(text: string, name: string): { read: number; documents: number; declinedValid: string[] } {
  const slices = splitYamlDocuments(text);
  let read = 0;
  const declinedValid: string[] = [];
  for (const [index, slice] of slices.entries()) {
    if (assertFastReaderAgrees(slice.text, `${name} document ${index}`)) read++;
    else if (jsYamlReads(slice.text)) declinedValid.push(slice.text);
  }
  return { read, documents: slices.length, declinedValid };
}

describe('readYamlFast', () => {
  it('reads every valid document of the bench’s node-agent (also with CRLF), generated and public-chart corpora exactly as js-yaml does', () => {
    for (const [name, text] of [
      ['node-agent', nodeAgentCorpus(120)],
      ['node-agent with CRLF line ends', nodeAgentCorpus(40).replace(/\n/g, '\r\n')],
      ['generated', generateCorpus(120)],
      ['public-chart', realChartCorpus(40)],
    ] as const) {
      const { read, documents, declinedValid } = checkFile(text, name);
      assert.deepEqual(declinedValid, [], `${name}: valid documents declined`);
      // Only the generated corpus has documents js-yaml rejects: its duplicate keys, which the yaml package reports.
      assert.ok(read >= documents - (name === 'generated' ? 10 : 0), `${name}: ${read} of ${documents} documents read`);
    }
  });

  it('reads every document of the pathological corpus (CRLF, `%YAML 1.2`, `---` with a comment, `...`, anchors, aliases, deep flow) as js-yaml and the yaml package do', () => {
    const text = pathologicalCorpus(60);
    for (const [name, variant] of [
      ['pathological', text],
      ['pathological-lf', text.replace(/\r\n/g, '\n')],
    ] as const) {
      const { read, documents, declinedValid } = checkFile(variant, name);
      assert.deepEqual(declinedValid, [], `${name}: valid documents declined`);
      assert.equal(read, documents, name);
    }
    // And parseYamlFile takes the fast reader for each of them: no js-yaml events, no yaml AST.
    const documents = splitYamlDocuments(text).length;
    const reads = fastReaderCounts();
    const parses = yamlParseCounts();
    const file = parseYamlFile(text);
    assert.equal(fastReaderCounts().read - reads.read, documents);
    assert.equal(fastReaderCounts().declined - reads.declined, 0);
    assert.equal(yamlParseCounts().ast - parses.ast, 0);
    const daemonSet = file.documents[0].value as { metadata: { labels: unknown }; spec: { selector: { matchLabels: unknown } } };
    assert.equal(daemonSet.spec.selector.matchLabels, daemonSet.metadata.labels, 'an alias is its anchored node, as both parsers give it');
  });

  it('reads JSON documents (kubectl get -o json, pretty or one per line) exactly as js-yaml does', () => {
    const objects = kubectlDumpCorpus(12)
      .split('---\n')
      .map((text) => parseYamlFile(text).documents[0].value);
    for (const [name, text] of [
      ['pretty, 4 spaces', kubectlJsonCorpus(12)],
      ['pretty, 2 spaces, CRLF', objects.map((value) => `${JSON.stringify(value, null, 2).replace(/\n/g, '\r\n')}\r\n`).join('---\r\n')],
      ['one line each', kubectlJsonCorpus(12, 0)],
      ['after --- with a comment, no final line break', objects.map((value) => `--- # kubectl\n${JSON.stringify(value)}`).join('\n')],
    ] as const) {
      const { read, documents, declinedValid } = checkFile(text, name);
      assert.deepEqual(declinedValid, [], `${name}: valid documents declined`);
      assert.equal(read, documents, name);
    }
  });

  it('agrees with js-yaml or declines on flow collections over several lines and JSON-style pairs', () => {
    const texts = [
      '{"a":1,"b":[1,2,{"c":"d"}],"e":{}}\n',
      "{'a':1, 'b' : 2, \"c\":-1, \"d\":[], \"e\":{\"f\":null}}\n",
      'x: {"a":1, "b":[true]}\n',
      'x: {a:1}\n',
      '[\n  1,\n  "two",\n  [3, 4],\n  {"five": 5}\n]\n',
      '{\n  "a": 1,\n  "b": 2,\n}\n',
      '{\n"a": 1\n}\n',
      '{\n  "a": 1 # a comment\n}\n',
      '{\n  "a":\n    1\n}\n',
      '{\n  "a"\n  : 1\n}\n',
      '{\n  "a": plain\n    continued,\n  "b": 2\n}\n',
      '{\n  "a": plain   \n}\n',
      '[\n-1\n]\n',
      '[\n  a\n  ]\n',
      '{"a": 1} # trailing comment\n# and a comment line\n',
      '{"a": 1}: x\n',
      '{"a": 1}\nb: 2\n',
      '[1, 2]\n...\n',
      '{\n  "a": [\n  ],\n  "b": {\n  }\n}\n',
      '{"a": 1, "a": 2}\n',
      '{"a": "x\\ty\\u00e9\\/"}\n',
      '{"k": "v",\n\n  "l": "w"}\n',
      '[a, b\n, c]\n',
      '{"a": 1,,}\n',
      '{\n',
      '[1, 2\n',
    ];
    let read = 0;
    for (const text of texts) if (assertFastReaderAgrees(text, JSON.stringify(text))) read++;
    assert.ok(read >= 12, `${read} of ${texts.length} read`);
  });

  it('agrees with js-yaml or declines on generated JSON documents and near-misses of them, and reads many', () => {
    let read = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        total++;
        if (assertFastReaderAgrees(randomJsonYaml(mulberry32(seed)), `generated JSON (seed ${seed})`)) read++;
      }),
      { seed: SEED, numRuns: 2000 },
    );
    assert.ok(read > total / 3, `only ${read} of ${total} generated documents read`);
  });

  it('agrees with js-yaml and the yaml package or declines on generated documents with directives, end markers, anchors and aliases, and reads many', () => {
    let read = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        total++;
        if (assertFastReaderAgrees(randomAnchoredYaml(mulberry32(seed)), `generated with anchors (seed ${seed})`)) read++;
      }),
      { seed: SEED, numRuns: 2000 },
    );
    assert.ok(read > total / 8, `only ${read} of ${total} generated documents read`);
  });

  it('tells a `...` marker from a line that only starts with dots', () => {
    // Such a first line once made the search for the marker loop forever.
    for (const text of ['....\n', '....: a\n', '...x: 1\n', '....: a\n...\n# after\n', 'a: 1\n....\n', 'a: 1\n... # end\n\n']) assertFastReaderAgrees(text, JSON.stringify(text));
    assert.deepEqual(readYamlFast('....: a\n...\n# after\n')?.value, { '....': 'a' });
  });

  it('finds each plain key’s `:` past colons and `#` inside keys and values, line after line, as js-yaml does', () => {
    // The reader remembers its last searches for `:` and `#` across lines: each of these starts a search before, inside or after a remembered one.
    for (const text of [
      'a: 1\nb: http://x:80\nc: 2\n', // a value's colons, then a key's
      'http://x: 1\nb: 2\n', // a colon inside a key
      'a:b: 1\n', // a colon not followed by a space: part of the key
      'a#b: 1\nc: d#e\nf: 2\n', // `#` inside a key and a value, not comments
      'a: 1 # x: y\nb: 2\n', // a comment holding a colon
      '# c: 1\na: 1\n# d\nb: 2\n', // comment lines around keys
      'a #b: 1\n', // a comment before the colon: no key
      '- a: 1\n  b: 2\n- c #d: 3\n- e:f\n- g: h\n', // compact mappings, and items that are no key
      'a:\n  - x:y\n  - z: 1\nb: 2', // the text's end right after a value
      'k: v\nlast:', // a key's colon at the text's end
    ]) assertFastReaderAgrees(text, JSON.stringify(text));
    assert.deepEqual(readYamlFast('http://x: 1\na#b: c:d\n')?.value, { 'http://x': 1, 'a#b': 'c:d' });
  });

  it('declines anchors and aliases it cannot read as both parsers do', () => {
    for (const text of [
      'a: &x\nb: *x\n', // an anchored empty value
      'a: &x |\n  t\nb: *x\n', // an anchored block scalar
      'a: &x\n  k: *y\n', // an alias inside an anchored node
      'a: &x 1\nb: &x 2\nc: *x\n', // a redefined anchor
      'a: &x\n  b: &x 1\nc: *x\n', // redefined inside its own node
      'a: *x\nb: &x 1\n', // an alias before its anchor
      'a: &x {b: 1}\n<<: *x\n', // a merge key
      '~: &x 1\nb: *x\n', // a null key, which the yaml package names ""
      'a: &x !!str 1\n', // a tag
      '- &x k: v\n', // an anchor on a key
      `a: &x 1\nl:\n${'  - *x\n'.repeat(51)}`, // past MAX_ALIASES
      '%YAML 1.1\n---\na: 1\n', // another version
      '%YAML 1.2\na: 1\n', // a directive without its `---`
      '%TAG ! tag:example.com,2000:\n---\na: 1\n',
      'a: 1\n...\nb: 2\n', // content after `...`
    ]) {
      assert.equal(readYamlFast(text), undefined, JSON.stringify(text));
      assertFastReaderAgrees(text);
    }
  });

  it('agrees with js-yaml or declines on every fixture and example, and reads most of their documents', () => {
    let read = 0;
    let documents = 0;
    for (const file of exampleAndFixtureYamlFiles()) {
      const counts = checkFile(readFileSync(file, 'utf8'), file);
      read += counts.read;
      documents += counts.documents;
    }
    assert.ok(read >= documents / 2, `only ${read} of ${documents} documents read`);
  });

  it('resolves plain scalars as js-yaml’s core schema does, as values, keys, sequence items and flow entries', () => {
    for (const scalar of TRICKY_PLAIN_SCALARS) {
      const texts = [`value: ${scalar}\n`, `${scalar}: value\n`, `- ${scalar}\n- x\n`, `flow: [${scalar}, x]\n`, `flow: {key: ${scalar}}\n`, `flow: {${scalar}: x}\n`];
      for (const text of texts) assertFastReaderAgrees(text, JSON.stringify(scalar));
    }
    // The reader must have read the ordinary ones, not declined them all.
    const read = readYamlFast('a: 0o17\nb: 1_000\nc: 0x1F\nd: yes\ne: ~\nf: .NaN\ng: -0\nh: 2001-12-14\ni: .inf\n');
    assert.ok(read);
    assert.deepStrictEqual(read.value, { a: 15, b: '1_000', c: 31, d: 'yes', e: null, f: NaN, g: -0, h: '2001-12-14', i: Infinity });
    assert.deepStrictEqual(readYamlFast('0x1F: a\n~: b\n1e3: c\n')?.value, { 31: 'a', null: 'b', 1000: 'c' });
  });

  it('reads block scalars with every chomping and indentation indicator as js-yaml does', () => {
    const headers = ['|', '>', '|-', '>-', '|+', '>+', '|2', '>1', '|-2', '|2+', '| # comment'];
    const bodies = ['  a\n  b\n', '  a\n\n  b\n\n\n', '\n  a\n', '  a\n    more\n  b\n', '   a\n  b\n', '', '  a', '  a\n  \n', '    a\n  b\n'];
    let read = 0;
    let total = 0;
    for (const header of headers) {
      for (const body of bodies) {
        for (const after of ['', 'next: 1\n', '# c\nnext: 1\n']) {
          const texts = [`key: ${header}\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}${after}`, `list:\n- ${header}\n${body.replace(/^ {2}/gm, '    ')}${after}`];
          for (const text of texts) {
            total++;
            if (assertFastReaderAgrees(text, `${header} ${JSON.stringify(body)}`)) read++;
          }
        }
      }
    }
    assert.ok(read > total / 2, `only ${read} of ${total} read`);
  });

  it('agrees with js-yaml or declines on generated block YAML with mistakes, and reads much of it', () => {
    let read = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        total++;
        if (assertFastReaderAgrees(randomBlockYaml(mulberry32(seed)), `generated (seed ${seed})`)) read++;
      }),
      { seed: SEED, numRuns: 3000 },
    );
    assert.ok(read > total / 5, `only ${read} of ${total} generated documents read`);
  });

  it('reads a root block collection at any indentation (a list item read alone) as js-yaml does, and agrees or declines on indented generated YAML', () => {
    const indent = (text: string, by: number) => text.replace(/^(?=.)/gm, ' '.repeat(by));
    const documents = splitYamlDocuments(kubectlDumpCorpus(30)).map((slice) => slice.text.replace(/^---\n/, ''));
    for (const [i, text] of documents.entries()) {
      for (const by of [2, 4]) assert.ok(assertFastReaderAgrees(indent(text, by), `kubectl document ${i} indented by ${by}`), `kubectl document ${i} indented by ${by} declined`);
    }
    for (const text of ['  a: 1\nb: 2\n', '  a: 1\n b: 2\n', '  - a\n  - b\n', '   {a: 1}\n', '  a:\n  - 1\n  b: |\n    x\n']) assertFastReaderAgrees(text, JSON.stringify(text));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 6 }), (seed, by) => {
        assertFastReaderAgrees(indent(randomBlockYaml(mulberry32(seed)), by), `generated (seed ${seed}) indented by ${by}`);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reads block scalars with tabs in their content (a tab-indented script) as js-yaml does', () => {
    const script = (indent: string) =>
      `${indent}command:\n${indent}  - sh\n${indent}  - -c\n${indent}  - |\n${indent}    set -e\n${indent}    for d in a b; do\n${indent}    \tmkdir -p "/host/$d"\t# tab inside\n${indent}    done\n` +
      `${indent}args:\n${indent}  - >-\n${indent}    folded\n${indent}    \tmore indented\n${indent}    \n${indent}    end\n`;
    const text = nodeAgentCorpus(40).replace(/^( +)command: \[.*\]\n/gm, (_, indent: string) => script(indent));
    assert.ok(text.includes('\t'));
    const { read, documents, declinedValid } = checkFile(text, 'node-agent with tab-indented scripts');
    assert.deepEqual(declinedValid, [], 'valid documents declined');
    assert.equal(read, documents);
  });

  it('reads characters past the BMP (emoji: surrogate pairs) as js-yaml does, and declines a lone surrogate', () => {
    const text = nodeAgentCorpus(20)
      .replace(/^(# .*)$/gm, '$1 🚀')
      .replace(/^( {4}prometheus\.io\/scrape: )"true"$/gm, '$1"true"\n    emoji.example.com/🐝: "𝒳 ok 🚀"')
      .replace(/^( {4}deprecated\.daemonset\.template\.generation: .*)$/gm, '$1\n    notes: |\n      📦 package 𝄞\n    flow: {a: [🚀, "🐝"]}\n    plain: 𝒳 and 🚀');
    assert.ok(/[\uD800-\uDBFF]/.test(text));
    const { read, documents, declinedValid } = checkFile(text, 'node-agent with emoji');
    assert.deepEqual(declinedValid, [], 'valid documents declined');
    assert.equal(read, documents);
    for (const lone of ['a: \uD800x\n', 'a: "\uDC00"\n', 'a: 🚀\uD83D\n', '# \uDE80\na: 1\n']) assert.equal(readYamlFast(lone), undefined, JSON.stringify(lone));
  });

  it('agrees with js-yaml or declines with a tab anywhere in a document', () => {
    // The pathological documents' long block scalars take many of the tabs: some documents are read, not all declined.
    const documents = splitYamlDocuments(`${nodeAgentCorpus(6)}---\n${realChartCorpus(3)}${pathologicalCorpus(6).replace(/\r\n/g, '\n')}`).map((slice) => slice.text);
    let read = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: documents.length - 1 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.boolean(), (index, offsets, replace) => {
        let text = documents[index];
        for (const offset of offsets) {
          const at = offset % text.length;
          text = `${text.slice(0, at)}\t${text.slice(replace && text[at] === ' ' ? at + 1 : at)}`;
        }
        if (assertFastReaderAgrees(text, `document ${index} with tabs at ${offsets.join(', ')}`)) read++;
      }),
      { seed: SEED, numRuns: 400 },
    );
    for (const text of ['a: |\n  \tx\n', 'a: |\n \tx\n  y\n', 'a: |2\n  \tx\n', 'a: |\n\tx\n', 'a: >\n  x\n  \ty\n  z\n', 'a: |\n  x\n\t\nb: 1\n', 'a: |\n  x\n  \t\nb: 1\n', 'a:\t|\n  x\n', 'a: | # c\tc\n  x\n', 'a: "\t"\n', 'a: b\tc\n', 'a:\n\t- b\n'])
      assertFastReaderAgrees(text, JSON.stringify(text));
    assert.ok(read > 20, `${read} of 400 read`);
  });

  it('agrees with js-yaml or declines on random edits of the fixtures and their line-end variants', () => {
    const small = loadCorpus().filter((c) => c.text.length < 20_000);
    fc.assert(
      fc.property(mutatedManifest(small), (input) => {
        for (const slice of splitYamlDocuments(input.text)) assertFastReaderAgrees(slice.text, input.name);
      }),
      { seed: SEED, numRuns: 300 },
    );
    for (const [variant, transform] of lineEndVariants) {
      for (const { name, text } of small.slice(0, 40)) checkFile(transform(text), `${name}+${variant}`);
    }
  });

  it('declines what js-yaml rejects, so syntax errors keep their diagnostics', () => {
    for (const text of ['a: b: c\n', 'a:\n  b: 1\n c: 2\n', 'a: "open\n', 'a: [1, 2\n', '- a\nb: 1\n', 'a: 1\na: 2\n', 'a: |0\n  x\n', 'a:\tb\n', 'key: value\n  more: 1\n', '- a\n  - b\n']) {
      assert.equal(readYamlFast(text), undefined, JSON.stringify(text));
      assertFastReaderAgrees(text);
    }
    // The document still gets its problem from the yaml package, as before.
    const doc = parseYamlFile('a: b: c\n').documents[0];
    assert.ok(doc.problems.some((problem) => problem.severity === 'error'));
    const duplicate = parseYamlFile('a: 1\na: 2\n').documents[0];
    assert.deepEqual(duplicate.problems.map((problem) => problem.code), ['DUPLICATE_KEY']);
  });

  it('is the path parseYamlFile takes for the bench’s manifests: one read per document, none left to js-yaml', () => {
    const text = nodeAgentCorpus(40);
    const documents = splitYamlDocuments(text).length;
    const reads = fastReaderCounts();
    const parses = yamlParseCounts();
    parseYamlFile(text);
    assert.equal(fastReaderCounts().read - reads.read, documents);
    assert.equal(fastReaderCounts().declined - reads.declined, 0);
    assert.equal(yamlParseCounts().fast - parses.fast, documents);
    assert.equal(yamlParseCounts().ast - parses.ast, 0);
  });
});
