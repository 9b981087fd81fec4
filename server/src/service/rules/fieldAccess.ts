/** Safe access to a document's plain value: rules must survive any shape. */
import type { FieldPath } from '../../model/yamlDocuments';
import { asRecord } from '../kubernetesResource';

export { asRecord };

export type PlainRecord = Record<string, unknown>;

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export const POD_SPEC = ['spec', 'template', 'spec'] as const;

/** `"value"` for strings, the literal otherwise, as API server messages print values. */
export function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The value at `path` (list indexes only into lists, keys only into mappings), or undefined. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = asRecord(current)?.[segment];
    if (current === undefined) return undefined;
  }
  return current;
}
