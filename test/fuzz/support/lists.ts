/**
 * Lists for fuzzing the item-by-item reading of a `kind: List` (parseListInPieces,
 * listItemDocuments.ts): kubectl's layout (`apiVersion: v1` / `items:` / items at indentation 0
 * with `- ` / `kind: List` / `metadata: {resourceVersion: ""}`) built from the repository's real
 * objects (examples/, test/fixtures), and its variants — items indented under `items:`, CRLF,
 * comments between items, a DaemonSetList, several kinds — with random mutations of the items'
 * lines: a character inserted or deleted, a duplicate key, an open quote, a tab, a line's
 * indentation changed, a line at or left of the `-`, an anchor and its alias in two items, a
 * multi-line scalar. Each list is made from a seed (deterministic, so a failure is reproduced by
 * its name); `shrinkLines` shrinks a failing text line by line.
 */
import { load } from 'js-yaml';
import type { Corpus } from './inputs';

/** A single-document mapping of the corpus with `apiVersion` and `kind`, as item lines are made of it. */
export interface ListObject {
  name: string;
  /** The object's lines from its first key on, without directives, markers or trailing comments. */
  lines: string[];
  daemonSet: boolean;
}

const KIND = /^kind: *([A-Za-z]+) *$/m;

/** The corpus's objects that read as one mapping with an `apiVersion` and a `kind` (no templates, no explicit block indentation). */
export function listObjects(corpus: readonly Corpus[]): ListObject[] {
  const objects: ListObject[] = [];
  for (const { name, text } of corpus) {
    if (text.length > 30_000 || /\{\{|[|>][-+]?[1-9]|\r|\t|^%/m.test(text)) continue;
    for (const part of text.split(/^---[^\n]*\n/m)) {
      const kind = KIND.exec(part);
      if (!kind || !/^apiVersion:/m.test(part) || /^kind: *List/m.test(part) || /^items:/m.test(part)) continue;
      let value: unknown;
      try {
        value = load(part);
      } catch {
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const lines = part.replace(/\n+$/, '').split('\n');
      while (lines.length > 0 && /^\s*(#.*)?$/.test(lines[0])) lines.shift();
      while (lines.length > 0 && /^(\.\.\.|\s*#.*|\s*)$/.test(lines[lines.length - 1])) lines.pop();
      if (lines.length === 0 || /^[\s-]/.test(lines[0])) continue;
      objects.push({ name, lines, daemonSet: kind[1] === 'DaemonSet' });
    }
  }
  return objects;
}

export interface GeneratedList {
  name: string;
  /** The list before its mutations. */
  base: string;
  text: string;
}

type Random = () => number;
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)];

/** A mutation of the item lines (lines[first..last)), in place. */
const MUTATIONS: ReadonlyArray<[string, (lines: string[], at: number, random: Random, items: number[]) => void]> = [
  ['insert-char', (lines, at, random) => {
    const i = Math.floor(random() * (lines[at].length + 1));
    lines[at] = lines[at].slice(0, i) + pick(random, [...'x:-#"\'&*![]{}, |>?%@`'.split(''), '\t']) + lines[at].slice(i);
  }],
  ['delete-char', (lines, at, random) => {
    const i = Math.floor(random() * lines[at].length);
    lines[at] = lines[at].slice(0, i) + lines[at].slice(i + 1);
  }],
  ['duplicate-key', (lines, at) => {
    if (/^ *[\w.-]+:/.test(lines[at])) lines.splice(at + 1, 0, lines[at].replace(/^( *)- /, '$1  '));
  }],
  ['open-quote', (lines, at, random) => {
    const colon = lines[at].indexOf(': ');
    const i = colon >= 0 ? colon + 2 : Math.floor(random() * (lines[at].length + 1));
    lines[at] = lines[at].slice(0, i) + pick(random, ['"', "'"]) + lines[at].slice(i);
  }],
  ['tab', (lines, at, random) => {
    const indent = /^ */.exec(lines[at])?.[0].length ?? 0;
    const i = random() < 0.5 ? Math.floor(random() * (indent + 1)) : Math.floor(random() * (lines[at].length + 1));
    lines[at] = lines[at].slice(0, i) + '\t' + lines[at].slice(i);
  }],
  ['indentation', (lines, at, random) => {
    const delta = pick(random, [-4, -2, -1, 1, 2, 3]);
    lines[at] = delta > 0 ? ' '.repeat(delta) + lines[at] : lines[at].replace(new RegExp(`^ {0,${-delta}}`), '');
  }],
  ['at-or-left-of-dash', (lines, at, random) => {
    lines.splice(at, 0, pick(random, ['extra: 1', 'x', '- extra: 1', '-', '# c', ' extra: 1', '--- ', 'kind: Other', '...']));
  }],
  ['anchor-alias', (lines, at, random, items) => {
    // An anchor on a scalar of one item, its alias replacing a value in another (or the same) item.
    const anchorAt = at;
    const target = pick(random, items);
    const value = / *[\w.-]+: (\S.*)$/.exec(lines[anchorAt]);
    if (!value) return;
    lines[anchorAt] = lines[anchorAt].replace(/: (\S)/, ': &a $1');
    for (let i = target; i < lines.length; i++) {
      if (i !== anchorAt && / *[\w.-]+: \S/.test(lines[i])) {
        lines[i] = lines[i].replace(/: \S.*$/, ': *a');
        return;
      }
    }
  }],
  ['multi-line-scalar', (lines, at, random) => {
    const found = /^( *(?:- )?)([\w.-]+): (\w.*)$/.exec(lines[at]);
    if (!found) return;
    const indent = ' '.repeat(found[1].length + 2);
    const continued = pick(random, [
      [`${found[1]}${found[2]}: ${found[3]}`, `${indent}continued`],
      [`${found[1]}${found[2]}: |`, `${indent}${found[3]}`, `${indent}second`],
      [`${found[1]}${found[2]}: >-`, `${indent}${found[3]}`],
      [`${found[1]}${found[2]}: "${found[3]}`, `${indent}more"`],
    ]);
    lines.splice(at, 1, ...continued);
  }],
];

/**
 * A List of 1–4 of the objects (mostly DaemonSets), in kubectl's layout or a variant, with
 * `mutations` random mutations of its items' lines.
 */
export function generateList(objects: readonly ListObject[], random: Random, mutations: number): GeneratedList {
  const daemonSets = objects.filter((o) => o.daemonSet);
  const mixed = random() < 0.25;
  const count = 1 + Math.floor(random() * 4);
  const chosen = Array.from({ length: count }, () => pick(random, mixed ? objects : daemonSets));
  const indented = random() < 0.25;
  const comments = random() < 0.2;
  const typed = !mixed && random() < 0.2;
  const crlf = random() < 0.15;
  const dash = indented ? '  - ' : '- ';
  const rest = indented ? '    ' : '  ';
  const lines = ['apiVersion: v1', 'items:'];
  const items: number[] = [];
  chosen.forEach((object, i) => {
    if (comments && i > 0) lines.push(pick(random, ['# next', '  # next', '']));
    items.push(lines.length);
    object.lines.forEach((line, j) => lines.push(j === 0 ? dash + line : line === '' ? '' : rest + line));
  });
  const itemsEnd = lines.length;
  lines.push(`kind: ${typed ? 'DaemonSetList' : 'List'}`, 'metadata:', `  resourceVersion: "${typed ? '12345' : ''}"`);
  const base = `${lines.join('\n')}\n`;
  const applied: string[] = [];
  let end = itemsEnd;
  for (let m = 0; m < mutations; m++) {
    const at = items[0] + Math.floor(random() * (end - items[0]));
    const [name, mutate] = pick(random, MUTATIONS);
    const before = lines.length;
    mutate(lines, at, random, items);
    end += lines.length - before;
    applied.push(name);
  }
  const join = (text: string) => (crlf ? text.replace(/\n/g, '\r\n') : text);
  const name = `list(${chosen.map((o) => o.name).join(',')}${indented ? ',indented' : ''}${comments ? ',comments' : ''}${typed ? ',DaemonSetList' : ''}${crlf ? ',crlf' : ''})[${applied.join(',')}]`;
  return { name, base: join(base), text: join(`${lines.join('\n')}\n`) };
}

/** The smallest text found by deleting lines (then characters) that still fails `fails`. */
export function shrinkLines(text: string, fails: (text: string) => boolean): string {
  let lines = text.split(/(?<=\n)/);
  for (let changed = true; changed; ) {
    changed = false;
    for (let size = Math.max(1, lines.length >> 1); size >= 1; size >>= 1) {
      for (let i = 0; i + size <= lines.length; ) {
        const candidate = [...lines.slice(0, i), ...lines.slice(i + size)];
        if (candidate.length > 0 && fails(candidate.join(''))) {
          lines = candidate;
          changed = true;
        } else i += size;
      }
    }
  }
  return lines.join('');
}
