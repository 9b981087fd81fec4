import type { Position, TextDocumentLike } from '../../server/src/service/types';

export function textDocument(text: string, uri = 'file:///test.yaml', version = 1): TextDocumentLike {
  return { uri, version, getText: () => text };
}

/** Removes the `|` cursor marker from a text and returns the text and the marker's position. */
export function withCursor(marked: string): { text: string; position: Position; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker in the test text');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, offset, position: { line: before.length - 1, character: before[before.length - 1].length } };
}
