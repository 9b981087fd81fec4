/**
 * An inventory's text with the bulk nothing reads taken out before it is
 * parsed. `kubectl get nodes -o yaml` spends most of its bytes on what
 * placement, status, cost and scheduler fit never look at: each Node's
 * `status.images` (25 and more entries, each with digests), its
 * `status.addresses` and every object's `metadata.managedFields`. Reading
 * them costs most of the parse and most of the memory of a 5,000-node dump.
 *
 * The cut is a line scan, not a parse: a block whose key line is exactly
 * `managedFields:`, or `images:` / `addresses:` directly under `status:`,
 * is emptied with every line below it (deeper lines, and `- ` items at the
 * key's own indentation, as kubectl writes them). Each removed line stays
 * as an empty line, so every line that is kept keeps its line number and
 * columns, and problems are reported where they are in the file. Block
 * scalars are skipped whole, so text inside one is never mistaken for a key.
 */

/** Keys emptied wherever they are (every object's metadata may carry them). */
const ANYWHERE = new Set(['managedFields']);
/** Keys emptied only directly under a `status:` key (a Node's status). */
const UNDER_STATUS = new Set(['images', 'addresses']);

const KEY_LINE = /^( *)(?:- +)?([A-Za-z][A-Za-z0-9_-]*):[ \t]*(?:#.*)?\r?$/;
/** A key whose value is a block scalar: its lines are text, not YAML structure. */
const BLOCK_SCALAR_KEY = /^( *)(?:- +)?[^#\s][^#]*?:[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?\r?$/;

/** A line of the text, by offsets, with what the scan needs to know about it. */
interface Line {
  start: number;
  /** Offset of the line's `\n`, or the text's length. */
  end: number;
  /** Spaces before the first other character; -1 for blank and comment lines. */
  indent: number;
}

function lineAt(text: string, start: number): Line {
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  const first = text.charCodeAt(i);
  const blank = i === end || first === 35 /* # */ || (first === 13 && i + 1 === end);
  return { start, end, indent: blank ? -1 : i - start };
}

/** Whether a line may be a block key (`key:`): it ends with a colon, or has a comment. Never looks past the line. */
function mayBeBlockKey(text: string, line: Line): boolean {
  let last = line.end - 1;
  while (last > line.start && (text.charCodeAt(last) === 13 || text.charCodeAt(last) === 32)) last--;
  return text.charCodeAt(last) === 58 /* : */ || hasCharIn(text, line, 35 /* # */);
}

/** Whether a line may be a block scalar header (`key: |`); never looks past the line. */
function mayBeBlockScalar(text: string, line: Line): boolean {
  return hasCharIn(text, line, 124 /* | */) || hasCharIn(text, line, 62 /* > */);
}

function hasCharIn(text: string, line: Line, code: number): boolean {
  for (let i = line.start + line.indent; i < line.end; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

/** The text with the unread blocks emptied; the same text (same string) when there is nothing to cut. */
export function withoutUnreadInventoryFields(text: string): string {
  if (!text.includes('managedFields:') && !text.includes('images:') && !text.includes('addresses:')) return text;
  const parts: string[] = [];
  let copiedTo = 0;
  /** Indentation and key of the enclosing block keys, innermost last. */
  const parents: Array<{ indent: number; key: string }> = [];
  let position = 0;
  while (position <= text.length) {
    const line = lineAt(text, position);
    const next = line.end + 1;
    if (line.indent < 0) {
      position = next;
      continue;
    }
    const indent = line.indent;
    while (parents.length > 0 && parents[parents.length - 1].indent >= indent) parents.pop();
    if (mayBeBlockScalar(text, line) && BLOCK_SCALAR_KEY.test(text.slice(line.start, line.end))) {
      // Skip the scalar's lines: those more indented than its key, and blank ones.
      position = next;
      while (position <= text.length) {
        const inside = lineAt(text, position);
        if (inside.indent >= 0 && inside.indent <= indent) break;
        position = inside.end + 1;
      }
      continue;
    }
    const key = mayBeBlockKey(text, line) ? KEY_LINE.exec(text.slice(line.start, line.end)) : null;
    if (!key) {
      position = next;
      continue;
    }
    const name = key[2];
    // A `- key:` item: the key sits after the dash.
    const keyIndent = text.indexOf(name, line.start + indent) - line.start;
    const parent = parents[parents.length - 1];
    if (ANYWHERE.has(name) || (UNDER_STATUS.has(name) && parent?.key === 'status' && keyIndent === indent)) {
      let removed = 1;
      let end = next;
      while (end <= text.length) {
        const below = lineAt(text, end);
        const isItem = below.indent === keyIndent && text.charCodeAt(below.start + keyIndent) === 45 /* - */ && /[ \t\r\n]/.test(text.charAt(below.start + keyIndent + 1) || '\n');
        if (below.indent >= 0 && below.indent < keyIndent) break;
        if (below.indent === keyIndent && !isItem) break;
        removed++;
        end = below.end + 1;
      }
      parts.push(text.slice(copiedTo, line.start));
      // The key line of a `- managedFields:` item keeps its dash, so the item stays an item.
      if (keyIndent !== indent) parts.push(text.slice(line.start, line.start + keyIndent).trimEnd());
      parts.push('\n'.repeat(Math.min(removed, countLines(text, line.start, end))));
      copiedTo = Math.min(end, text.length);
      position = end;
      continue;
    }
    parents.push({ indent: keyIndent, key: name });
    position = next;
  }
  if (copiedTo === 0) return text;
  parts.push(text.slice(copiedTo));
  return parts.join('');
}

/** The line breaks in text[start, end). */
function countLines(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
