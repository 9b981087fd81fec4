/**
 * A quick proof that a value fits the apps/v1 DaemonSet schema, so that the
 * generated ajv validator need not run on it.
 *
 * Why: most documents are valid, and in a fresh server (the first validation
 * of a large file) the generated validator is cold code: one large function
 * per definition, each interpreted until it warms up on its own, each call
 * building an options object and a JSON Pointer. This walk is one small
 * recursive function over the same schema, compiled once into plain nodes,
 * which the engine optimizes after a few documents.
 *
 * It answers for validity only, never for errors: `true` means the generated
 * validator reports nothing; `false` means it may report something, and the
 * caller asks it (validateSchema.ts), so the findings are the validator's own.
 * Where its rules and ajv's could differ it is stricter, never looser (a test
 * compares both on every fixture and on mutated documents).
 *
 * A field set to null counts as not set, as Kubernetes decodes it and as
 * validateSchema drops it before asking ajv: so the caller need not find out
 * first whether the document holds a null.
 */
import daemonSetSchema from './generated/daemonSetSchema';
import type { JsonSchema } from './schemaTypes';

const STRING = 1;
const INTEGER = 2;
const NUMBER = 4;
const BOOLEAN = 8;
const ARRAY = 16;
const OBJECT = 32;
/** A schema without `type` takes anything. */
const ANY = STRING | INTEGER | NUMBER | BOOLEAN | ARRAY | OBJECT;
const TYPE_BITS: Record<string, number> = { string: STRING, integer: INTEGER, number: NUMBER, boolean: BOOLEAN, array: ARRAY, object: OBJECT };
const REF_PREFIX = '#/$defs/';

/** One schema with its `$ref`s resolved and its keywords in the shape the walk reads (one hidden class for all). */
interface Node {
  types: number;
  enumValues: readonly unknown[] | undefined;
  pattern: RegExp | undefined;
  properties: Map<string, Node> | undefined;
  required: readonly string[] | undefined;
  /** `additionalProperties: false`. */
  closed: boolean;
  /** `additionalProperties` as a schema: the values of a map. */
  values: Node | undefined;
  items: Node | undefined;
}

let root: Node | undefined;

/** Whether the generated validator would find no error in `value` with its null fields dropped (false: it may). */
export function fitsDaemonSetSchema(value: unknown): boolean {
  return fits((root ??= compile(daemonSetSchema, new Map())), value);
}

function compile(schema: JsonSchema, compiled: Map<JsonSchema, Node>): Node {
  while (schema.$ref !== undefined) {
    const target: JsonSchema | undefined = daemonSetSchema.$defs[schema.$ref.slice(REF_PREFIX.length)];
    // An unknown reference cannot happen with the generator's schema; the node then fits nothing, so ajv decides.
    if (!target) return { types: 0, enumValues: undefined, pattern: undefined, properties: undefined, required: undefined, closed: true, values: undefined, items: undefined };
    schema = target;
  }
  const known = compiled.get(schema);
  if (known) return known;
  let types = schema.type === undefined ? ANY : 0;
  for (const type of schema.type === undefined ? [] : ([] as string[]).concat(schema.type)) types |= TYPE_BITS[type] ?? 0;
  const node: Node = {
    types,
    enumValues: schema.enum,
    // The flags ajv compiles patterns with (unicodeRegExp).
    pattern: schema.pattern === undefined ? undefined : new RegExp(schema.pattern, 'u'),
    properties: undefined,
    required: schema.required,
    closed: schema.additionalProperties === false,
    values: undefined,
    items: undefined,
  };
  compiled.set(schema, node); // before the children: definitions are recursive
  if (schema.properties) {
    node.properties = new Map();
    for (const name of Object.keys(schema.properties)) node.properties.set(name, compile(schema.properties[name], compiled));
  }
  if (typeof schema.additionalProperties === 'object') node.values = compile(schema.additionalProperties, compiled);
  if (schema.items) node.items = compile(schema.items, compiled);
  return node;
}

function fits(node: Node, value: unknown): boolean {
  const types = node.types;
  switch (typeof value) {
    case 'string':
      if ((types & STRING) === 0 || (node.pattern !== undefined && !node.pattern.test(value))) return false;
      break;
    case 'number':
      // ajv's integer also takes ±Infinity; Number.isInteger does not, which only sends such a value to ajv.
      if ((types & NUMBER) === 0 && ((types & INTEGER) === 0 || !Number.isInteger(value))) return false;
      break;
    case 'boolean':
      if ((types & BOOLEAN) === 0) return false;
      break;
    case 'object': {
      if (value === null) return false; // a null list item stays, and no schema type takes it
      if (Array.isArray(value)) {
        if ((types & ARRAY) === 0) return false;
        const items = node.items;
        if (items !== undefined) for (let i = 0; i < value.length; i++) if (!fits(items, value[i])) return false;
        break;
      }
      if ((types & OBJECT) === 0) return false;
      const record = value as Record<string, unknown>;
      const required = node.required;
      if (required !== undefined) {
        for (let i = 0; i < required.length; i++) {
          const item = record[required[i]];
          // A required field set to null is missing once null fields are dropped.
          if (item === undefined || item === null) return false;
        }
      }
      const properties = node.properties;
      // Only the keys present: ajv's code looks up every property the schema names.
      for (const key in record) {
        const item = record[key];
        if (item === null) continue; // dropped before ajv sees it, known field or not
        const property = properties?.get(key);
        if (property !== undefined) {
          // ajv skips a declared property whose value is undefined, as if absent.
          if (item !== undefined && !fits(property, item)) return false;
        } else if (node.closed || (node.values !== undefined && !fits(node.values, item))) return false;
      }
      break;
    }
    default:
      // undefined, functions, symbols, bigints: never in a parsed document; only a schema without type would take them.
      if (types !== ANY) return false;
  }
  return node.enumValues === undefined || node.enumValues.includes(value);
}
