/**
 * Suppression comments, ESLint style:
 *   # daemonset-disable-next-line rule-a, rule-b   the next line only
 *   # daemonset-disable rule-a                      from here to the end of the file
 *   # daemonset-enable rule-a                       ends a daemonset-disable
 * Without rule IDs they apply to every rule. A diagnostic is suppressed by the
 * line it starts on.
 */
import type { ServiceDiagnostic } from './types';

const DIRECTIVE = /#\s*daemonset-(disable-next-line|disable|enable)\b([^\n\r#]*)/g;

interface Directive {
  kind: 'disable-next-line' | 'disable' | 'enable';
  line: number;
  rules: string[] | 'all';
}

export function parseSuppressions(text: string): Directive[] {
  if (!text.includes('daemonset-')) return [];
  const directives: Directive[] = [];
  let line = 0;
  let lineStart = 0;
  for (const match of text.matchAll(DIRECTIVE)) {
    // Count lines up to the match incrementally (matches come in order).
    for (let i = lineStart; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
    lineStart = match.index;
    const ids = match[2]
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter((id) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
    directives.push({ kind: match[1] as Directive['kind'], line, rules: ids.length ? ids : 'all' });
  }
  return directives;
}

function covers(rules: string[] | 'all', rule: string): boolean {
  return rules === 'all' || rules.includes(rule);
}

export function applySuppressions(text: string, diagnostics: ServiceDiagnostic[]): ServiceDiagnostic[] {
  const directives = parseSuppressions(text);
  if (directives.length === 0) return diagnostics;
  return diagnostics.filter((diagnostic) => {
    const line = diagnostic.range.start.line;
    let disabled = false;
    for (const directive of directives) {
      if (directive.line > line) break;
      if (!covers(directive.rules, diagnostic.rule)) continue;
      if (directive.kind === 'disable-next-line') {
        if (directive.line + 1 === line) disabled = true;
      } else {
        disabled = directive.kind === 'disable';
      }
    }
    return !disabled;
  });
}
