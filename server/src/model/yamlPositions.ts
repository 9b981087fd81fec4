/**
 * Where a document's nodes are, kept from the js-yaml events of its one
 * parse: everything placing a diagnostic or judging a duplicate key needs,
 * and nothing else, so no document is parsed again to be placed.
 *
 * The events themselves are about a hundred bytes an object each, several
 * hundred per manifest; the index is one typed array of three numbers per
 * node (pops and the document event are dropped), immutable and shared by
 * every re-based copy of the document: 16-bit numbers when every offset,
 * node count and indentation fits (any manifest under 64 KB: about 2 KB for a
 * 130-line DaemonSet), 32-bit otherwise. Node 0 is the document's root; nodes
 * are in source order and a collection's descendants follow it, so skipping
 * a collection is one read of its `next` cell.
 *
 *   cell 0  kind | style << 3 | chomping << 6 | fast << 8 | tagged << 9 | anchored << 10 | (indent + 1) << 11
 *   cell 1  1 + scalar: valueStart · collection: start · alias: anchorStart (0: an empty scalar)
 *   cell 2  scalar: valueEnd · collection: index of the first node after its descendants · alias: anchorEnd
 */
import {
  EVENT_ID,
  getScalarValue,
  SCALAR_STYLE,
  type ChompingMode,
  type Event,
  type ScalarEvent,
  type ScalarStyle,
} from 'js-yaml';
import { resolvePlainScalar } from './yamlEvents';

/** The compact node index of one single-document event stream. */
export type YamlPositions = Uint16Array | Int32Array;

const CELLS = 3;
const KIND_MASK = 0b111;
const STYLE_SHIFT = 3;
const CHOMPING_SHIFT = 6;
const FAST = 1 << 8;
const TAGGED = 1 << 9;
const ANCHORED = 1 << 10;
const INDENT_SHIFT = 11;
/** Indentation + 1 in the bits left above the flags. */
const MAX_INDENT_16 = (1 << (16 - INDENT_SHIFT)) - 1;
const MAX_INDENT_32 = (1 << (31 - INDENT_SHIFT)) - 1;

/** The index of a stream's nodes (the events of one parse), in source order. */
export function positionsOf(events: readonly Event[]): YamlPositions {
  let count = 0;
  let largest = 0; // the largest number a cell holds
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.SCALAR:
        largest = Math.max(largest, event.valueStart + 1, event.valueEnd, event.indent + 1 > MAX_INDENT_16 ? 0x10000 : 0);
        count++;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        largest = Math.max(largest, event.start + 1);
        count++;
        break;
      case EVENT_ID.ALIAS:
        largest = Math.max(largest, event.anchorEnd);
        count++;
        break;
    }
  }
  const wide = Math.max(largest, count) > 0xffff;
  const cells = wide ? new Int32Array(count * CELLS) : new Uint16Array(count * CELLS);
  const maxIndent = wide ? MAX_INDENT_32 : MAX_INDENT_16;
  // Open documents (-1) and collections (their node index), closed by pops.
  const open: number[] = [];
  let node = 0;
  for (const event of events) {
    const at = node * CELLS;
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        open.push(-1);
        break;
      case EVENT_ID.POP: {
        const opened = open.pop();
        if (opened !== undefined && opened >= 0) cells[opened * CELLS + 2] = node;
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        cells[at] = event.type | (event.style << STYLE_SHIFT) | (event.tagStart >= 0 ? TAGGED : 0) | (event.anchorStart >= 0 ? ANCHORED : 0);
        cells[at + 1] = event.start + 1;
        cells[at + 2] = count; // until its pop says otherwise: a stream cut short ends with it
        open.push(node++);
        break;
      case EVENT_ID.SCALAR:
        cells[at] =
          EVENT_ID.SCALAR |
          (event.style << STYLE_SHIFT) |
          (event.chomping << CHOMPING_SHIFT) |
          (event.fast ? FAST : 0) |
          (event.tagStart >= 0 ? TAGGED : 0) |
          (event.anchorStart >= 0 ? ANCHORED : 0) |
          (Math.min(event.indent + 1, maxIndent) << INDENT_SHIFT);
        cells[at + 1] = event.valueStart + 1;
        cells[at + 2] = Math.max(event.valueEnd, 0);
        node++;
        break;
      case EVENT_ID.ALIAS:
        cells[at] = EVENT_ID.ALIAS | ANCHORED;
        cells[at + 1] = event.anchorStart + 1;
        cells[at + 2] = event.anchorEnd;
        node++;
        break;
    }
  }
  return cells;
}

export function nodeCount(positions: YamlPositions): number {
  return positions.length / CELLS;
}

function kindOf(positions: YamlPositions, node: number): number {
  return positions[node * CELLS] & KIND_MASK;
}

export function isScalarNode(positions: YamlPositions, node: number): boolean {
  return node < nodeCount(positions) && kindOf(positions, node) === EVENT_ID.SCALAR;
}

export function isMappingNode(positions: YamlPositions, node: number): boolean {
  return node < nodeCount(positions) && kindOf(positions, node) === EVENT_ID.MAPPING;
}

export function isSequenceNode(positions: YamlPositions, node: number): boolean {
  return node < nodeCount(positions) && kindOf(positions, node) === EVENT_ID.SEQUENCE;
}

export function isCollectionNode(positions: YamlPositions, node: number): boolean {
  return isMappingNode(positions, node) || isSequenceNode(positions, node);
}

/** Index of the first node after `node` and its descendants: its next sibling, or its parent's end. */
export function nextNode(positions: YamlPositions, node: number): number {
  const kind = kindOf(positions, node);
  return kind === EVENT_ID.MAPPING || kind === EVENT_ID.SEQUENCE ? positions[node * CELLS + 2] : node + 1;
}

/**
 * Offsets [start, end) of a flow scalar as the `yaml` package reports them
 * (quotes included). Undefined for block scalars, whose range starts at the
 * `|`/`>` header that events do not record, for empty scalars and for
 * anything not a scalar (a collection's end is not in the events).
 */
export function scalarOffsets(positions: YamlPositions, node: number): [number, number] | undefined {
  if (!isScalarNode(positions, node)) return undefined;
  const at = node * CELLS;
  const start = positions[at + 1] - 1;
  if (start < 0) return undefined;
  switch ((positions[at] >> STYLE_SHIFT) & 0b111) {
    case SCALAR_STYLE.PLAIN:
      return [start, positions[at + 2]];
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED:
      return [start - 1, positions[at + 2] + 1];
    default:
      return undefined;
  }
}

/** The scalar's text as js-yaml decodes it (escapes, folding, block indentation). */
function scalarText(positions: YamlPositions, node: number, text: string): string {
  const at = node * CELLS;
  const flags = positions[at];
  const valueStart = positions[at + 1] - 1;
  const valueEnd = positions[at + 2];
  if (valueStart < 0) return '';
  if (flags & FAST) return text.slice(valueStart, valueEnd);
  const event: ScalarEvent = {
    type: EVENT_ID.SCALAR,
    valueStart,
    valueEnd,
    anchorStart: -1,
    anchorEnd: -1,
    tagStart: -1,
    tagEnd: -1,
    style: ((flags >> STYLE_SHIFT) & 0b111) as ScalarStyle,
    chomping: ((flags >> CHOMPING_SHIFT) & 0b11) as ChompingMode,
    indent: (flags >>> INDENT_SHIFT) - 1,
    fast: false,
  };
  return getScalarValue(text, event);
}

/**
 * The value a mapping key stands for, as the YAML 1.2 core schema resolves
 * it (`1` is a number, `"1"` a string), or undefined when it cannot be told
 * from the index alone (a tag, an anchor, an alias, a collection).
 */
export function keyValue(positions: YamlPositions, node: number, text: string): { value: unknown } | undefined {
  if (!isScalarNode(positions, node)) return undefined;
  const flags = positions[node * CELLS];
  if (flags & (TAGGED | ANCHORED)) return undefined;
  const raw = scalarText(positions, node, text);
  if (((flags >> STYLE_SHIFT) & 0b111) !== SCALAR_STYLE.PLAIN) return { value: raw };
  return { value: resolvePlainScalar(raw) };
}
