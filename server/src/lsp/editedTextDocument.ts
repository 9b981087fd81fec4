/**
 * The editor's documents as vscode-languageserver-textdocument keeps them,
 * plus what each incremental change left as it was: a text document can then
 * tell the parse how much of its start and end no change since a version
 * touched (`unchangedSince`), and an edit in a file of thousands of YAML
 * documents splits only the lines around it again (parseYamlFile).
 * A document just opened takes its line offsets from the parse's line index
 * (`adoptLineIndex`) instead of reading every character of the text again.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import type { LineIndex } from '../model/textPositions';

/**
 * The library's document as far as its line offsets go: computed on first use (`getLineOffsets`),
 * with the same line breaks as `LineIndex` (\n, \r\n, a lone \r), then patched in place by each
 * incremental change. Not part of its typings; `adoptLineIndex` checks the field is there, and the
 * tests check the library takes and keeps what it is given.
 */
interface LibraryLineOffsets {
  _lineOffsets?: number[];
}

/** One incremental change: the version it made, where it was in the text it changed, and that text's length. */
interface Change {
  version: number;
  start: number;
  end: number;
  lengthBefore: number;
}

/** The changes a document remembers; a version older than they reach is parsed as a whole. */
const MAX_CHANGES = 256;

export class EditedTextDocument implements TextDocument {
  private changes: Change[] = [];
  /** The version from which every change is remembered. */
  private since: number;

  constructor(private readonly document: TextDocument) {
    this.since = document.version;
  }

  get uri(): string {
    return this.document.uri;
  }

  get languageId(): string {
    return this.document.languageId;
  }

  get version(): number {
    return this.document.version;
  }

  get lineCount(): number {
    return this.document.lineCount;
  }

  getText(range?: Range): string {
    return this.document.getText(range);
  }

  getLineRange(line: number): Range {
    return this.document.getLineRange(line);
  }

  getEOLCharacters(line: number): string {
    return this.document.getEOLCharacters(line);
  }

  positionAt(offset: number): Position {
    return this.document.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.document.offsetAt(position);
  }

  /**
   * Takes the line offsets of the text from the parse's line index (asked for only if the library
   * has not read them yet), if the index is of this very text: a copy, since the library patches its own in place
   * on each change and the parse's stays as it is. Whether it took them.
   */
  adoptLineIndex(lineIndex: () => LineIndex): boolean {
    const library = this.document as unknown as LibraryLineOffsets;
    if (!('_lineOffsets' in library) || library._lineOffsets !== undefined) return false;
    const lines = lineIndex();
    if (lines.text !== this.document.getText() || lines.lineStarts[0] !== 0) return false;
    library._lineOffsets = lines.lineStarts.slice();
    return true;
  }

  /** Applies the editor's changes in order, as the library does, remembering where each incremental one was. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      // Offsets as the library applies them: a reversed range is taken the right way round.
      const a = 'range' in change ? this.document.offsetAt(change.range.start) : NaN;
      const b = 'range' in change ? this.document.offsetAt(change.range.end) : NaN;
      if (Number.isInteger(a) && Number.isInteger(b)) {
        this.changes.push({ version, start: Math.min(a, b), end: Math.max(a, b), lengthBefore: this.document.getText().length });
      } else {
        // The whole text, or a range past the text's lines that the library cannot place exactly.
        this.changes = [];
        this.since = version;
      }
      TextDocument.update(this.document, [change], version);
    }
    if (this.changes.length > MAX_CHANGES) {
      const oldest = this.changes[this.changes.length - MAX_CHANGES].version;
      // Whole versions only: a version's changes are remembered together or not at all.
      this.changes = this.changes.filter((change) => change.version > oldest);
      this.since = oldest;
    }
  }

  /** How many characters at the start and at the end of the text no change since `version` touched. */
  unchangedSince(version: number): { prefix: number; suffix: number } | undefined {
    if (version < this.since || version > this.version) return undefined;
    const length = this.document.getText().length;
    let prefix = length;
    let suffix = length;
    for (const change of this.changes) {
      if (change.version <= version) continue;
      prefix = Math.min(prefix, change.start);
      suffix = Math.min(suffix, change.lengthBefore - change.end);
    }
    return { prefix, suffix: Math.min(suffix, length - prefix) };
  }
}

export const editedTextDocuments: TextDocumentsConfiguration<EditedTextDocument> = {
  create: (uri, languageId, version, content) => new EditedTextDocument(TextDocument.create(uri, languageId, version, content)),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};
