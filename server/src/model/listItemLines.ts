/**
 * Where the items of a list document in kubectl's block layout are, from its lines alone: what
 * lets the parse read a `kubectl get … -o yaml` List of thousands of objects item by item
 * (parseYamlDocument), as it reads a stream of documents, rather than as one document.
 *
 *   apiVersion: v1
 *   items:
 *   - apiVersion: apps/v1      ← an item: from its `-` line to the next one at that indentation
 *     kind: DaemonSet
 *     …
 *   kind: List
 *   metadata: …
 *
 * Only a text with one top-level `kind:` line naming a list kind and one top-level `items:` line
 * with nothing after it but a comment, followed by `-` lines, is answered; anything else is left
 * to the parse of the whole document. A line that is not blank, not a comment and not indented
 * past the items' `-` ends them, unless it is the next item's `-`; lines are found with a regular
 * expression, not one by one (a List of 1,000 DaemonSets is 15 MB). The caller checks that each
 * item, read alone, is read as the fast reader reads manifests (one-line scalars, block scalars),
 * where no line of an item can be at or left of its `-`.
 */
import { scanKindLines } from './kindLine';
import { isListKind } from './kubernetesList';

export interface ListItemLines {
  /** Offsets [start, end) of the lines of each item, and the offset of its `-`. */
  items: Array<{ start: number; dash: number; end: number }>;
  /** Offsets [start, end) of all the items' lines. */
  start: number;
  end: number;
}

const TOP_LEVEL_ITEMS = /^items:[ \t]*(?:#.*)?\r?$/gm;
/** Blank and comment lines, then the first line with content: its indentation and first character. */
const FIRST_CONTENT = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)(\S)/;

export function listItemLines(text: string): ListItemLines | undefined {
  const kind = scanKindLines(text);
  if (kind.lines !== 1 || !isListKind(kind.kind)) return undefined;
  TOP_LEVEL_ITEMS.lastIndex = 0;
  const itemsLine = TOP_LEVEL_ITEMS.exec(text);
  if (!itemsLine || TOP_LEVEL_ITEMS.exec(text)) return undefined;
  const start = text.indexOf('\n', itemsLine.index) + 1;
  if (start === 0) return undefined;
  // The first line with content after `items:` is the first item's `-`; its indentation is the items'.
  const first = FIRST_CONTENT.exec(text.slice(start, start + 10_000));
  if (!first || first[2] !== '-') return undefined;
  const dashIndent = first[1].length;
  const afterDash = text.charCodeAt(start + first[0].length);
  if (!(Number.isNaN(afterDash) || afterDash === 32 || afterDash === 10 || afterDash === 13)) return undefined;
  const items: ListItemLines['items'] = [];
  let itemStart = start + first.index + first[0].length - first[1].length - 1;
  // Each later line with content at or left of the `-` (found by the regular expression, not line by line): the next item, or the end.
  const atOrLeft = new RegExp(`\\n {0,${dashIndent}}(?=[^ \\r\\n#])`, 'g');
  atOrLeft.lastIndex = itemStart;
  let end = text.length;
  for (let found = atOrLeft.exec(text); ; found = atOrLeft.exec(text)) {
    const lineStart = found ? found.index + 1 : text.length;
    items.push({ start: itemStart, dash: itemStart + dashIndent, end: lineStart });
    if (!found) break;
    const content = lineStart + found[0].length - 1;
    const next = text.charCodeAt(content + 1);
    if (text.charCodeAt(content) === 9) return undefined; // a tab at or left of the `-`: left to the parse
    if (content - lineStart !== dashIndent || text.charCodeAt(content) !== 45 || !(content + 1 >= text.length || next === 32 || next === 10 || next === 13)) {
      end = lineStart;
      break;
    }
    itemStart = lineStart;
  }
  return { items, start, end };
}
