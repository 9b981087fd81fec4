import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from 'js-yaml';
import { canStartPlainScalar, closingQuoteOnLine, endOfLine, hasQuoteEscapes, indentOf, isDashItem, lineContentEnd, onlyCommentFollows, plainKeyColon } from '../../../server/src/model/yamlLineScan';

/** Whether js-yaml reads the text without error. */
function jsYamlReads(text: string): boolean {
  try {
    load(text);
    return true;
  } catch {
    return false;
  }
}

describe('yamlLineScan', () => {
  it('finds the colon that ends a plain key, as js-yaml splits a block mapping entry', () => {
    const colon = (line: string) => plainKeyColon(line, 0, line.length);
    assert.equal(colon('name: x'), 4);
    assert.equal(colon('name:'), 4);
    assert.equal(colon('a:b: c'), 3);
    assert.equal(colon('http://x: y'), 8);
    assert.equal(colon('key:\tvalue'), 3);
    assert.equal(colon('a #b: c'), -1, 'a comment ends the scalar before the colon');
    assert.equal(colon('a#b: c'), 3, 'a # inside a word is text');
    assert.equal(colon('"a": b'), -1, 'a quoted key is not plain');
    assert.equal(colon('- a: b'), -1, 'a dash and a space start an item');
    assert.equal(colon('-a: b'), 2);
    assert.equal(colon('? a: b'), -1);
    assert.equal(colon('[a]: b'), -1);
    assert.equal(colon('no colon here'), -1);
  });

  it('tells where a plain scalar may start, in block and flow context', () => {
    for (const start of ['a', '-a', '?a', '1', '.5', '~', '/x', '=', '<<']) assert.ok(canStartPlainScalar(start, 0), start);
    for (const start of ['- a', '-', '? a', ':', '#', '&a', '*a', '!t', '|', '>', "'", '"', '%', '@', '`', '[', ']', '{', '}', ',', ' ']) {
      assert.ok(!canStartPlainScalar(start, 0), start);
    }
    assert.ok(canStartPlainScalar('-]', 0), 'a flow indicator after a dash is text in block context');
    assert.ok(!canStartPlainScalar('-]', 0, true), 'but ends the dash in flow context');
  });

  it('closes one-line quoted scalars where js-yaml does, and declines the escapes js-yaml rejects', () => {
    const close = (text: string) => closingQuoteOnLine(text, 0, text.length);
    assert.equal(close("'it''s' x"), 6);
    assert.equal(close('"a\\"b" x'), 5);
    assert.equal(close('"open'), -1);
    assert.equal(close("'open''"), -1);
    assert.ok(hasQuoteEscapes("'it''s'", 0, 6));
    assert.ok(!hasQuoteEscapes("'its'", 0, 4));
    assert.ok(hasQuoteEscapes('"a\\nb"', 0, 5));
    // Every escape character js-yaml accepts is accepted, every other is declined.
    for (let code = 32; code < 127; code++) {
      const escaped = String.fromCharCode(code);
      const hex = escaped === 'x' ? '41' : escaped === 'u' ? '0041' : escaped === 'U' ? '00000041' : '';
      const text = `"a\\${escaped}${hex}b"`;
      assert.equal(close(text) === text.length - 1, jsYamlReads(`k: ${text}\n`), JSON.stringify(text));
    }
    assert.equal(close('"\\x4"'), -1, 'too few hexadecimal digits');
    assert.equal(close('"\\u00g1"'), -1, 'not a hexadecimal digit');
  });

  it('looks for quote escapes only between the quotes', () => {
    const text = `a: "plain" b: "x\\ny" c: 'it''s' d: 'no' e: '' f: "\\"`;
    const between = (from: number) => [from, closingQuoteOnLine(text, from, text.length)] as const;
    const at = (needle: string) => text.indexOf(needle);
    assert.equal(hasQuoteEscapes(text, ...between(at('"plain"'))), false, 'an escape later in the text is not this scalar\'s');
    assert.equal(hasQuoteEscapes(text, ...between(at('"x'))), true);
    assert.equal(hasQuoteEscapes(text, ...between(at("'it"))), true);
    assert.equal(hasQuoteEscapes(text, ...between(at("'no'"))), false, "a '' later in the text is not this scalar's");
  });

  it('reads indentation, dash items and trailing comments', () => {
    assert.equal(indentOf('  a: 1', 0, 6), 2);
    assert.equal(indentOf('   # c', 0, 6), -1);
    assert.equal(indentOf('   ', 0, 3), -1);
    assert.equal(indentOf('  \r', 0, 3), -1);
    assert.ok(isDashItem('  - a', 0, 2));
    assert.ok(isDashItem('  -', 0, 2));
    assert.ok(!isDashItem('  -a', 0, 2));
    assert.ok(onlyCommentFollows('x   # c', 1, 7));
    assert.ok(onlyCommentFollows('x   ', 1, 4));
    assert.ok(!onlyCommentFollows('x# c', 1, 4), 'a comment needs a space before it');
    assert.ok(!onlyCommentFollows('x  y', 1, 4));
  });
});

describe('lineContentEnd', () => {
  // [text, start, end, crlfOnly, expected]: `end` is where the line ends (endOfLine), the answer where its content does.
  const table: Array<[string, number, number, boolean, number]> = [
    ['a: b\n', 0, 4, false, 4], // LF: nothing to take off
    ['a: b\r\n', 0, 5, false, 4], // CRLF: the \r is the line break's
    ['a: b\r\n', 0, 5, true, 4],
    ['a: b', 0, 4, false, 4], // the text's end
    ['a: b\r', 0, 5, false, 4], // a \r ending the text ends the line
    ['a: b\r', 0, 5, true, 5], // unless only \r\n breaks lines: then it is content
    ['a\rb\n', 0, 3, false, 3], // a lone \r inside the line is content
    ['\n\n', 1, 1, false, 1], // an empty line
    ['a\r\n', 2, 2, false, 2], // read from past the \r: it is not this line's end
    ['a\r\n', 1, 2, false, 1], // read from the \r itself: it is
    ['', 0, 0, false, 0],
  ];
  for (const [text, start, end, crlfOnly, expected] of table) {
    it(`${JSON.stringify(text)} from ${start} to ${end}${crlfOnly ? ', \\r\\n only' : ''}: ${expected}`, () => {
      assert.equal(endOfLine(text, start), end, 'end is the line end endOfLine answers');
      assert.equal(lineContentEnd(text, start, end, crlfOnly), expected);
    });
  }
});
