/**
 * "Did you mean …?": the known name closest to a misspelt one, for the
 * schema messages (unknown fields, enum values) and their quick fixes.
 *
 * Bounded so that no input makes it slow: a typo is at most three edits, so
 * a name longer than MAX_SUGGESTED_NAME_LENGTH gets no suggestion (no
 * Kubernetes field or enum value is that long), candidates whose length
 * differs by more than the edits allowed are skipped without a comparison,
 * and the distance is computed in a band of that width with an early exit —
 * O(length × edits) per candidate, never O(length²).
 */

/** Longer names are not typos of a field or enum value: no suggestion, no comparison. */
export const MAX_SUGGESTED_NAME_LENGTH = 64;

/** The edits a misspelling of `name` may have: one per three letters, at least one and at most three. */
export function typoEdits(name: string): number {
  return Math.min(3, Math.max(1, Math.floor(name.length / 3)));
}

/** The known name closest to a misspelt one (edit distance, case-insensitive), if close enough to be a typo. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > MAX_SUGGESTED_NAME_LENGTH) return undefined;
  const lower = name.toLowerCase();
  let best: string | undefined;
  // Only a candidate closer than the best so far (or within the allowance) can win: ties keep the first.
  let bestDistance = typoEdits(name) + 1;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const distance = boundedEditDistance(lower, other, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}

/**
 * The Damerau–Levenshtein (optimal string alignment) distance of `a` and `b`
 * — a transposition counts as one edit — when it is at most `max`; otherwise
 * `max + 1`, "too far", found without computing the whole table: strings
 * whose lengths differ by more than `max` are too far at once, only cells
 * within `max` of the diagonal are computed, and the scan stops at the first
 * row whose every cell is too far (a row's minimum never decreases).
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const far = max + 1;
  if (max < 0) return far;
  if (Math.abs(a.length - b.length) > max) return far;
  if (a === b) return 0;
  // Three rolling rows (i - 2, i - 1, i); cells outside the band read as `far`.
  let before = new Array<number>(b.length + 1).fill(far);
  let previous = new Array<number>(b.length + 1).fill(far);
  let current = new Array<number>(b.length + 1).fill(far);
  for (let j = 0; j <= Math.min(b.length, max); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - max);
    const high = Math.min(b.length, i + max);
    current[low - 1] = low === 1 ? Math.min(i, far) : far;
    let rowMinimum = current[low - 1];
    for (let j = low; j <= high; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, before[j - 2] + 1);
      current[j] = Math.min(distance, far);
      if (current[j] < rowMinimum) rowMinimum = current[j];
    }
    if (high + 1 <= b.length) current[high + 1] = far;
    if (rowMinimum > max) return far;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length], far);
}
