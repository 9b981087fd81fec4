/**
 * What the schema and the DaemonSet notes say about one field, shared by
 * hover and completion.
 */
import { fieldPattern, type FieldPath } from '../model/fieldPath';
import { daemonSetDefaults, daemonSetFieldNotes, defaultFromDescription } from './fieldDocs';
import { schemaAtPath, type SchemaNode } from './schema/schemaAtPath';

export interface FieldInfo {
  node: SchemaNode;
  /** e.g. `Container[]`, `LabelSelector`, `string`, `int-or-string`, `map[string]string`. */
  typeLabel: string;
  required: boolean;
  defaultValue?: string;
  /** The DaemonSet-specific note, Markdown. */
  note?: string;
  deprecated: boolean;
}

function shortDefinition(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

function typeOf(node: SchemaNode, path: FieldPath): string {
  if (node.format === 'int-or-string') return 'int-or-string';
  if (node.format === 'quantity') return 'quantity';
  if (node.definition) return shortDefinition(node.definition);
  if (node.type.includes('array')) {
    const items = schemaAtPath([...path, 0]);
    return `${items ? typeOf(items, [...path, 0]) : 'any'}[]`;
  }
  if (node.isMap) {
    const values = schemaAtPath([...path, '*']);
    return `map[string]${values ? typeOf(values, [...path, '*']) : 'any'}`;
  }
  if (node.type.length === 0) return 'any';
  return node.type.join(' | ');
}

const cache = new Map<string, FieldInfo | null>();

export function fieldInfo(path: FieldPath): FieldInfo | undefined {
  const key = fieldPattern(path);
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const node = schemaAtPath(path);
  let info: FieldInfo | undefined;
  if (node) {
    info = {
      node,
      typeLabel: typeOf(node, path),
      required: node.isRequired && path.length > 0 && typeof path[path.length - 1] === 'string',
      deprecated: /^(Deprecated|DEPRECATED)\b|\bDeprecated:/.test(node.description ?? ''),
    };
    const defaultValue = daemonSetDefaults[key] ?? defaultFromDescription(node.description);
    if (defaultValue !== undefined) info.defaultValue = defaultValue;
    const note = daemonSetFieldNotes[key];
    if (note) info.note = note;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, info ?? null);
  return info;
}

/** The Kubernetes description, trimmed of the boilerplate "More info" links and enum lists the hover shows itself. */
export function cleanDescription(description: string | undefined): string {
  if (!description) return '';
  return description
    .replace(/\n\nPossible enum values:[\s\S]*$/, '')
    .replace(/\s*More info: (https?:\/\/\S+)/g, ' ([more](<$1>))')
    .trim();
}
