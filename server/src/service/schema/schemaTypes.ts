/**
 * Shapes of the generated schema and validator (scripts/generate-schema.mjs),
 * so the generated `.d.ts` files and the service agree on them.
 */

/** The subset of JSON Schema the generator emits. */
export interface JsonSchema {
  $ref?: string;
  description?: string;
  type?: string | string[];
  /** `int-or-string`, `quantity` or `date-time`: how Kubernetes reads the value. */
  format?: string;
  pattern?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  /** `false` for a strict object; a schema for the values of a map. */
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
}

export interface GeneratedSchema extends JsonSchema {
  title: string;
  /** The npm package the schema was generated from, e.g. `kubernetes-models@5.1.0`. */
  'x-source': string;
  /** The Kubernetes release whose API the schema describes, e.g. `1.36`. */
  'x-kubernetes-version': string;
  $defs: Record<string, JsonSchema>;
}

/** An ajv error as the standalone validator reports it. */
export interface GeneratedValidationError {
  /** JSON Pointer to the offending value, e.g. `/spec/template/spec/containers/0`. */
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: GeneratedValidationError[] | null;
}
