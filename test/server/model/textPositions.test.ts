import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../../server/src/model/textPositions';

describe('LineIndex', () => {
  it('starts a line after every \\n, \\r\\n and lone \\r (its own scan when the text holds a \\r)', () => {
    const cases: Array<[string, number[]]> = [
      ['a\nb', [0, 2]],
      ['a\r\nb\r\n', [0, 3, 6]],
      ['a\rb', [0, 2]],
      ['\r', [0, 1]],
      ['a\r', [0, 2]],
      ['\r\r\n', [0, 1, 3]],
      ['\n\r', [0, 1, 2]],
      ['\r\n\r', [0, 2, 3]],
      ['a\r\rb\nc\r\nd\re', [0, 2, 3, 5, 8, 10]],
      ['x\r\n\n\r\r\n', [0, 3, 4, 5, 7]],
    ];
    for (const [text, starts] of cases) {
      assert.deepEqual(new LineIndex(text).lineStarts, starts, JSON.stringify(text));
      assert.equal(new LineIndex(text).hasCarriageReturn, text.includes('\r'), JSON.stringify(text));
    }
  });

  it('places offsets on CRLF lines', () => {
    const lines = new LineIndex('ab\r\ncd\re');
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(7), { line: 2, character: 0 });
  });
});
