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
import { isRegExpSpace } from './messageText';

const DIRECTIVE = /#\s*daemonset-(disable-next-line|disable|enable)\b([^\n\r#]*)/g;

interface Directive {
  kind: 'disable-next-line' | 'disable' | 'enable';
  line: number;
  rules: string[] | 'all';
}

/**
 * Whether a text may hold a suppression comment; false means surely none. A `daemonset-` after a
 * `#` and blanks, as DIRECTIVE starts — or after blanks at the text's start, since a document's
 * slice of a file can begin right after a `#` that `\s*` joins across lines. Names such as
 * `nvidia-device-plugin-daemonset-2` would otherwise send the whole file through DIRECTIVE after
 * every validation.
 */
export function mayHoldSuppressions(text: string): boolean {
  for (let at = text.indexOf('daemonset-'); at >= 0; at = text.indexOf('daemonset-', at + 1)) {
    let before = at - 1;
    while (before >= 0 && isRegExpSpace(text.charCodeAt(before))) before--;
    if (before < 0 || text.charCodeAt(before) === 0x23) return true;
  }
  return false;
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
