/**
 * Messages quote the document — keys, values, label selectors — and a
 * document may hold a 1 MB key or scalar. A message or quick-fix title keeps
 * every word up to MAX_MESSAGE_WORD characters whole (a full image reference
 * with a digest fits) and shortens a longer one to its start and end, so no
 * diagnostic carries megabytes to the editor, the CLI or a SARIF log.
 */

export const MAX_MESSAGE_WORD = 160;
const KEPT_START = 120;
const KEPT_END = 8;
const LONG_WORD = new RegExp(`\\S{${MAX_MESSAGE_WORD + 1},}`, 'g');

/** `text` with every run of more than MAX_MESSAGE_WORD non-blank characters shortened around an ellipsis. */
export function abbreviateLongWords(text: string): string {
  // Every diagnostic's message, path and related messages pass here, and almost none has a long
  // word: a scan answers that without the regex, which tries a match at every character.
  if (!hasLongWord(text)) return text;
  return text.replace(LONG_WORD, (word) => `${word.slice(0, KEPT_START)}…${word.slice(-KEPT_END)}`);
}

/**
 * Whether LONG_WORD matches in `text`: a run of more than MAX_MESSAGE_WORD UTF-16 units that are
 * not `\s`. Such a run covers one of every MAX_MESSAGE_WORD + 1 consecutive positions, so only
 * those are probed, and the word around a probe that is not blank is measured.
 */
function hasLongWord(text: string): boolean {
  const length = text.length;
  let probe = MAX_MESSAGE_WORD;
  while (probe < length) {
    if (isRegExpSpace(text.charCodeAt(probe))) {
      probe += MAX_MESSAGE_WORD + 1;
      continue;
    }
    let start = probe;
    while (start > 0 && !isRegExpSpace(text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < length && !isRegExpSpace(text.charCodeAt(end))) end++;
    if (end - start > MAX_MESSAGE_WORD) return true;
    // The next word starts after the blank at `end`.
    probe = end + 1 + MAX_MESSAGE_WORD;
  }
  return false;
}

/** The code units RegExp's `\s` matches: ECMAScript's WhiteSpace and LineTerminator. */
export function isRegExpSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
