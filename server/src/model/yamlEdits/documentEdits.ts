/**
 * Minimal text edits on a parsed YAML document, by field path: replace a
 * scalar, add keys to a block mapping, fill an empty value with a block,
 * rename or remove a key. Only new text is inserted, never re-serialized, so
 * comments, quoting and key order stay; new lines follow the author's style
 * (`yamlStyle.ts`). Values are YAML text: write strings with `yamlScalar`.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { findNodeAtPath, nodeOffsets, rangeIndexOf, type ParsedYamlDocument, type ParsedYamlFile } from '../yamlDocuments';
import { indexedNodeAtPath, nodeRange } from '../yamlIndexRanges';
import { blockScalarContent, isFlowCollection, isMappingNode, nextNode, scalarOffsets } from '../yamlPositions';
import type { FieldPath } from '../fieldPath';
import { lineStartOf } from '../textPositions';
import type { OffsetEdit } from './offsetEdit';
import { columnOf, endOfLastContentLine } from './sourceText';
import { restyle, type YamlStyle } from './yamlStyle';

export interface EditContext {
  file: ParsedYamlFile;
  doc: ParsedYamlDocument;
  style: YamlStyle;
}

/** A node of the parsed document always has a range. */
function offsets(ctx: EditContext, node: Node): [number, number] {
  return nodeOffsets(ctx.doc, node) as [number, number];
}

function edit(start: number, end: number, newText: string): OffsetEdit {
  return { start, end, newText };
}

export function nodeAt(ctx: EditContext, path: FieldPath): Node | null | undefined {
  const found = findNodeAtPath(ctx.doc, path);
  return found.depth === path.length ? found.value : undefined;
}

/** Replaces the scalar value at `path` with `text`. */
export function replaceScalar(ctx: EditContext, path: FieldPath, text: string): OffsetEdit | undefined {
  const node = nodeAt(ctx, path);
  if (!node || !isScalar(node) || !node.range) return undefined;
  const [start, end] = offsets(ctx, node);
  return edit(start, end, text);
}

/**
 * Adds `lines` (YAML written with 2-space steps, the first line a key of the
 * mapping) to the block mapping at `mapPath`: after its last entry, or before
 * its first with `at: 'start'`.
 */
export function insertIntoMap(ctx: EditContext, mapPath: FieldPath, lines: string[], at: 'start' | 'end' = 'end'): OffsetEdit | undefined {
  const map = nodeAt(ctx, mapPath);
  if (!map || !isMap(map) || map.items.length === 0) return fillEmptyValue(ctx, mapPath, lines);
  const text = ctx.file.text;
  if (map.flow) {
    if (lines.length !== 1) return undefined;
    const [start, end] = offsets(ctx, map);
    const close = text.lastIndexOf('}', end - 1);
    if (close < start) return undefined;
    return edit(close, close, `, ${lines[0]}`);
  }
  const firstKey = map.items[0].key as Node;
  const [keyStart] = offsets(ctx, firstKey);
  const indent = ' '.repeat(columnOf(text, keyStart));
  const body = restyle(lines.join('\n'), ctx.style).split('\n');
  if (at === 'start') {
    return edit(keyStart, keyStart, body.map((line, i) => (i === 0 ? line : indent + line)).join(ctx.style.eol) + ctx.style.eol + indent);
  }
  const [start, end] = offsets(ctx, map);
  const position = endOfLastContentLine(text, start, end);
  return edit(position, position, body.map((line) => ctx.style.eol + indent + line).join(''));
}

/**
 * The key at `path` exists with no value, `{}`, `[]` or `~`: the value becomes a block of `lines`
 * one step under the key. When the key is absent, nothing (the caller adds it to the parent).
 */
export function fillEmptyValue(ctx: EditContext, path: FieldPath, lines: string[]): OffsetEdit | undefined {
  const found = findNodeAtPath(ctx.doc, path);
  if (found.depth !== path.length || !found.key) return undefined;
  const value = found.value;
  const empty =
    value === null ||
    value === undefined ||
    (isScalar(value) && (value.value === null || value.value === '')) ||
    ((isMap(value) || isSeq(value)) && value.flow && value.items.length === 0);
  if (!empty) return undefined;
  const text = ctx.file.text;
  const [keyStart, keyEnd] = offsets(ctx, found.key);
  const colon = text.indexOf(':', keyEnd);
  if (colon < 0) return undefined;
  const valueEnd = value && value.range && value.range[1] > value.range[0] ? offsets(ctx, value)[1] : colon + 1;
  // A sequence sits under its key as the author's sequences do; a mapping one step in.
  const step = lines[0]?.startsWith('- ') ? ctx.style.sequenceIndent : ctx.style.indent;
  const indent = ' '.repeat(columnOf(text, keyStart) + step);
  const body = restyle(lines.join('\n'), ctx.style).split('\n');
  return edit(colon + 1, valueEnd, body.map((line) => ctx.style.eol + indent + line).join(''));
}

/**
 * Appends an item to the sequence at `path`: `lines` (YAML written with
 * 2-space steps, the first line starting with `- `) after the last item of a
 * block sequence, at its dash column; `flowItem` before a flow sequence's `]`.
 */
export function appendToSequence(ctx: EditContext, path: FieldPath, lines: string[], flowItem: string): OffsetEdit | undefined {
  return insertIntoSequence(ctx, path, lines, flowItem);
}

/**
 * Inserts an item into the sequence at `path` right after item `after`
 * (the last item when absent or out of range), written as `appendToSequence` writes it.
 */
export function insertIntoSequence(ctx: EditContext, path: FieldPath, lines: string[], flowItem: string, after?: number): OffsetEdit | undefined {
  const seq = nodeAt(ctx, path);
  if (!seq || !isSeq(seq) || !seq.range) return undefined;
  const text = ctx.file.text;
  const [start, end] = offsets(ctx, seq);
  const index = after !== undefined && after >= 0 && after < seq.items.length ? after : seq.items.length - 1;
  if (seq.flow) {
    if (index < seq.items.length - 1) {
      const [, itemEnd] = offsets(ctx, seq.items[index] as Node);
      return edit(itemEnd, itemEnd, `, ${flowItem}`);
    }
    const close = text.lastIndexOf(']', end - 1);
    if (close < start) return undefined;
    return edit(close, close, `${seq.items.length > 0 ? ', ' : ''}${flowItem}`);
  }
  const indent = ' '.repeat(columnOf(text, start));
  const [itemStart, itemEnd] = offsets(ctx, seq.items[index] as Node);
  const at = endOfLastContentLine(text, itemStart, itemEnd);
  const body = restyle(lines.join('\n'), ctx.style).split('\n');
  return edit(at, at, body.map((line) => ctx.style.eol + indent + line).join(''));
}

/** Sets `key: value` in the mapping at `mapPath`: replaces the value when the key exists, adds the key otherwise. */
export function setKey(ctx: EditContext, mapPath: FieldPath, key: string, value: string): OffsetEdit | undefined {
  // The commonest fixes set one key (priorityClassName, dnsPolicy): from the position index when it tells, never composing the AST.
  const fromIndex = setKeyFromIndex(ctx, mapPath, key, value);
  if (fromIndex) return fromIndex;
  const existing = findNodeAtPath(ctx.doc, [...mapPath, key]);
  if (existing.depth === mapPath.length + 1) {
    if (existing.value && isScalar(existing.value) && existing.value.range && existing.value.range[1] > existing.value.range[0]) {
      return replaceScalar(ctx, [...mapPath, key], value);
    }
    return fillEmptyScalar(ctx, [...mapPath, key], value);
  }
  return insertIntoMap(ctx, mapPath, [`${key}: ${value}`]);
}

/**
 * setKey's edit from the document's position index (yamlIndexRanges.ts),
 * the same as from the AST; undefined where the index cannot tell, or where
 * setKey makes no edit (the AST then says so).
 */
function setKeyFromIndex(ctx: EditContext, mapPath: FieldPath, key: string, value: string): OffsetEdit | undefined {
  // A template's masked lines are blank to the parser but not in the text the edit is placed in.
  const index = ctx.doc.template ? undefined : rangeIndexOf(ctx.doc);
  if (!index) return undefined;
  const base = ctx.doc.offset;
  const text = ctx.file.text;
  const existing = indexedNodeAtPath(index, [...mapPath, key]);
  if (!existing || existing.value === undefined) return undefined;
  if (existing.depth === mapPath.length + 1) {
    const scalar = scalarOffsets(index.positions, existing.value);
    if (scalar && scalar[1] > scalar[0]) return edit(base + scalar[0], base + scalar[1], value);
    if (blockScalarContent(index.positions, existing.value) || !existing.key) return undefined;
    const colon = text.indexOf(':', base + existing.key[1]);
    return colon < 0 ? undefined : edit(colon + 1, colon + 1, ` ${value}`);
  }
  // Added to the mapping: after its last entry (a block mapping) or before its `}`.
  const map = indexedNodeAtPath(index, mapPath);
  if (!map || map.depth !== mapPath.length || map.value === undefined || !isMappingNode(index.positions, map.value)) return undefined;
  const range = nodeRange(index, map.value);
  const firstKey = scalarOffsets(index.positions, map.value + 1);
  if (!range || !firstKey || map.value + 1 >= nextNode(index.positions, map.value)) return undefined;
  const [start, end] = [base + range[0], base + range[1]];
  if (isFlowCollection(index.positions, map.value)) {
    const close = text.lastIndexOf('}', end - 1);
    return close < start ? undefined : edit(close, close, `, ${key}: ${value}`);
  }
  const indent = ' '.repeat(columnOf(text, base + firstKey[0]));
  const body = restyle(`${key}: ${value}`, ctx.style).split('\n');
  const position = endOfLastContentLine(text, start, end);
  return edit(position, position, body.map((line) => ctx.style.eol + indent + line).join(''));
}

function fillEmptyScalar(ctx: EditContext, path: FieldPath, value: string): OffsetEdit | undefined {
  const found = findNodeAtPath(ctx.doc, path);
  if (!found.key) return undefined;
  const [, keyEnd] = offsets(ctx, found.key);
  const colon = ctx.file.text.indexOf(':', keyEnd);
  return colon < 0 ? undefined : edit(colon + 1, colon + 1, ` ${value}`);
}

/** Replaces the entries of the block mapping at `path` (from its first key to its last value) with `lines`. */
export function replaceMapEntries(ctx: EditContext, path: FieldPath, lines: string[]): OffsetEdit | undefined {
  const map = nodeAt(ctx, path);
  if (!map || !isMap(map) || map.items.length === 0) return fillEmptyValue(ctx, path, lines);
  const text = ctx.file.text;
  if (map.flow) {
    const [start, end] = offsets(ctx, map);
    return edit(start, end, `{${lines.join(', ')}}`);
  }
  const [start, end] = offsets(ctx, map);
  const indent = ' '.repeat(columnOf(text, start));
  const stop = endOfLastContentLine(text, start, end);
  return edit(start, stop, lines.join(ctx.style.eol + indent));
}

/** Renames the key at `path` (its text only: the value, comments and quoting of the value stay). */
export function renameKey(ctx: EditContext, path: FieldPath, name: string): OffsetEdit | undefined {
  const found = findNodeAtPath(ctx.doc, path);
  if (found.depth !== path.length || !found.key || !isScalar(found.key) || !found.key.range) return undefined;
  const [start, end] = offsets(ctx, found.key);
  return edit(start, end, name);
}

/**
 * Removes `key` and its value, whole lines, from the block mapping at
 * `mapPath`. Undefined for flow mappings and for a mapping's only entry
 * (which would leave the key above it with nothing).
 */
export function removeKey(ctx: EditContext, mapPath: FieldPath, key: string): OffsetEdit | undefined {
  const map = nodeAt(ctx, mapPath);
  if (!map || !isMap(map) || map.flow || map.items.length < 2) return undefined;
  const index = map.items.findIndex((pair) => isScalar(pair.key) && String(pair.key.value) === key);
  if (index < 0) return undefined;
  const text = ctx.file.text;
  const [keyStart] = offsets(ctx, map.items[index].key as Node);
  const start = lineStartOf(text, keyStart);
  // The first entry of a sequence item (`- key: …`) shares its line with the dash: not a whole line to drop.
  if (text.slice(start, keyStart).trim() !== '') return undefined;
  const next = map.items[index + 1];
  if (next) return edit(start, lineStartOf(text, offsets(ctx, next.key as Node)[0]), '');
  // The last entry: from the end of the previous entry's last line to the end of this one's.
  const [mapStart, mapEnd] = offsets(ctx, map);
  const previousEnd = endOfLastContentLine(text, mapStart, start);
  return edit(previousEnd, endOfLastContentLine(text, keyStart, mapEnd), '');
}

/**
 * Replaces the entry at `path` (a key with a scalar value, in a block
 * mapping) by `lines`, YAML written with 2-space steps, at the same place and
 * indentation.
 */
export function replaceEntry(ctx: EditContext, path: FieldPath, lines: string[]): OffsetEdit | undefined {
  const found = findNodeAtPath(ctx.doc, path);
  if (found.depth !== path.length || !found.key || !found.value || !isScalar(found.value) || !found.value.range) return undefined;
  const [keyStart] = offsets(ctx, found.key);
  const [, valueEnd] = offsets(ctx, found.value);
  const indent = ' '.repeat(columnOf(ctx.file.text, keyStart));
  const body = restyle(lines.join('\n'), ctx.style).split('\n');
  return edit(keyStart, valueEnd, body.map((line, i) => (i === 0 ? line : indent + line)).join(ctx.style.eol));
}
