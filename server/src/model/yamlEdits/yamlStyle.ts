/**
 * The writing style of a YAML text, so inserted lines look like the author's:
 * the indentation step, how far a block sequence sits under its key
 * (`key:\n  - a` or `key:\n- a`), the quote a quoted string uses, and the
 * line break. Read from the text alone, so it works on broken documents too.
 */
import type { QuoteStyle } from './yamlScalar';

export interface YamlStyle {
  /** Spaces per nesting level of a mapping. */
  indent: number;
  /** Spaces a block sequence's `- ` sits right of its key: 2 for `key:\n  - item`, 0 for `key:\n- item` (kubectl). */
  sequenceIndent: number;
  /** The quote the author uses for quoted strings (double when there is no sign of either). */
  quote: QuoteStyle;
  eol: '\n' | '\r\n';
}

export const DEFAULT_YAML_STYLE: YamlStyle = { indent: 2, sequenceIndent: 2, quote: 'double', eol: '\n' };

/** How `kubectl get -o yaml` writes: sequences not indented under their key. */
export const KUBECTL_YAML_STYLE: YamlStyle = { ...DEFAULT_YAML_STYLE, sequenceIndent: 0 };

const BLOCK_PARENT = /^( *)(?:- +)*[^\s#'"{}[\],-][^#]*?:[ \t]*(?:#.*)?$/;
/**
 * A value or item that starts with a quote: `key: "…"`, `- '…'`. The item
 * dashes are taken atomically (a lookahead's capture, matched back), so a line
 * of 10,000 `- ` is read once, not once per way of splitting it.
 */
const QUOTED_VALUE = /^\s*(?=((?:- +)*))\1(?:[^\s#'"{}[\],][^#'"]*?:[ \t]+)?(['"])/;

/** The style of `text`; what the text does not show comes from `fallback`. */
export function detectYamlStyle(text: string, fallback: YamlStyle = DEFAULT_YAML_STYLE): YamlStyle {
  const lines = text.split(/\r?\n/, 2000);
  const steps = new Map<number, number>();
  let observations = 0;
  let sequenceIndent: number | undefined;
  const quotes = { single: 0, double: 0 };
  for (let i = 0; i < lines.length; i++) {
    const quote = QUOTED_VALUE.exec(lines[i]);
    if (quote) quotes[quote[2] === "'" ? 'single' : 'double']++;
    if (i === lines.length - 1 || observations >= 40 || !BLOCK_PARENT.test(lines[i])) continue;
    const keyColumn = lines[i].search(/[^\s-]/);
    let j = i + 1;
    while (j < lines.length && /^\s*(#.*)?$/.test(lines[j])) j++;
    if (j >= lines.length) continue;
    const child = lines[j];
    const childColumn = child.search(/\S/);
    const isItem = /^\s*-( |$)/.test(child);
    if (isItem && sequenceIndent === undefined && childColumn >= keyColumn) sequenceIndent = childColumn - keyColumn;
    if (childColumn > keyColumn && !isItem) {
      const step = childColumn - keyColumn;
      steps.set(step, (steps.get(step) ?? 0) + 1);
      observations++;
    }
  }
  // The most common step (the smaller one on a tie): one odd block does not decide the style.
  let indent: number | undefined;
  let best = 0;
  for (const [step, count] of steps) {
    if (count > best || (count === best && indent !== undefined && step < indent)) {
      indent = step;
      best = count;
    }
  }
  return {
    indent: indent ?? fallback.indent,
    sequenceIndent: sequenceIndent ?? fallback.sequenceIndent,
    quote: quotes.single > quotes.double ? 'single' : quotes.double > quotes.single ? 'double' : fallback.quote,
    eol: text.includes('\r\n') ? '\r\n' : text.includes('\n') ? '\n' : fallback.eol,
  };
}

/** Re-indents YAML lines written with 2-space steps and indented sequences to the user's style. */
export function restyle(template: string, style: YamlStyle): string {
  if (style.indent === 2 && style.sequenceIndent === 2) return template;
  const out: string[] = [];
  const stack: Array<{ column: number; newColumn: number; dash: boolean }> = [];
  for (const line of template.split('\n')) {
    const column = line.search(/\S/);
    if (column < 0) {
      out.push(line);
      continue;
    }
    while (stack.length > 0 && stack[stack.length - 1].column >= column) stack.pop();
    const parent = stack[stack.length - 1];
    const isDash = line.slice(column).startsWith('- ');
    let newColumn = column;
    if (parent) {
      if (parent.dash) newColumn = parent.newColumn + 2;
      else newColumn = parent.newColumn + (isDash ? style.sequenceIndent : style.indent);
    }
    if (isDash) {
      stack.push({ column, newColumn, dash: true });
      stack.push({ column: column + 2, newColumn: newColumn + 2, dash: false });
    } else {
      stack.push({ column, newColumn, dash: false });
    }
    out.push(' '.repeat(newColumn) + line.slice(column));
  }
  return out.join('\n');
}
