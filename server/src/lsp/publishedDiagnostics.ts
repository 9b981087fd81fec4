/**
 * Each open document's last published diagnostics, so that validating a version again (the
 * workspace index, the settings or the inventory changed) publishes only when its diagnostics
 * did: a scan that finds files an open document does not depend on leaves it as it was, and a
 * client would otherwise redraw (and a large file re-send megabytes of) the same diagnostics.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver';

interface Published {
  version: number;
  diagnostics: readonly Diagnostic[];
}

export class PublishedDiagnostics {
  private readonly last = new Map<string, Published>();

  /**
   * Whether `diagnostics` are what was last published for this version of the document: the same
   * objects (each service diagnostic is converted once, and the service keeps those of unchanged
   * documents), or equal ones (the cross-document findings are made afresh when the index changes).
   */
  unchanged(uri: string, version: number, diagnostics: readonly Diagnostic[]): boolean {
    const last = this.last.get(uri);
    if (!last || last.version !== version || last.diagnostics.length !== diagnostics.length) return false;
    if (last.diagnostics === diagnostics) return true;
    for (let i = 0; i < diagnostics.length; i++) {
      if (last.diagnostics[i] !== diagnostics[i] && !isDeepStrictEqual(last.diagnostics[i], diagnostics[i])) return false;
    }
    return true;
  }

  record(uri: string, version: number, diagnostics: readonly Diagnostic[]): void {
    this.last.set(uri, { version, diagnostics });
  }

  /** The document was closed (its diagnostics replaced by others), so its next publish must go out. */
  forget(uri: string): void {
    this.last.delete(uri);
  }
}
