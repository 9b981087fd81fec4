/**
 * Suppression comments, ESLint style:
 *   # daemonset-disable-next-line rule-a, rule-b   the next line only
 *   # daemonset-disable rule-a                      from here to the end of the file
 *   # daemonset-enable rule-a                       ends a daemonset-disable
 * Without rule IDs they apply to every rule. A diagnostic is suppressed by the
 * line it starts on.
 */
import type { LineIndex } from '../model/textPositions';
import type { ServiceDiagnostic } from './types';

const DIRECTIVE = /#\s*daemonset-(disable-next-line|disable|enable)\b([^\n\r#]*)/g;

interface Directive {
  kind: 'disable-next-line' | 'disable' | 'enable';
  line: number;
  rules: string[] | 'all';
}

/**
 * A directive in a text, or one whose `#` may end the text before it: a document's slice of a
 * file can start right after the `#`, which `\s*` joins across lines.
 */
const DIRECTIVE_IN_PART = /(?:#|^)\s*daemonset-(?:disable-next-line|disable|enable)\b/;

/**
 * Whether a text may hold a suppression comment; false means surely none. Per document text, so
 * a file whose names merely contain `daemonset-` is not searched for directives on every validation.
 */
export function mayHoldSuppressions(text: string): boolean {
  return text.includes('daemonset-') && DIRECTIVE_IN_PART.test(text);
}

export function parseSuppressions(lines: LineIndex): Directive[] {
  const text = lines.text;
  if (!mayHoldSuppressions(text)) return [];
  const directives: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const line = lines.positionAt(match.index).line;
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

export function applySuppressions(lines: LineIndex, diagnostics: ServiceDiagnostic[]): ServiceDiagnostic[] {
  const directives = parseSuppressions(lines);
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
