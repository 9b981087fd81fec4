/**
 * Navigation of the generated DaemonSet schema by field path, for hover
 * (description, type, enum, required) and completion (the keys valid at a
 * path). `$ref`s are resolved; a map (labels, resource lists) answers every
 * key with the schema of its values.
 */
import type { FieldPath } from '../../model/fieldPath';
import daemonSetSchema from './generated/daemonSetSchema';
import type { GeneratedSchema, JsonSchema } from './schemaTypes';

export interface SchemaNode {
  /** The field's description (falling back to its type's), Kubernetes' own words. */
  description?: string;
  /** JSON Schema types: `object`, `array`, `string`, `integer`, `number`, `boolean`; empty when anything goes. */
  type: readonly string[];
  /** `int-or-string`, `quantity` or `date-time`: how Kubernetes reads the value. */
  format?: string;
  enum?: readonly unknown[];
  /** The Kubernetes type of an object field, e.g. `core.v1.Container`. */
  definition?: string;
  /** Field names valid in this object, sorted. Empty for maps and scalars. */
  properties: readonly string[];
  /** The fields of this object that must be present. */
  required: readonly string[];
  /** Any key is allowed (labels, annotations, nodeSelector, resource lists). */
  isMap: boolean;
  /** Whether this field is required in its parent object. */
  isRequired: boolean;
}

export const daemonSetSchemaInfo = {
  /** The npm package the schema is generated from, e.g. `kubernetes-models@5.1.0`. */
  source: daemonSetSchema['x-source'],
  /** The Kubernetes release whose API the schema describes. */
  kubernetesVersion: daemonSetSchema['x-kubernetes-version'],
};

const REF_PREFIX = '#/$defs/';

/** The schema of the apps/v1 DaemonSet field at `path`, or undefined when the path is not in the API. */
export function schemaAtPath(path: FieldPath, root: GeneratedSchema = daemonSetSchema): SchemaNode | undefined {
  let schema: JsonSchema = root;
  let isRequired = true;
  for (const segment of path) {
    const resolved = resolveRef(root, schema);
    let next: JsonSchema | undefined;
    if (typeof segment === 'number') {
      next = resolved.items;
      isRequired = false;
    } else if (resolved.properties && Object.prototype.hasOwnProperty.call(resolved.properties, segment)) {
      next = resolved.properties[segment];
      isRequired = resolved.required?.includes(segment) ?? false;
    } else if (typeof resolved.additionalProperties === 'object') {
      // A map's values have no description of their own: the map's says what they are.
      next = { description: schema.description ?? resolved.description, ...resolved.additionalProperties };
      isRequired = false;
    }
    if (!next) return undefined;
    schema = next;
  }
  return toNode(root, schema, isRequired);
}

/** Follows a `$ref` (one level: the generator never chains them). Sibling keywords of the ref are kept. */
export function resolveRef(root: GeneratedSchema, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const target = root.$defs[schema.$ref.slice(REF_PREFIX.length)];
  return target ? { ...target, ...schema, $ref: undefined } : schema;
}

function toNode(root: GeneratedSchema, schema: JsonSchema, isRequired: boolean): SchemaNode {
  const resolved = resolveRef(root, schema);
  const type = resolved.type === undefined ? [] : Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  const node: SchemaNode = {
    type,
    properties: resolved.properties ? Object.keys(resolved.properties).sort() : [],
    required: resolved.required ?? [],
    isMap: typeof resolved.additionalProperties === 'object' || (type.includes('object') && !resolved.properties && resolved.additionalProperties !== false),
    isRequired,
  };
  if (resolved.description !== undefined) node.description = resolved.description;
  if (resolved.format !== undefined) node.format = resolved.format;
  if (resolved.enum !== undefined) node.enum = resolved.enum;
  if (schema.$ref) node.definition = schema.$ref.slice(REF_PREFIX.length);
  return node;
}
