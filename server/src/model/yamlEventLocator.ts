/**
 * Field paths placed in a document's source from its js-yaml events, with the
 * same answer `rangeOfPath` gives from the `yaml` AST. Where events cannot
 * give that answer exactly (block scalars, empty values, whole collections,
 * tagged keys) the functions return undefined and the caller asks the AST.
 */
import { EVENT_ID } from 'js-yaml';
import { isCollectionEvent, isScalarEvent, keyValue, scalarOffsets, skipNode, type YamlEvent } from './yamlEvents';
import type { FieldPath } from './fieldPath';

/** Event indices of the last existing segment's key and value, like `findNodeAtPath`. */
interface EventsAtPath {
  key?: number;
  value?: number;
  depth: number;
}

/**
 * Walks the events along a path and stops at the deepest existing node.
 * Among repeated keys the first wins, as in the AST walk.
 */
function findEventsAtPath(events: readonly YamlEvent[], text: string, path: FieldPath): EventsAtPath | undefined {
  if (events[0]?.type !== EVENT_ID.DOCUMENT || events.length < 2 || events[1].type === EVENT_ID.POP) return undefined;
  let current = 1;
  let result: EventsAtPath = { value: current, depth: 0 };
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const type = events[current].type;
    if (typeof segment === 'number' && type === EVENT_ID.SEQUENCE) {
      let item = current + 1;
      for (let n = 0; n < segment && events[item]?.type !== EVENT_ID.POP && item < events.length; n++) item = skipNode(events, item);
      if (item >= events.length || events[item].type === EVENT_ID.POP) return result;
      current = item;
      result = { value: item, depth: i + 1 };
    } else if (typeof segment === 'string' && type === EVENT_ID.MAPPING) {
      let found: { key: number; value: number } | undefined;
      for (let key = current + 1; key < events.length && events[key].type !== EVENT_ID.POP; ) {
        const value = skipNode(events, key);
        if (isScalarEvent(events[key])) {
          const resolved = keyValue(events[key], text);
          if (!resolved) return undefined; // a tagged key: only the AST knows its value
          if (String(resolved.value) === segment) {
            found = { key, value };
            break;
          }
        }
        key = skipNode(events, value);
      }
      if (!found) return result;
      current = found.value;
      result = { key: found.key, value: found.value, depth: i + 1 };
    } else {
      return result;
    }
  }
  return result;
}

function nodeOffsets(events: readonly YamlEvent[], index: number | undefined): [number, number] | undefined {
  const event = index === undefined ? undefined : events[index];
  return isScalarEvent(event) ? scalarOffsets(event) : undefined;
}

/**
 * Offsets [start, end), relative to the document's text, of what a
 * diagnostic on `path` underlines; see `rangeOfPath` for the choice.
 */
export function locatePathInEvents(
  events: readonly YamlEvent[],
  text: string,
  path: FieldPath,
  prefer: 'key' | 'value',
): [number, number] | undefined {
  const found = findEventsAtPath(events, text, path);
  if (!found) return undefined;
  const value = found.value === undefined ? undefined : events[found.value];
  const preferKey = prefer === 'key' || found.depth < path.length || isCollectionEvent(value);
  if (preferKey && found.key !== undefined) return nodeOffsets(events, found.key);
  if (found.key === undefined && value?.type === EVENT_ID.MAPPING && events[found.value! + 1]?.type !== EVENT_ID.POP) {
    // A sequence item that is a map: its first entry.
    const firstKey = found.value! + 1;
    const firstValue = skipNode(events, firstKey);
    const start = nodeOffsets(events, firstKey);
    if (!start) return undefined;
    if (isCollectionEvent(events[firstValue])) return start;
    const end = nodeOffsets(events, firstValue);
    return end && [start[0], end[1]];
  }
  // A collection's end is not in its events; the AST has it.
  return nodeOffsets(events, found.value ?? found.key);
}
