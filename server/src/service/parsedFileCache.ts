/**
 * Parsed YAML per document URI and version. A new version re-parses only the
 * YAML documents whose text changed: unchanged slices of the previous parse
 * are reused (and re-based when their offset moved). This is what keeps an
 * edit in one document of a 5,000-document file cheap.
 *
 * When the document tells how much of its text an edit left as it was, only
 * the lines between are split again (parseYamlFile).
 *
 * A document re-parsed after an edit is parsed from its own copy of its text.
 * A slice of the file's text is, in V8, a view that keeps the whole file text
 * alive: every cache that keeps the edited document (by its text, for as long
 * as it holds) would otherwise keep one whole version of the file per edit.
 * A document that is most of its file (a `kubectl get -o yaml` List of 15 MB
 * is one document) keeps its slice: the view keeps little more than the
 * document's own characters alive, and copying megabytes took a fifth of
 * each edit. Such a List is read item by item (parseListInPieces): its items
 * whose text is unchanged are taken over from the previous version, and only
 * the edited ones are read again, from a copy of their text.
 */
import { detachedCopy, parseYamlDocument, parseYamlFile, type ParsedYamlDocument, type PreviousListItem, type ParsedYamlFile, type YamlDocumentSlice } from '../model/yamlDocuments';
import type { TextDocumentLike } from './types';
import { objectDocuments } from '../model/listItemDocuments';

interface Entry {
  version: number;
  text: string;
  parsed: ParsedYamlFile;
}

export class ParsedFileCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxFiles = 200) {}

  get(document: TextDocumentLike): ParsedYamlFile {
    const previous = this.entries.get(document.uri);
    const text = document.getText();
    if (previous && previous.version === document.version && previous.text === text) {
      return previous.parsed;
    }
    const reuse = previous ? reuseOrParseOnItsOwn(previous.parsed.documents, text.length) : undefined;
    const unchanged = previous && previous.version < document.version ? document.unchangedSince?.(previous.version) : undefined;
    const parsed = parseYamlFile(text, reuse, previous && unchanged && { previous: previous.parsed, ...unchanged });
    // Its objects' view, which takes over the previous version's list items whose text is unchanged.
    objectDocuments(parsed, previous?.parsed);
    this.entries.delete(document.uri);
    this.entries.set(document.uri, { version: document.version, text, parsed });
    if (this.entries.size > this.maxFiles) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return parsed;
  }

  /** The parse kept for `uri` when it is of exactly `text` (an open document whose file on disk reads the same). */
  parsedText(uri: string, text: string): ParsedYamlFile | undefined {
    const entry = this.entries.get(uri);
    return entry && entry.text === text ? entry.parsed : undefined;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

/**
 * Hands back the previous parse of each unchanged slice, each at most once,
 * and parses the others from a copy of their text (unless the slice is most of the file). An edit leaves the documents before and after it in place: the slice at
 * the same position, counted from the start or from the end, is compared
 * first (a string comparison, no hashing of megabytes of new slice texts);
 * only slices around the edit are looked up by text.
 */
function reuseOrParseOnItsOwn(previous: readonly ParsedYamlDocument[], fileLength: number): (slice: YamlDocumentSlice, index: number, count: number) => ParsedYamlDocument | undefined {
  const reuse = reusedByPositionOrText(previous, () => previous);
  return (slice, index, count) =>
    reuse(slice.text, index, count) ??
    parseYamlDocument({ offset: slice.offset, text: slice.text.length * 2 > fileLength ? slice.text : detachedCopy(slice.text) }, index, previousItem(index, count));

  /**
   * The previous version's list items by text, for a list document read again (parseListInPieces):
   * the list at the same position first, item by item from its start or its end, then any by text.
   */
  function previousItem(index: number, count: number): PreviousListItem | undefined {
    const lists = previous.filter((doc) => doc.items !== undefined);
    if (lists.length === 0) return undefined;
    const before = previous[index]?.items ?? previous[previous.length - count + index]?.items ?? [];
    return reusedByPositionOrText(before, () => lists.flatMap((list) => list.items ?? []));
  }
}

/**
 * Of a previous version's documents (or a list's items), the one of `text` for the one at
 * `position` of `count` now, each handed back at most once: the one at the same position counted
 * from the start, else from the end (a string comparison, no hashing of megabytes of new texts),
 * else any of `all` with that text (indexed by text when first needed).
 */
function reusedByPositionOrText(atPositions: readonly ParsedYamlDocument[], all: () => readonly ParsedYamlDocument[]): PreviousListItem {
  const used = new Set<ParsedYamlDocument>();
  let byText: Map<string, ParsedYamlDocument[]> | undefined;
  const take = (doc: ParsedYamlDocument | undefined, text: string) => {
    if (!doc || used.has(doc) || doc.text !== text) return undefined;
    used.add(doc);
    return doc;
  };
  return (text, position, count) => {
    const hit = take(atPositions[position], text) ?? take(atPositions[atPositions.length - count + position], text);
    if (hit) return hit;
    if (!byText) {
      byText = new Map();
      for (const doc of all()) {
        const same = byText.get(doc.text);
        if (same) same.push(doc);
        else byText.set(doc.text, [doc]);
      }
    }
    for (const doc of byText.get(text) ?? []) if (take(doc, text)) return doc;
    return undefined;
  };
}
