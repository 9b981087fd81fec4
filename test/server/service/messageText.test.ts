import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getLanguageService } from '../../../server/src/service/languageService';
import { abbreviateLongWords, MAX_MESSAGE_WORD } from '../../../server/src/service/messageText';
import { DAEMONSET } from '../../fuzz/support/inputs';
import { textDocument } from '../../support/textDocument';

/** Longer than any message, title or symbol name of the service should be, however long a key or value. */
const MAX_TEXT = 1000;

describe('abbreviateLongWords', () => {
  it('keeps words up to the bound whole, and a longer one by its start and end', () => {
    const image = `registry.example.com:5000/team/agent@sha256:${'0123456789abcdef'.repeat(4)}`;
    assert.equal(abbreviateLongWords(`Image "${image}" has no tag.`), `Image "${image}" has no tag.`);
    const key = 'k'.repeat(1 << 20);
    const message = abbreviateLongWords(`Unknown field \`${key}\` at the top level of the DaemonSet.`);
    assert.equal(message, `Unknown field \`${'k'.repeat(119)}…${'k'.repeat(7)}\` at the top level of the DaemonSet.`);
    assert.ok(abbreviateLongWords('x'.repeat(MAX_MESSAGE_WORD)).length === MAX_MESSAGE_WORD);
  });

  it('ends a word at exactly the characters a regular expression\'s \\s matches', () => {
    const half = 'w'.repeat(MAX_MESSAGE_WORD / 2 + 1);
    for (let code = 0; code <= 0xffff; code++) {
      const text = `${half}${String.fromCharCode(code)}${half}`;
      const splits = /\s/.test(String.fromCharCode(code));
      assert.equal(abbreviateLongWords(text) === text, splits, `U+${code.toString(16).padStart(4, '0')}`);
    }
    const word = 'w'.repeat(MAX_MESSAGE_WORD);
    assert.equal(abbreviateLongWords(`${word} ${word}\n${word}`), `${word} ${word}\n${word}`);
    assert.equal(abbreviateLongWords(`a ${word}w`), `a ${'w'.repeat(120)}…${'w'.repeat(8)}`);
    assert.equal(abbreviateLongWords(`${word}w b`), `${'w'.repeat(120)}…${'w'.repeat(8)} b`);
  });

  it('finds a word of 161 characters at every offset, and lets one of 160 be', () => {
    for (let lead = 0; lead < 2 * MAX_MESSAGE_WORD + 4; lead++) {
      for (const before of ['', ' ', '  ']) {
        // Short words before it, so that a probe may land in one of them.
        const prefix = `${'abcdefg '.repeat(Math.floor(lead / 8))}${'a'.repeat(lead % 8)}${before}`;
        const long = `${prefix} ${'w'.repeat(MAX_MESSAGE_WORD + 1)} b`;
        assert.notEqual(abbreviateLongWords(long), long, `after ${lead} + ${before.length}`);
        const fits = `${prefix.slice(0, MAX_MESSAGE_WORD)} ${'w'.repeat(MAX_MESSAGE_WORD)} b`;
        assert.equal(abbreviateLongWords(fits), fits, `after ${lead} + ${before.length}`);
      }
    }
  });

  it('abbreviates exactly the words the pattern finds, wherever they start and end', () => {
    const piece = fc.oneof(
      fc.constantFrom(' ', '\n', '\u00a0', 'x', 'é', '😀'),
      fc.integer({ min: 1, max: 340 }).map((n) => 'w'.repeat(n)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const expected = text.replace(/\S{161,}/g, (w) => `${w.slice(0, 120)}…${w.slice(-8)}`);
        assert.equal(abbreviateLongWords(text), expected);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
});

describe('huge keys and values in what the service answers', () => {
  it('a 1 MB first key is an unknown field without a suggestion or a rename, in a short message', () => {
    const service = getLanguageService();
    const document = textDocument(`${'k'.repeat(1 << 20)}: v\n` + DAEMONSET);
    const diagnostics = service.doValidation(document);
    const unknown = diagnostics.find((d) => d.rule === 'schema' && d.message.startsWith('Unknown field'));
    assert.ok(unknown, 'the key is reported');
    assert.doesNotMatch(unknown.message, /did you mean/);
    assert.ok(unknown.message.length < MAX_TEXT, `${unknown.message.length} characters`);
    assert.deepEqual(service.getCodeActions(document, { diagnostics: [unknown] }), []);
  });

  it('a misspelt key is still suggested and renamed', () => {
    const service = getLanguageService();
    const document = textDocument(DAEMONSET.replace('spec:\n  selector', 'spce:\n  selector'));
    const unknown = service.doValidation(document).find((d) => d.rule === 'schema' && d.message.startsWith('Unknown field `spce`'));
    assert.ok(unknown);
    assert.match(unknown.message, /did you mean `spec`\?/);
    assert.deepEqual(service.getCodeActions(document, { diagnostics: [unknown] }).map((a) => a.title), ['Rename `spce` to `spec`']);
  });

  it('keeps messages, related information, quick-fix titles, symbols and hover headings short when any key or value is 100 KB', () => {
    const long = 'x'.repeat(100_000);
    const words = [...DAEMONSET.matchAll(/[A-Za-z0-9][A-Za-z0-9_./:-]*/g)];
    for (const word of words) {
      const at = word.index;
      const text = DAEMONSET.slice(0, at) + long + DAEMONSET.slice(at + word[0].length);
      const what = `${word[0]} at ${at}`;
      const service = getLanguageService();
      const document = textDocument(text);
      const diagnostics = service.doValidation(document);
      for (const d of diagnostics) {
        assert.ok(d.message.length < MAX_TEXT, `${what}: ${d.rule} message of ${d.message.length} characters`);
        assert.ok((d.path ?? '').length < MAX_TEXT, `${what}: ${d.rule} path`);
        for (const related of d.relatedInformation ?? []) assert.ok(related.message.length < MAX_TEXT, `${what}: ${d.rule} related`);
      }
      for (const action of service.getCodeActions(document, { diagnostics })) assert.ok(action.title.length < MAX_TEXT, `${what}: ${action.title.slice(0, 60)}`);
      const symbols = [...service.findDocumentSymbols(document)];
      for (const symbol of symbols) {
        assert.ok(symbol.name.length < MAX_TEXT && (symbol.detail ?? '').length < MAX_TEXT, `${what}: symbol`);
        symbols.push(...(symbol.children ?? []));
      }
      const before = text.slice(0, at);
      const line = before.split('\n').length - 1;
      const hover = service.doHover(document, { line, character: at - (before.lastIndexOf('\n') + 1) + 1 });
      const heading = hover ? hover.contents.split('\n')[0] : '';
      assert.ok(heading.length < MAX_TEXT, `${what}: hover heading of ${heading.length} characters`);
    }
  });
});
