/**
 * A document's outline: its `yaml` AST with the insides of its long flow
 * collections left out, for the requests that need a document's shape and
 * not what such a collection holds — the outline of symbols, the code lens's
 * line, the field under a cursor outside the collection.
 *
 * A 1 MB one-line `args: ["x", "x", …]` costs the `yaml` package's parser
 * and composer most of a second (a hundred thousand nodes, and the garbage
 * of them); the outline is composed from the same text with each long flow
 * collection's inside blanked — brackets, line breaks and every other offset
 * kept — so every node outside has exactly the range it has in the full AST,
 * and each left-out collection keeps its own range, empty. Where a collection
 * ends comes from js-yaml's events (its last scalar, then only separators,
 * comments and closing brackets), never from a guess at the text; anything
 * unusual (tags, anchors, aliases, a mapping without braces inside a flow
 * sequence, Go templates) leaves the document whole.
 *
 * Callers check what they need against what was left out (`leftOut`,
 * `outlineHolds`) and take the full AST (`doc.ast`) when it was.
 */
import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, type Event } from 'js-yaml';
import { parseDocument, type Document } from 'yaml';
import type { FieldPath } from './fieldPath';
import { findNodeAtPath, type ParsedYamlDocument } from './yamlDocuments';
import { readYamlEvents, skipNode } from './yamlEvents';
import { skipFlowSeparators } from './yamlLineScan';

export interface DocumentOutline {
  /** The document with the outline as its AST; the document itself when nothing was left out. */
  doc: ParsedYamlDocument;
  /** Offsets [start, end) in the document's slice of each left-out collection, brackets included. */
  leftOut: ReadonlyArray<readonly [number, number]>;
}

/** Shorter documents, and shorter collections, are composed whole: their AST is cheap. */
const MIN_DOCUMENT_LENGTH = 64 * 1024;
const MIN_COLLECTION_LENGTH = 16 * 1024;
const MAX_DEPTH = 1000;

const outlines = new WeakMap<ParsedYamlDocument, DocumentOutline>();

const NOTHING_LEFT_OUT: ReadonlyArray<readonly [number, number]> = Object.freeze([]);

export function outlineOf(doc: ParsedYamlDocument): DocumentOutline {
  // Most documents are short: their outline is the document, and nothing is remembered for them.
  if (doc.text.length < MIN_DOCUMENT_LENGTH || doc.template) return { doc, leftOut: NOTHING_LEFT_OUT };
  let outline = outlines.get(doc);
  if (!outline) {
    outline = composeOutline(doc);
    outlines.set(doc, outline);
  }
  return outline;
}

/** Whether the offset (relative to the document's slice) is in or on a left-out collection: the outline cannot tell what is there. */
export function isLeftOut(outline: DocumentOutline, offset: number): boolean {
  return outline.leftOut.some(([start, end]) => start <= offset && offset <= end);
}

/**
 * Whether the outline holds the node at `path` as the full AST does: the
 * path is absent from the document's value, or present in the outline with
 * as many entries (a left-out collection reads as empty).
 */
export function outlineHolds(outline: DocumentOutline, value: unknown, path: FieldPath): boolean {
  if (outline.leftOut.length === 0) return true;
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return true;
    current = (current as Record<string | number, unknown>)[segment];
  }
  if (current === undefined) return true;
  const found = findNodeAtPath(outline.doc, path);
  if (found.depth !== path.length) return false;
  const node = found.value as { items?: unknown[] } | null | undefined;
  const entries = Array.isArray(current) ? current.length : current !== null && typeof current === 'object' ? Object.keys(current).length : undefined;
  return entries === undefined || (Array.isArray(node?.items) && node.items.length === entries);
}

function composeOutline(doc: ParsedYamlDocument): DocumentOutline {
  const whole: DocumentOutline = { doc, leftOut: NOTHING_LEFT_OUT };
  // A template document's AST is composed from its masked text, which the outline would have to mask alike.
  if (doc.template || doc.text.length < MIN_DOCUMENT_LENGTH || (!doc.text.includes('[') && !doc.text.includes('{'))) return whole;
  let events: Event[];
  try {
    events = readYamlEvents(doc.text, MAX_DEPTH);
  } catch {
    return whole;
  }
  const leftOut: Array<[number, number]> = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if ((event.type !== EVENT_ID.SEQUENCE && event.type !== EVENT_ID.MAPPING) || event.style !== COLLECTION_STYLE.FLOW) continue;
    const after = skipNode(events, i);
    const end = flowCollectionEnd(doc.text, events, i, after);
    if (end === undefined) return whole;
    if (end - event.start >= MIN_COLLECTION_LENGTH) leftOut.push([event.start, end]);
    i = after - 1;
  }
  if (leftOut.length === 0) return whole;
  const parts: string[] = [];
  let copied = 0;
  for (const [start, end] of leftOut) {
    // Keep the brackets and the line breaks; blank the rest, so every offset outside stays.
    parts.push(doc.text.slice(copied, start + 1), doc.text.slice(start + 1, end - 1).replace(/[^\r\n]/g, ' '));
    copied = end - 1;
  }
  parts.push(doc.text.slice(copied));
  const ast: Document.Parsed = parseDocument(parts.join(''), { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, strict: true, logLevel: 'error' });
  const view: ParsedYamlDocument = { index: doc.index, offset: doc.offset, text: doc.text, value: doc.value, problems: doc.problems, template: doc.template, ast };
  return { doc: view, leftOut };
}

const CLOSERS: Record<number, number> = { 91: 93, 123: 125 }; // [ → ], { → }

/**
 * The offset just past the closing bracket of the flow collection whose
 * events are [first, after): after each nested collection's last node, only
 * spaces, line breaks, commas, colons and comments may come before its
 * closing bracket. Undefined when the events or the text say otherwise.
 */
function flowCollectionEnd(text: string, events: readonly Event[], first: number, after: number): number | undefined {
  let cursor = 0;
  const closers: number[] = [];
  for (let i = first; i < after; i++) {
    const event = events[i];
    switch (event.type) {
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING: {
        const closer = CLOSERS[text.charCodeAt(event.start)];
        if (event.anchorStart >= 0 || event.tagStart >= 0 || closer === undefined || event.style !== COLLECTION_STYLE.FLOW) return undefined;
        closers.push(closer);
        cursor = Math.max(cursor, event.start + 1);
        break;
      }
      case EVENT_ID.SCALAR: {
        if (event.anchorStart >= 0 || event.tagStart >= 0) return undefined;
        if (event.valueStart < 0) break; // an empty value: nothing in the text
        const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
        if (!quoted && event.style !== SCALAR_STYLE.PLAIN) return undefined;
        cursor = Math.max(cursor, event.valueEnd + (quoted ? 1 : 0));
        break;
      }
      case EVENT_ID.POP: {
        const closer = closers.pop();
        const at = skipFlowSeparators(text, cursor);
        if (closer === undefined || text.charCodeAt(at) !== closer) return undefined;
        cursor = at + 1;
        break;
      }
      default:
        return undefined;
    }
  }
  return closers.length === 0 ? cursor : undefined;
}
