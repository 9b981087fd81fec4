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
  if (text.length <= MAX_MESSAGE_WORD) return text;
  return text.replace(LONG_WORD, (word) => `${word.slice(0, KEPT_START)}…${word.slice(-KEPT_END)}`);
}
