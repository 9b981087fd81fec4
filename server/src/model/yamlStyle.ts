/**
 * The indentation style of a YAML text, so inserted lines look like the
 * user's: the indentation step and whether sequences under a key are
 * indented (`key:\n  - a`) or not (`key:\n- a`).
 */
export interface YamlStyle {
  /** Spaces per nesting level. */
  indent: number;
  /** `key:\n  - item` (true) or `key:\n- item` (false). */
  indentSequences: boolean;
}

export const DEFAULT_YAML_STYLE: YamlStyle = { indent: 2, indentSequences: true };

const BLOCK_PARENT = /^( *)(?:- +)*[^\s#'"{}[\],-][^#]*?:[ \t]*(?:#.*)?$/;

export function detectYamlStyle(text: string): YamlStyle {
  const lines = text.split(/\r?\n/, 2000);
  const steps = new Map<number, number>();
  let observations = 0;
  let indentSequences: boolean | undefined;
  for (let i = 0; i < lines.length - 1 && observations < 40; i++) {
    if (!BLOCK_PARENT.test(lines[i])) continue;
    const keyColumn = lines[i].search(/[^\s-]/);
    let j = i + 1;
    while (j < lines.length && /^\s*(#.*)?$/.test(lines[j])) j++;
    if (j >= lines.length) break;
    const child = lines[j];
    const childColumn = child.search(/\S/);
    const isItem = /^\s*-( |$)/.test(child);
    if (isItem && indentSequences === undefined) indentSequences = childColumn > keyColumn;
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
  return { indent: indent ?? DEFAULT_YAML_STYLE.indent, indentSequences: indentSequences ?? DEFAULT_YAML_STYLE.indentSequences };
}

/** A string as a YAML scalar: plain when that reads back as the same string, double-quoted otherwise. */
export function yamlScalar(value: string): string {
  if (
    value !== '' &&
    /^[A-Za-z0-9_./][A-Za-z0-9_./:-]*$/.test(value) &&
    !/:$/.test(value) &&
    !/^(true|false|yes|no|on|off|null|y|n|~)$/i.test(value) &&
    !/^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value) &&
    !/^0[xo]/i.test(value)
  ) {
    return value;
  }
  return JSON.stringify(value);
}

/** Re-indents YAML lines written with 2-space steps and indented sequences to the user's style. */
export function restyle(template: string, style: YamlStyle): string {
  if (style.indent === 2 && style.indentSequences) return template;
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
      else newColumn = parent.newColumn + (isDash && !style.indentSequences ? 0 : style.indent);
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
