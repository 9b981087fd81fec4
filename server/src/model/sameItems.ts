/** Whether two lists hold the same items (by identity) in the same order: the test of every cache that keys on the objects it was computed from. */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
