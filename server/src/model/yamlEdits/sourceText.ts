/** Where edits go in a YAML file's text: columns, the end of a block's last line. */
import { lineStartOf } from '../textPositions';
import { endOfLine, lineContentEnd } from '../yamlLineScan';

/** The 0-based column of `offset` (UTF-16 units from the start of its line). */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** End of the line holding the last non-blank character before `end` (before a `\r\n` too). */
export function endOfLastContentLine(text: string, start: number, end: number): number {
  let last = end - 1;
  while (last > start && /\s/.test(text[last])) last--;
  return lineContentEnd(text, 0, endOfLine(text, last));
}
