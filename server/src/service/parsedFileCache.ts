/**
 * Parsed YAML per document URI and version. A new version re-parses only the
 * YAML documents whose text changed: unchanged slices of the previous parse
 * are reused (and re-based when their offset moved). This is what keeps an
 * edit in one document of a 5,000-document file cheap.
 */
import { parseYamlFile, type ParsedYamlDocument, type ParsedYamlFile } from '../model/yamlDocuments';
import type { TextDocumentLike } from './types';

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
    let reuse: ((slice: { text: string }) => ParsedYamlDocument | undefined) | undefined;
    if (previous) {
      const byText = new Map<string, ParsedYamlDocument>();
      for (const doc of previous.parsed.documents) if (!byText.has(doc.text)) byText.set(doc.text, doc);
      reuse = (slice) => {
        const hit = byText.get(slice.text);
        if (hit) byText.delete(slice.text); // each previous document is reused at most once
        return hit;
      };
    }
    const parsed = parseYamlFile(text, reuse);
    this.entries.delete(document.uri);
    this.entries.set(document.uri, { version: document.version, text, parsed });
    if (this.entries.size > this.maxFiles) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
