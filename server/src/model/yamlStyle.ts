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
  let indent: number | undefined;
  let indentSequences: boolean | undefined;
  for (let i = 0; i < lines.length - 1; i++) {
    const parent = BLOCK_PARENT.exec(lines[i]);
    if (!parent) continue;
    const keyColumn = lines[i].search(/[^\s-]/);
    let j = i + 1;
    while (j < lines.length && /^\s*(#.*)?$/.test(lines[j])) j++;
    if (j >= lines.length) break;
    const child = lines[j];
    const childColumn = child.search(/\S/);
    const isItem = /^\s*- /.test(child) || /^\s*-$/.test(child);
    if (isItem && indentSequences === undefined) indentSequences = childColumn > keyColumn;
    if (childColumn > keyColumn && !isItem) {
      const step = childColumn - keyColumn;
      if (indent === undefined || step < indent) indent = step;
    }
    if (indent !== undefined && indentSequences !== undefined && indent <= 2) break;
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
