/**
 * "Save to inventory": the minimal text edits that write the preview's
 * what-if node mutations back into the inventory files (`kubectl get nodes
 * -o yaml` output: a `List`/`NodeList` with `items`, or `kind: Node`
 * documents). Pure and browser-safe: the webview computes the edits from the
 * texts it shows, the extension applies them as one WorkspaceEdit.
 *
 * Each mutation is applied as text edits on the current text of the file that
 * holds its node (found by metadata.name), re-parsed between steps; the steps'
 * edits are then composed into non-overlapping edits of the original texts.
 * Text is only inserted, replaced or deleted by whole lines, so comments, key
 * order, quoting and indentation stay; a flow collection (`{a: b}`) that must
 * change is re-rendered, and only that collection. A shape it cannot edit
 * safely is refused with an error, never edited wrongly.
 *
 * The semantics mirror the reconciler's `applyNodeMutation` (the model may not
 * import the reconciler; the mutation type is structurally the same). Pass the
 * nodes the reconciler computed as `expected` and the edited files are
 * re-loaded and compared: a difference is an error, not an edit.
 *
 * A node of a node group (`expandNodeGroup`: a kind node, the replicas of an
 * eksctl node group, a MachineDeployment, a static NodePool) has no Node
 * object. Removing it is saved where its source keeps the count: kind's
 * `nodes` entry goes, eksctl's `desiredCapacity` (and a `minSize` above it),
 * Cluster API's and Karpenter's `spec.replicas` go down by one. Any other
 * what-if edit of such a node is refused with why: the source has no field
 * that says it, and a dropped edit would be a silent lie.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import { loadInventoryFromParsed } from '../inventory';
import { isLoadError } from '../objectReader';
import { mergeInventories, type InventoryLoadResult } from '../inventory';
import type { Node, Taint } from '../kubeTypes';
import { describeNodeGroup, type NodeGroup } from '../nodeGroup';
import { expandNodeGroup, nodesWithGroupNodes } from '../nodeGroupNodes';
import type { NodeMutation } from '../nodeMutation';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNSCHEDULABLE } from '../wellKnownTaints';
import { nodeOffsets, parseYamlFile, type ParsedYamlDocument, type ParsedYamlFile } from '../yamlDocuments';
import { formatFieldPath, type FieldPath } from '../fieldPath';
import { lineStartOf } from '../textPositions';
import { composeEdit, trimEdit, type OffsetEdit } from './offsetEdit';
import { columnOf, endOfLastContentLine } from './sourceText';
import { yamlScalar } from './yamlScalar';
import { detectYamlStyle, KUBECTL_YAML_STYLE, type YamlStyle } from './yamlStyle';

export interface InventoryFile {
  uri: string;
  text: string;
  version?: number;
}

export interface InventoryFileEdits {
  uri: string;
  version?: number;
  /** Edits of the original text: sorted, non-overlapping. */
  edits: OffsetEdit[];
}

export interface InventoryEditsResult {
  files: InventoryFileEdits[];
  /** Mutations whose node is no longer in the inventory: skipped, as the preview skips them. */
  skipped: number[];
  /** What the user should know about the saved edits (kind renames the nodes after a removed one). */
  notes: string[];
}

// ---------------------------------------------------------------------------
// Rendering

function renderScalar(value: unknown, style: YamlStyle): string {
  if (typeof value === 'string') return yamlScalar(value, style.quote);
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value);
}

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

function isObject(value: Plain): value is { [key: string]: Plain } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `key: value` lines for a mapping entry at `indent` columns, in block style. */
function renderEntry(key: string, value: Plain, indent: number, style: YamlStyle): string[] {
  const pad = ' '.repeat(indent);
  if (isObject(value)) {
    if (Object.keys(value).length === 0) return [`${pad}${yamlScalar(key, style.quote)}: {}`];
    return [`${pad}${yamlScalar(key, style.quote)}:`, ...renderMap(value, indent + style.indent, style)];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}${yamlScalar(key, style.quote)}: []`];
    return [`${pad}${yamlScalar(key, style.quote)}:`, ...value.flatMap((item) => renderItem(item, indent + style.sequenceIndent, style))];
  }
  return [`${pad}${yamlScalar(key, style.quote)}: ${renderScalar(value, style)}`];
}

function renderMap(value: { [key: string]: Plain }, indent: number, style: YamlStyle): string[] {
  return Object.entries(value).flatMap(([key, item]) => renderEntry(key, item, indent, style));
}

/** `- …` lines of a sequence item whose dash is at `indent`. */
function renderItem(value: Plain, indent: number, style: YamlStyle): string[] {
  const pad = ' '.repeat(indent);
  if (isObject(value) && Object.keys(value).length > 0) {
    const lines = renderMap(value, indent + 2, style);
    return [`${pad}- ${lines[0].slice(indent + 2)}`, ...lines.slice(1)];
  }
  if (Array.isArray(value) || isObject(value)) return [`${pad}- ${JSON.stringify(value)}`];
  return [`${pad}- ${renderScalar(value, style)}`];
}

/** A taint as kubectl prints it: fields in alphabetical order. */
function taintValue(taint: Taint): Plain {
  const out: { [key: string]: Plain } = { effect: taint.effect, key: taint.key };
  if (taint.timeAdded !== undefined) out.timeAdded = taint.timeAdded;
  if (taint.value !== undefined) out.value = taint.value;
  return out;
}

function sortedRecord(record: Record<string, string>): { [key: string]: Plain } {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}

/** A Node object as `kubectl get node -o yaml` prints the fields the model keeps. */
export function nodeValue(node: Node): { [key: string]: Plain } {
  const metadata: { [key: string]: Plain } = {};
  if (Object.keys(node.metadata.annotations ?? {}).length) metadata.annotations = sortedRecord(node.metadata.annotations);
  if (node.metadata.creationTimestamp) metadata.creationTimestamp = node.metadata.creationTimestamp;
  if (Object.keys(node.metadata.labels ?? {}).length) metadata.labels = sortedRecord(node.metadata.labels);
  metadata.name = node.metadata.name;
  const spec: { [key: string]: Plain } = {};
  if (node.spec.podCIDR !== undefined) spec.podCIDR = node.spec.podCIDR;
  if (node.spec.taints.length) spec.taints = node.spec.taints.map(taintValue);
  if (node.spec.unschedulable) spec.unschedulable = true;
  const status: { [key: string]: Plain } = {};
  if (Object.keys(node.status.allocatable ?? {}).length) status.allocatable = sortedRecord(node.status.allocatable);
  if (Object.keys(node.status.capacity ?? {}).length) status.capacity = sortedRecord(node.status.capacity);
  if (node.status.conditions.length) {
    status.conditions = node.status.conditions.map((c) => {
      const out: { [key: string]: Plain } = {};
      if (c.lastTransitionTime !== undefined) out.lastTransitionTime = c.lastTransitionTime;
      if (c.message !== undefined) out.message = c.message;
      if (c.reason !== undefined) out.reason = c.reason;
      out.status = c.status;
      out.type = c.type;
      return out;
    });
  }
  if (node.status.nodeInfo?.kubeletVersion !== undefined) status.nodeInfo = { kubeletVersion: node.status.nodeInfo.kubeletVersion };
  return { apiVersion: 'v1', kind: 'Node', metadata, spec, status };
}

// ---------------------------------------------------------------------------
// Text positions

class Refused extends Error {}

/** Offset just past the line break ending the line that holds `offset` (or the end of the text). */
function pastLineBreak(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** An edit of a file's current text, between two re-parses. */
type Step = OffsetEdit;

interface Located {
  file: ParsedYamlFile;
  doc: ParsedYamlDocument;
  /** Path of the Node object in its document. */
  base: FieldPath;
  style: YamlStyle;
}

function range(loc: Located, node: YamlNode): [number, number] {
  const offsets = nodeOffsets(loc.doc, node);
  if (!offsets) throw new Refused('a YAML node without a source range');
  return offsets;
}

function pairOf(map: YamlNode, key: string): Pair<YamlNode, YamlNode | null> | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key) as Pair<YamlNode, YamlNode | null> | undefined;
}

function isNullValue(value: YamlNode | null | undefined): boolean {
  return value === null || value === undefined || (isScalar(value) && (value.value === null || value.value === undefined));
}

/** Walks `path` from the AST root; returns the nodes along it (index i: the value at path[0..i)). */
function walk(loc: Located, path: FieldPath): { nodes: Array<YamlNode | null>; pairs: Array<Pair<YamlNode, YamlNode | null> | undefined> } {
  const nodes: Array<YamlNode | null> = [loc.doc.ast.contents as YamlNode | null];
  const pairs: Array<Pair<YamlNode, YamlNode | null> | undefined> = [undefined];
  let current = nodes[0];
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!isSeq(current)) break;
      const item = current.items[segment] as YamlNode | undefined;
      if (item === undefined) break;
      current = item;
      pairs.push(undefined);
    } else {
      if (!current || !isMap(current)) break;
      const pair = pairOf(current, segment);
      if (!pair) break;
      current = pair.value;
      pairs.push(pair);
    }
    nodes.push(current);
  }
  return { nodes, pairs };
}

/** The plain value of a YAML node (for re-rendering a flow collection). */
function plainOf(node: YamlNode | null): Plain {
  return (node ? node.toJSON() : null) as Plain;
}

function renderFlow(value: Plain, style: YamlStyle): string {
  if (Array.isArray(value)) return `[${value.map((item) => renderFlow(item, style)).join(', ')}]`;
  if (isObject(value)) return `{${Object.entries(value).map(([key, item]) => `${yamlScalar(key, style.quote)}: ${renderFlow(item, style)}`).join(', ')}}`;
  return renderScalar(value, style);
}

/** Replace a flow collection with its new value, in flow style: only that collection is re-rendered. */
function reRenderFlow(loc: Located, node: YamlNode, value: Plain): Step {
  const [start, end] = range(loc, node);
  return { start, end, newText: renderFlow(value, loc.style) };
}

/** Insert an entry into a block mapping: at its alphabetical place when the keys are sorted (kubectl), else at the end. */
function insertEntry(loc: Located, map: YamlNode, key: string, value: Plain): Step {
  const text = loc.file.text;
  if (!isMap(map) || map.items.length === 0) throw new Refused('expected a non-empty mapping');
  if (map.flow) {
    const plain = plainOf(map) as { [key: string]: Plain };
    return reRenderFlow(loc, map, { ...plain, [key]: value });
  }
  const keys = map.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
  const sorted = keys.every((k, i) => i === 0 || keys[i - 1] <= k);
  const firstKey = map.items[0].key as YamlNode;
  const indent = columnOf(text, range(loc, firstKey)[0]);
  const lines = renderEntry(key, value, indent, loc.style);
  const before = sorted ? map.items.findIndex((pair) => isScalar(pair.key) && String(pair.key.value) > key) : -1;
  if (before >= 0) {
    const keyStart = range(loc, map.items[before].key as YamlNode)[0];
    const at = lineStartOf(text, keyStart);
    if (text.slice(at, keyStart).trim() !== '') {
      // The first entry of a sequence item (`- key: …`): insert after it instead.
      if (before === 0 && map.items.length > 0) return appendEntry(loc, map, lines);
      throw new Refused('an entry that does not start its line');
    }
    return { start: at, end: at, newText: lines.join(loc.style.eol) + loc.style.eol };
  }
  return appendEntry(loc, map, lines);
}

function appendEntry(loc: Located, map: YamlNode, lines: string[]): Step {
  const [start, end] = range(loc, map);
  const at = endOfLastContentLine(loc.file.text, start, end);
  return { start: at, end: at, newText: loc.style.eol + lines.join(loc.style.eol) };
}

/** Replace a key's empty value (`key:` or `key: ~` or `key: {}`/`[]`) with a block value. */
function replaceEmptyValue(loc: Located, pair: Pair<YamlNode, YamlNode | null>, value: Plain): Step {
  const text = loc.file.text;
  const [keyStart, keyEnd] = range(loc, pair.key);
  const colon = text.indexOf(':', keyEnd);
  const valueEnd = pair.value && pair.value.range && pair.value.range[1] > pair.value.range[0] ? range(loc, pair.value)[1] : colon + 1;
  const key = String((pair.key as { value?: unknown }).value);
  const lines = renderEntry(key, value, columnOf(text, keyStart), loc.style);
  // renderEntry's first line is `key:`; keep the original key text and put the rest after the colon.
  const first = lines[0].trimStart().slice(yamlScalar(key, loc.style.quote).length + 1);
  const rest = lines.slice(1);
  return { start: colon + 1, end: valueEnd, newText: first + (rest.length ? loc.style.eol + rest.join(loc.style.eol) : '') };
}

/** Sets the scalar at `path` (relative to the node), creating what is missing. */
function setAt(loc: Located, path: FieldPath, value: Plain): Step | undefined {
  const full = [...loc.base, ...path];
  const { nodes, pairs } = walk(loc, full);
  const depth = nodes.length - 1;
  if (depth === full.length) {
    const node = nodes[depth];
    const pair = pairs[depth];
    if (node && isScalar(node) && node.value !== null && node.value !== undefined) {
      if (node.value === value) return undefined;
      const [start, end] = range(loc, node);
      return { start, end, newText: renderScalar(value, loc.style) };
    }
    if (pair && isNullValue(node)) {
      const [, keyEnd] = range(loc, pair.key);
      const colon = loc.file.text.indexOf(':', keyEnd);
      const end = node && node.range ? range(loc, node)[1] : colon + 1;
      return { start: colon + 1, end: Math.max(end, colon + 1), newText: ` ${renderScalar(value, loc.style)}` };
    }
    throw new Refused(`${formatFieldPath(path)} is not a scalar`);
  }
  // Build the missing part as a nested value.
  const missing = full.slice(depth);
  if (missing.some((segment) => typeof segment === 'number')) throw new Refused(`${formatFieldPath(path)} does not exist`);
  let nested: Plain = value;
  for (let i = missing.length - 1; i >= 1; i--) nested = { [missing[i] as string]: nested };
  const parent = nodes[depth];
  const parentPair = pairs[depth];
  if (parent && isMap(parent) && parent.items.length > 0) return insertEntry(loc, parent, missing[0] as string, nested);
  if (parentPair && (isNullValue(parent) || (parent && (isMap(parent) || isSeq(parent)) && parent.flow && (parent.items.length === 0)))) {
    if (parent && isSeq(parent)) throw new Refused(`${formatFieldPath(full.slice(loc.base.length, depth))} is a list`);
    return replaceEmptyValue(loc, parentPair, { [missing[0] as string]: nested });
  }
  throw new Refused(`${formatFieldPath(full.slice(loc.base.length, depth)) || 'the node'} is not a mapping`);
}

/** Deletes the lines of a block mapping entry or sequence item. */
function deleteLines(loc: Located, start: number, end: number, prefix: RegExp): Step {
  const text = loc.file.text;
  const from = lineStartOf(text, start);
  if (!prefix.test(text.slice(from, start))) throw new Refused('an entry that does not start its line');
  const to = pastLineBreak(text, endOfLastContentLine(text, start, end));
  return { start: from, end: to, newText: '' };
}

/** Deletes the entry at `path` (relative to the node); an emptied mapping becomes `{}` at the node's top level, else goes too. */
function deleteAt(loc: Located, path: FieldPath): Step | undefined {
  const full = [...loc.base, ...path];
  const { nodes, pairs } = walk(loc, full);
  if (nodes.length - 1 < full.length) return undefined;
  const parent = nodes[full.length - 1];
  const pair = pairs[full.length];
  if (!parent || !isMap(parent) || !pair) throw new Refused(`${formatFieldPath(path)} is not a mapping entry`);
  if (parent.flow) {
    const plain = plainOf(parent) as { [key: string]: Plain };
    delete plain[String((pair.key as { value?: unknown }).value)];
    return reRenderFlow(loc, parent, plain);
  }
  if (parent.items.length === 1) {
    if (path.length > 2) return deleteAt(loc, path.slice(0, -1));
    const parentPair = pairs[full.length - 1];
    if (!parentPair) throw new Refused(`${formatFieldPath(path)} is the only entry of its mapping`);
    return replaceEmptyValueWith(loc, parentPair, ' {}');
  }
  const [start] = range(loc, pair.key);
  const end = pair.value && pair.value.range ? range(loc, pair.value)[1] : range(loc, pair.key)[1];
  return deleteLines(loc, start, end, /^[ \t]*$/);
}

function replaceEmptyValueWith(loc: Located, pair: Pair<YamlNode, YamlNode | null>, newText: string): Step {
  const [, keyEnd] = range(loc, pair.key);
  const colon = loc.file.text.indexOf(':', keyEnd);
  let end = colon + 1;
  if (pair.value && pair.value.range) {
    const [valueStart, valueEnd] = range(loc, pair.value);
    // A block collection's range runs past its last line: stop at its last content.
    end = isMap(pair.value) || isSeq(pair.value) ? endOfLastContentLine(loc.file.text, valueStart, valueEnd) : valueEnd;
  }
  return { start: colon + 1, end: Math.max(end, colon + 1), newText };
}

/** Appends an item to the sequence at `path` (relative to the node), creating it when absent. */
function appendAt(loc: Located, path: FieldPath, item: Plain): Step {
  const full = [...loc.base, ...path];
  const { nodes, pairs } = walk(loc, full);
  if (nodes.length - 1 < full.length) return setAt(loc, path, [item]) as Step;
  const seq = nodes[full.length];
  const pair = pairs[full.length];
  if (seq && isSeq(seq) && seq.items.length > 0) {
    if (seq.flow) return reRenderFlow(loc, seq, [...(plainOf(seq) as Plain[]), item]);
    const text = loc.file.text;
    const [start, end] = range(loc, seq);
    const dash = columnOf(text, start);
    const lines = renderItem(item, dash, loc.style);
    const at = endOfLastContentLine(text, start, end);
    return { start: at, end: at, newText: loc.style.eol + lines.join(loc.style.eol) };
  }
  if (pair && (isNullValue(seq) || (seq && isSeq(seq) && seq.items.length === 0))) return replaceEmptyValue(loc, pair, [item]);
  throw new Refused(`${formatFieldPath(path)} is not a list`);
}

/** Deletes the items of the sequence at `path` that match; all of them removes the key (or leaves `[]` with `keepEmpty`). */
function deleteItemsAt(loc: Located, path: FieldPath, matches: (item: Plain, index: number) => boolean, keepEmpty = false): Step[] {
  const full = [...loc.base, ...path];
  const { nodes, pairs } = walk(loc, full);
  if (nodes.length - 1 < full.length) return [];
  const seq = nodes[full.length];
  if (isNullValue(seq)) return [];
  if (!seq || !isSeq(seq)) throw new Refused(`${formatFieldPath(path)} is not a list`);
  const plain = plainOf(seq) as Plain[];
  const doomed = plain.map((item, index) => matches(item, index));
  if (!doomed.some(Boolean)) return [];
  if (seq.flow) return [reRenderFlow(loc, seq, plain.filter((_, i) => !doomed[i]))];
  if (doomed.every(Boolean)) {
    const pair = pairs[full.length];
    if (keepEmpty && pair) return [replaceEmptyValueWith(loc, pair, ' []')];
    const step = deleteAt(loc, path);
    return step ? [step] : [];
  }
  const steps: Step[] = [];
  seq.items.forEach((item, index) => {
    if (!doomed[index]) return;
    const [start, end] = range(loc, item as YamlNode);
    steps.push(deleteLines(loc, start, end, /^[ \t]*-[ \t]*$/));
  });
  return steps.reverse();
}

// ---------------------------------------------------------------------------
// Mutations

interface WorkingFile {
  uri: string;
  version?: number;
  original: string;
  text: string;
  parsed: ParsedYamlFile;
  nodes: Node[];
  /** The file as loaded: its Nodes and node groups (Cluster API parts joined across files by mergeInventories). */
  loaded: InventoryLoadResult;
  style: YamlStyle;
  /** Composed edits of the original text, sorted and non-overlapping. */
  composed: OffsetEdit[];
}

function load(file: WorkingFile): void {
  file.parsed = parseYamlFile(file.text);
  const loaded = loadInventoryFromParsed(file.parsed, file.uri);
  const errors = loaded.problems.filter(isLoadError);
  if (errors.length) {
    const p = errors[0];
    throw new Refused(`${p.file}:${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
  }
  file.nodes = loaded.nodes;
  file.loaded = loaded;
}

function applySteps(file: WorkingFile, steps: Step[]): void {
  // Steps of one operation are on the same text and do not overlap: apply from the end.
  const ordered = [...steps].sort((a, b) => b.start - a.start);
  for (const step of ordered) {
    file.composed = composeEdit(file.composed, file.text, step);
    file.text = file.text.slice(0, step.start) + step.newText + file.text.slice(step.end);
  }
  if (steps.length) load(file);
}

function locate(files: WorkingFile[], name: string): { file: WorkingFile; loc: Located; node: Node } | undefined {
  for (const file of files) {
    const node = file.nodes.find((n) => n.metadata.name === name);
    if (!node || !node.source) continue;
    const doc = file.parsed.documents[node.source.documentIndex];
    return { file, node, loc: { file: file.parsed, doc, base: node.source.basePath, style: file.style } };
  }
  return undefined;
}

type Operation = (loc: Located, node: Node) => Array<Step | undefined>;

function taintItemMatches(key: string, effect?: string): (item: Plain) => boolean {
  return (item) => isObject(item) && item.key === key && (!effect || item.effect === effect);
}

function addTaintOp(taint: Taint): Operation {
  return (loc, node) => (node.spec.taints.some((t) => t.key === taint.key && t.effect === taint.effect) ? [] : [appendAt(loc, ['spec', 'taints'], taintValue(taint))]);
}

function operations(mutation: NodeMutation): Operation[] {
  switch (mutation.kind) {
    case 'setLabel':
      return [(loc) => [setAt(loc, ['metadata', 'labels', mutation.key], mutation.value)]];
    case 'removeLabel':
      return [(loc) => [deleteAt(loc, ['metadata', 'labels', mutation.key])]];
    case 'addTaint':
      return [addTaintOp(mutation.taint)];
    case 'removeTaint':
      return [(loc) => deleteItemsAt(loc, ['spec', 'taints'], taintItemMatches(mutation.key, mutation.effect))];
    case 'cordon':
      return [(loc) => [setAt(loc, ['spec', 'unschedulable'], true)], addTaintOp({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' })];
    case 'uncordon':
      // kubectl uncordon leaves no `unschedulable` key; false is the default.
      return [(loc) => [deleteAt(loc, ['spec', 'unschedulable'])], (loc) => deleteItemsAt(loc, ['spec', 'taints'], taintItemMatches(TAINT_NODE_UNSCHEDULABLE))];
    case 'markNotReady': {
      const ready: Operation = (loc, node) => {
        const index = node.status.conditions.findIndex((c) => c.type === 'Ready');
        if (index >= 0) return [setAt(loc, ['status', 'conditions', index, 'status'], 'False')];
        return [appendAt(loc, ['status', 'conditions'], { status: 'False', type: 'Ready' })];
      };
      if (mutation.withTaints === false) return [ready];
      return [ready, addTaintOp({ key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' }), addTaintOp({ key: TAINT_NODE_NOT_READY, effect: 'NoExecute' })];
    }
    case 'addNode':
    case 'removeNode':
      return [];
  }
}

function removeNodeSteps(loc: Located): Step[] {
  const base = loc.base;
  if (base.length === 0) {
    // A whole document: its slice, `---` line included.
    const file = loc.file;
    const start = loc.doc.offset;
    const end = start + loc.doc.text.length;
    if (file.documents.length === 1) return [{ start: 0, end: file.text.length, newText: '' }];
    // The first document has no `---` of its own: take the next one's instead.
    if (loc.doc.index === 0 && !/^---/.test(loc.doc.text.replace(/^(?:[ \t]*(?:#.*)?\r?\n)*/, ''))) {
      const next = file.documents[1];
      const marker = next.text.match(/^(?:[ \t]*(?:#.*)?\r?\n)*---[^\n]*\n?/);
      return [{ start, end: next.offset + (marker ? marker[0].length : 0), newText: loc.doc.text.match(/^(?:[ \t]*#.*\r?\n)*/)?.[0] ?? '' }];
    }
    return [{ start, end, newText: '' }];
  }
  if (base.length !== 2 || base[0] !== 'items' || typeof base[1] !== 'number') throw new Refused('a node outside a list\'s items');
  const index = base[1];
  const listLoc: Located = { ...loc, base: [] };
  return deleteItemsAt(listLoc, ['items'], (_, i) => i === index, true);
}

function addNodeSteps(file: WorkingFile, node: Node): Step[] {
  const parsed = file.parsed;
  const lastDoc = [...parsed.documents].reverse().find((doc) => doc.value !== null && doc.value !== undefined);
  const style = file.style;
  const value = nodeValue(node);
  if (lastDoc) {
    const contents = lastDoc.ast.contents as YamlNode | null;
    const items = contents ? pairOf(contents, 'items') : undefined;
    const kind = contents && isMap(contents) ? String(plainOf(contents) && (plainOf(contents) as { kind?: unknown }).kind) : '';
    if (items && (kind === 'List' || kind === 'NodeList')) {
      const loc: Located = { file: parsed, doc: lastDoc, base: [], style };
      return [appendAt(loc, ['items'], value)];
    }
  }
  const text = file.text;
  const lines = renderMap(value, 0, style);
  let prefix = '';
  if (text.length > 0 && !text.endsWith('\n')) prefix = style.eol;
  if (lastDoc) prefix += `---${style.eol}`;
  return [{ start: text.length, end: text.length, newText: prefix + lines.join(style.eol) + style.eol }];
}

// ---------------------------------------------------------------------------
// Nodes of node groups

/** The inventory as the preview reads it: every file's Nodes, then the nodes of groups of known size. */
function inventoryNodes(files: readonly WorkingFile[]): { nodes: Node[]; groupNodeNames: Set<string>; groups: NodeGroup[] } {
  const merged = mergeInventories(files.map((file) => file.loaded));
  const nodes = nodesWithGroupNodes(merged.nodes, merged.groups);
  const documentNames = new Set(merged.nodes.map((node) => node.metadata.name));
  return { nodes, groups: merged.groups, groupNodeNames: new Set(nodes.map((node) => node.metadata.name).filter((name) => !documentNames.has(name))) };
}

/** Each node of a node group (no Node object has its name) with its group, as the preview expands them. */
function groupNodeOwners(files: readonly WorkingFile[]): Map<string, NodeGroup> {
  const { groups, groupNodeNames } = inventoryNodes(files);
  const owners = new Map<string, NodeGroup>();
  for (const group of groups) {
    for (const node of expandNodeGroup(group) ?? []) {
      if (groupNodeNames.has(node.metadata.name) && !owners.has(node.metadata.name)) owners.set(node.metadata.name, group);
    }
  }
  return owners;
}

/** The removals of one group's nodes, saved together: a group's node names are positions, not identities. */
interface GroupRemoval {
  group: NodeGroup;
  nodes: string[];
}

function workingFileOf(files: readonly WorkingFile[], group: NodeGroup): WorkingFile {
  const file = files.find((candidate) => candidate.uri === group.source.file);
  if (!file) throw new Refused(`${describeNodeGroup(group)} is not in a file of the inventory`);
  return file;
}

function groupLocation(file: WorkingFile, group: NodeGroup, base: FieldPath): Located {
  const doc = file.parsed.documents[group.source.documentIndex];
  if (!doc) throw new Refused(`${describeNodeGroup(group)} moved while editing`);
  return { file: file.parsed, doc, base, style: file.style };
}

const isControlPlane = (group: NodeGroup): boolean => 'node-role.kubernetes.io/control-plane' in group.labels;

/**
 * kind.x-k8s.io/v1alpha4 lists one `nodes` entry per node (kind:pkg/apis/config/v1alpha4/types.go): the
 * removed nodes' entries go, in one edit per config. kind names nodes by role and position
 * (kind:pkg/cluster/internal/providers/common/namer.go), so the nodes after a removed one take other names: say which.
 */
function removeKindNodes(files: readonly WorkingFile[], removals: readonly GroupRemoval[], notes: string[]): void {
  const byConfig = new Map<string, GroupRemoval[]>();
  for (const removal of removals) {
    const key = `${removal.group.source.file}\u0000${removal.group.source.documentIndex}`;
    byConfig.set(key, [...(byConfig.get(key) ?? []), removal]);
  }
  for (const config of byConfig.values()) {
    const first = config[0].group;
    const file = workingFileOf(files, first);
    const siblings = file.loaded.groups.filter((other) => other.sourceKind === 'kind' && other.source.documentIndex === first.source.documentIndex);
    const doomed = new Set<number>();
    for (const { group } of config) {
      const base = group.source.basePath;
      const index = base[base.length - 1];
      if (typeof index !== 'number' || base[base.length - 2] !== 'nodes') {
        throw new Refused(`${describeNodeGroup(group)} is the node kind creates when the config lists none: a kind cluster has at least one node`);
      }
      doomed.add(index);
    }
    const remaining = siblings.filter((other) => !doomed.has(other.source.basePath[other.source.basePath.length - 1] as number));
    if (remaining.length === 0) throw new Refused(`${describeNodeGroup(first)} is the cluster's last node: a kind cluster has at least one node`);
    if (!remaining.some(isControlPlane)) {
      throw new Refused(`${describeNodeGroup(config.find(({ group }) => isControlPlane(group))?.group ?? first)} is the cluster's only control-plane node: kind cannot create a cluster without one`);
    }
    const base = first.source.basePath.slice(0, -2);
    applySteps(file, deleteItemsAt(groupLocation(file, first, base), ['nodes'], (_, i) => doomed.has(i)));
    const clusterName = first.name.replace(/-(control-plane|worker)\d*$/, '');
    const counters = { 'control-plane': 0, worker: 0 };
    const renamed: string[] = [];
    for (const node of remaining) {
      const role = isControlPlane(node) ? 'control-plane' : 'worker';
      counters[role] += 1;
      const name = `${clusterName}-${role}${counters[role] === 1 ? '' : counters[role]}`;
      if (name !== node.name) renamed.push(`${node.name} is now ${name}`);
    }
    if (renamed.length > 0) notes.push(`kind names nodes by role and position: ${renamed.join(', ')}`);
  }
}

/** A count field lowered by the removed nodes: eksctl's desiredCapacity (and minSize above it), spec.replicas. */
function lowerGroupCount(files: readonly WorkingFile[], { group, nodes }: GroupRemoval): void {
  const where = describeNodeGroup(group);
  if (group.count.kind !== 'exact') throw new Refused(`${where} has no count to lower`);
  const count = group.count.count - nodes.length;
  const file = workingFileOf(files, group);
  const base = group.source.basePath;
  const loc = groupLocation(file, group, base);
  const steps: Step[] = [];
  if (group.sourceKind === 'eksctl') {
    // eksctl.io/v1alpha5 ScalingConfig: desiredCapacity within minSize..maxSize (eksctl:pkg/apis/eksctl.io/v1alpha5/types.go).
    const desired = setAt(loc, ['desiredCapacity'], count);
    if (desired) steps.push(desired);
    const map = walk(loc, base).nodes[base.length];
    const minSize = map && isMap(map) ? pairOf(map, 'minSize')?.value : undefined;
    if (minSize && isScalar(minSize) && typeof minSize.value === 'number' && minSize.value > count) {
      const lowered = setAt(loc, ['minSize'], count);
      if (lowered) steps.push(lowered);
    }
  } else {
    if (group.sourceKind === 'karpenter' && walk(loc, [...base, 'spec', 'replicas']).nodes.length - 1 !== base.length + 2) {
      throw new Refused(`${where} has no replicas: Karpenter launches its nodes on demand, so there is no count to lower`);
    }
    // MachineDeployment/MachinePool spec.replicas (Cluster API defaults it to 1); a static NodePool's spec.replicas (Karpenter v1.8).
    const replicas = setAt(loc, ['spec', 'replicas'], count);
    if (replicas) steps.push(replicas);
  }
  applySteps(file, steps);
}

/**
 * The mutations that name a node of a node group, against the inventory as loaded: removals are
 * collected per group (a second removal of one node is skipped, as the preview skips it); any
 * other edit is refused, naming the group. Returns the indices handled here.
 */
function collectGroupRemovals(files: readonly WorkingFile[], mutations: readonly NodeMutation[], skipped: number[]): { handled: Set<number>; removals: GroupRemoval[] } {
  const owners = groupNodeOwners(files);
  const removals = new Map<NodeGroup, GroupRemoval>();
  const removed = new Set<string>();
  const added = new Set<string>();
  const handled = new Set<number>();
  mutations.forEach((mutation, index) => {
    if (mutation.kind === 'addNode') {
      added.add(mutation.node.metadata.name);
      return;
    }
    const group = owners.get(mutation.node);
    if (!group || added.has(mutation.node)) return;
    handled.add(index);
    if (mutation.kind !== 'removeNode') {
      if (removed.has(mutation.node)) {
        skipped.push(index);
        return;
      }
      throw new Refused(
        `node ${mutation.node} is a node of ${describeNodeGroup(group)}, which has no Node object to hold ${MUTATION_WORDS[mutation.kind]}: of a node group's nodes only a removal can be saved (it lowers the group's count)`,
      );
    }
    if (removed.has(mutation.node)) {
      skipped.push(index);
      return;
    }
    removed.add(mutation.node);
    const removal = removals.get(group) ?? { group, nodes: [] };
    removal.nodes.push(mutation.node);
    removals.set(group, removal);
  });
  return { handled, removals: [...removals.values()] };
}

const MUTATION_WORDS: Record<Exclude<NodeMutation['kind'], 'addNode' | 'removeNode'>, string> = {
  setLabel: 'a label change',
  removeLabel: 'a label removal',
  addTaint: 'a new taint',
  removeTaint: 'a taint removal',
  cordon: 'a cordon',
  uncordon: 'an uncordon',
  markNotReady: 'a NotReady condition',
};

// ---------------------------------------------------------------------------
// Comparison

function summary(node: Node): unknown {
  const ready = node.status.conditions.find((c) => c.type === 'Ready');
  return {
    name: node.metadata.name,
    labels: sortedRecord(node.metadata.labels),
    taints: node.spec.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
    unschedulable: node.spec.unschedulable,
    ready: ready ? ready.status : null,
  };
}

/**
 * Whether the files load as the preview's nodes. Nodes of node groups are
 * compared without their names (kind renames the nodes after a removed one),
 * as a multiset; Nodes of the files by name, in order.
 */
function sameNodes(actual: readonly Node[], actualGroupNodes: ReadonlySet<string>, expected: readonly Node[], expectedGroupNodes: ReadonlySet<string>): string | undefined {
  if (actual.length !== expected.length) return `the files would hold ${actual.length} nodes instead of ${expected.length}`;
  const anonymous = (node: Node): string => {
    const labels = { ...node.metadata.labels };
    delete labels['kubernetes.io/hostname'];
    return JSON.stringify(summary({ ...node, metadata: { ...node.metadata, name: '', labels } }));
  };
  const named = (nodes: readonly Node[], groupNodes: ReadonlySet<string>) => nodes.filter((node) => !groupNodes.has(node.metadata.name));
  const pooled = (nodes: readonly Node[], groupNodes: ReadonlySet<string>) => nodes.filter((node) => groupNodes.has(node.metadata.name)).map(anonymous).sort();
  const actualNamed = named(actual, actualGroupNodes);
  const expectedNamed = named(expected, expectedGroupNodes);
  for (let i = 0; i < Math.max(actualNamed.length, expectedNamed.length); i++) {
    const e = expectedNamed[i];
    if (!e || !actualNamed[i] || JSON.stringify(summary(actualNamed[i])) !== JSON.stringify(summary(e))) return `node ${(e ?? actualNamed[i]).metadata.name} would differ from the preview`;
  }
  const actualPooled = pooled(actual, actualGroupNodes);
  const expectedPooled = pooled(expected, expectedGroupNodes);
  if (actualPooled.some((node, i) => node !== expectedPooled[i])) return 'the nodes of the node groups would differ from the preview';
  return undefined;
}

/**
 * The edits that write `mutations` into the inventory `files`, or an error in
 * words. With `expected` (the reconciler's nodes after the mutations), the
 * edited files are verified to load as exactly those nodes.
 */
export function inventoryEdits(
  files: readonly InventoryFile[],
  mutations: readonly NodeMutation[],
  expected?: readonly Node[],
): InventoryEditsResult | { error: string } {
  if (files.length === 0) return { error: 'there is no inventory file to save to' };
  const working: WorkingFile[] = files.map((file) => {
    const parsed = parseYamlFile(file.text);
    const loaded: InventoryLoadResult = { nodes: [], pods: [], groups: [], priorityClasses: [], problems: [] };
    return { uri: file.uri, version: file.version, original: file.text, text: file.text, parsed, nodes: [], loaded, style: detectYamlStyle(file.text, KUBECTL_YAML_STYLE), composed: [] };
  });
  const skipped: number[] = [];
  const notes: string[] = [];
  let originalGroupNodes = new Set<string>();
  try {
    for (const file of working) load(file);
    originalGroupNodes = inventoryNodes(working).groupNodeNames;
    // Nodes of node groups first, while the groups' documents are where the inventory was read.
    const groupEdits = collectGroupRemovals(working, mutations, skipped);
    removeKindNodes(working, groupEdits.removals.filter(({ group }) => group.sourceKind === 'kind'), notes);
    for (const removal of groupEdits.removals) if (removal.group.sourceKind !== 'kind') lowerGroupCount(working, removal);
    mutations.forEach((mutation, index) => {
      if (groupEdits.handled.has(index)) return;
      if (mutation.kind === 'addNode') {
        const existing = locate(working, mutation.node.metadata.name);
        if (existing) applySteps(existing.file, removeNodeSteps(existing.loc));
        const last = working[working.length - 1];
        applySteps(last, addNodeSteps(last, mutation.node));
        return;
      }
      const target = locate(working, mutation.node);
      if (!target) {
        skipped.push(index);
        return;
      }
      if (mutation.kind === 'removeNode') {
        applySteps(target.file, removeNodeSteps(target.loc));
        return;
      }
      for (const operation of operations(mutation)) {
        const current = locate(working, mutation.node);
        if (!current) throw new Refused(`node ${mutation.node} disappeared while editing`);
        applySteps(current.file, operation(current.loc, current.node).filter((step): step is Step => step !== undefined));
      }
    });
  } catch (error) {
    if (error instanceof Refused) return { error: `cannot save to the inventory: ${error.message}` };
    throw error;
  }
  if (expected) {
    const actual = inventoryNodes(working);
    const mismatch = sameNodes(actual.nodes, actual.groupNodeNames, expected, originalGroupNodes);
    if (mismatch) return { error: `cannot save to the inventory: ${mismatch}` };
  }
  const result: InventoryFileEdits[] = [];
  for (const file of working) {
    const edits = file.composed.map((edit) => trimEdit(file.original, edit)).filter((edit): edit is OffsetEdit => edit !== undefined);
    if (edits.length === 0) continue;
    const entry: InventoryFileEdits = { uri: file.uri, edits };
    if (file.version !== undefined) entry.version = file.version;
    result.push(entry);
  }
  return { files: result, skipped, notes };
}
