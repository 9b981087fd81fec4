/**
 * The folding ranges as getFoldingRanges read them before it read them per
 * stretch between `---` lines (one scan of the whole file): the reference the
 * per-stretch reading and its reuse across edits are compared with.
 */
import type { ParsedYamlFile } from '../../server/src/model/yamlDocuments';
import type { FoldingRange } from '../../server/src/service/types';

export function referenceFoldingRanges(file: ParsedYamlFile): FoldingRange[] {
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

  // One pass with a stack of open blocks, so deep nesting costs O(lines), not O(lines × depth).
  const open: { line: number; indent: number; opensSequence: boolean; isItem: boolean }[] = [];
  let previousContent = -1;
  const close = (keep: (block: (typeof open)[number]) => boolean) => {
    while (open.length > 0 && !keep(open[open.length - 1])) {
      const block = open.pop() as (typeof open)[number];
      if (previousContent > block.line) ranges.push({ startLine: block.line, endLine: previousContent });
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = indentOf(line);
    if (indent < 0) continue;
    if (isBoundary(line)) {
      close(() => false);
      continue;
    }
    if (isComment(line)) {
      // Only the first line of a comment run scans it: a run of n lines costs O(n), not O(n²).
      if (i > 0 && isComment(lines[i - 1])) continue;
      let end = i;
      while (end + 1 < lines.length && isComment(lines[end + 1])) end++;
      if (end > i) ranges.push({ startLine: i, endLine: end, kind: 'comment' });
      continue;
    }
    const isItem = /^\s*-(\s|$)/.test(line);
    // A sequence under its key at the same column (`key:\n- a`) belongs to the key.
    close((block) => indent > block.indent || (block.opensSequence && indent === block.indent && isItem && !block.isItem));
    open.push({ line: i, indent, opensSequence: /:\s*(#.*)?$/.test(line), isItem: /^\s*-/.test(line) });
    previousContent = i;
  }
  close(() => false);
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return ranges;
}
