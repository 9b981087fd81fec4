/**
 * Primitives over js-yaml's parser events: the flat stream (document,
 * mapping, sequence, scalar, alias, pop) that js-yaml builds values from,
 * with the source offsets of every scalar and the start of every collection.
 *
 * Reading events is several times cheaper than composing the `yaml`
 * package's AST, and its code is already warm from reading values, so
 * documents read on the fast path answer "where is this field?" from their
 * events; the AST is composed only for what events cannot place exactly.
 */
import {
  boolCoreTag,
  EVENT_ID,
  floatCoreTag,
  getScalarValue,
  intCoreTag,
  NOT_RESOLVED,
  nullCoreTag,
  parseEvents,
  SCALAR_STYLE,
  type Event,
  type ScalarEvent,
} from 'js-yaml';

export type { Event as YamlEvent } from 'js-yaml';

/** The events of one document's text; throws what js-yaml throws on invalid YAML. */
export function readYamlEvents(text: string, maxDepth: number): Event[] {
  return parseEvents(text, { maxDepth });
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

export function isScalarEvent(event: Event | undefined): event is ScalarEvent {
  return event?.type === EVENT_ID.SCALAR;
}

export function isCollectionEvent(event: Event | undefined): boolean {
  return event?.type === EVENT_ID.MAPPING || event?.type === EVENT_ID.SEQUENCE;
}

/**
 * Offsets [start, end) of a flow scalar as the `yaml` package reports them
 * (quotes included). Undefined for block scalars, whose range starts at the
 * `|`/`>` header that events do not record, and for empty scalars.
 */
export function scalarOffsets(event: ScalarEvent): [number, number] | undefined {
  if (event.valueStart < 0) return undefined;
  switch (event.style) {
    case SCALAR_STYLE.PLAIN:
      return [event.valueStart, event.valueEnd];
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED:
      return [event.valueStart - 1, event.valueEnd + 1];
    default:
      return undefined;
  }
}

const CORE_IMPLICIT_TAGS = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag];

/**
 * The value a mapping key stands for, as the YAML 1.2 core schema resolves
 * it (`1` is a number, `"1"` a string), or undefined when it cannot be told
 * from the event alone (a tag, an alias, a collection).
 */
export function keyValue(event: Event, text: string): { value: unknown } | undefined {
  if (!isScalarEvent(event) || event.tagStart >= 0 || event.anchorStart >= 0) return undefined;
  const raw = event.valueStart < 0 ? '' : getScalarValue(text, event);
  if (event.style !== SCALAR_STYLE.PLAIN) return { value: raw };
  for (const tag of CORE_IMPLICIT_TAGS) {
    const resolved: unknown = tag.resolve(raw, false, tag.tagName);
    if (resolved !== NOT_RESOLVED) return { value: resolved };
  }
  return { value: raw };
}
