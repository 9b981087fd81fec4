/** Renders service results as reviewable text for golden files. */
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  DocumentSymbol,
  FoldingRange,
  HoverResult,
  Range,
  ServiceDiagnostic,
  TextEdit,
} from '../../server/src/service/types';

export function formatRange(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** One block per diagnostic: position (1-based), severity, rule, message, then the source line underlined. */
export function renderDiagnostics(text: string, diagnostics: ServiceDiagnostic[], uri?: string): string {
  if (diagnostics.length === 0) return '(no diagnostics)\n';
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  for (const d of diagnostics) {
    out.push(`${formatRange(d.range)} ${d.severity} [${d.rule}]${d.path ? ` ${d.path}` : ''}`);
    out.push(`  ${d.message}`);
    const source = lines[d.range.start.line] ?? '';
    const end = d.range.end.line === d.range.start.line ? d.range.end.character : source.length;
    out.push(`  | ${source}`);
    out.push(`  | ${' '.repeat(d.range.start.character)}${'^'.repeat(Math.max(1, end - d.range.start.character))}`);
    for (const related of d.relatedInformation ?? []) {
      const where = uri && related.uri && related.uri !== uri ? `${related.uri.split('/').pop()}:` : '';
      out.push(`  related ${where}${formatRange(related.range)}: ${related.message}`);
    }
  }
  return out.join('\n') + '\n';
}

export function renderHover(hover: HoverResult | undefined): string {
  return hover ? `${formatRange(hover.range)}\n${hover.contents}\n` : '(no hover)\n';
}

/**
 * The position of `marker` (a snippet of the text with `|` where the cursor goes) in `text`: its only
 * occurrence, or the `occurrence`-th (1-based) when given.
 */
export function positionOfMarker(
  text: string,
  marker: string,
  occurrence?: number,
): { line: number; character: number; offset: number } {
  const bar = marker.indexOf('|');
  if (bar < 0) throw new Error(`marker ${JSON.stringify(marker)} has no |`);
  const plain = marker.slice(0, bar) + marker.slice(bar + 1);
  let at = text.indexOf(plain);
  for (let n = 1; occurrence !== undefined && n < occurrence && at >= 0; n++) at = text.indexOf(plain, at + 1);
  if (at < 0) throw new Error(`marker ${JSON.stringify(marker)} not found`);
  if (occurrence === undefined && text.indexOf(plain, at + 1) >= 0) throw new Error(`marker ${JSON.stringify(marker)} is ambiguous`);
  const offset = at + bar;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length, offset };
}

/** One line per item: sort text, label, kind, detail; then the inserted text with line breaks shown as ⏎. */
export function renderCompletion(list: CompletionList): string {
  if (list.items.length === 0) return '(no completions)\n';
  const items = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
  const out: string[] = [];
  for (const item of items) {
    out.push(`${item.label} (${item.kind})${item.detail ? ` ${item.detail}` : ''}${item.command ? ` +${item.command.command}` : ''}`);
    out.push(`    ${formatRange(item.textEdit.range)} ${item.snippet ? 'snippet' : 'text'}: ${item.textEdit.newText.replace(/\n/g, '⏎')}`);
  }
  return out.join('\n') + '\n';
}

/** Applies text edits (non-overlapping, any order) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offsetOf = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = edits
    .map((edit) => ({ start: offsetOf(edit.range.start), end: offsetOf(edit.range.end), text: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** Each action: its title, the rule it fixes, then the lines that differ after applying it (`-` before, `+` after). */
export function renderCodeActions(text: string, actions: CodeAction[]): string {
  if (actions.length === 0) return '(no code actions)\n';
  const out: string[] = [];
  for (const action of actions) {
    out.push(`== ${action.title}${action.isPreferred ? ' (preferred)' : ''} [${action.diagnostic?.rule ?? ''}]`);
    out.push(...lineDiff(text, applyEdits(text, action.edits)));
  }
  return out.join('\n') + '\n';
}

/** A minimal line diff: the common head and tail are skipped, with one line of context each side. */
export function lineDiff(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: string[] = [];
  const number = (n: number) => String(n + 1).padStart(3, ' ');
  if (head > 0) out.push(`${number(head - 1)}   ${a[head - 1]}`);
  for (let i = head; i < a.length - tail; i++) out.push(`${number(i)} - ${a[i]}`);
  for (let i = head; i < b.length - tail; i++) out.push(`${number(i)} + ${b[i]}`);
  if (tail > 0) out.push(`${number(b.length - tail)}   ${b[b.length - tail]}`);
  return out;
}

export function renderSymbols(symbols: DocumentSymbol[], depth = 0): string {
  const out: string[] = [];
  for (const symbol of symbols) {
    out.push(`${'  '.repeat(depth)}${symbol.kind} ${symbol.name}${symbol.detail ? ` — ${symbol.detail}` : ''} ${formatRange(symbol.range)} sel ${formatRange(symbol.selectionRange)}`);
    if (symbol.children?.length) out.push(renderSymbols(symbol.children, depth + 1).trimEnd());
  }
  return out.join('\n') + '\n';
}

export function renderFolding(text: string, ranges: FoldingRange[]): string {
  const lines = text.split(/\r?\n/);
  return (
    ranges
      .map((r) => `${r.startLine + 1}-${r.endLine + 1}${r.kind ? ` ${r.kind}` : ''}: ${lines[r.startLine]?.trim()}`)
      .join('\n') + '\n'
  );
}

export function renderCodeLenses(lenses: CodeLens[]): string {
  if (lenses.length === 0) return '(no code lenses)\n';
  return lenses.map((l) => `${formatRange(l.range)} ${l.command.title} → ${l.command.command} ${JSON.stringify(l.command.arguments ?? [])}`).join('\n') + '\n';
}
