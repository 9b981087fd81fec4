/** Safe access to a document's plain value: rules must survive any shape. */
export { asRecord } from '../kubernetesResource';

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
