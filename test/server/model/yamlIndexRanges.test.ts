/**
 * The outline, the code lens's line and the field under the cursor are read
 * from the position index of a document's one parse (yamlIndexRanges.ts),
 * not from the `yaml` AST, which stays the reference: every fixture,
 * example, bench corpus, tricky YAML and generated comment layout is read
 * both ways — once fresh, once with every AST composed first (the index is
 * then not used) — and must give identical answers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadCorpus, mutatedManifest } from '../../fuzz/support/inputs';
import { generateCorpus, mulberry32 } from '../../../bench/corpus';
import { nodeAgentCorpus, pathologicalCorpus } from '../../../bench/hardCorpus';
import { repoRoot } from '../../support/golden';
import { exampleAndFixtureYamlFiles } from '../../support/yamlFiles';
import { parseYamlFile, rangeIndexOf, yamlParseCounts, type ParsedYamlFile } from '../../../server/src/model/yamlDocuments';
import { pathAtOffset } from '../../../server/src/model/yamlNavigation';
import { blockCollectionEnd, indexedPathAtOffset } from '../../../server/src/model/yamlIndexRanges';
import { findDocumentSymbols } from '../../../server/src/service/symbols';
import { getCodeLenses } from '../../../server/src/service/codeLens';
import { setKey } from '../../../server/src/model/yamlEdits/documentEdits';
import { detectYamlStyle } from '../../../server/src/model/yamlEdits/yamlStyle';
import type { FieldPath } from '../../../server/src/model/fieldPath';

/** The paths of every mapping in a value. */
function mappingPaths(value: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  if (Array.isArray(value)) value.forEach((item, i) => mappingPaths(item, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') {
    out.push(prefix);
    for (const [key, child] of Object.entries(value)) mappingPaths(child, [...prefix, key], out);
  }
  return out;
}

/** The file with every document's AST composed: rangeIndexOf then answers nothing, and every range comes from the AST. */
function withAsts(text: string): ParsedYamlFile {
  const file = parseYamlFile(text);
  for (const doc of file.documents) void doc.ast;
  return file;
}

const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent # the name
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      initContainers:
      - name: init
        image: busybox
        command: ["sh", "-c", "true"]
      containers:
      - name: agent
        image: registry.example/agent:1.2.3
        args:
        - |
          multi
          line
        env:
        - {name: A, value: "1"}
      - name: sidecar
        image: 'quoted:1'  # trailing
          # deeper comment
      # at the list's column
      tolerations:
      - operator: Exists
      - {key: a, operator: Equal, value: b, effect: NoSchedule}
      volumes:
      - name: data
        hostPath:
          path: /var/data
    # comment at the template's spec column
`;

/** Hand-written YAML where the parser's choices are subtle: comments, flow maps, anchors, block scalars, empty values, broken and empty documents. */
const TRICKY: Array<{ name: string; text: string }> = [
  { name: 'daemonset with comments', text: DAEMONSET },
  { name: 'comments at column 0 after the last value', text: DAEMONSET + '#\n'.repeat(50) },
  { name: 'comments deeper than the innermost collection', text: DAEMONSET + '          # deep\n\n            # deeper\n' },
  { name: 'mixed comment indentation after the end', text: DAEMONSET + '# zero\n        # eight\n  # two\n' },
  { name: 'flow map last', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: n}\nspec:\n  containers:\n  - {name: a, image: b}   # c\n    # after\n' },
  { name: 'flow root', text: '{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a}, {name: b, image: "x"}]}}\n' },
  { name: 'multi-line flow', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [\n    {name: a},  # one\n    {name: b}\n  ]\n  # end\n' },
  { name: 'anchors and aliases', text: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: &n agent\n  labels: &l {app: agent}\nspec:\n  selector:\n    matchLabels: *l\n  template:\n    metadata:\n      labels: *l\n    spec:\n      containers:\n      - name: *n\n        image: x\n      tolerations: &t\n      - operator: Exists\n' },
  { name: 'anchored block map', text: 'apiVersion: v1\nkind: Pod\nmetadata: &m\n  name: p\nspec:\n  containers:\n  - &c\n    name: a\n    image: b\n  - name: c\n    image: *c\n' },
  { name: 'block scalar last', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    command:\n    - |\n      echo hi\n\n  # after the scalar\n    # deeper\n' },
  { name: 'block scalar keep chomping last', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: |+\n    x\n\n\n# end\n' },
  { name: 'multi-line plain scalar', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a long\n    name here\nspec:\n  containers:\n  - name: a\n    image: b\n      c\n    # c\n' },
  { name: 'multi-line quoted scalar', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "a long\n    name"\nspec:\n  containers:\n  - name: \'x\n      y\'\n' },
  { name: 'empty values', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name:\nspec:\n  containers:\n  - name: a\n    image:\n  # c\n' },
  { name: 'empty name and list items', text: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ""\nspec:\n  template:\n    spec:\n      containers:\n      -\n      - name: b\n      volumes: []\n' },
  { name: 'document that fails to parse', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: [\n' },
  { name: 'duplicate keys', text: 'apiVersion: v1\nkind: Pod\nkind: Pod\nmetadata:\n  name: p\n  name: q\n' },
  { name: 'only ---', text: '---\n' },
  { name: 'empty documents', text: '---\n---\n# only a comment\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n---\n' },
  { name: 'document end marker', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  # c\n...\n# after\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: q\n' },
  { name: 'CRLF', text: DAEMONSET.replace(/\n/g, '\r\n') },
  { name: 'tabs after values', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\t# c\nspec:\n  containers:\n  - name: a\t\n' },
  { name: 'numbers and booleans as keys', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  1: one\n  true: yes\n  "2": two\n' },
  { name: 'tags', text: 'apiVersion: v1\nkind: !!str Pod\nmetadata: !!map\n  name: !!str p\nspec:\n  containers:\n  - !!map\n    name: a\n' },
  { name: 'compact sequences', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - - a\n    - b\n    # c\n  - name: x\n' },
  { name: 'Go templates', text: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: {{ .Values.image }}\n{{- if .Values.x }}\n      - name: b\n{{- end }}\n' },
  { name: 'BOM', text: '\ufeffapiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n # c\n' },
  { name: 'indented root', text: '  apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n   # c\n' },
];

/** A DaemonSet with comment lines and blank lines put at random lines and indentations, and comments at random line ends. */
function withRandomComments(text: string, random: () => number): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const roll = random();
    if (roll < 0.15 && line.trim() !== '' && !line.trimEnd().endsWith('|')) out.push(`${line} # end of line`);
    else out.push(line);
    const after = random();
    if (after < 0.25) out.push(`${' '.repeat(Math.floor(random() * 14))}# comment`);
    else if (after < 0.3) out.push('');
  }
  return out.join('\n');
}

const corpus: Array<{ name: string; text: string }> = [
  ...exampleAndFixtureYamlFiles().map((file) => ({ name: file.slice(repoRoot.length + 1), text: readFileSync(file, 'utf8') })),
  { name: 'bench corpus (60 DaemonSets)', text: generateCorpus(60) },
  { name: 'node-agent corpus (30 DaemonSets)', text: nodeAgentCorpus(30) },
  { name: 'pathological corpus (30 DaemonSets)', text: pathologicalCorpus(30) },
  ...TRICKY,
];
const random = mulberry32(7);
const generated: Array<{ name: string; text: string }> = [];
for (let i = 0; i < 150; i++) {
  const base = [DAEMONSET, ...nodeAgentCorpus(3, i).split(/^---\n/m)][i % 4];
  generated.push({ name: `random comments ${i}`, text: withRandomComments(base, random) });
}

describe('ranges from the position index', () => {
  it('gives the outline the AST gives, on every fixture, example, corpus and tricky file', () => {
    let fromIndex = 0;
    for (const { name, text } of [...corpus, ...generated]) {
      const before = yamlParseCounts().ast;
      const file = parseYamlFile(text);
      const astsBefore = yamlParseCounts().ast - before;
      const symbols = findDocumentSymbols(file);
      if (yamlParseCounts().ast - before === astsBefore) fromIndex += symbols.length;
      assert.deepEqual(symbols, findDocumentSymbols(withAsts(text)), name);
    }
    // Not a test of two AST walks: most outlines came from the index.
    assert.ok(fromIndex > 500, `only ${fromIndex} symbols came from the index`);
  });

  it('gives the code lens line the AST gives', () => {
    for (const { name, text } of [...corpus, ...generated]) {
      assert.deepEqual(getCodeLenses('file:///a.yaml', parseYamlFile(text)), getCodeLenses('file:///a.yaml', withAsts(text)), name);
    }
  });

  it('finds the field under every offset as the AST does', () => {
    let answered = 0;
    let asked = 0;
    for (const { name, text } of [...corpus.filter((c) => c.text.length < 40_000), ...generated.slice(0, 40)]) {
      const fresh = parseYamlFile(text);
      const reference = withAsts(text);
      for (const [i, doc] of fresh.documents.entries()) {
        const index = rangeIndexOf(doc);
        if (!index) continue;
        const step = doc.text.length > 4000 ? 11 : 1;
        for (let offset = doc.offset; offset <= doc.offset + doc.text.length; offset += step) {
          asked++;
          if (indexedPathAtOffset(index, offset - doc.offset) !== undefined) answered++;
          assert.deepEqual(pathAtOffset(doc, offset), pathAtOffset(reference.documents[i], offset), `${name} at ${offset}`);
        }
      }
    }
    assert.ok(asked > 100_000, `asked only ${asked}`);
    assert.ok(answered / asked > 0.8, `the index answered ${answered} of ${asked}`);
  });

  it('sets a key as the AST-based edit does: a new key after the last entry, an existing value replaced', () => {
    let fromIndex = 0;
    let asked = 0;
    for (const { name, text } of [...corpus.filter((c) => c.text.length < 40_000), ...generated]) {
      const fresh = parseYamlFile(text);
      const reference = withAsts(text);
      for (const [i, doc] of fresh.documents.entries()) {
        if (doc.problems.length > 0 || !rangeIndexOf(doc)) continue;
        const style = { ...detectYamlStyle(doc.text), eol: text.includes('\r\n') ? ('\r\n' as const) : ('\n' as const) };
        paths: for (const path of mappingPaths(doc.value).slice(0, 60)) {
          for (const key of ['zzNew', ...Object.keys(valueAtPath(doc.value, path)).slice(0, 3)]) {
            const before = yamlParseCounts().ast;
            const edit = setKey({ file: fresh, doc, style }, path, key, 'v');
            assert.deepEqual(edit, setKey({ file: reference, doc: reference.documents[i], style }, path, key, 'v'), `${name}, document ${i}, ${JSON.stringify(path)} ${key}`);
            asked++;
            if (yamlParseCounts().ast !== before) break paths; // the AST answered, and would answer the rest of this document
            fromIndex++;
          }
        }
      }
    }
    assert.ok(asked > 5000 && fromIndex / asked > 0.8, `the index answered ${fromIndex} of ${asked}`);
  });

  it('agrees with the AST on random edits of the fixtures (comments, markers, indentation, punctuation)', () => {
    const manifests = loadCorpus().filter((c) => /kind:/.test(c.text) && c.text.length < 20_000);
    fc.assert(
      fc.property(mutatedManifest(manifests, 8), ({ name, text }) => {
        const fresh = parseYamlFile(text);
        const reference = withAsts(text);
        assert.deepEqual(findDocumentSymbols(fresh), findDocumentSymbols(reference), `symbols of ${name}`);
        assert.deepEqual(getCodeLenses('file:///a.yaml', parseYamlFile(text)), getCodeLenses('file:///a.yaml', reference), `code lens of ${name}`);
        const edited = parseYamlFile(text);
        for (const [i, doc] of edited.documents.entries()) {
          if (doc.problems.length > 0) continue;
          const style = { ...detectYamlStyle(doc.text), eol: '\n' as const };
          for (const [path, key] of [[['spec', 'template', 'spec'], 'priorityClassName'], [['metadata'], 'name'], [['spec'], 'zz']] as const) {
            const edit = setKey({ file: edited, doc, style }, [...path], key, 'v');
            assert.deepEqual(edit, setKey({ file: reference, doc: reference.documents[i], style }, [...path], key, 'v'), `setKey in ${name}`);
          }
        }
        const again = parseYamlFile(text);
        for (let offset = 0; offset <= text.length; offset += 1 + (offset % 13)) {
          const doc = again.documents.find((d, i) => d.offset <= offset && (i === again.documents.length - 1 || again.documents[i + 1].offset > offset));
          const i = doc ? again.documents.indexOf(doc) : -1;
          if (doc) assert.deepEqual(pathAtOffset(doc, offset), pathAtOffset(reference.documents[i], offset), `${name} at ${offset}`);
        }
      }),
      { seed: 13, numRuns: 400 },
    );
  });

  it('does not compose the AST for the outline, code lens or hover of manifests read on the fast path', () => {
    const text = nodeAgentCorpus(20);
    const file = parseYamlFile(text);
    const before = yamlParseCounts().ast;
    findDocumentSymbols(file);
    getCodeLenses('file:///a.yaml', file);
    for (const doc of file.documents) pathAtOffset(doc, doc.offset + 40);
    assert.equal(yamlParseCounts().ast - before, 0);
  });

  it('ends a collection where the parser puts its comments', () => {
    const end = (text: string) => {
      const doc = parseYamlFile(text).documents[0];
      const index = rangeIndexOf(doc);
      assert.ok(index);
      const found = blockCollectionEnd(index, 0);
      return found === undefined ? undefined : text.slice(0, found).trimEnd();
    };
    // A comment at column 0 leaves every collection; one at an inner collection's column stays in it.
    assert.equal(end('a:\n  b: 1\n# out\n'), 'a:\n  b: 1');
    assert.equal(end('a:\n  b: 1\n  # in\n'), 'a:\n  b: 1\n  # in');
    // Deeper than the innermost collection: the last value's own.
    assert.equal(end('a: 1\n  # deeper\n'), 'a: 1\n  # deeper');
  });
});

function valueAtPath(value: unknown, path: FieldPath): Record<string, unknown> {
  let current = value;
  for (const segment of path) current = (current as Record<string | number, unknown>)[segment];
  return current as Record<string, unknown>;
}
