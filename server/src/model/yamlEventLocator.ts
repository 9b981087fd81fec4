/**
 * Field paths placed in a document's source from the position index of its
 * js-yaml events (`yamlPositions.ts`), with the same answer `rangeOfPath`
 * gives from the `yaml` AST. Where the index cannot give that answer exactly
 * (block scalars, empty values, whole collections, tagged keys) the functions
 * return undefined and the caller asks the AST.
 */
import type { FieldPath } from './fieldPath';
import { isCollectionNode, isMappingNode, isScalarNode, isSequenceNode, keyIs, nextNode, nodeCount, scalarOffsets, type YamlPositions } from './yamlPositions';

/** Node indices of the last existing segment's key and value, like `findNodeAtPath`. */
export interface NodesAtPath {
  key?: number;
  value?: number;
  depth: number;
}

/**
 * Walks the nodes along a path and stops at the deepest existing node.
 * Among repeated keys the first wins, as in the AST walk.
 */
export function findNodesAtPath(positions: YamlPositions, text: string, path: FieldPath): NodesAtPath | undefined {
  if (nodeCount(positions) === 0) return undefined;
  // The deepest node found so far, in locals: this runs for every diagnostic placed.
  let current = 0;
  let foundKey: number | undefined;
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment === 'number' && isSequenceNode(positions, current)) {
      const end = nextNode(positions, current);
      let item = current + 1;
      for (let n = 0; n < segment && item < end; n++) item = nextNode(positions, item);
      if (item >= end) break;
      current = item;
      foundKey = undefined;
      depth = i + 1;
    } else if (typeof segment === 'string' && isMappingNode(positions, current)) {
      const end = nextNode(positions, current);
      let found = -1;
      for (let key = current + 1; key < end; ) {
        const value = nextNode(positions, key);
        if (isScalarNode(positions, key)) {
          const matches = keyIs(positions, key, text, segment);
          if (matches === undefined) return undefined; // a tagged key: only the AST knows its value
          if (matches) {
            found = key;
            break;
          }
        }
        key = value < end ? nextNode(positions, value) : end;
      }
      if (found < 0) break;
      foundKey = found;
      current = nextNode(positions, found);
      depth = i + 1;
    } else {
      break;
    }
  }
  return { key: foundKey, value: current, depth };
}

/**
 * Offsets [start, end), relative to the document's text, of what a
 * diagnostic on `path` underlines; see `rangeOfPath` for the choice.
 */
export function locatePath(positions: YamlPositions, text: string, path: FieldPath, prefer: 'key' | 'value'): [number, number] | undefined {
  const found = findNodesAtPath(positions, text, path);
  if (!found) return undefined;
  const preferKey = prefer === 'key' || found.depth < path.length || (found.value !== undefined && isCollectionNode(positions, found.value));
  if (preferKey && found.key !== undefined) return scalarOffsets(positions, found.key);
  if (found.key === undefined && found.value !== undefined && isMappingNode(positions, found.value) && found.value + 1 < nextNode(positions, found.value)) {
    // A sequence item that is a map: its first entry.
    const firstKey = found.value + 1;
    const firstValue = nextNode(positions, firstKey);
    const start = scalarOffsets(positions, firstKey);
    if (!start) return undefined;
    if (isCollectionNode(positions, firstValue)) return start;
    const end = scalarOffsets(positions, firstValue);
    return end && [start[0], end[1]];
  }
  // A collection's end is not in the index; the AST has it.
  return scalarOffsets(positions, found.value ?? found.key!);
}
