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
import { pathAtOffset } from '../model/yamlNavigation';
import type { DocumentTemplate, ParsedYamlDocument, ParsedYamlFile, YamlProblem } from '../model/yamlDocuments';
import type { Position, Range, ServiceDiagnostic } from './types';

/** Whether a YAML problem is a duplicate key only because two branches of the template were read together. */
export function isTemplateDuplicateKey(doc: ParsedYamlDocument, problem: YamlProblem): boolean {
  const template = doc.template;
  if (!template || problem.code !== 'DUPLICATE_KEY') return false;
  const offset = problem.start - doc.offset;
  const pairs = pairsWithSameKey(doc.ast.contents, offset);
  if (!pairs) return false;
  const branch = innermostBranch(template, offset);
  return !pairs.some((start) => start !== offset && innermostBranch(template, start) === branch);
}

/** The key offsets of every pair of the mapping whose pair has its key at `offset` with the same key. */
function pairsWithSameKey(root: Node | null | undefined, offset: number): number[] | undefined {
  const stack: Array<Node | null | undefined> = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const keyOf = (pair: unknown) => (isPair(pair) && isScalar(pair.key) ? pair.key : undefined);
      const hit = node.items.map(keyOf).find((key) => key?.range?.[0] === offset);
      if (hit) {
        return node.items
          .map(keyOf)
          .filter((key) => key !== undefined && key.range !== undefined && String(key.value) === String(hit.value))
          .map((key) => key?.range?.[0] ?? -1);
      }
      for (const pair of node.items) if (isPair(pair)) stack.push(pair.value as Node | null);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item as Node | null);
    }
  }
  return undefined;
}

/** The index of the smallest kept block body holding the offset; -1 outside every block. */
function innermostBranch(template: DocumentTemplate, offset: number): number {
  let best = -1;
  let bestLength = Infinity;
  template.branches.forEach(([start, end], index) => {
    if (start <= offset && offset < end && end - start < bestLength) {
      best = index;
      bestLength = end - start;
    }
  });
  return best;
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

/** Where each block hole writes, read from the indentation of the masked text above and below it. */
function holeContexts(file: ParsedYamlFile, doc: ParsedYamlDocument, holes: BlockHole[]): HoleContext[] {
  const masked = maskGoTemplates(doc.text).text;
  const lines = masked.split('\n');
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
  const isContent = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');
  const firstLine = file.lines.positionAt(doc.offset).line;
  return holes.map((hole) => {
    const holeLine = lineOf(hole.offset);
    const parentPath = parentOfHole(doc, lines, lineStarts, holeLine, hole.indent, isContent);
    const shadowLines = new Set<number>();
    for (let i = holeLine + 1; i < lines.length; i++) {
      if (!isContent(lines[i])) continue;
      if (indentOf(lines[i]) <= hole.indent) break;
      shadowLines.add(firstLine + i);
    }
    return { parent: formatFieldPath(parentPath), parentPath, shadowLines };
  });
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The path the hole writes into: the nearest key above it that holds content at the hole's indent. */
function parentOfHole(
  doc: ParsedYamlDocument,
  lines: string[],
  lineStarts: number[],
  holeLine: number,
  indent: number,
  isContent: (line: string) => boolean,
): FieldPath {
  for (let i = holeLine - 1; i >= 0; i--) {
    const line = lines[i].replace(/\r$/, '');
    if (!isContent(line)) continue;
    const keyColumn = /^[\s-]*/.exec(line)?.[0].length ?? 0;
    if (keyColumn > indent) continue;
    const at = pathAtOffset(doc, doc.offset + lineStarts[i] + keyColumn);
    if (!at || at.on !== 'key') return [];
    const emptyValue = /:\s*(?:#.*)?$/.test(line);
    // A key above the hole's column holds it; one at the column is its sibling, unless its value is empty
    // (a sequence may sit at its key's own indent).
    return keyColumn < indent || emptyValue ? at.path : at.path.slice(0, -1);
  }
  return [];
}
