/**
 * The ranges of a document's nodes as the `yaml` AST gives them, read from
 * the position index of its one parse (`yamlPositions.ts`) without composing
 * the AST: the outline's ranges (a whole object, a container, the name),
 * the code lens's line and the field under a cursor. Composing the AST of a
 * 3,000-document file for its outline took about a second; this reads the
 * index and, where a collection ends, a few lines of text.
 *
 * The `yaml` package ends a block collection where its last value's tokens
 * end — which takes in comments: a comment on the last value's line, the
 * comment lines after it indented deeper than the collection holding that
 * value, and comment lines the parser leaves in an inner collection when it
 * closes it (one that is not at column 0 and whose indentation some of them
 * reach; `blockCollectionEnd` follows the parser's rules for these). Every
 * function answers exactly what the AST answers, or undefined where the
 * index cannot tell (block scalars' headers, empty values, aliases, tags,
 * tabs in indentation), and the caller then asks the AST;
 * `test/server/model/yamlIndexRanges.test.ts` compares both on every
 * fixture, example, bench corpus and tricky YAML.
 */
import type { FieldPath } from './fieldPath';
import { findNodesAtPath } from './yamlEventLocator';
import { CR, endOfLine, HASH, LINE_FEED, lineContentEnd, SPACE, TAB, skipFlowSeparators } from './yamlLineScan';
import {
  aliasOffsets,
  blockScalarContent,
  collectionStart,
  isAliasNode,
  isCollectionNode,
  isFlowCollection,
  isMappingNode,
  isScalarNode,
  isSequenceNode,
  keyValue,
  nextNode,
  nodeCount,
  scalarOffsets,
  type YamlPositions,
} from './yamlPositions';

/** A document's position index and the text it indexes (Go templates masked), offsets relative to the document. */
export interface IndexedText {
  positions: YamlPositions;
  text: string;
}

/** The last child node of a collection, if it has any, and the one before it. */
function lastChildren(positions: YamlPositions, node: number): { last?: number; before?: number } {
  const end = nextNode(positions, node);
  let last: number | undefined;
  let before: number | undefined;
  for (let child = node + 1; child < end; child = nextNode(positions, child)) {
    before = last;
    last = child;
  }
  return { last, before };
}

function lastChild(positions: YamlPositions, node: number): number | undefined {
  return lastChildren(positions, node).last;
}

/**
 * The offset just past a flow collection's closing bracket (the AST's
 * range[1]): after its last node, only separators and comments come before
 * it. Undefined when the index or the text say otherwise (tags, anchors,
 * aliases, a mapping without braces inside a sequence).
 */
export function flowCollectionEnd({ positions, text }: IndexedText, node: number): number | undefined {
  const start = collectionStart(positions, node);
  const open = text.charCodeAt(start);
  const closer = open === 91 /* [ */ ? 93 : open === 123 /* { */ ? 125 : undefined;
  if (closer === undefined || !isFlowCollection(positions, node)) return undefined;
  let cursor = start + 1;
  const end = nextNode(positions, node);
  for (let child = node + 1; child < end; child = nextNode(positions, child)) {
    if (isCollectionNode(positions, child)) {
      const childEnd = flowCollectionEnd({ positions, text }, child);
      if (childEnd === undefined) return undefined;
      cursor = Math.max(cursor, childEnd);
    } else if (isScalarNode(positions, child)) {
      const offsets = scalarOffsets(positions, child);
      if (offsets) cursor = Math.max(cursor, offsets[1]);
      else if (blockScalarContent(positions, child)) return undefined;
      // else an empty value: nothing in the text
    } else {
      cursor = Math.max(cursor, (aliasOffsets(positions, child) as [number, number])[1]);
    }
  }
  const at = skipFlowSeparators(text, cursor);
  return text.charCodeAt(at) === closer ? at + 1 : undefined;
}

/** The column of an offset when only spaces and `-`, `?` indicators precede it on its line: the parser's indentation there. */
function columnOf(text: string, offset: number): number | undefined {
  let at = offset;
  while (at > 0) {
    const code = text.charCodeAt(at - 1);
    if (code === LINE_FEED) break;
    if (code !== SPACE && code !== 45 /* - */ && code !== 63 /* ? */) return undefined;
    at--;
  }
  return offset - at;
}

/** Whether [from, to) holds a `\r`: a line break of its own, which the line scan here does not follow. */
function hasCarriageReturn(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === CR) return true;
  return false;
}

/** Where a node ends that ends a line: past a plain or quoted scalar or a flow collection, or the last non-space of a block scalar's content. */
function lastNodeEnd(index: IndexedText, node: number): { end: number; hasEndTokens: boolean } | undefined {
  const { positions, text } = index;
  if (isCollectionNode(positions, node)) {
    const end = isFlowCollection(positions, node) ? flowCollectionEnd(index, node) : undefined;
    return end === undefined ? undefined : { end, hasEndTokens: true };
  }
  const offsets = scalarOffsets(positions, node) ?? aliasOffsets(positions, node);
  if (offsets) return { end: offsets[1], hasEndTokens: true };
  const block = blockScalarContent(positions, node);
  if (!block) return undefined; // an empty value
  let end = block[1];
  while (end > block[0] && /\s/.test(text[end - 1])) end--;
  // Without content, the range is the header's, which the index does not hold.
  return end > block[0] ? { end, hasEndTokens: false } : undefined;
}

/**
 * The end of a block collection as the AST's range[1] reaches, up to
 * whitespace (callers trim it): where its last value ends, or the last
 * comment the `yaml` parser puts inside it. Undefined when the index cannot
 * tell.
 *
 * The parser's rules, for the comment lines between the collection's last
 * value (on the innermost collection holding it) and the next content:
 * - a comment on the value's line is the value's;
 * - the comment lines right after it (blank lines between allowed) that are
 *   indented deeper than the innermost collection are the value's too, if it
 *   is a plain or quoted scalar or a flow collection;
 * - every comment line from the first other one on forms one comment item of
 *   the innermost collection; when the collection closes, the item moves to
 *   its parent unless the collection is not at column 0 and one of the
 *   comments is indented at least as far as the collection; and so on up.
 *   An item left in a collection inside this one is within its range; one
 *   that reaches this collection, or moves past it, is not.
 */
export function blockCollectionEnd(index: IndexedText, node: number): number | undefined {
  const { positions, text } = index;
  const indents: number[] = [];
  let last = node;
  let parent = node;
  let key: number | undefined;
  while (isCollectionNode(positions, last) && !isFlowCollection(positions, last)) {
    const column = columnOf(text, collectionStart(positions, last));
    const children = lastChildren(positions, last);
    if (column === undefined || children.last === undefined) return undefined;
    indents.push(column);
    parent = last;
    key = children.before;
    last = children.last;
  }
  if (indents.length === 0) return undefined;
  if (isScalarNode(positions, last) && !scalarOffsets(positions, last) && !blockScalarContent(positions, last)) {
    return isMappingNode(positions, parent) && key !== undefined ? emptyValueEnd(index, key) : undefined;
  }
  const ending = lastNodeEnd(index, last);
  if (!ending) return undefined;
  const lineEnd = valueLineEnd(text, ending.end);
  if (lineEnd === undefined) return undefined;
  let end = lineContentEnd(text, 0, lineEnd, true);
  const innermost = indents[indents.length - 1];
  let absorbing = ending.hasEndTokens;
  let itemIndent = -1; // the deepest comment of the comment item, -1 while there is none
  let itemEnd = 0;
  const complete = commentLinesAfter(text, lineEnd, (indent, commentEnd) => {
    if (absorbing && indent > innermost) end = commentEnd;
    else {
      absorbing = false;
      itemIndent = Math.max(itemIndent, indent);
      itemEnd = commentEnd;
    }
  });
  if (!complete) return undefined;
  if (itemIndent >= 0) {
    // Closed from the innermost outwards; this collection (level 0) keeps its item out of its range.
    for (let level = indents.length - 1; level >= 1; level--) {
      if (indents[level] !== 0 && itemIndent >= indents[level]) return itemEnd;
    }
  }
  return end;
}

/**
 * Where a block mapping whose last value is empty (`emptyDir:`) ends: the
 * parser keeps every comment line up to the next content with that value,
 * whatever its indentation, and places the value after the `:` otherwise.
 */
function emptyValueEnd(index: IndexedText, key: number): number | undefined {
  const { positions, text } = index;
  const keyRange = scalarOffsets(positions, key);
  if (!keyRange) return undefined;
  let colon = keyRange[1];
  while (text.charCodeAt(colon) === SPACE) colon++;
  if (text.charCodeAt(colon) !== 58 /* : */) return undefined;
  const lineEnd = valueLineEnd(text, colon + 1);
  if (lineEnd === undefined) return undefined;
  let end = colon + 1;
  let after = end;
  while (text.charCodeAt(after) === SPACE || text.charCodeAt(after) === TAB) after++;
  if (text.charCodeAt(after) === HASH) end = lineContentEnd(text, 0, lineEnd, true);
  const complete = commentLinesAfter(text, lineEnd, (_indent, commentEnd) => {
    end = commentEnd;
  });
  return complete ? end : undefined;
}

/**
 * The end of the line a value ends on (its `\n`, or the text's end), when
 * only spaces, tabs and perhaps a comment follow the value there.
 */
function valueLineEnd(text: string, valueEnd: number): number | undefined {
  const lineEnd = endOfLine(text, valueEnd);
  const end = lineContentEnd(text, 0, lineEnd, true);
  let at = valueEnd;
  while (at < end && (text.charCodeAt(at) === SPACE || text.charCodeAt(at) === TAB)) at++;
  if (at < end && !(text.charCodeAt(at) === HASH && at > valueEnd)) return undefined;
  return hasCarriageReturn(text, valueEnd, end) ? undefined : lineEnd;
}

/**
 * Calls `comment` with each comment line's indentation and end (before its
 * line break) from the line after `lineEnd` to the next content; false when
 * a line there is one this scan does not read (a tab in its indentation, a
 * lone `\r`).
 */
function commentLinesAfter(text: string, lineEnd: number, comment: (indent: number, end: number) => void): boolean {
  for (let start = lineEnd + 1; start < text.length; ) {
    const next = endOfLine(text, start);
    const contentEnd = lineContentEnd(text, 0, next, true);
    if (hasCarriageReturn(text, start, contentEnd)) return false;
    let first = start;
    while (first < contentEnd && text.charCodeAt(first) === SPACE) first++;
    if (first < contentEnd) {
      const code = text.charCodeAt(first);
      if (code === TAB) return false;
      if (code !== HASH) return true; // the next content
      comment(first - start, contentEnd);
    }
    start = next + 1;
  }
  return true;
}

/** A node's range as the AST has it, [range[0], range[1]) with range[1] up to whitespace; undefined where the index cannot tell. */
export function nodeRange(index: IndexedText, node: number): [number, number] | undefined {
  const { positions } = index;
  if (isScalarNode(positions, node)) return scalarOffsets(positions, node);
  if (!isCollectionNode(positions, node)) return aliasOffsets(positions, node);
  const end = isFlowCollection(positions, node) ? flowCollectionEnd(index, node) : blockCollectionEnd(index, node);
  return end === undefined ? undefined : [collectionStart(positions, node), end];
}

/** What is at a path: how deep it exists, its last key's range and its value's range (the value's undefined when the index cannot tell). */
export interface IndexedNodeAtPath {
  depth: number;
  key?: [number, number];
  /** The value node, to range with nodeRange. */
  value?: number;
}

/** findNodeAtPath over the index; undefined when a key on the way is one only the AST can read (tagged, anchored). */
export function indexedNodeAtPath(index: IndexedText, path: FieldPath): IndexedNodeAtPath | undefined {
  const found = findNodesAtPath(index.positions, index.text, path);
  if (!found) return undefined;
  if (found.key === undefined) return { depth: found.depth, value: found.value };
  const key = scalarOffsets(index.positions, found.key);
  return key && { depth: found.depth, key, value: found.value };
}

/** The field under an offset (relative to the document), like yamlNavigation's pathAtOffset. */
export interface IndexedPathAtOffset {
  path: FieldPath;
  on: 'key' | 'value';
  start: number;
  end: number;
}

/** Not answered from the index: the AST must. */
const CANNOT_TELL = Symbol('cannot tell');

/**
 * The innermost key or scalar value containing the offset, with its path,
 * as the AST walk of `pathAtOffsetIn` finds it: null when there is none,
 * undefined when the index cannot tell.
 *
 * The walk enters a collection when the offset is between its start and
 * the end of its last node; the AST's range may run further, over comments
 * and line breaks, but nothing there is a key or a scalar, so the walk
 * finds nothing there either way. Where a node's range is not in the index
 * (a block scalar's header, an empty value, a collection ending in one), an
 * offset that may fall in it is left to the AST.
 */
export function indexedPathAtOffset(index: IndexedText, offset: number): IndexedPathAtOffset | null | undefined {
  if (nodeCount(index.positions) === 0) return undefined;
  const found = walkAt(index, offset, 0, []);
  return found === CANNOT_TELL ? undefined : found;
}

type Walked = IndexedPathAtOffset | null | typeof CANNOT_TELL;

function walkAt(index: IndexedText, offset: number, node: number, path: FieldPath): Walked {
  const { positions, text } = index;
  if (isMappingNode(positions, node)) {
    const end = nextNode(positions, node);
    for (let key = node + 1; key < end; ) {
      const value = nextNode(positions, key);
      const after = value < end ? nextNode(positions, value) : end;
      if (isScalarNode(positions, key)) {
        const name = keyValue(positions, key, text);
        const keyRange = scalarOffsets(positions, key);
        if (!name || !keyRange) return CANNOT_TELL; // a tagged, anchored or empty key
        const childPath = [...path, String(name.value)];
        if (keyRange[0] <= offset && offset <= keyRange[1]) return { path: childPath, on: 'key', start: keyRange[0], end: keyRange[1] };
        if (value < end) {
          const within = contains(index, value, offset, keyRange[1]);
          if (within === CANNOT_TELL) return CANNOT_TELL;
          if (within) {
            const inner = walkAt(index, offset, value, childPath);
            if (inner !== null) return inner;
          }
        }
      }
      // A key that is an alias or a collection: the AST walk passes its pair by.
      key = after;
    }
    return null;
  }
  if (isSequenceNode(positions, node)) {
    const end = nextNode(positions, node);
    let before = collectionStart(positions, node);
    for (let item = node + 1, i = 0; item < end; item = nextNode(positions, item), i++) {
      const within = contains(index, item, offset, before);
      if (within === CANNOT_TELL) return CANNOT_TELL;
      if (within) return walkAt(index, offset, item, [...path, i]);
      before = knownStart(positions, item) ?? before;
    }
    return null;
  }
  if (isScalarNode(positions, node)) {
    const range = scalarOffsets(positions, node);
    return range ? { path, on: 'value', start: range[0], end: range[1] } : CANNOT_TELL;
  }
  return null; // an alias: the AST walk finds nothing in it
}

/**
 * Whether the node's range holds the offset, for the walk (see
 * indexedPathAtOffset); CANNOT_TELL when the offset lies between `before`
 * (a known offset before the node) and the next known offset after it and
 * the node's range is not in the index.
 */
function contains(index: IndexedText, node: number, offset: number, before: number): boolean | typeof CANNOT_TELL {
  const { positions } = index;
  if (isAliasNode(positions, node)) return false; // entered, the AST walk would find nothing in it, nor after it
  const scalar = scalarOffsets(positions, node);
  if (scalar) return scalar[0] <= offset && offset <= scalar[1];
  let end: number | undefined;
  if (isCollectionNode(positions, node)) {
    if (offset < collectionStart(positions, node)) return false;
    end = contentEnd(index, node);
  }
  if (end !== undefined) return offset <= end;
  return offset >= before && offset <= nextKnownOffset(index, nextNode(positions, node)) ? CANNOT_TELL : false;
}

/** Where a collection's last node ends, when it is a plain or quoted scalar or a flow collection. */
function contentEnd(index: IndexedText, node: number): number | undefined {
  const { positions } = index;
  let last = node;
  while (isCollectionNode(positions, last) && !isFlowCollection(positions, last)) {
    const child = lastChild(positions, last);
    if (child === undefined) return undefined;
    last = child;
  }
  if (isCollectionNode(positions, last)) return flowCollectionEnd(index, last);
  return (scalarOffsets(positions, last) ?? aliasOffsets(positions, last))?.[1];
}

/** An offset known to be in a node: its start, or its content's; undefined for empty values. */
function knownStart(positions: YamlPositions, node: number): number | undefined {
  if (isCollectionNode(positions, node)) return collectionStart(positions, node);
  return scalarOffsets(positions, node)?.[0] ?? blockScalarContent(positions, node)?.[0];
}

/** The first offset known to be in a node from `node` on, in source order; the text's end when there is none. */
function nextKnownOffset(index: IndexedText, node: number): number {
  const count = nodeCount(index.positions);
  for (let next = node; next < count; next++) {
    const start = knownStart(index.positions, next);
    if (start !== undefined) return start;
  }
  return index.text.length;
}
