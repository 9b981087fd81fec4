/**
 * A set of positions 0…capacity−1 that answers "the first k members, in
 * order" in O(k log capacity), whatever was added or removed before: a
 * Fenwick tree of membership counts. The rolling update keeps its candidate
 * nodes in these, by the controller's visiting order, so that a sync which
 * changed a few nodes finds its k candidates without walking every node.
 */
export class PositionSet {
  /** tree[i] (1-based) counts the members in (i − lowbit(i), i]. */
  private readonly tree: Int32Array;
  private readonly present: Uint8Array;
  private readonly topStep: number;
  private count = 0;

  constructor(readonly capacity: number) {
    this.tree = new Int32Array(capacity + 1);
    this.present = new Uint8Array(capacity);
    let step = 1;
    while (step * 2 <= capacity) step *= 2;
    this.topStep = capacity > 0 ? step : 0;
  }

  get size(): number {
    return this.count;
  }

  has(position: number): boolean {
    return this.present[position] === 1;
  }

  add(position: number): void {
    if (this.present[position] === 1) return;
    this.present[position] = 1;
    this.count++;
    for (let i = position + 1; i <= this.capacity; i += i & -i) this.tree[i]++;
  }

  delete(position: number): void {
    if (this.present[position] !== 1) return;
    this.present[position] = 0;
    this.count--;
    for (let i = position + 1; i <= this.capacity; i += i & -i) this.tree[i]--;
  }

  /** The first `limit` members (all of them by default), in increasing order. */
  first(limit = this.count): number[] {
    const out: number[] = [];
    const wanted = Math.min(limit, this.count);
    for (let rank = 1; rank <= wanted; rank++) out.push(this.nth(rank));
    return out;
  }

  /** The member with `rank` members at or before it (1-based), by descending the tree. */
  private nth(rank: number): number {
    let position = 0;
    let remaining = rank;
    for (let step = this.topStep; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.capacity && this.tree[next] < remaining) {
        position = next;
        remaining -= this.tree[next];
      }
    }
    return position; // the 1-based index position + 1, as 0-based
  }
}
