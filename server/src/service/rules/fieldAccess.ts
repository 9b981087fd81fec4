/** Safe access to a document's plain value: rules must survive any shape. */
import { asRecord } from '../kubernetesResource';

export { asRecord };

export type PlainRecord = Record<string, unknown>;

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** `"value"` for strings, the literal otherwise, as API server messages print values. */
export function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
