/** Where things are in a YAML file's text: node offsets, columns, the end of a block's last line. */
import type { Node } from 'yaml';
import { lineStartOf } from '../textPositions';
import type { ParsedYamlDocument } from '../yamlDocuments';

/** A node's [start, end) offsets in the whole file (its range is relative to its document slice). */
export function nodeOffsets(doc: ParsedYamlDocument, node: Node): [number, number] {
  const range = node.range as [number, number, number];
  return [doc.offset + range[0], doc.offset + range[1]];
}

/** The 0-based column of `offset` (UTF-16 units from the start of its line). */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** End of the line holding the last non-blank character before `end` (before a `\r\n` too). */
export function endOfLastContentLine(text: string, start: number, end: number): number {
  let last = end - 1;
  while (last > start && /\s/.test(text[last])) last--;
  let position = text.indexOf('\n', last);
  if (position < 0) position = text.length;
  if (position > 0 && text[position - 1] === '\r') position--;
  return position;
}
