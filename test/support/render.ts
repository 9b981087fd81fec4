/** Renders service results as reviewable text for golden files. */
import type { HoverResult, Range, ServiceDiagnostic } from '../../server/src/service/types';

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
