/** Safe access to a document's plain value: rules must survive any shape. */
import type { FieldPath } from '../../model/fieldPath';
import { asRecord } from '../kubernetesResource';
import type { RuleFinding } from './rule';

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

/**
 * A missing or empty required field, at its path (Kubernetes' "Required
 * value"); the squiggle goes on its key when it is written, else on the parent.
 */
export function requiredFinding(parent: FieldPath, field: string, message: string, value?: unknown): RuleFinding {
  return { path: [...parent, field], anchor: isSet(value) ? [...parent, field] : parent, on: 'key', message };
}
