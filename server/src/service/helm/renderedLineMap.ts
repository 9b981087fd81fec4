/**
 * Which template line produced each line of a template's rendered output.
 * Go templates emit their literal text in order, so the lines align as a
 * monotone matching: a template line matches a rendered line when its
 * literal pieces appear there in order, with anything where its actions were
 * (`name: {{ include "x.fullname" . }}` matches `name: release-name-x`). The
 * best alignment (most literal text matched) is found by dynamic programming.
 * Lines that come from an action alone (`{{ toYaml .Values.x | nindent 8 }}`,
 * a `define` elsewhere) have no template line; the caller then uses their
 * parent's.
 */

/** Template lines with no more literal text than this (e.g. `- {{ . }}`) match nothing: they would match any line. */
const MIN_LITERAL_CHARS = 2;
/** Past this many cells the alignment falls back to a greedy scan (a generated template of thousands of lines). */
const MAX_ALIGNMENT_CELLS = 4_000_000;

interface TemplateLine {
  matcher: RegExp;
  weight: number;
  indent: number;
}

const ACTION = /\{\{.*?\}\}/g;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A line's matcher, or undefined when the line is only actions, comments or blank. */
function templateLine(line: string): TemplateLine | undefined {
  if (line.includes('{{') && !ACTION.test(line)) return undefined; // an action spanning lines
  ACTION.lastIndex = 0;
  const pieces = line.trim().split(ACTION);
  const literal = pieces.join('').replace(/\s+/g, '');
  if (literal.length < MIN_LITERAL_CHARS) return undefined;
  const source = pieces.map((piece) => escapeRegExp(piece.trim()).replace(/\s+/g, '\\s*')).join('.*?');
  return { matcher: new RegExp(`^${source}$`), weight: literal.length, indent: indentOf(line) };
}

/** For each rendered line (0-based), the 0-based template line that produced it, or undefined. */
export function mapRenderedLines(templateText: string, renderedText: string): Array<number | undefined> {
  const template = templateText.split(/\r?\n/).map(templateLine);
  const rendered = renderedText.split(/\r?\n/);
  const result: Array<number | undefined> = new Array(rendered.length).fill(undefined);
  const score = (r: number, t: number): number => {
    const line = template[t];
    if (!line || rendered[r].trim() === '' || !line.matcher.test(rendered[r].trim())) return 0;
    return line.weight * 2 + (indentOf(rendered[r]) === line.indent ? 1 : 0);
  };
  const rows = rendered.length;
  const cols = template.length;
  if (rows * cols > MAX_ALIGNMENT_CELLS) {
    let next = 0;
    for (let r = 0; r < rows; r++) {
      for (let t = next; t < cols; t++) {
        if (score(r, t) > 0) {
          result[r] = t;
          next = t + 1;
          break;
        }
      }
    }
    return result;
  }
  // best[r][t]: the best total over rendered lines r.. and template lines t..
  const width = cols + 1;
  const best = new Float64Array((rows + 1) * width);
  const matchScore = new Float64Array(rows * cols);
  for (let r = rows - 1; r >= 0; r--) {
    for (let t = cols - 1; t >= 0; t--) {
      const s = score(r, t);
      matchScore[r * cols + t] = s;
      const take = s > 0 ? s + best[(r + 1) * width + t + 1] : 0;
      best[r * width + t] = Math.max(take, best[(r + 1) * width + t], best[r * width + t + 1]);
    }
  }
  let r = 0;
  let t = 0;
  while (r < rows && t < cols) {
    const s = matchScore[r * cols + t];
    if (s > 0 && best[r * width + t] === s + best[(r + 1) * width + t + 1]) {
      result[r++] = t++;
    } else if (best[r * width + t] === best[(r + 1) * width + t]) {
      r++;
    } else {
      t++;
    }
  }
  return result;
}
