/**
 * kubectl's JSON list (`kubectl get … -o json`) read one item at a time.
 * kubectl prints a list with Go's json.MarshalIndent, four spaces a level:
 *
 *     {
 *         "apiVersion": "v1",
 *         "items": [
 *             {
 *                 …
 *             },
 *             {
 *                 …
 *             }
 *         ],
 *         "kind": "List",
 *         …
 *     }
 *
 * so each item ends on a line of eight spaces and `}` (a string holds no raw
 * line break, and deeper lines are indented further). A cluster-wide pod list
 * is hundreds of MB; parsed whole, its hundreds of MB of objects all live
 * until the last item is read, and the garbage collector copies them from
 * the young generation to the old one and marks them there. Parsed item by
 * item, each item is cut (`map`) as soon as it is parsed, so what is not kept
 * dies young, where collecting it costs nothing.
 *
 * Only where the answer is certain: the items are found with fast string
 * searches of that layout, every item is JSON.parse'd on its own, and the
 * rest of the text, with a placeholder where the items were, must parse to an
 * object whose `items` is that placeholder (it then is the list JSON.parse
 * would read, and the whole text is valid JSON). Anything else — another
 * layout, broken or truncated output, an empty list — gives undefined, and
 * the caller parses the whole text as before (with JSON.parse's own error).
 */

/** How far into the text the list's `items` key may be (after `apiVersion`): past it, the text is not kubectl's list. */
const HEAD_LIMIT = 1024;
/** The line that opens the top-level `items` list, and the first item's line break. */
const OPEN = '\n    "items": [\n';
/**
 * Where one item ends and the next begins: the `}` line of eight spaces, a
 * comma, and the next item's first field, kubectl's `apiVersion` (a long
 * pattern with rare characters near its end, which the string search skips
 * through several times faster than a line break and a brace).
 */
const SEPARATOR = '\n        },\n        {\n            "apiVersion"';
/** The length of the separator up to its comma: where the item before it ends. */
const ITEM_END = '\n        }'.length;
/** The last item's `}` line and the list's closing line. */
const LAST_END = '\n        }\n    ]';
/** The placeholder put where the items were; the text around it must not hold it (nor any escape, which could spell it). */
const PLACEHOLDER = 'kubectl-list-items-placeholder';

/** kubectl's output as text, or as the bytes it printed (UTF-8: its every mark above is one byte, so no character is ever split). */
export type KubectlOutput = string | Buffer;

/** [start, end) of the output as text (offsets in characters of a text, in bytes of bytes; the marks searched are ASCII, the same either way). */
export function textOf(output: KubectlOutput, start = 0, end = output.length): string {
  return typeof output === 'string' ? output.slice(start, end) : output.toString('utf8', start, end);
}

/**
 * kubectl's JSON list in `output` as JSON.parse reads it, but with `map` of
 * each item, in order, as its items (those results that are not undefined);
 * undefined when `output` is not such a list in kubectl's layout holding at
 * least one item, or is not valid JSON. `map` may have been called for some
 * items when undefined is returned.
 */
export function mapKubectlListItems<T>(output: KubectlOutput, map: (item: unknown) => T | undefined): (Record<string, unknown> & { items: T[] }) | undefined {
  const head = typeof output === 'string' ? output.slice(0, HEAD_LIMIT) : output.subarray(0, HEAD_LIMIT);
  const open = head.indexOf(OPEN);
  if (open < 0) return undefined;
  const kept: T[] = [];
  let start = open + OPEN.length;
  for (;;) {
    const separator = output.indexOf(SEPARATOR, start);
    const last = separator < 0;
    const end = last ? output.indexOf(LAST_END, start) : separator;
    if (end < 0) return undefined;
    const itemEnd = end + ITEM_END;
    let item: unknown;
    try {
      item = JSON.parse(textOf(output, start, itemEnd));
    } catch {
      return undefined;
    }
    const value = map(item);
    if (value !== undefined) kept.push(value);
    if (!last) {
      // The next item begins after the comma, with its line break.
      start = itemEnd + 1;
      continue;
    }
    const list = listAround(textOf(output, 0, open + OPEN.length - 2), textOf(output, end + LAST_END.length));
    if (list) list.items = kept;
    return list as (Record<string, unknown> & { items: T[] }) | undefined;
  }
}

/**
 * The object `before` + the items list + `after` is, its `items` the
 * placeholder, when that is valid JSON and that list is the object's `items`;
 * undefined otherwise.
 */
function listAround(before: string, after: string): Record<string, unknown> | undefined {
  const skeleton = `${before}"${PLACEHOLDER}"${after}`;
  // Without escapes, a string's value is its text: only the placeholder's own quotes can give its value.
  if (skeleton.includes('\\') || skeleton.indexOf(PLACEHOLDER) !== skeleton.lastIndexOf(PLACEHOLDER)) return undefined;
  try {
    const value: unknown = JSON.parse(skeleton);
    const isList = typeof value === 'object' && value !== null && !Array.isArray(value) && (value as Record<string, unknown>).items === PLACEHOLDER;
    return isList ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
