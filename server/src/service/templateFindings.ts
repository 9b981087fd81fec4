/**
 * Findings on a Helm/Go-template document that depend on what its templates
 * hide are not the author's mistakes: this decides which to drop. Findings on
 * the literal YAML around the templates stay.
 *
 * - A value that is a masked action (`periodSeconds: {{ .Values.p }}`) is a
 *   typed hole: nothing is reported on it.
 * - A block hole (`{{- toYaml .Values.x | nindent 8 }}`, `{{ include … }}`
 *   alone on a line) is an unknown mapping or sequence at its indent: nothing
 *   is reported about the mapping that holds it (a missing field may come from
 *   it), about a field of it that the document does not have, about a finding
 *   that names a field the hole supplies in the same object, or on the lines
 *   right after it that are indented deeper (their parent is inside the hole).
 * - A key repeated in another conditional block, or once inside and once
 *   outside one, is not known to be a duplicate; in the same block it is.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { formatFieldPath, parseFieldPath, valueAt, type FieldPath } from '../model/fieldPath';
import { maskGoTemplates, type BlockHole } from '../model/goTemplates';
import type { ParsedYamlDocument, ParsedYamlFile } from '../model/yamlDocuments';
import type { Position, Range, ServiceDiagnostic } from './types';

/**
 * Offsets (relative to the document) of the duplicate keys that are duplicates only because
 * two template blocks were read together: no other occurrence of the key in its mapping is
 * in the same block. Read once per document, in one walk of its AST.
 */
export function templateDuplicateKeys(doc: ParsedYamlDocument): Set<number> {
  const found = new Set<number>();
  const template = doc.template;
  if (!template) return found;
  const groups: number[][] = [];
  const stack: Array<Node | null | undefined> = [doc.ast.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const byKey = new Map<string, number[]>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key) && key.range) {
          const name = String(key.value);
          const offsets = byKey.get(name);
          if (offsets) offsets.push(key.range[0]);
          else byKey.set(name, [key.range[0]]);
        }
        stack.push(pair.value as Node | null);
      }
      for (const offsets of byKey.values()) if (offsets.length > 1) groups.push(offsets);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item as Node | null);
    }
  }
  if (groups.length === 0) return found;
  const branchOf = innermostBranches(template.branches, groups.flat());
  for (const offsets of groups) {
    const perBranch = new Map<number | undefined, number>();
    for (const offset of offsets) perBranch.set(branchOf.get(offset), (perBranch.get(branchOf.get(offset)) ?? 0) + 1);
    for (const offset of offsets) if (perBranch.get(branchOf.get(offset)) === 1) found.add(offset);
  }
  return found;
}

/**
 * The index of the innermost kept block body holding each offset (-1 outside every block), in one
 * sweep: the bodies nest as the blocks do, so the innermost open one is on top of a stack.
 */
function innermostBranches(branches: ReadonlyArray<[number, number]>, offsets: number[]): Map<number, number> {
  const order = branches.map((_, index) => index).sort((a, b) => branches[a][0] - branches[b][0] || branches[b][1] - branches[a][1]);
  const result = new Map<number, number>();
  const open: number[] = [];
  let next = 0;
  for (const offset of [...offsets].sort((a, b) => a - b)) {
    while (next < order.length && branches[order[next]][0] <= offset) {
      const index = order[next++];
      while (open.length > 0 && branches[open[open.length - 1]][1] <= branches[index][0]) open.pop();
      open.push(index);
    }
    while (open.length > 0 && branches[open[open.length - 1]][1] <= offset) open.pop();
    result.set(offset, open.length > 0 ? open[open.length - 1] : -1);
  }
  return result;
}

interface HoleContext {
  /** The path of the mapping or sequence the hole writes into. */
  parent: string;
  parentPath: FieldPath;
  /** 0-based file lines right after the hole that are indented deeper than it. */
  shadowLines: Set<number>;
}

/** Findings caused by masking Helm/Go templates are not the author's mistakes. */
export function dropTemplateArtifacts(
  file: ParsedYamlFile,
  doc: ParsedYamlDocument,
  diagnostics: ServiceDiagnostic[],
  absenceRules: ReadonlySet<string>,
  schemaRule: string,
): ServiceDiagnostic[] {
  const template = doc.template;
  if (!template) return diagnostics;
  const spans = template.valueSpans.map(([start, end]) => file.lines.rangeAt(doc.offset + start, doc.offset + end));
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
  const overlaps = (range: Range) => spans.some((span) => before(range.start, span.end) && before(span.start, range.end));
  const holes = template.blockHoles.length > 0 ? holeContexts(file, doc, template.blockHoles) : [];
  return diagnostics.filter((d) => {
    if (overlaps(d.range)) return false; // a placeholder value, e.g. `replicas: {{ .Values.n }}`
    if (holes.some((hole) => hidesFinding(hole, doc, d))) return false;
    if (!template.hasDirectiveLines) return true;
    if (absenceRules.has(d.rule)) return false;
    return !(d.rule === schemaRule && d.message.includes('is missing the required field'));
  });
}

function hidesFinding(hole: HoleContext, doc: ParsedYamlDocument, d: ServiceDiagnostic): boolean {
  if (hole.shadowLines.has(d.range.start.line)) return true;
  if (d.path === undefined) return false;
  const path = d.path;
  // About the mapping that holds the hole, or one of its ancestors: the hole may supply what is missing.
  if (path === hole.parent || hole.parent.startsWith(`${path}.`) || hole.parent.startsWith(`${path}[`)) return true;
  const within = hole.parent === '' || path.startsWith(`${hole.parent}.`) || path.startsWith(`${hole.parent}[`);
  const fieldPath = parseFieldPath(path);
  // A field of that mapping the document does not have: the hole may have it.
  if (within && fieldPath.length === hole.parentPath.length + 1 && valueAt(doc.value, fieldPath) === undefined) return true;
  // A finding that names the field the hole fills, in the same object (`securityContext` written by toYaml).
  const field = hole.parentPath[hole.parentPath.length - 1];
  // Only below the pod spec: a structural name (`spec`, `template`) is named by every path in a message.
  if (typeof field !== 'string' || hole.parentPath.length < 4) return false;
  const object = formatFieldPath(hole.parentPath.slice(0, -1));
  const inObject = path.startsWith(`${object}.`) || path.startsWith(`${object}[`);
  return inObject && new RegExp(`\\b${field.replace(/[^\w]/g, '\\$&')}\\b`).test(d.message);
}

/**
 * Where each block hole writes, read from the indentation of the masked text above and below it.
 * One pass over the lines: the lines that may hold a later hole are kept on a stack, each one's key
 * column above the one below it (a line at or left of an earlier one's column hides that one).
 */
function holeContexts(file: ParsedYamlFile, doc: ParsedYamlDocument, holes: BlockHole[]): HoleContext[] {
  const lines = maskGoTemplates(doc.text).text.split('\n').map((line) => line.replace(/\r$/, ''));
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const lineOf = (at: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const content = lines.map((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const keyColumn = lines.map((line) => /^[\s-]*/.exec(line)?.[0].length ?? 0);
  // The next content line after each line, so the scans below skip masked stretches at once.
  const nextContent = new Int32Array(lines.length + 1).fill(lines.length);
  for (let i = lines.length - 1; i >= 0; i--) nextContent[i] = content[i] ? i : nextContent[i + 1];
  const firstLine = file.lines.positionAt(doc.offset).line;
  const keyPaths = pathsOfKeys(doc.ast.contents);
  const byLine = holes.map((hole) => ({ hole, line: lineOf(hole.offset) })).sort((a, b) => a.line - b.line);
  const open: number[] = [];
  let scanned = 0;
  return byLine.map(({ hole, line: holeLine }) => {
    for (; scanned < holeLine; scanned++) {
      if (!content[scanned]) continue;
      while (open.length > 0 && keyColumn[open[open.length - 1]] >= keyColumn[scanned]) open.pop();
      open.push(scanned);
    }
    let parentPath: FieldPath = [];
    for (let k = open.length - 1; k >= 0; k--) {
      const i = open[k];
      if (keyColumn[i] > hole.indent) continue;
      const keyPath = keyPaths.get(lineStarts[i] + keyColumn[i]);
      // A key left of the hole's column holds it; one at the column is its sibling, unless its value is
      // empty (a sequence may sit at its key's own indent).
      if (keyPath) parentPath = keyColumn[i] < hole.indent || /:\s*(?:#.*)?$/.test(lines[i]) ? keyPath : keyPath.slice(0, -1);
      break;
    }
    const shadowLines = new Set<number>();
    for (let i = nextContent[holeLine + 1]; i < lines.length; i = nextContent[i + 1]) {
      if (indentOf(lines[i]) <= hole.indent) break;
      shadowLines.add(firstLine + i);
    }
    return { parent: formatFieldPath(parentPath), parentPath, shadowLines };
  });
}

/** The path of every scalar key of the document, by the key's offset in the document: one walk. */
function pathsOfKeys(root: Node | null | undefined): Map<number, FieldPath> {
  const paths = new Map<number, FieldPath>();
  const stack: Array<[Node | null | undefined, FieldPath]> = [[root, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [Node | null | undefined, FieldPath];
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const childPath = [...path, String(pair.key.value)];
        paths.set(pair.key.range[0], childPath);
        stack.push([pair.value as Node | null, childPath]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => stack.push([item as Node | null, [...path, index]]));
    }
  }
  return paths;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
