import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CORE_SCHEMA, load, YAML11_SCHEMA } from 'js-yaml';
import { parse } from 'yaml';
import { isPlainSafe, quotedYamlString, yamlScalar, type QuoteStyle } from '../../../../server/src/model/yamlEdits/yamlScalar';

/** Strings every YAML reader has an opinion about. */
const TRICKY = [
  // numbers, YAML 1.2 core and 1.1
  '1e3', '1E3', '-1e-3', '+12', '0x1F', '0X1f', '-0x1F', '0o17', '017', '0b101', '.5', '5.', '1.28', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '1_000', '1_000.5', '._5', '1:20', '190:20:30.15',
  // booleans and nulls, 1.2 and 1.1
  'true', 'True', 'FALSE', 'yes', 'No', 'ON', 'off', 'y', 'Y', 'n', 'N', 'null', 'Null', 'NULL', '~', '',
  // timestamps and merge keys (YAML 1.1)
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '<<', '=',
  // indicators and spaces
  ' ', ' a', 'a ', '#', 'a #b', 'a#b', ': ', 'a: b', 'a:', ':a', '- ', '-', '- a', '-a', '?', '? a', '[', ']', '{', '}', '[a]', '{a: b}', ',', 'a,b',
  '*a', '&a', '!a', '!!str', '|', '>', '%YAML', '@a', '`a`', "'", '"', "it's", 'say "hi"', '\\', 'C:\\dir', '---', '...', '--- a',
  // line breaks, tabs, controls, unicode
  '\n', 'a\nb', 'a\n', '\r\n', '\t', 'a\tb', '\0', '\x07', '\x1B', '\x7F', '\x85', '\u00A0', '\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uFFFF', '\uD800', '\uDC00', 'ñandú', '日本', '🚀', 'e\u0301',
  // what the edits really write
  'node-role.kubernetes.io/control-plane', 'VIPOnly', 'NoSchedule', 'unix:///run/containerd/containerd.sock', 'http://a/b?c=d', 'a:b', '10.0.0.0/24', '_x', '/path', './rel',
];

const PIECES = [...TRICKY.filter((s) => s.length <= 3), 'a', 'b', '0', '1', 'e', 'x', 'o', '.', '_', ':', '-', '+', ' ', '/'];

/** Random strings, and strings put together from the tricky ones. */
const anyString = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...'0123456789eExXoObB._+-:aAfFnNyY '.split('')), maxLength: 8 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((parts) => parts.join('')),
);

type Reader = (text: string) => unknown;

/** YAML 1.2 core (js-yaml and the yaml package, as the server reads) and YAML 1.1 (as go-yaml v2 reads). */
const READERS: Array<[string, Reader]> = [
  ['js-yaml core', (text) => load(text, { schema: CORE_SCHEMA })],
  ['js-yaml 1.1', (text) => load(text, { schema: YAML11_SCHEMA })],
  ['yaml core', (text) => parse(text, { schema: 'core', uniqueKeys: false })],
  ['yaml 1.1', (text) => parse(text, { version: '1.1', uniqueKeys: false })],
];

/** Every place an edit writes a scalar: block value, block key, flow item, flow key, flow value. */
function contexts(written: string): Array<[string, string, (value: unknown) => unknown]> {
  return [
    ['block value', `k: ${written}\n`, (v) => (v as Record<string, unknown>).k],
    ['block key', `${written}: v\n"\\x01\\x02sentinel": w\n`, (v) => Object.keys(v as object)[0]],
    ['block item', `- ${written}\n`, (v) => (v as unknown[])[0]],
    ['flow item', `[${written}, x]\n`, (v) => (v as unknown[])[0]],
    ['flow key', `{${written}: v, "\\x01\\x02sentinel": w}\n`, (v) => Object.keys(v as object)[0]],
    ['flow value', `{"\\x01\\x02sentinel": ${written}, k: y}\n`, (v) => (v as Record<string, unknown>)['\x01\x02sentinel']],
  ];
}

function assertRoundTrips(value: string, written: string): void {
  for (const [where, text, pick] of contexts(written)) {
    for (const [reader, read] of READERS) {
      let back: unknown;
      try {
        back = pick(read(text));
      } catch (error) {
        assert.fail(`${JSON.stringify(value)} written as ${written} fails to read as a ${where} (${reader}): ${(error as Error).message}`);
      }
      assert.equal(back, value, `${JSON.stringify(value)} written as ${written} reads back as ${String(back)} in a ${where} (${reader})`);
    }
  }
}

describe('yamlScalar', () => {
  for (const quote of ['double', 'single'] as QuoteStyle[]) {
    it(`round-trips every string through every reader and context (${quote} quotes)`, () => {
      for (const value of TRICKY) assertRoundTrips(value, yamlScalar(value, quote));
      fc.assert(
        fc.property(anyString, (value) => assertRoundTrips(value, yamlScalar(value, quote))),
        { numRuns: 1500 },
      );
    });

    it(`round-trips always-quoted strings (${quote} quotes)`, () => {
      fc.assert(
        fc.property(anyString, (value) => assertRoundTrips(value, quotedYamlString(value, quote))),
        { numRuns: 500 },
      );
    });
  }

  it('writes numbers, booleans and nulls of YAML 1.1 and 1.2 quoted', () => {
    for (const value of ['1e3', '0x1F', '0o17', '.inf', '-.Inf', '.nan', '1_000', '1:20', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', '~', '', '2001-12-14']) {
      assert.equal(yamlScalar(value), JSON.stringify(value), value);
    }
  });

  it('writes names, labels, taint keys and paths plain', () => {
    for (const value of ['node-role.kubernetes.io/control-plane', 'VIPOnly', 'NoSchedule', 'amd64', 'unix:///run/containerd/containerd.sock', '10.0.0.0/24', 'a:b']) {
      assert.ok(isPlainSafe(value), value);
      assert.equal(yamlScalar(value), value);
    }
  });

  it('quotes in the author’s style, escaping only in double quotes', () => {
    assert.equal(yamlScalar('yes', 'single'), "'yes'");
    assert.equal(yamlScalar("it's", 'single'), "'it''s'");
    assert.equal(yamlScalar('a\nb', 'single'), '"a\\nb"');
    assert.equal(yamlScalar('\u2028\x7F\uD800', 'double'), '"\\u2028\\u007F\\uD800"');
    assert.equal(yamlScalar('🚀'), '"🚀"');
  });
});
