/**
 * From a file offset to the YAML document and field path under it: the
 * basis of hover and completion.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { rangeIndexOf, type ParsedYamlDocument, type ParsedYamlFile } from './yamlDocuments';
import { indexedPathAtOffset } from './yamlIndexRanges';
import type { FieldPath } from './fieldPath';
import { isLeftOut, outlineOf } from './yamlOutline';

export interface PathAtOffset {
  path: FieldPath;
  /** Whether the offset is on the key of the last segment or on its value. */
  on: 'key' | 'value';
  /** File offsets of the node under the offset. */
  start: number;
  end: number;
}

/**
 * The last document starting at or before the offset that holds it: in a file's own parse, the
 * last starting there; in its objects' view (listItemDocuments.ts), a list's item, or the list
 * itself outside its items.
 */
export function documentAtOffset(file: ParsedYamlFile, offset: number): ParsedYamlDocument | undefined {
  let found: ParsedYamlDocument | undefined;
  let holding: ParsedYamlDocument | undefined;
  for (const doc of file.documents) {
    if (doc.offset > offset) break;
    found = doc;
    if (offset < doc.offset + doc.text.length) holding = doc;
  }
  return holding ?? found;
}

/** The innermost key or scalar value containing the offset, with its path. */
export function pathAtOffset(doc: ParsedYamlDocument, fileOffset: number): PathAtOffset | undefined {
  // The position index answers as the AST would, where it can tell (yamlIndexRanges.ts).
  const index = rangeIndexOf(doc);
  const fromIndex = index && indexedPathAtOffset(index, fileOffset - doc.offset);
  if (fromIndex !== undefined) return fromIndex ? { ...fromIndex, start: doc.offset + fromIndex.start, end: doc.offset + fromIndex.end } : undefined;
  // Outside a long flow collection, the document's outline answers as its full AST would (yamlOutline.ts).
  const outline = outlineOf(doc);
  return pathAtOffsetIn(isLeftOut(outline, fileOffset - doc.offset) ? doc : outline.doc, fileOffset);
}

/** pathAtOffset in the given document's AST: the document's own, or its outline's. */
export function pathAtOffsetIn(doc: ParsedYamlDocument, fileOffset: number): PathAtOffset | undefined {
  const offset = fileOffset - doc.offset;
  const within = (node: Node | null | undefined): boolean =>
    !!node && !!node.range && node.range[0] <= offset && offset <= node.range[1];

  const walk = (node: Node | null | undefined, path: FieldPath): PathAtOffset | undefined => {
    if (!node) return undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        const keyName = isScalar(key) ? String(key.value) : undefined;
        if (keyName === undefined) continue;
        const childPath = [...path, keyName];
        if (within(key) && key?.range) {
          return { path: childPath, on: 'key', start: doc.offset + key.range[0], end: doc.offset + key.range[1] };
        }
        const value = pair.value as Node | null;
        if (within(value)) {
          const inner = walk(value, childPath);
          if (inner) return inner;
        }
      }
      return undefined;
    }
    if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as Node | null;
        if (within(item)) return walk(item, [...path, i]);
      }
      return undefined;
    }
    if (isScalar(node) && node.range) {
      return { path, on: 'value', start: doc.offset + node.range[0], end: doc.offset + node.range[1] };
    }
    return undefined;
  };
  return walk(doc.ast.contents as Node | null, []);
}
