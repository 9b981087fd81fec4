/**
 * findDocumentSymbols: the outline. Each Kubernetes object of the file as
 * `Kind namespace/name`; a DaemonSet's containers, tolerations and volumes
 * as its children.
 */
import { isMap, type Node } from 'yaml';
import { abbreviateLongWords } from './messageText';
import { findNodeAtPath, nodeOffsets, type ParsedYamlDocument, type ParsedYamlFile } from '../model/yamlDocuments';
import { POD_SPEC_PATH, valueAt, type FieldPath } from '../model/fieldPath';
import { asRecord, resourceIdentity } from './kubernetesResource';
import { outlineHolds, outlineOf } from '../model/yamlOutline';
import type { DocumentSymbol, Range, SymbolKind } from './types';

export function findDocumentSymbols(file: ParsedYamlFile): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const whole of file.documents) {
    const identity = resourceIdentity(whole);
    if (!identity) continue; // before the AST: documents that are no object need none
    const podSpec = podSpecPath(identity.kind);
    // The outline, where it holds every node the symbols need: a long flow collection is never composed for them.
    const outline = outlineOf(whole);
    const needed: FieldPath[] = [['metadata', 'name'], ['kind'], ...(podSpec ? SYMBOL_LISTS.map((field) => [...podSpec, field]) : [])];
    const doc = needed.every((path) => outlineHolds(outline, whole.value, path)) ? outline.doc : whole;
    const contents = doc.ast.contents as Node | null;
    const offsets = nodeOffsets(doc, contents);
    if (!offsets || !isMap(contents)) continue;
    const range = file.lines.rangeAt(offsets[0], endOfContent(file.text, offsets[0], offsets[1]));
    const nameAt = rangeOf(file, doc, ['metadata', 'name']) ?? rangeOf(file, doc, ['kind']) ?? range;
    const symbol: DocumentSymbol = {
      name: abbreviateLongWords(`${identity.kind} ${identity.namespace ? `${identity.namespace}/` : ''}${identity.name ?? '(unnamed)'}`),
      detail: abbreviateLongWords(identity.apiVersion),
      kind: 'class',
      range,
      selectionRange: nameAt,
    };
    const children = podTemplateChildren(file, doc, podSpec);
    if (children.length > 0) symbol.children = children;
    symbols.push(symbol);
  }
  return symbols;
}

/** The pod spec's lists whose items are symbols. */
const SYMBOL_LISTS = ['initContainers', 'containers', 'tolerations', 'volumes'];

function podSpecPath(kind: string): FieldPath | undefined {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', ...POD_SPEC_PATH];
  if (['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet', 'Job'].includes(kind)) return POD_SPEC_PATH;
  return undefined;
}

function endOfContent(text: string, start: number, end: number): number {
  let last = end;
  while (last > start && /\s/.test(text[last - 1])) last--;
  return last;
}

function rangeOf(file: ParsedYamlFile, doc: ParsedYamlDocument, path: FieldPath, prefer: 'key' | 'value' = 'value'): Range | undefined {
  const found = findNodeAtPath(doc, path);
  if (found.depth !== path.length) return undefined;
  const node = prefer === 'key' ? (found.key ?? found.value) : (found.value ?? found.key);
  const offsets = nodeOffsets(doc, node);
  return offsets ? file.lines.rangeAt(offsets[0], endOfContent(file.text, offsets[0], offsets[1])) : undefined;
}

function podTemplateChildren(file: ParsedYamlFile, doc: ParsedYamlDocument, podSpec: FieldPath | undefined): DocumentSymbol[] {
  if (!podSpec) return [];
  const spec = asRecord(valueAt(doc.value, podSpec));
  if (!spec) return [];
  const out: DocumentSymbol[] = [];
  const list = (field: string, kind: SymbolKind, name: (item: Record<string, unknown>, index: number) => string, detail: (item: Record<string, unknown>) => string | undefined) => {
    const items = spec[field];
    if (!Array.isArray(items)) return;
    items.forEach((raw, index) => {
      const item = asRecord(raw);
      if (!item) return;
      const range = rangeOf(file, doc, [...podSpec, field, index]);
      if (!range) return;
      const symbol: DocumentSymbol = { name: abbreviateLongWords(name(item, index)), kind, range, selectionRange: range };
      const text = detail(item);
      if (text) symbol.detail = abbreviateLongWords(text);
      out.push(symbol);
    });
  };
  const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  list('initContainers', 'object', (c, i) => `init container ${str(c.name) ?? `#${i + 1}`}`, (c) => str(c.image));
  list('containers', 'object', (c, i) => `container ${str(c.name) ?? `#${i + 1}`}`, (c) => str(c.image));
  list(
    'tolerations',
    'key',
    (t) => {
      const key = str(t.key);
      const value = str(t.value);
      const effect = str(t.effect);
      const what = key ? `${key}${value ? `=${value}` : ''}` : 'every taint';
      return `toleration ${what}${effect ? `:${effect}` : ''}`;
    },
    (t) => str(t.operator),
  );
  list('volumes', 'field', (v, i) => `volume ${str(v.name) ?? `#${i + 1}`}`, (v) => Object.keys(v).find((k) => k !== 'name'));
  return out;
}

