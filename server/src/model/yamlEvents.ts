/**
 * Primitives over js-yaml's parser events: the flat stream (document,
 * mapping, sequence, scalar, alias, pop) that js-yaml builds values from,
 * with the source offsets of every scalar and the start of every collection.
 * A document's events live only as long as its one parse: what placing its
 * findings needs later is kept in its position index (`yamlPositions.ts`).
 */
import { boolCoreTag, EVENT_ID, floatCoreTag, getScalarValue, intCoreTag, NOT_RESOLVED, nullCoreTag, parseEvents, type ChompingMode, type Event, type ScalarStyle } from 'js-yaml';

export type { Event as YamlEvent } from 'js-yaml';

/** The events of one document's text; throws what js-yaml throws on invalid YAML. */
export function readYamlEvents(text: string, maxDepth: number): Event[] {
  return parseEvents(text, { maxDepth });
}

/** The text of the scalar at [valueStart, valueEnd) as js-yaml decodes it (escapes, folding, block indentation). */
export function decodeScalar(text: string, style: ScalarStyle, chomping: ChompingMode, indent: number, valueStart: number, valueEnd: number): string {
  return getScalarValue(text, { type: EVENT_ID.SCALAR, valueStart, valueEnd, anchorStart: -1, anchorEnd: -1, tagStart: -1, tagEnd: -1, style, chomping, indent, fast: false });
}

/** Whether any node of the events has an anchor (`&name`) or is an alias (`*name`). */
export function hasAnchors(events: readonly Event[]): boolean {
  for (const event of events) {
    if (event.type === EVENT_ID.ALIAS) return true;
    if ((event.type === EVENT_ID.SCALAR || event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) && event.anchorStart >= 0) return true;
  }
  return false;
}

/** Index of the first event after the node that starts at `index` (a collection ends with its pop). */
export function skipNode(events: readonly Event[], index: number): number {
  const type = events[index]?.type;
  if (type !== EVENT_ID.MAPPING && type !== EVENT_ID.SEQUENCE) return index + 1;
  let depth = 0;
  for (let i = index; i < events.length; i++) {
    const t = events[i].type;
    if (t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP && --depth === 0) return i + 1;
  }
  return events.length;
}

const CORE_IMPLICIT_TAGS = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag];
/** Only these first characters can start a null, a boolean or a number (`~`, `null`, `true`, `-1`, `.5`, `0x1F`, …). */
const MAY_RESOLVE = new Set([...'0123456789+-.~nNtTfF'].map((c) => c.charCodeAt(0)));

/** The core schema's null and booleans: the only words (not numbers) a plain scalar reads as something else than a string. */
const NULL_AND_BOOLEAN_WORDS = ['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'];

/**
 * Whether the plain scalar `text[start, end)` (one line, non-empty) may read as something
 * other than a string, told without reading it out: a key such as `name` or `type` is compared
 * with a path segment in place (yamlPositions.keyIs).
 */
export function plainScalarMayResolve(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (!MAY_RESOLVE.has(first)) return false;
  // Letters start only null and booleans; digits, signs, dots and ~ start numbers and ~.
  if (!((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a))) return true;
  const length = end - start;
  if (length !== 4 && length !== 5) return false;
  for (const word of NULL_AND_BOOLEAN_WORDS) if (word.length === length && text.startsWith(word, start)) return true;
  return false;
}

/** A plain scalar as the YAML 1.2 core schema reads it: null (also the empty scalar), a boolean, a number, or the string itself. */
export function resolvePlainScalar(raw: string): unknown {
  if (raw !== '' && !MAY_RESOLVE.has(raw.charCodeAt(0))) return raw;
  // An index, not for…of: no iterator per scalar in a fresh server's interpreter.
  for (let i = 0; i < CORE_IMPLICIT_TAGS.length; i++) {
    const tag = CORE_IMPLICIT_TAGS[i];
    const value: unknown = tag.resolve(raw, false, tag.tagName);
    if (value !== NOT_RESOLVED) return value;
  }
  return raw;
}
