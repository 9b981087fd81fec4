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
  CHOMPING_MODE,
  COLLECTION_STYLE,
  EVENT_ID,
  SCALAR_STYLE,
  type ChompingMode,
  type CollectionStyle,
  type Event,
  type ScalarStyle,
} from 'js-yaml';
import { decodeScalar, plainScalarMayResolve, resolvePlainScalar } from './yamlEvents';

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
/** Cell 0 of a plain scalar with clip chomping (as every plain one has) and no indentation (-1, so 0 in its bits), one-line (fast) or not. */
const PLAIN_SLOW = EVENT_ID.SCALAR | (SCALAR_STYLE.PLAIN << STYLE_SHIFT) | (CHOMPING_MODE.CLIP << CHOMPING_SHIFT);
const PLAIN_FAST = PLAIN_SLOW | FAST;
/** Indentation + 1 in the bits left above the flags. */
const MAX_INDENT_16 = (1 << (16 - INDENT_SHIFT)) - 1;
const MAX_INDENT_32 = (1 << (31 - INDENT_SHIFT)) - 1;

/**
 * Writes a position index node by node, in source order: the one encoder of
 * the cells, for the js-yaml events (positionsOf) and for the fast reader
 * (yamlFastReader.ts), which must give the same index for the same text.
 * Cells are written in their final form into a 32-bit scratch buffer shared
 * by every build (one build at a time: reading a document never starts
 * another), and finish copies them out in one native typed-array conversion:
 * a document costs one typed array of its own size, and no loop over its
 * nodes runs in a fresh server's interpreter.
 */
export class PositionsBuilder {
  private static scratch = new Int32Array(4096);
  private cells = PositionsBuilder.scratch;
  private count = 0;
  /** The largest number a cell holds. */
  private largest = 0;
  /** Collections opened and not closed yet: their cell 2 (-1) becomes the node count in finish (a stream cut short). */
  private unclosed = 0;

  /** Doubles the scratch buffer; writers check for room themselves (a call per node costs in a cold interpreter). */
  private grow(): void {
    const grown = new Int32Array(this.cells.length * 2);
    grown.set(this.cells);
    this.cells = PositionsBuilder.scratch = grown;
  }

  /** Opens a mapping or sequence starting at `start`; returns its node, for close. */
  openCollection(kind: typeof EVENT_ID.MAPPING | typeof EVENT_ID.SEQUENCE, style: CollectionStyle, start: number, tagged = false, anchored = false): number {
    const at = this.count++ * CELLS;
    if (at + CELLS > this.cells.length) this.grow();
    // Indentation + 1 is 0: a collection has none.
    this.cells[at] = kind | (style << STYLE_SHIFT) | (tagged ? TAGGED : 0) | (anchored ? ANCHORED : 0);
    this.cells[at + 1] = start + 1;
    this.cells[at + 2] = -1; // until closed: a stream cut short ends with it
    this.unclosed++;
    if (start + 1 > this.largest) this.largest = start + 1;
    return this.count - 1;
  }

  /** Closes a collection: its descendants are the nodes written since it opened. */
  close(node: number): void {
    this.cells[node * CELLS + 2] = this.count;
    this.unclosed--;
  }

  /** A scalar; `valueStart` -1 for an empty one. */
  scalar(style: ScalarStyle, chomping: ChompingMode, fast: boolean, indent: number, valueStart: number, valueEnd: number, tagged = false, anchored = false): void {
    const at = this.count++ * CELLS;
    if (at + CELLS > this.cells.length) this.grow();
    // An indentation past MAX_INDENT_16 makes the index 32-bit (largest), where it is capped at MAX_INDENT_32.
    this.cells[at] =
      EVENT_ID.SCALAR |
      (style << STYLE_SHIFT) |
      (chomping << CHOMPING_SHIFT) |
      (fast ? FAST : 0) |
      (tagged ? TAGGED : 0) |
      (anchored ? ANCHORED : 0) |
      (Math.min(indent + 1, MAX_INDENT_32) << INDENT_SHIFT);
    this.cells[at + 1] = valueStart + 1;
    this.cells[at + 2] = valueEnd > 0 ? valueEnd : 0;
    if (valueStart + 1 > this.largest) this.largest = valueStart + 1;
    if (valueEnd > this.largest) this.largest = valueEnd;
    if (indent + 1 > MAX_INDENT_16 && this.largest < 0x10000) this.largest = 0x10000;
  }

  /**
   * A non-empty one-line plain scalar [valueStart, valueEnd), untagged, as the fast reader writes most
   * nodes: scalar(PLAIN, CLIP, fast, -1, valueStart, valueEnd, false, anchored) with its flags folded
   * into constants, as a fresh server's interpreter would not.
   */
  plainScalar(fast: boolean, valueStart: number, valueEnd: number, anchored = false): void {
    const at = this.count++ * CELLS;
    if (at + CELLS > this.cells.length) this.grow();
    this.cells[at] = (fast ? PLAIN_FAST : PLAIN_SLOW) | (anchored ? ANCHORED : 0);
    this.cells[at + 1] = valueStart + 1;
    this.cells[at + 2] = valueEnd;
    // valueEnd > valueStart: the larger number.
    if (valueEnd > this.largest) this.largest = valueEnd;
  }

  alias(anchorStart: number, anchorEnd: number): void {
    const at = this.count++ * CELLS;
    if (at + CELLS > this.cells.length) this.grow();
    this.cells[at] = EVENT_ID.ALIAS | ANCHORED;
    this.cells[at + 1] = anchorStart + 1;
    this.cells[at + 2] = anchorEnd;
    if (anchorEnd > this.largest) this.largest = anchorEnd;
  }

  /** The index, 16-bit when every number fits. */
  finish(): YamlPositions {
    const count = this.count;
    const length = count * CELLS;
    const cells = this.cells;
    if (this.unclosed > 0) for (let at = 2; at < length; at += CELLS) if (cells[at] < 0) cells[at] = count;
    // Every cell is then in [0, largest] (cell 0 of a 16-bit index below 0x10000: its indentation fits in MAX_INDENT_16).
    return Math.max(this.largest, count) > 0xffff ? cells.slice(0, length) : new Uint16Array(cells.subarray(0, length));
  }
}

/** The index of a stream's nodes (the events of one parse), in source order. */
export function positionsOf(events: readonly Event[]): YamlPositions {
  const builder = new PositionsBuilder();
  // Open documents (-1) and collections (their node index), closed by pops.
  const open: number[] = [];
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        open.push(-1);
        break;
      case EVENT_ID.POP: {
        const opened = open.pop();
        if (opened !== undefined && opened >= 0) builder.close(opened);
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        open.push(builder.openCollection(event.type, event.style, event.start, event.tagStart >= 0, event.anchorStart >= 0));
        break;
      case EVENT_ID.SCALAR:
        builder.scalar(event.style, event.chomping, event.fast, event.indent, event.valueStart, event.valueEnd, event.tagStart >= 0, event.anchorStart >= 0);
        break;
      case EVENT_ID.ALIAS:
        builder.alias(event.anchorStart, event.anchorEnd);
        break;
    }
  }
  return builder.finish();
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

export function isAliasNode(positions: YamlPositions, node: number): boolean {
  return node < nodeCount(positions) && kindOf(positions, node) === EVENT_ID.ALIAS;
}

/** Offsets [start, end) of an alias as the `yaml` package reports them: its `*` and name. */
export function aliasOffsets(positions: YamlPositions, node: number): [number, number] | undefined {
  if (!isAliasNode(positions, node)) return undefined;
  const at = node * CELLS;
  return [positions[at + 1] - 2, positions[at + 2]];
}

/** Whether a collection is in flow style (`[…]`, `{…}`). */
export function isFlowCollection(positions: YamlPositions, node: number): boolean {
  return isCollectionNode(positions, node) && ((positions[node * CELLS] >> STYLE_SHIFT) & 0b111) === COLLECTION_STYLE.FLOW;
}

/** Whether the node has a tag or an anchor. */
export function hasProperties(positions: YamlPositions, node: number): boolean {
  return (positions[node * CELLS] & (TAGGED | ANCHORED)) !== 0;
}

/** Where a collection starts: its first key or `-` (block), its bracket (flow), as in the `yaml` AST. */
export function collectionStart(positions: YamlPositions, node: number): number {
  return positions[node * CELLS + 1] - 1;
}

/** A block scalar's content [valueStart, valueEnd) as js-yaml read it (its `|`/`>` header is before); undefined for other nodes. */
export function blockScalarContent(positions: YamlPositions, node: number): [number, number] | undefined {
  if (!isScalarNode(positions, node)) return undefined;
  const at = node * CELLS;
  const style = (positions[at] >> STYLE_SHIFT) & 0b111;
  if (style !== SCALAR_STYLE.LITERAL_BLOCK && style !== SCALAR_STYLE.FOLDED_BLOCK) return undefined;
  const start = positions[at + 1] - 1;
  return start < 0 ? undefined : [start, positions[at + 2]];
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
  return decodeScalar(
    text,
    ((flags >> STYLE_SHIFT) & 0b111) as ScalarStyle,
    ((flags >> CHOMPING_SHIFT) & 0b11) as ChompingMode,
    (flags >>> INDENT_SHIFT) - 1,
    valueStart,
    valueEnd,
  );
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

/**
 * Whether a mapping key names `name`, as `String(keyValue(…).value) === name`
 * would tell, or undefined when keyValue cannot tell. Placing a path compares
 * every key of every mapping on the way with a segment: a key whose text is
 * its value (no escapes, and a plain one that can only be a string, such as
 * `name` or `type`: plainScalarMayResolve) is compared in place, without
 * reading it out.
 */
export function keyIs(positions: YamlPositions, node: number, text: string, name: string): boolean | undefined {
  if (!isScalarNode(positions, node)) return undefined;
  const at = node * CELLS;
  const flags = positions[at];
  const valueStart = positions[at + 1] - 1;
  const valueEnd = positions[at + 2];
  if (
    (flags & (FAST | TAGGED | ANCHORED)) === FAST &&
    valueStart >= 0 &&
    valueStart < valueEnd &&
    (((flags >> STYLE_SHIFT) & 0b111) !== SCALAR_STYLE.PLAIN || !plainScalarMayResolve(text, valueStart, valueEnd))
  ) {
    return valueEnd - valueStart === name.length && text.startsWith(name, valueStart);
  }
  const resolved = keyValue(positions, node, text);
  return resolved && String(resolved.value) === name;
}

/**
 * Whether a node may read as null: a plain scalar that is empty or spelled as
 * the core schema's null (`~`, `null`, `Null`, `NULL`), or any tagged node (a
 * tag may say `!!null`). False tells, without a walk over the value, that the
 * value read with this index holds no null anywhere.
 */
export function mayHoldNull(positions: YamlPositions, text: string): boolean {
  const plainScalar = EVENT_ID.SCALAR | (SCALAR_STYLE.PLAIN << STYLE_SHIFT);
  const kindAndStyle = KIND_MASK | (0b111 << STYLE_SHIFT) | TAGGED;
  for (let at = 0; at < positions.length; at += CELLS) {
    const flags = positions[at];
    if ((flags & kindAndStyle) !== plainScalar) {
      if (flags & TAGGED) return true;
      continue;
    }
    const start = positions[at + 1] - 1;
    const end = positions[at + 2];
    if (start < 0 || end <= start) return true;
    const first = text.charCodeAt(start);
    if (first !== 0x7e && first !== 0x6e && first !== 0x4e) continue;
    // A one-line scalar (its text is its value) is null only as `~`, `null`, `Null` or `NULL`.
    if (flags & FAST && end - start !== 1 && end - start !== 4) continue;
    if (resolvePlainScalar(scalarText(positions, at / CELLS, text)) === null) return true;
  }
  return false;
}
