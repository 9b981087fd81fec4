/**
 * Duplicate mapping keys found in the position index of js-yaml's events,
 * judged as the `yaml` package judges them (`uniqueKeys`: two scalar keys are
 * the same when their core-schema values are equal), so a document whose only
 * fault is a repeated key stays on the fast path and reports the same problem
 * at the same offset as a full `yaml` parse would.
 */
import { isMappingNode, keyValue, nextNode, nodeCount, scalarOffsets, type YamlPositions } from './yamlPositions';

/**
 * Start offsets of every key that repeats an earlier key of its mapping, in
 * source order; undefined when a key cannot be judged from the index (a
 * collection, an alias or a tagged key), so the caller takes the `yaml` path.
 */
export function duplicateKeyOffsets(positions: YamlPositions, text: string): number[] | undefined {
  const offsets: number[] = [];
  const count = nodeCount(positions);
  // Every node is a key of at most one mapping: one pass over the mappings reads each key once.
  for (let mapping = 0; mapping < count; mapping++) {
    if (!isMappingNode(positions, mapping)) continue;
    const end = nextNode(positions, mapping);
    const keys = new Set<unknown>();
    for (let key = mapping + 1; key < end; ) {
      const resolved = keyValue(positions, key, text);
      if (!resolved) return undefined;
      // NaN never equals itself in the `yaml` package's comparison (===), but a Set would match it.
      if (keys.has(resolved.value) && !Number.isNaN(resolved.value)) {
        // The `yaml` package places the error on the key's first character (its quote, if quoted).
        const start = scalarOffsets(positions, key)?.[0];
        if (start === undefined) return undefined;
        offsets.push(start);
      }
      keys.add(resolved.value);
      const value = nextNode(positions, key);
      key = value < end ? nextNode(positions, value) : end;
    }
  }
  // Mappings are visited in order of their starts; an inner mapping's keys come before its parent's later ones.
  return offsets.sort((a, b) => a - b);
}
