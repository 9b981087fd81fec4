/**
 * doComplete: keys valid at the cursor (from the Kubernetes schema, without
 * those present, required first, with snippets that fill required
 * children), enum values, DaemonSet snippets, and node labels and taints
 * from the inventory and the well-known ones. The cursor's field path comes
 * from the text (model/yamlContext), so completion works in the broken,
 * half-typed documents where people type.
 */
import { yamlContextAt, type YamlCursorContext } from '../model/yamlContext';
import { documentAtOffset } from '../model/yamlNavigation';
import { objectDocuments } from '../model/listItemDocuments';
import { listItemLines } from '../model/listItemLines';
import { yamlScalar } from '../model/yamlEdits/yamlScalar';
import { detectYamlStyle, type YamlStyle } from '../model/yamlEdits/yamlStyle';
import type { ParsedYamlDocument, ParsedYamlFile } from '../model/yamlDocuments';
import { fieldPattern, type FieldPath } from '../model/fieldPath';
import { scanKindLines } from '../model/kindLine';
import { asRecord } from './kubernetesResource';
import { cleanDescription, fieldInfo } from './fieldInfo';
import { labelKeys, labelValues, nodeList, ofNodes, taintsOf } from './completion/inventoryValues';
import {
  daemonSetSnippet,
  escapeSnippet,
  indentSnippet,
  nodeAffinitySnippet,
  rollingUpdateSnippet,
  schemaKeySnippet,
  styled,
  tolerationItemSnippet,
  tolerationsSnippet,
} from './completion/snippets';
import { TAINT_EFFECTS, WELL_KNOWN_LABELS, WELL_KNOWN_TAINTS } from './completion/wellKnown';
import { formatTaint } from '../reconciler';
import type { CompletionItem, CompletionList, EditingOptions, InventoryLike, Range } from './types';
import { lineStartOf } from '../model/textPositions';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };
const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

interface Request {
  file: ParsedYamlFile;
  doc: CompletedDocument;
  ctx: YamlCursorContext;
  range: Range;
  style: YamlStyle;
  /** Prefix for the lines after the first of a multi-line insert: the cursor key's column past the line's indentation. */
  linePrefix: string;
  inventory?: InventoryLike;
  /** The document's plain value, as far as the parser could read it. */
  root: Record<string, unknown> | undefined;
}

export function doComplete(file: ParsedYamlFile, offset: number, options: EditingOptions = {}): CompletionList {
  const inDocument = documentAtOffset(file, offset);
  if (!inDocument) return EMPTY;
  const found = yamlContextAt(inDocument.text, offset - inDocument.offset);
  if (!found) return EMPTY;
  // In a list's item, completed as in a document of its own (listItemDocuments.ts): the item's path, offsets in its text.
  const { doc, ctx } = inListItem(file, inDocument, offset, found) ?? { doc: inDocument, ctx: found };
  const lineStart = lineStartOf(doc.text, ctx.wordStart);
  const lineIndent = /^[ \t]*/.exec(doc.text.slice(lineStart, ctx.wordStart))?.[0].length ?? 0;
  const request: Request = {
    file,
    doc,
    ctx,
    range: file.lines.rangeAt(doc.offset + ctx.wordStart, doc.offset + ctx.wordEnd),
    style: detectYamlStyle(doc.text.trim() ? doc.text : file.text),
    linePrefix: ' '.repeat(Math.max(0, ctx.keyColumn - lineIndent)),
    inventory: options.inventory,
    root: asRecord(doc.value),
  };
  const kind = documentKind(doc, request.root);
  if (ctx.on === 'key' && ctx.path.length === 0 && isBlankDocument(doc.text, ctx)) {
    return { isIncomplete: false, items: [daemonSetItem(request)] };
  }
  if (kind !== undefined && kind !== 'DaemonSet') return EMPTY;
  const items = ctx.on === 'key' ? completeKey(request) : completeValue(request, ctx.path);
  return { isIncomplete: false, items };
}

/** What completion reads of the document at the cursor: its text, where it starts, its value as far as it reads. */
type CompletedDocument = Pick<ParsedYamlDocument, 'text' | 'offset' | 'value'>;

/**
 * The item of a list under the cursor and the context in it, when the cursor's path is in `items[n]`:
 * the item's document, or while the list does not parse (an item being typed), the item's lines
 * (listItemLines.ts) with its value as far as the list's reads.
 */
function inListItem(file: ParsedYamlFile, list: ParsedYamlDocument, offset: number, ctx: YamlCursorContext): { doc: CompletedDocument; ctx: YamlCursorContext } | undefined {
  const n = ctx.path[1];
  if (ctx.path.length < 2 || ctx.path[0] !== 'items' || typeof n !== 'number') return undefined;
  let item: CompletedDocument | undefined = documentAtOffset(objectDocuments(file), offset);
  if (!item || item === list || item.offset < list.offset) {
    const lines = listItemLines(list.text)?.items[n];
    if (!lines || offset < list.offset + lines.start || offset > list.offset + lines.end) return undefined;
    const items = asRecord(list.value)?.items;
    item = { text: list.text.slice(lines.start, lines.end), offset: list.offset + lines.start, value: Array.isArray(items) ? items[n] : undefined };
  }
  const shift = item.offset - list.offset;
  return { doc: item, ctx: { ...ctx, path: ctx.path.slice(2), levels: ctx.levels.slice(2), wordStart: ctx.wordStart - shift, wordEnd: ctx.wordEnd - shift } };
}

function documentKind(doc: CompletedDocument, root: Record<string, unknown> | undefined): string | undefined {
  if (root && typeof root.kind === 'string') return root.kind;
  return scanKindLines(doc.text).kind;
}

function isBlankDocument(text: string, ctx: YamlCursorContext): boolean {
  const rest = text.slice(0, ctx.wordStart) + text.slice(ctx.wordEnd);
  return rest.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)\s*$/.test(line));
}

function daemonSetItem(request: Request): CompletionItem {
  return {
    label: 'DaemonSet',
    kind: 'snippet',
    detail: 'apps/v1 DaemonSet (node agent)',
    documentation:
      'A complete DaemonSet: selector and template labels that match, a rolling update, the control-plane toleration, `system-node-critical` priority and resource requests.',
    textEdit: { range: request.range, newText: indentSnippet(daemonSetSnippet(request.style), request.linePrefix) },
    snippet: true,
    sortText: '0',
    preselect: true,
  };
}

const POD_SPEC_PATH = /^spec\.template\.spec$/;

function completeKey(request: Request): CompletionItem[] {
  const { ctx } = request;
  const path = ctx.path;
  if (path.length === 0) return rootKeys(request);
  const info = fieldInfo(path);
  if (!info) return [];
  const node = info.node;
  // `- |` in a list of scalars (`values:`, `args:`): the word is a value.
  if (ctx.afterDash && !node.type.includes('object') && node.type.length > 0) return completeValue(request, path);
  if (node.type.includes('array') && !ctx.afterDash) return newItemSnippets(request, path);
  if (node.isMap) return mapKeys(request, path);
  const items: CompletionItem[] = [];
  const key = fieldPattern(path);
  if (/tolerations\[\]$/.test(key) && ctx.siblings.size === 0 && ctx.afterDash) items.push(...tolerationItems(request, path, false));
  for (const name of node.properties) {
    if (ctx.siblings.has(name)) continue;
    if (key === 'spec' && (name === 'replicas' || name === 'strategy')) continue;
    const childPath = [...path, name];
    const child = fieldInfo(childPath);
    if (!child) continue;
    items.push(keyItem(request, name, childPath, child.required, specialSnippet(request, key, name)));
  }
  return items;
}

function rootKeys(request: Request): CompletionItem[] {
  const items: CompletionItem[] = [];
  const fixed: Record<string, string> = { apiVersion: 'apiVersion: apps/v1', kind: 'kind: DaemonSet' };
  for (const name of ['apiVersion', 'kind', 'metadata', 'spec']) {
    if (request.ctx.siblings.has(name)) continue;
    items.push(keyItem(request, name, [name], true, fixed[name] ? { text: fixed[name], kind: 'property' } : undefined));
  }
  return items;
}

interface Special {
  text: string;
  kind: CompletionItem['kind'];
  detail?: string;
}

function specialSnippet(request: Request, parentKey: string, name: string): Special | undefined {
  const style = request.style;
  if (POD_SPEC_PATH.test(parentKey)) {
    if (name === 'tolerations') return { text: tolerationsSnippet(style), kind: 'property', detail: 'toleration list' };
    if (name === 'affinity') return { text: nodeAffinitySnippet(style), kind: 'property', detail: 'required node affinity' };
    if (name === 'restartPolicy') return { text: 'restartPolicy: Always', kind: 'property' };
    if (name === 'priorityClassName') return { text: 'priorityClassName: ${1|system-node-critical,system-cluster-critical|}', kind: 'property' };
  }
  if (parentKey === 'spec') {
    if (name === 'updateStrategy') return { text: rollingUpdateSnippet(style), kind: 'property', detail: 'RollingUpdate' };
    if (name === 'selector') {
      const labels = templateLabels(request.root);
      if (labels.length > 0) {
        const lines = ['selector:', '  matchLabels:', ...labels.map(([k, v]) => `    ${escapeSnippet(yamlScalar(k))}: ${escapeSnippet(yamlScalar(v))}`)];
        return { text: styled(lines.join('\n'), style), kind: 'property', detail: 'matchLabels from the template labels' };
      }
    }
  }
  return undefined;
}

function templateLabels(root: Record<string, unknown> | undefined): Array<[string, string]> {
  const labels = asRecord(asRecord(asRecord(asRecord(root?.spec)?.template)?.metadata)?.labels);
  return Object.entries(labels ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' || typeof e[1] === 'number').map(([k, v]) => [k, String(v)]);
}

function selectorLabels(root: Record<string, unknown> | undefined): Array<[string, string]> {
  const labels = asRecord(asRecord(asRecord(root?.spec)?.selector)?.matchLabels);
  return Object.entries(labels ?? {}).filter((e) => typeof e[1] === 'string' || typeof e[1] === 'number').map(([k, v]) => [k, String(v)]);
}

function keyItem(request: Request, name: string, path: FieldPath, required: boolean, special?: Special): CompletionItem {
  const info = fieldInfo(path);
  const { ctx } = request;
  let newText: string;
  let snippet = true;
  if (ctx.hasColon) {
    newText = name;
    snippet = false;
  } else if (special) {
    newText = special.text;
  } else if (info) {
    newText = schemaKeySnippet(name, info.node, path, request.style);
  } else {
    newText = `${escapeSnippet(name)}: $1`;
  }
  const documentation = [info?.note, cleanDescription(info?.node.description)].filter(Boolean).join('\n\n');
  const item: CompletionItem = {
    label: name,
    kind: 'property',
    detail: [info?.typeLabel, required ? 'required' : undefined, special?.detail].filter(Boolean).join(' · '),
    textEdit: { range: request.range, newText: indentSnippet(newText, request.linePrefix) },
    snippet,
    sortText: `${required ? '0' : info?.deprecated ? '9' : '1'}_${name}`,
  };
  if (documentation) item.documentation = documentation;
  return item;
}

/** On a new line under a list key without `- ` yet: whole items. */
function newItemSnippets(request: Request, path: FieldPath): CompletionItem[] {
  const key = fieldPattern(path);
  if (/tolerations$/.test(key)) return tolerationItems(request, [...path, 0], true);
  const items = fieldInfo([...path, 0]);
  if (!items || !items.node.type.includes('object')) {
    return [
      {
        label: '- item',
        kind: 'snippet',
        textEdit: { range: request.range, newText: '- $1' },
        snippet: true,
        sortText: '0',
      },
    ];
  }
  const required = items.node.required[0];
  const text = required ? `- ${escapeSnippet(required)}: $1` : '- $1';
  return [
    {
      label: `- ${items.typeLabel}`,
      kind: 'snippet',
      detail: `new ${items.typeLabel}`,
      textEdit: { range: request.range, newText: text },
      snippet: true,
      sortText: '0',
    },
  ];
}

/** Toleration items: one per taint of the inventory the DaemonSet does not tolerate yet, the well-known ones, a blank one. */
function tolerationItems(request: Request, itemPath: FieldPath, withDash: boolean): CompletionItem[] {
  const style = request.style;
  const existing = existingTolerationKeys(request.root);
  const out: CompletionItem[] = [];
  const make = (label: string, text: string, detail: string, sortText: string, documentation?: string): CompletionItem => {
    const body = withDash ? text : text.replace(/^- /, '').replace(/\n {2}/g, '\n');
    const item: CompletionItem = {
      label,
      kind: 'snippet',
      detail,
      textEdit: { range: request.range, newText: indentSnippet(body, request.linePrefix) },
      snippet: true,
      sortText,
    };
    if (documentation) item.documentation = documentation;
    return item;
  };
  const seen = new Set<string>();
  if (request.inventory) {
    const total = request.inventory.nodes.length;
    for (const { taint, nodes } of taintsOf(request.inventory.nodes)) {
      if (taint.effect === 'PreferNoSchedule' || existing.has(taint.key)) continue;
      seen.add(`${taint.key}:${taint.effect}`);
      const text = tolerationItemSnippet(style, taint.key, taint.value ? 'Equal' : 'Exists', taint.effect, taint.value || undefined);
      out.push(
        make(
          `toleration ${formatTaint(taint)}`,
          text,
          `on ${ofNodes(nodes.length, total)}`,
          `0_${String(1000 - nodes.length).padStart(4, '0')}`,
          `Tolerates \`${formatTaint(taint)}\`, carried by ${nodeList(nodes)} in ${request.inventory.label}.`,
        ),
      );
    }
  }
  for (const taint of WELL_KNOWN_TAINTS) {
    if (taint.automatic || existing.has(taint.key) || seen.has(`${taint.key}:${taint.effect}`)) continue;
    out.push(make(`toleration ${taint.key}:${taint.effect}`, tolerationItemSnippet(style, taint.key, 'Exists', taint.effect), 'well-known taint', `1_${taint.key}`, taint.description));
  }
  out.push(make('toleration', tolerationItemSnippet(style), 'new toleration', '2_toleration'));
  void itemPath;
  return out;
}

function existingTolerationKeys(root: Record<string, unknown> | undefined): Set<string> {
  const tolerations = asRecord(asRecord(asRecord(root?.spec)?.template)?.spec)?.tolerations;
  const keys = new Set<string>();
  if (Array.isArray(tolerations)) for (const t of tolerations) if (typeof asRecord(t)?.key === 'string') keys.add(asRecord(t)?.key as string);
  return keys;
}

function mapKeys(request: Request, path: FieldPath): CompletionItem[] {
  const key = fieldPattern(path);
  const items: CompletionItem[] = [];
  const present = request.ctx.siblings;
  const add = (label: string, value: string | undefined, detail: string, sortText: string, documentation?: string) => {
    if (present.has(label)) return;
    const text = value === undefined ? `${escapeSnippet(yamlScalar(label))}: $1` : `${escapeSnippet(yamlScalar(label))}: ${escapeSnippet(yamlScalar(value))}`;
    const item: CompletionItem = {
      label,
      kind: 'property',
      detail,
      textEdit: { range: request.range, newText: request.ctx.hasColon ? yamlScalar(label) : text },
      snippet: !request.ctx.hasColon,
      sortText,
    };
    if (documentation) item.documentation = documentation;
    if (value === undefined && !request.ctx.hasColon) item.command = TRIGGER_SUGGEST;
    items.push(item);
  };
  if (key === 'spec.template.spec.nodeSelector') {
    nodeLabelKeys(request, (label, detail, sortText, documentation) => add(label, undefined, detail, sortText, documentation));
  } else if (key === 'spec.template.metadata.labels') {
    for (const [k, v] of selectorLabels(request.root)) add(k, v, 'from spec.selector.matchLabels', `0_${k}`);
  } else if (key === 'spec.selector.matchLabels') {
    for (const [k, v] of templateLabels(request.root)) add(k, v, 'from the template labels', `0_${k}`);
  } else if (/resources\.(requests|limits)$/.test(key)) {
    add('cpu', undefined, 'CPU cores, e.g. 100m', '0_cpu');
    add('memory', undefined, 'bytes, e.g. 128Mi', '0_memory');
    add('ephemeral-storage', undefined, 'bytes, e.g. 1Gi', '1_ephemeral-storage');
  }
  return items;
}

function nodeLabelKeys(request: Request, add: (label: string, detail: string, sortText: string, documentation?: string) => void): void {
  const seen = new Set<string>();
  if (request.inventory) {
    const total = request.inventory.nodes.length;
    for (const { value, nodes } of labelKeys(request.inventory.nodes)) {
      seen.add(value);
      add(value, `on ${ofNodes(nodes.length, total)}`, `0_${String(1000 - nodes.length).padStart(4, '0')}_${value}`, `Label of ${nodeList(nodes)} in ${request.inventory.label}.`);
    }
  }
  for (const label of WELL_KNOWN_LABELS) {
    if (!seen.has(label.key)) add(label.key, 'well-known label', `1_${label.key}`, label.description);
  }
}

/** Adds one value item; a value already offered is skipped. */
type AddValue = (value: string, detail?: string, sortText?: string, documentation?: string, kind?: CompletionItem['kind']) => void;

/** The values one field offers beyond its schema's. */
export interface ValueCompletion {
  /** The field, matched against its path with `.` between keys and `[]` for each sequence index (`spec.template.spec.tolerations[].key`). */
  field: RegExp;
  /** Adds the values for the field at `path`. */
  values: (request: Request, path: FieldPath, add: AddValue) => void;
  /** These are the only values: the schema's enum and boolean values are not added. */
  only?: true;
}

/** The siblings of the value being typed: the keys and values of the mapping it is in. */
function siblingsOf(request: Request): ReadonlyMap<string, string> {
  const levels = request.ctx.levels;
  return levels[levels.length - 1] ?? new Map<string, string>();
}

/** Which fields offer which values, one entry per field; the first match answers. */
export const VALUE_COMPLETIONS: readonly ValueCompletion[] = [
  { field: /^apiVersion$/, only: true, values: (_request, _path, add) => add('apps/v1', 'the DaemonSet API', '0') },
  { field: /^kind$/, only: true, values: (_request, _path, add) => add('DaemonSet', undefined, '0') },
  {
    field: /^spec\.template\.spec\.restartPolicy$/,
    only: true,
    values: (_request, _path, add) => add('Always', 'the only restart policy a DaemonSet accepts', '0', undefined, 'enum'),
  },
  {
    field: /^spec\.template\.spec\.priorityClassName$/,
    values: (_request, _path, add) => {
      add('system-node-critical', 'evicted last; for node agents', '0');
      add('system-cluster-critical', 'for cluster-critical add-ons', '1');
    },
  },
  { field: /^spec\.template\.spec\.nodeSelector\./, values: (request, path, add) => labelValueItems(request, String(path[path.length - 1]), add) },
  { field: /tolerations\[\]\.key$/, values: (request, _path, add) => taintKeyItems(request, add) },
  {
    field: /tolerations\[\]\.value$/,
    values: (request, _path, add) => {
      const inventory = request.inventory;
      if (!inventory) return;
      const taintKey = siblingsOf(request).get('key');
      for (const { taint, nodes } of taintsOf(inventory.nodes)) {
        if (taint.key === taintKey && taint.value) add(taint.value, `${formatTaint(taint)} on ${ofNodes(nodes.length, inventory.nodes.length)}`, `0_${taint.value}`);
      }
    },
  },
  {
    field: /tolerations\[\]\.effect$/,
    only: true,
    values: (request, _path, add) => {
      const inventory = request.inventory;
      const taintKey = siblingsOf(request).get('key');
      if (inventory && taintKey) {
        for (const { taint, nodes } of taintsOf(inventory.nodes)) {
          if (taint.key === taintKey) add(taint.effect, `${formatTaint(taint)} on ${ofNodes(nodes.length, inventory.nodes.length)}`, `0_${taint.effect}`, TAINT_EFFECTS[taint.effect], 'enum');
        }
      }
      for (const effect of ['NoSchedule', 'NoExecute', 'PreferNoSchedule']) add(effect, undefined, `1_${effect}`, TAINT_EFFECTS[effect], 'enum');
    },
  },
  {
    field: /tolerations\[\]\.operator$/,
    only: true,
    values: (_request, _path, add) => {
      add('Exists', 'any value of the key (or any key when the key is empty)', '0', undefined, 'enum');
      add('Equal', 'the value must be equal', '1', undefined, 'enum');
    },
  },
  {
    field: /nodeAffinity\..*\.matchExpressions\[\]\.key$/,
    values: (request, _path, add) => nodeLabelKeys(request, (label, detail, sortText, documentation) => add(label, detail, sortText, documentation)),
  },
  {
    field: /nodeAffinity\..*\.matchExpressions\[\]\.values\[\]$/,
    values: (request, path, add) => {
      const expressionKey = request.ctx.levels[path.length - 2]?.get('key');
      if (expressionKey) labelValueItems(request, expressionKey, add);
    },
  },
  { field: /nodeAffinity\..*\.matchFields\[\]\.key$/, values: (_request, _path, add) => add('metadata.name', 'the only field a node selector can match', '0') },
  {
    field: /nodeAffinity\..*\.matchFields\[\]\.values\[\]$/,
    values: (request, _path, add) => {
      const inventory = request.inventory;
      if (inventory) for (const node of inventory.nodes) add(node.metadata.name, `node of ${inventory.label}`);
    },
  },
  {
    field: /^spec\.selector\.matchLabels\./,
    values: (request, path, add) => {
      const label = String(path[path.length - 1]);
      for (const [k, v] of templateLabels(request.root)) if (k === label) add(v, 'the template label', '0');
    },
  },
  {
    field: /^spec\.template\.metadata\.labels\./,
    values: (request, path, add) => {
      const label = String(path[path.length - 1]);
      for (const [k, v] of selectorLabels(request.root)) if (k === label) add(v, 'what the selector requires', '0');
    },
  },
  {
    field: /^spec\.template\.spec\.dnsPolicy$/,
    values: (request, _path, add) => {
      if (request.ctx.siblings.get('hostNetwork') === 'true') add('ClusterFirstWithHostNet', 'keeps cluster DNS with hostNetwork', '0', undefined, 'enum');
    },
  },
];

/** The entry of `VALUE_COMPLETIONS` for the field at `path`, if any. */
export function valueCompletionFor(path: FieldPath): ValueCompletion | undefined {
  const key = fieldPattern(path);
  return VALUE_COMPLETIONS.find((entry) => entry.field.test(key));
}

/** Values at the cursor: the field's own (`VALUE_COMPLETIONS`), then its schema's enum or boolean values. */
function completeValue(request: Request, path: FieldPath): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add: AddValue = (value, detail, sortText, documentation, kind = 'value') => {
    if (seen.has(value)) return;
    seen.add(value);
    const text = yamlScalar(value);
    const item: CompletionItem = {
      label: value === '' ? '""' : value,
      kind,
      textEdit: { range: request.range, newText: (request.ctx.needsSpace ? ' ' : '') + text },
      snippet: false,
      sortText: sortText ?? `1_${String(items.length).padStart(3, '0')}`,
      filterText: value,
    };
    if (detail) item.detail = detail;
    if (documentation) item.documentation = documentation;
    items.push(item);
  };
  const entry = valueCompletionFor(path);
  entry?.values(request, path, add);
  if (entry?.only) return items;
  const info = fieldInfo(path);
  if (info) {
    for (const value of info.node.enum ?? []) {
      add(String(value), value === info.defaultValue ? 'default' : undefined, `2_${String(value)}`, undefined, 'enum');
    }
    if (info.node.type.length === 1 && info.node.type[0] === 'boolean') {
      add('true', undefined, '2_a', undefined, 'keyword');
      add('false', undefined, '2_b', undefined, 'keyword');
    }
  }
  return items;
}

function labelValueItems(request: Request, labelKey: string, add: (value: string, detail?: string, sortText?: string) => void): void {
  const inventory = request.inventory;
  if (inventory) {
    for (const { value, nodes } of labelValues(inventory.nodes, labelKey)) {
      add(value, `on ${ofNodes(nodes.length, inventory.nodes.length)}: ${nodeList(nodes, 3)}`, `0_${String(1000 - nodes.length).padStart(4, '0')}_${value}`);
    }
  }
  const known = WELL_KNOWN_LABELS.find((label) => label.key === labelKey);
  for (const value of known?.values ?? []) add(value, 'well-known value', `1_${value}`);
}

function taintKeyItems(request: Request, add: (value: string, detail?: string, sortText?: string, documentation?: string) => void): void {
  const inventory = request.inventory;
  if (inventory) {
    for (const { taint, nodes } of taintsOf(inventory.nodes)) {
      add(taint.key, `${formatTaint(taint)} on ${ofNodes(nodes.length, inventory.nodes.length)}`, `0_${String(1000 - nodes.length).padStart(4, '0')}_${taint.key}`, `Carried by ${nodeList(nodes)}.`);
    }
  }
  for (const taint of WELL_KNOWN_TAINTS) {
    add(taint.key, `well-known ${taint.effect} taint${taint.automatic ? ' (tolerated automatically)' : ''}`, `${taint.automatic ? '2' : '1'}_${taint.key}`, taint.description);
  }
}
