/**
 * A function whose results are remembered by argument, up to a bound: the scheduler words thousands of
 * Pending pods with the same few resources, quantities and priorities, and Gt/Lt read the same few label
 * values on every node, so each distinct argument is computed once. Past the bound (a pathological input
 * of many distinct values) results are computed and not kept, so memory stays bounded. `undefined` is
 * remembered like any other result. Browser-safe: a Map, nothing else.
 */
export function boundedMemo<K, V>(compute: (key: K) => V, bound: number): (key: K) => V {
  const remembered = new Map<K, V>();
  return (key) => {
    // One lookup for the common case; has() only tells a remembered undefined from a new argument.
    const known = remembered.get(key);
    if (known !== undefined || remembered.has(key)) return known as V;
    const value = compute(key);
    if (remembered.size < bound) remembered.set(key, value);
    return value;
  };
}
