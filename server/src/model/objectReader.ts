/**
 * Typed reading of a plain YAML value into Kubernetes objects. Every type
 * error is recorded with the file, 1-based line and field path, the way the
 * API server's decoder would refuse the object, so a caller can drop just the
 * bad object and keep the good ones.
 */
import { rangeOfPath, type ParsedYamlDocument, type ParsedYamlFile } from './yamlDocuments';
import { formatFieldPath, type FieldPath } from './fieldPath';

export interface LoadProblem {
  file: string;
  /** 1-based line and column of the field (or its deepest existing ancestor). */
  line: number;
  column: number;
  /** Field path inside the document, e.g. `items[2].spec.taints[0].effect`. */
  path: string;
  message: string;
  /**
   * Absent for an error (the object is dropped, the input is broken); `warning` for a readable file that
   * is still suspect, e.g. an inventory file from which no node could be read.
   */
  severity?: 'warning';
}

/** An error, as opposed to a warning: the caller must not trust the input. */
export function isLoadError(problem: LoadProblem): boolean {
  return problem.severity !== 'warning';
}

/** One line: `nodes.yaml:12:7: items[1].spec.taints[0].effect: ...`; a warning says so after the place. */
export function formatLoadProblem(problem: LoadProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}${isLoadError(problem) ? '' : ': warning'}`;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

export interface ReadContext {
  file: string;
  /** The file and the document read, for places; may be parsed only when a place is asked for (inventory.ts). */
  parsed: ParsedYamlFile;
  doc: ParsedYamlDocument;
  /** The document's index, when it is known without `doc`. */
  documentIndex?: number;
  problems: LoadProblem[];
}

export type PlainMap = Record<string, unknown>;

export function lineOf(ctx: ReadContext, path: FieldPath): { line: number; column: number } {
  const range = rangeOfPath(ctx.parsed, ctx.doc, path);
  return { line: range.start.line + 1, column: range.start.character + 1 };
}

export function report(ctx: ReadContext, path: FieldPath, message: string): void {
  const { line, column } = lineOf(ctx, path);
  ctx.problems.push({ file: ctx.file, line, column, path: formatFieldPath(path), message });
}

export function isPlainMap(value: unknown): value is PlainMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** A mapping, or undefined when absent/null; anything else is reported. */
export function readMap(ctx: ReadContext, value: unknown, path: FieldPath): PlainMap | undefined {
  if (value === undefined || value === null) return undefined;
  if (isPlainMap(value)) return value;
  report(ctx, path, `expected a mapping, got ${describeValue(value)}`);
  return undefined;
}

export function readList(ctx: ReadContext, value: unknown, path: FieldPath): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  report(ctx, path, `expected a list, got ${describeValue(value)}`);
  return [];
}

export function readString(ctx: ReadContext, map: PlainMap | undefined, key: string, path: FieldPath): string | undefined {
  const value = map?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  report(ctx, [...path, key], `expected a string, got ${describeValue(value)} (quote it)`);
  return undefined;
}

export function readRequiredString(
  ctx: ReadContext,
  map: PlainMap | undefined,
  key: string,
  path: FieldPath,
): string | undefined {
  const value = readString(ctx, map, key, path);
  if (value === undefined && (map?.[key] === undefined || map?.[key] === null)) {
    report(ctx, [...path, key], `${key} is required`);
  }
  return value;
}

export function readInteger(ctx: ReadContext, map: PlainMap | undefined, key: string, path: FieldPath): number | undefined {
  const value = map?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  report(ctx, [...path, key], `expected an integer, got ${describeValue(value)}`);
  return undefined;
}

export function readBoolean(ctx: ReadContext, map: PlainMap | undefined, key: string, path: FieldPath): boolean | undefined {
  const value = map?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  report(ctx, [...path, key], `expected true or false, got ${describeValue(value)}`);
  return undefined;
}

/** An int-or-string field (maxUnavailable, maxSurge). */
export function readIntOrString(
  ctx: ReadContext,
  map: PlainMap | undefined,
  key: string,
  path: FieldPath,
): number | string | undefined {
  const value = map?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return value;
  report(ctx, [...path, key], `expected an integer or a percentage string, got ${describeValue(value)}`);
  return undefined;
}

/** map[string]string: labels, annotations, nodeSelector, resource lists. */
export function readStringMap(ctx: ReadContext, value: unknown, path: FieldPath): Record<string, string> {
  const map = readMap(ctx, value, path);
  const result: Record<string, string> = {};
  if (!map) return result;
  for (const [key, entry] of Object.entries(map)) {
    if (typeof entry === 'string') result[key] = entry;
    else report(ctx, [...path, key], `expected a string, got ${describeValue(entry)} (quote it)`);
  }
  return result;
}

/** Resource lists (requests, allocatable) accept bare numbers, as the Quantity decoder does. */
export function readQuantityMap(ctx: ReadContext, value: unknown, path: FieldPath): Record<string, string> {
  const map = readMap(ctx, value, path);
  const result: Record<string, string> = {};
  if (!map) return result;
  for (const [key, entry] of Object.entries(map)) {
    if (typeof entry === 'string') result[key] = entry;
    else if (typeof entry === 'number' && Number.isFinite(entry)) result[key] = String(entry);
    else report(ctx, [...path, key], `expected a quantity, got ${describeValue(entry)}`);
  }
  return result;
}

export function readStringList(ctx: ReadContext, value: unknown, path: FieldPath): string[] {
  const result: string[] = [];
  readList(ctx, value, path).forEach((entry, index) => {
    if (typeof entry === 'string') result.push(entry);
    else report(ctx, [...path, index], `expected a string, got ${describeValue(entry)} (quote it)`);
  });
  return result;
}
