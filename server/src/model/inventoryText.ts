/**
 * An inventory's text with the bulk nothing reads taken out before it is
 * parsed. `kubectl get nodes -o yaml` spends most of its bytes on what
 * placement, status, cost and scheduler fit never look at: each Node's
 * `status.images` (25 and more entries, each with digests), its
 * `status.addresses`, `daemonEndpoints` and most of `nodeInfo`, the
 * heartbeats and messages of its conditions, and every object's
 * `metadata.managedFields`. Reading them costs most of the parse and most of
 * the memory of a 5,000-node dump.
 *
 * What stays is what the readers use (node.ts, pod.ts): under an object's
 * `status` (a top-level object's, or a list item's) only `conditions`,
 * `allocatable`, `capacity`, `nodeInfo`, `phase` and `startTime`; of each
 * condition its `type`, `status`, `reason` and `lastTransitionTime`; of
 * `nodeInfo` its `kubeletVersion` (all of it when there is none, so it stays
 * a mapping). Everything outside `status` stays but `managedFields`.
 *
 * The cut is one line scan, not a parse: a cut key is emptied with every
 * line below it (deeper lines, and `- ` items at the key's own indentation,
 * as kubectl writes them). Each removed line stays as an empty line, so
 * every line that is kept keeps its line number and columns, and problems
 * are reported where they are in the file. Block scalars are skipped whole,
 * so text inside one is never mistaken for a key. A cut that leaves broken
 * YAML (only a key line inside a multi-line string could) is not trusted by
 * the caller (inventory.ts).
 */

import { isPlainMap } from './objectReader';
import { CR, DASH, endOfBlock, endOfLine, HASH, indentOf, isDashItem, isLineBreakOrSpace, SPACE, TAB } from './yamlLineScan';

/** Emptied wherever they are: every object's metadata may carry them. */
const CUT_ANYWHERE = 'managedFields';
/** What the readers take from an object's `status`; its other fields are emptied. */
const KEPT_IN_STATUS = new Set(['conditions', 'allocatable', 'capacity', 'nodeInfo', 'phase', 'startTime']);
/** What the readers take from a Node's or a Pod's condition. */
const KEPT_IN_CONDITION = new Set(['type', 'status', 'reason', 'lastTransitionTime']);
/** What the readers take from a Node's `status.nodeInfo`. */
const KEPT_IN_NODE_INFO = 'kubeletVersion';

/** What the scan knows about a block key (`key:` with its value below): whose fields it cuts. */
export type Role = 'status' | 'conditions' | 'nodeInfo' | 'other';

interface Parent {
  /** Column of the key. */
  column: number;
  role: Role;
  /** The key's name, kept only for the `items` of a list (the objects' level). */
  name: string;
}

const PIPE = 124;
const GREATER = 62;

/** Whether a key of the block [from, to) is `kubeletVersion`. */
function holdsKubeletVersion(text: string, from: number, to: number): boolean {
  for (let at = text.indexOf(KEPT_IN_NODE_INFO + ':', from); at !== -1 && at < to; at = text.indexOf(KEPT_IN_NODE_INFO + ':', at + 1)) {
    const before = text.charCodeAt(at - 1);
    if (before === SPACE || before === 10) return true;
  }
  return false;
}

/** Whether a field named `name`, in a block whose role is `role`, is one nothing reads. */
export function isUnreadField(role: Role | undefined, name: string): boolean {
  if (name === CUT_ANYWHERE) return true;
  switch (role) {
    case 'status':
      return !KEPT_IN_STATUS.has(name);
    case 'conditions':
      return !KEPT_IN_CONDITION.has(name);
    case 'nodeInfo':
      return name !== KEPT_IN_NODE_INFO;
    default:
      return false;
  }
}

/** The fields of `map` that are read, in a block whose role is `role` (a new mapping, or `map` itself when none is cut). */
function readFieldsOf(map: Record<string, unknown>, role: Role): Record<string, unknown> {
  const keys = Object.keys(map);
  // A `__proto__` key would be set as the copy's prototype, not as its field.
  if (!keys.some((key) => isUnreadField(role, key)) || keys.includes('__proto__')) return map;
  const kept: Record<string, unknown> = {};
  for (const key of keys) if (!isUnreadField(role, key)) kept[key] = map[key];
  return kept;
}

/**
 * An object's parsed value (a list item of kubectl's JSON, read item by
 * item) without the bulk nothing reads, as withoutUnreadInventoryFields cuts
 * it from a text: its `status` holds what the readers take, its conditions
 * their read fields, its `nodeInfo` its `kubeletVersion` (all of it when
 * there is none), its metadata no `managedFields`. Mappings stay mappings,
 * so the readers read the very same values and report the very same
 * problems. The value is changed in place and returned.
 */
export function withoutUnreadObjectFields(value: unknown): unknown {
  if (!isPlainMap(value)) return value;
  if (isPlainMap(value.metadata)) value.metadata = readFieldsOf(value.metadata, 'other');
  if (!isPlainMap(value.status)) return value;
  const status = readFieldsOf(value.status, 'status');
  if (Array.isArray(status.conditions)) status.conditions = status.conditions.map((condition: unknown) => (isPlainMap(condition) ? readFieldsOf(condition, 'conditions') : condition));
  if (isPlainMap(status.nodeInfo) && Object.prototype.hasOwnProperty.call(status.nodeInfo, KEPT_IN_NODE_INFO)) status.nodeInfo = readFieldsOf(status.nodeInfo, 'nodeInfo');
  value.status = status;
  return value;
}

/** The text with the unread blocks emptied; the same text (same string) when there is nothing to cut. */
export function withoutUnreadInventoryFields(text: string): string {
  if (!text.includes('status:') && !text.includes(CUT_ANYWHERE)) return text;
  const parts: string[] = [];
  let copiedTo = 0;
  /** The enclosing block keys, innermost last. */
  const parents: Parent[] = [];
  /** A `- ` item whose first field was cut, until a field of it is kept: the part holding its dash. */
  let openItem: { part: number; keyColumn: number } | undefined;
  let position = 0;
  while (position < text.length) {
    const lineStart = position;
    const lineEnd = endOfLine(text, lineStart);
    const next = lineEnd + 1;
    position = next;
    const indent = indentOf(text, lineStart, lineEnd);
    if (indent < 0) continue;
    if (openItem !== undefined && indent < openItem.keyColumn) {
      // The item ended with every field cut: an empty mapping, as it was one.
      parts[openItem.part] += ' {}';
      openItem = undefined;
    }
    const dash = isDashItem(text, lineStart, indent);
    // A `- ` item stays inside a list written at its key's own indentation.
    while (parents.length > 0) {
      const innermost = parents[parents.length - 1].column;
      if (innermost < indent || (innermost === indent && dash)) break;
      parents.pop();
    }
    let keyStart = lineStart + indent;
    if (dash) {
      keyStart += 1;
      while (keyStart < lineEnd && text.charCodeAt(keyStart) === SPACE) keyStart++;
      // `- - x`, `- [a]`, `- "quoted": x`: nothing to cut is written that way.
      const first = text.charCodeAt(keyStart);
      if (first === DASH || first === HASH || !(first >= 65 && first <= 90) && !(first >= 97 && first <= 122)) continue;
    }
    // The key ends at the first `:` followed by a space or the line's end.
    let colon = text.indexOf(':', keyStart);
    while (colon !== -1 && colon < lineEnd && !isLineBreakOrSpace(text.charCodeAt(colon + 1))) colon = text.indexOf(':', colon + 1);
    if (colon === -1 || colon >= lineEnd) continue;
    let valueStart = colon + 1;
    while (valueStart < lineEnd && (text.charCodeAt(valueStart) === SPACE || text.charCodeAt(valueStart) === TAB)) valueStart++;
    const valueFirst = text.charCodeAt(valueStart);
    const isBlockKey = valueStart === lineEnd || valueFirst === HASH || (valueFirst === CR && valueStart + 1 === lineEnd);
    const keyColumn = keyStart - lineStart;
    const parent = parents[parents.length - 1];
    // Most keys are neither cut nor a block: their name is never needed.
    const mayMatter = isBlockKey || (parent !== undefined && parent.role !== 'other') || colon - keyStart === CUT_ANYWHERE.length;
    const name = mayMatter ? text.slice(keyStart, colon) : '';
    if (mayMatter && isUnreadField(parent?.role, name)) {
      const end = endOfBlock(text, next, keyColumn, isBlockKey);
      parts.push(text.slice(copiedTo, lineStart));
      if (dash) {
        // The item stays an item: a mapping of the fields kept below its dash, or an empty one when none is.
        parts.push(text.slice(lineStart, lineStart + indent + 1));
        openItem = { part: parts.length - 1, keyColumn };
      }
      parts.push('\n'.repeat(countLineBreaks(text, lineStart, end)));
      copiedTo = end;
      position = end;
      continue;
    }
    openItem = undefined;
    if (valueFirst === PIPE || valueFirst === GREATER) {
      // A block scalar: its lines, more indented than the line, are text, not keys.
      position = endOfBlock(text, next, indent + 1, false);
      continue;
    }
    if (!isBlockKey) continue;
    parents.push({ column: keyColumn, name: parents.length === 0 && name === 'items' ? name : '', role: roleOf(text, parents, name, next, keyColumn) });
  }
  if (copiedTo === 0) return text;
  if (openItem !== undefined) parts[openItem.part] += ' {}';
  parts.push(text.slice(copiedTo));
  return parts.join('');
}

/** What a block key's fields are, from its name and where it is. */
function roleOf(text: string, parents: readonly Parent[], name: string, next: number, keyColumn: number): Role {
  const parent = parents[parents.length - 1];
  // An object's status: a top-level object's, or a list item's (`items` at the top).
  const objectLevel = parents.length === 0 || (parents.length === 1 && parent.name === 'items');
  return childRole(objectLevel, parent?.role, name, text, next, keyColumn);
}

/** The role of the block key `name` (its line ends before `next`) inside a block of role `role`. */
export function childRole(objectLevel: boolean, role: Role | undefined, name: string, text: string, next: number, keyColumn: number): Role {
  if (name === 'status' && objectLevel) return 'status';
  if (role !== 'status') return 'other';
  if (name === 'conditions') return 'conditions';
  if (name === 'nodeInfo' && holdsKubeletVersion(text, next, endOfBlock(text, next, keyColumn, false))) return 'nodeInfo';
  return 'other';
}

/** The line breaks in text[start, end). */
function countLineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
