import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { hasGoTemplates } from '../../../server/src/model/goTemplates';
import { exampleAndFixtureYamlFiles } from '../../support/yamlFiles';
import { describe, it } from 'node:test';
import { LineIndex } from '../../../server/src/model/textPositions';
import {
  documentMayHoldNull,
  findNodeAtPath,
  isEmptyDocument,
  MAX_ALIAS_COUNT,
  parseYamlDocument,
  parseYamlFile,
  parseYamlFileDocuments,
  rangeOfPath,
  splitYamlDocuments,
  yamlParseCounts,
} from '../../../server/src/model/yamlDocuments';

describe('splitYamlDocuments', () => {
  const cases: Array<[string, string, string[]]> = [
    ['one document', 'a: 1\n', ['a: 1\n']],
    ['leading marker', '---\na: 1\n', ['---\na: 1\n']],
    ['two documents', 'a: 1\n---\nb: 2\n', ['a: 1\n', '---\nb: 2\n']],
    ['comments before the first marker stay with it', '# c\n---\na: 1\n', ['# c\n---\na: 1\n']],
    ['document end marker', 'a: 1\n...\n---\nb: 2\n', ['a: 1\n...\n', '---\nb: 2\n']],
    ['CRLF', 'a: 1\r\n---\r\nb: 2\r\n', ['a: 1\r\n', '---\r\nb: 2\r\n']],
    ['marker with content', 'a: 1\n--- !!map\nb: 2\n', ['a: 1\n', '--- !!map\nb: 2\n']],
    ['not a marker', 'a: ---\nb: --x\n', ['a: ---\nb: --x\n']],
    ['empty', '', ['']],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const slices = splitYamlDocuments(text);
      assert.deepEqual(
        slices.map((s) => s.text),
        expected,
      );
      assert.equal(slices.map((s) => s.text).join(''), text, 'slices cover the text exactly');
    });
  }
});

describe('parseYamlFile', () => {
  it('keeps file offsets for every document', () => {
    const file = parseYamlFile('a: 1\n---\nkind: DaemonSet\nspec:\n  x: 1\n');
    assert.equal(file.documents.length, 2);
    const range = rangeOfPath(file, file.documents[1], ['spec', 'x']);
    assert.deepEqual(range, { start: { line: 4, character: 5 }, end: { line: 4, character: 6 } });
  });

  it('reuses unchanged documents and re-bases them', () => {
    const first = parseYamlFile('a: 1\n---\nb: [\n');
    const reused = new Set<unknown>();
    const second = parseYamlFile('a: 12\n---\nb: [\n', (slice) => {
      const hit = first.documents.find((d) => d.text === slice.text);
      if (hit) reused.add(hit);
      return hit;
    });
    assert.equal(reused.size, 1);
    assert.equal(second.documents[1].offset, 6);
    assert.equal(second.documents[1].problems[0].start >= 6, true, 'problem offsets follow the document');
  });

  it('indexes lines in the same scan that splits documents', () => {
    for (const text of ['', 'a: 1', 'a: 1\n', 'a: 1\n---\nb: 2\n\n', '\n\n---\n...\n# c', 'a: 1\r\n---\r\nb: 2\r', 'a\rb\n']) {
      assert.deepEqual(parseYamlFile(text).lines.lineStarts, new LineIndex(text).lineStarts, JSON.stringify(text));
    }
  });

  it('bounds alias expansion', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const file = parseYamlFile(bomb);
    assert.equal(file.documents[0].value, undefined);
    assert.ok(file.documents[0].problems.some((p) => p.code === 'ALIAS_LIMIT'));
  });

  it('reports duplicate keys', () => {
    const file = parseYamlFile('a: 1\na: 2\n');
    assert.deepEqual(
      file.documents[0].problems.map((p) => p.code),
      ['DUPLICATE_KEY'],
    );
  });

  it('walks paths through maps and sequences', () => {
    const file = parseYamlFile('spec:\n  list:\n    - name: x\n');
    const found = findNodeAtPath(file.documents[0], ['spec', 'list', 0, 'name']);
    assert.equal(found.depth, 4);
    assert.equal(findNodeAtPath(file.documents[0], ['spec', 'missing', 'x']).depth, 1);
  });
});

describe('the fast value path', () => {
  // js-yaml reads values for speed; they must equal what the yaml package builds.
  const files = exampleAndFixtureYamlFiles();

  it(`gives the yaml package's values for every document of ${files.length} fixture files`, () => {
    let compared = 0;
    for (const file of files) {
      for (const slice of splitYamlDocuments(readFileSync(file, 'utf8'))) {
        if (hasGoTemplates(slice.text)) continue; // chart templates are masked before they are read, on purpose
        const reference = parseDocument(slice.text, { uniqueKeys: true, strict: true });
        if (reference.errors.length > 0) continue;
        assert.deepEqual(parseYamlDocument(slice, 0).value, reference.toJS({ maxAliasCount: 100 }), `${file} at ${slice.offset}`);
        compared++;
      }
    }
    assert.ok(compared > 50, `compared only ${compared} documents`);
  });

  it('builds the AST lazily and shares it when a document moves', () => {
    const first = parseYamlFile('a: 1\n---\nb: 2\n');
    const moved = parseYamlFile('a: 12\n---\nb: 2\n', (slice) => first.documents.find((d) => d.text === slice.text));
    assert.equal(moved.documents[1].offset, 6);
    assert.equal(moved.documents[1].ast, first.documents[1].ast, 'one AST for both copies');
    assert.equal(findNodeAtPath(moved.documents[1], ['b']).depth, 1);
  });

  it('reports anchors, tags and duplicate keys whichever path reads them', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !Ref foo\n', 'a: 1\na: 2\n']) {
      const doc = parseYamlFile(text).documents[0];
      assert.ok(doc.problems.length > 0 || text.includes('&'), text);
    }
    assert.deepEqual(parseYamlFile('a: &x 1\nb: *x\n').documents[0].value, { a: 1, b: 1 });
  });
});

describe('documentMayHoldNull', () => {
  function holdsNull(value: unknown): boolean {
    if (value === null) return true;
    if (typeof value !== 'object') return false;
    return Object.values(value as object).some(holdsNull);
  }

  it('is true for every document of the fixtures whose value holds a null', () => {
    let nullFree = 0;
    let withNull = 0;
    for (const file of exampleAndFixtureYamlFiles()) {
      for (const doc of parseYamlFile(readFileSync(file, 'utf8')).documents) {
        if (holdsNull(doc.value)) {
          withNull++;
          assert.ok(documentMayHoldNull(doc), `${file}, document ${doc.index}`);
        } else if (!documentMayHoldNull(doc)) nullFree++;
      }
    }
    assert.ok(withNull > 5 && nullFree > 50, `${withNull} documents with a null, ${nullFree} told null-free`);
  });

  it('sees each spelling of null, in block and flow collections, behind an alias or a tag', () => {
    const nulls = ['a:\n', 'a: ~\n', 'a: null\n', 'a: Null\n', 'a: NULL\n', 'a: !!null\n', 'a: !!null ""\n', '- ~\n', 'a: [1, ~]\n', 'a: {b: }\n', 'a: {b}\n', 'x: &n ~\ny: *n\n', 'a: \n  null\n', '~: 1\n'];
    for (const text of nulls) {
      const doc = parseYamlFile(text).documents[0];
      assert.ok(holdsNull(doc.value) || text.startsWith('~'), `${text}: the value holds a null`);
      assert.equal(documentMayHoldNull(doc), true, text);
    }
    const nullFree = ['a: nul\n', 'a: "null"\n', "a: '~'\n", 'a: nullable\n', 'a: ~x\n', 'a: NONE\n', 'a: ""\n', 'a: []\n', 'a: {}\n', 'a: |\n  null\n', 'a:\n  - n\n  - N\n'];
    for (const text of nullFree) {
      const doc = parseYamlFile(text).documents[0];
      assert.equal(holdsNull(doc.value), false, `${text}: no null in the value`);
      assert.equal(documentMayHoldNull(doc), false, text);
    }
  });

  it('is true when no position index tells: documents read by the yaml package', () => {
    // An alias in a flow collection: neither the fast reader nor js-yaml's path takes anchors there.
    const doc = parseYamlFile('a: [&x 1, *x]\n').documents[0];
    assert.deepEqual(doc.value, { a: [1, 1] });
    assert.equal(documentMayHoldNull(doc), true);
  });
});

describe('anchors decide the read path, not an ampersand', () => {
  const composed = (doc: unknown) => (doc as { holder: { ast?: unknown } }).holder.ast !== undefined;

  it('reads shell commands with `&&` and `&` in plain, quoted and block scalars on the fast path', () => {
    for (const text of [
      'command: ["sh", "-c", "mkdir -p /x && chmod 0755 /x"]\n',
      'args: [sh, -c, cd /x && exec agent &]\n',
      "script: 'a && b'\n",
      'script: |\n  run &background\n  a && b\n',
      'url: http://x/?a=1 &b=2\n',
    ]) {
      const doc = parseYamlFile(text).documents[0];
      assert.equal(composed(doc), false, `no AST composed for ${JSON.stringify(text)}`);
      assert.deepEqual(doc.value, parseDocument(text).toJS(), text);
    }
  });

  it('reads plain anchors and aliases on the fast path, with the yaml package’s value: an alias is the anchored node', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: &x [1]\n', 'a: &x {b: 1}\nc: *x\n', 'list:\n  - &first x\n', 'l: &l # c\n  k: v\nm:\n  - *l\n']) {
      const doc = parseYamlFile(text).documents[0];
      assert.equal(composed(doc), false, JSON.stringify(text));
      assert.deepEqual(doc.value, parseDocument(text).toJS({ maxAliasCount: MAX_ALIAS_COUNT }), text);
    }
    const shared = parseYamlFile('a: &x {b: 1}\nc: *x\n').documents[0].value as Record<string, unknown>;
    assert.equal(shared.c, shared.a, 'the same object, as js-yaml and the yaml package give it');
  });

  it('still sends aliases inside anchored nodes and many aliases down the yaml path, whose bound counts expanded nodes', () => {
    const nested = 'a: &a [x, x]\nb: &b\n  - *a\n  - *a\nc: &c\n  - *b\n  - *b\n';
    const many = `a: &a [x]\nl:\n${'  - *a\n'.repeat(60)}`;
    for (const text of [nested, many]) assert.equal(composed(parseYamlFile(text).documents[0]), true, JSON.stringify(text));
    const bomb = `a: &a [x]\nl:\n${'  - *a\n'.repeat(120)}`;
    assert.deepEqual(parseYamlFile(bomb).documents[0].problems.map((problem) => problem.code), ['ALIAS_LIMIT']);
  });
});

describe('documents nested deeper than the yaml package can compose', () => {
  // Composing 10,000 levels runs the yaml package at the edge of the stack, where V8 aborted the
  // whole process ("RegExpCompiler Allocation failed") the second time such a document was parsed.
  const deep: Array<[string, string]> = [
    ['flow sequences', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['flow maps', '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['block sequences', '- '.repeat(10_000) + 'x\n'],
    ['an unclosed flow after a syntax error', 'a: [\nb: c\n' + '[{'.repeat(5_000)],
  ];
  for (const [name, text] of deep) {
    it(`reports ${name} as nested too deeply, at the level that is too deep, however often it is parsed`, () => {
      for (let edit = 0; edit < 4; edit++) {
        const doc = parseYamlFile(text + ' '.repeat(edit)).documents[0];
        assert.equal(doc.value, null);
        assert.deepEqual(doc.problems.map((p) => p.message), ['Document is nested too deeply to be parsed']);
        assert.ok(doc.problems[0].start > 0, 'placed at the first level past the bound, not at the start');
      }
    });
  }

  it('parses a document js-yaml finds too deep once: the yaml package does not read it again', () => {
    for (const [name, text] of deep.slice(0, 3)) {
      const before = yamlParseCounts().ast;
      const doc = parseYamlFile(text).documents[0];
      assert.equal(yamlParseCounts().ast, before, name);
      assert.deepEqual(doc.ast.errors.map((e) => e.code), ['RESOURCE_EXHAUSTION'], name);
      assert.equal(doc.ast.errors[0].pos[0], doc.problems[0].start, name);
    }
  });

  it('composes a document 900 levels deep', () => {
    const doc = parseYamlFile('['.repeat(900) + ']'.repeat(900)).documents[0];
    assert.deepEqual(doc.problems, []);
    assert.ok(Array.isArray(doc.value));
    assert.ok(doc.ast.contents);
  });
});

describe('empty documents', () => {
  it('reads a document of markers, comments and blank lines as null with no problems, as the yaml package does', () => {
    for (const text of ['', '\n', '---\n', '---', '--- # first\n# more\n\n   \n', '# only a comment', '---\r\n\r\n', '---\n...\n']) {
      assert.ok(isEmptyDocument(text), JSON.stringify(text));
      const reference = parseDocument(text, { uniqueKeys: true, strict: true });
      assert.deepEqual([...reference.errors, ...reference.warnings], [], JSON.stringify(text));
      const doc = parseYamlDocument({ offset: 0, text }, 0);
      assert.equal(doc.value, reference.toJS());
      assert.deepEqual(doc.problems, []);
      assert.equal(doc.ast.toJS(), null, 'its AST, built on demand');
    }
  });

  it('reads anything else in full', () => {
    for (const text of ['--- a\n', '---\t\n', 'a:\n', '\t\n', '--- !!map\n', '%YAML 1.2\n---\n', '\ufeff---\n', '-\n']) {
      assert.equal(isEmptyDocument(text), false, JSON.stringify(text));
    }
  });
});

describe('parseYamlFileDocuments', () => {
  it('parses only the wanted documents, each as parseYamlFile places it, over the whole file\'s lines', () => {
    const text = 'kind: A\r\n---\r\nkind: B\r\nspec: {x: 1}\r\n---\r\nkind: C\r\n';
    const whole = parseYamlFile(text);
    const some = parseYamlFileDocuments(text, (slice) => !slice.text.includes('kind: A'));
    assert.deepEqual(
      some.documents.map((doc) => [doc.index, doc.offset, doc.text, doc.value]),
      whole.documents.slice(1).map((doc) => [doc.index, doc.offset, doc.text, doc.value]),
    );
    assert.deepEqual(some.lines.lineStarts, whole.lines.lineStarts);
    assert.deepEqual(rangeOfPath(some, some.documents[0], ['spec', 'x']), rangeOfPath(whole, whole.documents[1], ['spec', 'x']));
  });
});
