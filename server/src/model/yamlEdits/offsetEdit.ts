/**
 * The one shape of a text edit in the model, the webview protocol and the
 * preview host: replace [start, end) of a text (UTF-16 offsets into the whole
 * file) with newText. Hosts turn it into their own edit type at the border
 * (an LSP range, a vscode.WorkspaceEdit).
 */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** `text` with non-overlapping edits applied (in any order). */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

/** The single edit that turns `before` into `after`: their common head and tail are kept. */
export function minimalEdit(before: string, after: string): OffsetEdit {
  let head = 0;
  const max = Math.min(before.length, after.length);
  while (head < max && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < max - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start: head, end: before.length - tail, newText: after.slice(head, after.length - tail) };
}

/** Trims an edit of `original` to the part that changes it; undefined when it changes nothing. */
export function trimEdit(original: string, edit: OffsetEdit): OffsetEdit | undefined {
  let { start, end, newText } = edit;
  let head = 0;
  while (start + head < end && head < newText.length && original[start + head] === newText[head]) head++;
  start += head;
  newText = newText.slice(head);
  let tail = 0;
  while (start < end - tail && tail < newText.length && original[end - 1 - tail] === newText[newText.length - 1 - tail]) tail++;
  end -= tail;
  newText = newText.slice(0, newText.length - tail);
  return start === end && newText === '' ? undefined : { start, end, newText };
}

/**
 * Records `step`, an edit of `current` (the original text with `composed`
 * applied), as edits of the original text: the result is sorted and
 * non-overlapping, and the step is merged with the earlier edits it touches.
 */
export function composeEdit(composed: readonly OffsetEdit[], current: string, step: OffsetEdit): OffsetEdit[] {
  // deltas[i]: current minus original offset for positions just before edit i.
  const deltas: number[] = [];
  let delta = 0;
  for (const c of composed) {
    deltas.push(delta);
    delta += c.newText.length - (c.end - c.start);
  }
  const shift = (i: number) => composed[i].newText.length - (composed[i].end - composed[i].start);
  let lo = -1;
  let hi = -1;
  let before = 0;
  composed.forEach((c, i) => {
    const cs = c.start + deltas[i];
    const ce = cs + c.newText.length;
    if (ce >= step.start && cs <= step.end) {
      if (lo < 0) lo = i;
      hi = i;
    } else if (ce < step.start) {
      before = deltas[i] + shift(i);
    }
  });
  if (lo < 0) {
    const edit = { start: step.start - before, end: step.end - before, newText: step.newText };
    return [...composed, edit].sort((a, b) => a.start - b.start);
  }
  const curStart = Math.min(step.start, composed[lo].start + deltas[lo]);
  const curEnd = Math.max(step.end, composed[hi].start + deltas[hi] + composed[hi].newText.length);
  const merged: OffsetEdit = {
    start: curStart - deltas[lo],
    end: curEnd - (deltas[hi] + shift(hi)),
    newText: current.slice(curStart, step.start) + step.newText + current.slice(step.end, curEnd),
  };
  return [...composed.slice(0, lo), merged, ...composed.slice(hi + 1)];
}
