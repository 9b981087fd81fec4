/**
 * Validates a DaemonSet's plain value against the apps/v1 schema with the
 * precompiled ajv validator, and turns ajv's errors into one finding per
 * mistake, in words a person understands, on the exact key or value.
 */
import { fieldPathId, formatFieldPath, valueAt, type FieldPath, type PathSegment } from '../../model/fieldPath';
import validateDaemonSet from './generated/daemonSetValidator';
import { closestName } from './closestName';
import { fitsDaemonSetSchema } from './fitsSchema';
import { suggestQuantity } from './quantityFormat';
import { schemaAtPath } from './schemaAtPath';
import type { GeneratedValidationError } from './schemaTypes';

export interface SchemaFinding {
  path: PathSegment[];
  message: string;
  /** `key` for unknown and missing fields (the key names the problem), `value` for wrong values. */
  on: 'key' | 'value';
}

export interface ValidateSchemaOptions {
  /**
   * Required fields another rule reports better, e.g. `['spec', 'selector']`
   * (selector-drift); `'*'` stands for any list index.
   */
  ignoreMissing?: readonly FieldPath[];
  /**
   * Answers false when the caller knows the value holds no null (documentMayHoldNull): it is then not
   * walked for one. Asked only when the quick check (fitsSchema.ts) does not prove the value valid.
   */
  mayHoldNull?: () => boolean;
}

/** Validates the plain value of an apps/v1 DaemonSet document; findings are in document order. */
export function validateSchema(value: unknown, options: ValidateSchemaOptions = {}): SchemaFinding[] {
  const ignoredMissing = options.ignoreMissing ?? [];
  // The quick walk proves most documents valid (null fields counted as not set, as below); the generated
  // validator, slow while cold, then only runs on the others.
  if (fitsDaemonSetSchema(value)) return [];
  const data = options.mayHoldNull?.() === false ? value : withoutNullFields(value);
  if (validateDaemonSet(data)) return [];
  const findings = new Map<string, SchemaFinding>();
  const missing = new Map<string, { path: PathSegment[]; fields: string[] }>();
  const wrongValuePaths = new Set<string>();
  for (const error of validateDaemonSet.errors ?? []) {
    const path = pathOf(error.instancePath, data);
    const key = fieldPathId(path);
    switch (error.keyword) {
      case 'additionalProperties': {
        const field = String(error.params.additionalProperty);
        const fieldPath = [...path, field];
        findings.set(`unknown ${fieldPathId(fieldPath)}`, { path: fieldPath, on: 'key', message: unknownFieldMessage(path, field) });
        break;
      }
      case 'required': {
        const entry = missing.get(key) ?? { path, fields: [] };
        const field = String(error.params.missingProperty);
        if (ignoredMissing.some((pattern) => matchesPattern(pattern, [...path, field]))) break;
        if (!entry.fields.includes(field)) entry.fields.push(field);
        missing.set(key, entry);
        break;
      }
      default: {
        // One diagnostic per value: a type error makes the value's other errors noise.
        if (wrongValuePaths.has(key) && error.keyword !== 'type') break;
        wrongValuePaths.add(key);
        findings.set(`value ${key}`, { path, on: 'value', message: wrongValueMessage(error, path, valueAt(data, path)) });
      }
    }
  }
  for (const [key, entry] of missing) {
    findings.set(`missing ${key}`, { path: entry.path, on: 'key', message: missingFieldsMessage(entry.path, entry.fields) });
  }
  return [...findings.values()].sort((a, b) => compareInDocumentOrder(data, a.path, b.path));
}

/**
 * Kubernetes decodes an explicit `null` (`field:` with nothing after it) as
 * "not set", so such fields are dropped before validation instead of being
 * reported as having the wrong type. Copies only the objects that change.
 */
export function withoutNullFields(value: unknown): unknown {
  // Plain loops, no entry arrays: this walks every value of every document, and most have no null.
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (item === null || typeof item !== 'object') continue;
      const cleaned = withoutNullFields(item);
      if (cleaned !== item) (copy ??= [...value])[index] = cleaned;
    }
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    if (item === null) {
      copy ??= { ...record };
      delete copy[key];
      continue;
    }
    if (typeof item !== 'object') continue;
    const cleaned = withoutNullFields(item);
    if (cleaned !== item) (copy ??= { ...record })[key] = cleaned;
  }
  return copy ?? value;
}

/** `/spec/template/spec/containers/0` → `['spec', 'template', 'spec', 'containers', 0]` (numbers for list indexes). */
function pathOf(pointer: string, data: unknown): PathSegment[] {
  if (!pointer) return [];
  const path: PathSegment[] = [];
  let current = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(segment);
      path.push(index);
      current = current[index];
    } else {
      path.push(segment);
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

function matchesPattern(pattern: FieldPath, path: FieldPath): boolean {
  return pattern.length === path.length && pattern.every((segment, i) => segment === path[i] || (segment === '*' && typeof path[i] === 'number'));
}

function describePath(path: FieldPath): string {
  return path.length === 0 ? 'the DaemonSet' : `\`${formatFieldPath(path)}\``;
}

function unknownFieldMessage(parent: FieldPath, field: string): string {
  const known = schemaAtPath(parent)?.properties ?? [];
  const suggestion = closestName(field, known);
  const where = parent.length === 0 ? 'at the top level of the DaemonSet' : `in \`${formatFieldPath(parent)}\``;
  return `Unknown field \`${field}\` ${where}` + (suggestion ? ` (did you mean \`${suggestion}\`?)` : '') + '.';
}

function missingFieldsMessage(parent: FieldPath, fields: string[]): string {
  const sorted = [...fields].sort();
  const names = sorted.map((field) => `\`${field}\``);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${describePath(parent)} is missing the required field${names.length === 1 ? '' : 's'} ${list}.`;
}

function wrongValueMessage(error: GeneratedValidationError, path: FieldPath, value: unknown): string {
  const where = describePath(path);
  switch (error.keyword) {
    case 'type': {
      const expected = ([] as unknown[]).concat(error.params.type).map(String);
      const node = schemaAtPath(path);
      if (node?.format === 'quantity') {
        return `${where} must be a quantity such as \`100m\`, \`1.5Gi\` or \`2\`, not ${describeValue(value)}.`;
      }
      let hint = '';
      if (expected.includes('integer') && typeof value === 'string' && /^[+-]?[0-9]+$/.test(value.trim())) {
        hint = expected.includes('string') ? '' : ' (remove the quotes)';
      } else if (expected.length === 1 && expected[0] === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
        hint = ` (quote it: "${String(value)}")`;
      }
      return `${where} must be ${expected.map(describeType).join(' or ')}, not ${describeValue(value)}${hint}.`;
    }
    case 'enum': {
      const allowed = ((error.params.allowedValues as unknown[] | undefined) ?? []).map((v) => `\`${String(v)}\``);
      if (allowed.length === 1) return `${where} must be ${allowed[0]}, not ${describeValue(value)}.`;
      const suggestion = typeof value === 'string' ? closestName(value, allowed.map((v) => v.slice(1, -1))) : undefined;
      return (
        `${where} must be one of ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}, not ${describeValue(value)}` +
        (suggestion ? ` (did you mean \`${suggestion}\`?)` : '') +
        '.'
      );
    }
    case 'pattern': {
      if (schemaAtPath(path)?.format === 'quantity' && typeof value === 'string') {
        const suggestion = suggestQuantity(value);
        return (
          `${where} is not a valid quantity: \`${value}\`. ` +
          (suggestion ? `Did you mean ${suggestion}?` : 'Write a number with an optional suffix, e.g. `100m`, `0.5`, `1.5Gi`, `512Mi` or `1e3`.')
        );
      }
      return `${where} does not have the expected format: \`${String(value)}\`.`;
    }
    default:
      return `${where} is not valid here (${error.keyword}).`;
  }
}

function describeType(type: string): string {
  switch (type) {
    case 'integer':
      return 'an integer';
    case 'object':
      return 'a mapping of fields';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'a boolean (true or false)';
    default:
      return `a ${type}`;
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return value.length <= 40 ? `the string "${value}"` : 'a string';
    case 'number':
      return Number.isInteger(value) ? `the number ${value}` : `the decimal number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

/** Orders paths as their fields appear in the document (object keys keep source order). */
function compareInDocumentOrder(data: unknown, a: FieldPath, b: FieldPath): number {
  let current = data;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) {
      current = current !== null && typeof current === 'object' ? (current as Record<string | number, unknown>)[a[i]] : undefined;
      continue;
    }
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (a[i] as number) - (b[i] as number);
    const keys = current !== null && typeof current === 'object' ? Object.keys(current) : [];
    return keys.indexOf(String(a[i])) - keys.indexOf(String(b[i]));
  }
  return a.length - b.length;
}
