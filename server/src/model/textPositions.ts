/**
 * Offsets ↔ 0-based line/character positions for one text.
 *
 * LSP positions count UTF-16 code units, which is what JavaScript string
 * offsets already are, so no conversion beyond line splitting is needed.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset at which each line starts; lineStarts[0] === 0. */
  readonly lineStarts: number[];
  /** Whether the text holds a \r: without one, no line ends in \r\n or \r. */
  readonly hasCarriageReturn: boolean;

  /** `lineStarts` may be handed in by a caller that already scanned the text's lines (`\n` only, no `\r` in it). */
  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      this.hasCarriageReturn = false;
      return;
    }
    const starts = [0];
    this.hasCarriageReturn = text.includes('\r');
    if (!this.hasCarriageReturn) {
      // The common case, and a large file's hot path: let indexOf scan.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    // indexOf scans for both breaks too: a loop over every character of a large CRLF file ran in a
    // fresh server's interpreter until it was compiled. A \r right before a \n is part of its \r\n;
    // any other \r is a line break of its own.
    let cr = text.indexOf('\r');
    for (let lf = text.indexOf('\n'); ; lf = text.indexOf('\n', lf + 1)) {
      while (cr !== -1 && (lf === -1 || cr < lf - 1)) {
        starts.push(cr + 1);
        cr = text.indexOf('\r', cr + 1);
      }
      if (lf === -1) break;
      starts.push(lf + 1);
      if (cr === lf - 1) cr = text.indexOf('\r', lf + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    const character = clamped - this.lineStarts[low];
    // Between the \r and the \n of a CRLF: the end of the line, not a column past it.
    const insideCrlf = this.hasCarriageReturn && clamped > 0 && this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13;
    return { line: low, character: insideCrlf ? character - 1 : character };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line];
    const nextLineStart =
      position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextLineStart));
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/**
 * Offset of the start of the line holding `offset`. Not `lastIndexOf('\n', offset - 1) + 1` alone: at
 * offset 0 that searches from index 0 and, when the text starts with a line break, answers 1.
 */
export function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}
