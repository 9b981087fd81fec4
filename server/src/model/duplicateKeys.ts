/**
 * Duplicate mapping keys found in js-yaml's event stream, judged as the
 * `yaml` package judges them (`uniqueKeys`: two scalar keys are the same when
 * their core-schema values are equal), so a document whose only fault is a
 * repeated key stays on the fast path and reports the same problem at the
 * same offset as a full `yaml` parse would.
 */
import { EVENT_ID } from 'js-yaml';
import { isScalarEvent, keyValue, scalarOffsets, type YamlEvent } from './yamlEvents';

/**
 * Start offsets of every key that repeats an earlier key of its mapping, in
 * source order; undefined when a key cannot be judged from events (a
 * collection, an alias or a tagged key), so the caller takes the `yaml` path.
 */
export function duplicateKeyOffsets(events: readonly YamlEvent[], text: string): number[] | undefined {
  const offsets: number[] = [];
  // One frame per open collection: the keys seen so far for mappings, null for sequences.
  const frames: Array<{ keys: Set<unknown> | null; atKey: boolean }> = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const frame = frames[frames.length - 1];
    if (event.type === EVENT_ID.POP) {
      if (frames.length > 0) frames.pop();
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      frames.push({ keys: null, atKey: false });
      continue;
    }
    if (frame?.keys && frame.atKey) {
      const key = keyValue(event, text);
      if (!key) return undefined;
      // NaN never equals itself in the `yaml` package's comparison (===), but a Set would match it.
      if (frame.keys.has(key.value) && !Number.isNaN(key.value)) {
        // The `yaml` package places the error on the key's first character (its quote, if quoted).
        const start = isScalarEvent(event) ? scalarOffsets(event)?.[0] : undefined;
        if (start === undefined) return undefined;
        offsets.push(start);
      }
      frame.keys.add(key.value);
      frame.atKey = false;
      continue;
    }
    if (frame?.keys) frame.atKey = true; // this event starts a value: the next node is a key
    if (event.type === EVENT_ID.MAPPING) frames.push({ keys: new Set(), atKey: true });
    else if (event.type === EVENT_ID.SEQUENCE) frames.push({ keys: null, atKey: false });
  }
  return offsets;
}
