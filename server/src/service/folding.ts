/**
 * getFoldingRanges: one range per YAML document of a multi-document file,
 * one per block (a key or sequence item with more-indented lines below),
 * and one per run of comment lines. Read from the text by indentation, so
 * broken documents fold too.
 */
import type { ParsedYamlFile } from '../model/yamlDocuments';
import type { FoldingRange } from './types';

export function getFoldingRanges(file: ParsedYamlFile): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const lines = file.text.split(/\r\n|\r|\n/);
  const indentOf = (line: string) => {
    const match = /^[ \t]*/.exec(line) as RegExpExecArray;
    return match[0].length === line.length ? -1 : match[0].length;
  };
  const isComment = (line: string) => /^\s*#/.test(line);
  const isBoundary = (line: string) => /^(---|\.\.\.)(\s|$)/.test(line);

  if (file.documents.length > 1) {
    for (const doc of file.documents) {
      const start = file.lines.positionAt(doc.offset).line;
      let end = file.lines.positionAt(doc.offset + doc.text.length).line;
      while (end > start && (indentOf(lines[end] ?? '') < 0 || isBoundary(lines[end] ?? '') || end >= lines.length)) end--;
      if (end > start) ranges.push({ startLine: start, endLine: end });
    }
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = indentOf(line);
    if (indent < 0 || isBoundary(line)) continue;
    if (isComment(line)) {
      let end = i;
      while (end + 1 < lines.length && isComment(lines[end + 1])) end++;
      if (end > i && (i === 0 || !isComment(lines[i - 1]))) ranges.push({ startLine: i, endLine: end, kind: 'comment' });
      continue;
    }
    // A sequence under its key at the same column (`key:\n- a`) belongs to the key.
    const opensSequence = /:\s*(#.*)?$/.test(line);
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j];
      const nextIndent = indentOf(next);
      if (nextIndent < 0 || isComment(next)) continue;
      if (isBoundary(next)) break;
      const sameColumnItem = opensSequence && nextIndent === indent && /^\s*-(\s|$)/.test(next) && !/^\s*-/.test(line);
      if (nextIndent > indent || sameColumnItem) end = j;
      else break;
    }
    if (end > i) ranges.push({ startLine: i, endLine: end });
  }
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return ranges;
}
