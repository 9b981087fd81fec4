/**
 * The LSP adapter: documents, configuration and scheduling. It owns all
 * protocol state and hands the pure language service plain text documents.
 */
import {
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../service/languageService';
import { toLspDiagnostic, toLspHover } from './convert';
import { runSafe } from './runSafe';

export const SERVER_NAME = 'daemonset-language-server';
declare const __VERSION__: string | undefined;
export const SERVER_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** Typing pauses shorter than this do not trigger a validation. */
const VALIDATION_DELAY_MS = 150;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const logger = { error: (message: string) => connection.console.error(message) };
  const service = getLanguageService({
    onRuleError: (rule, error) => logger.error(`rule ${rule.id} failed: ${String(error)}`),
  });
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  connection.onInitialize(
    (_params: InitializeParams): InitializeResult => ({
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    }),
  );

  function validate(document: TextDocument): void {
    const version = document.version;
    const result = runSafe(logger, 'validation', undefined, [], () =>
      service.doValidation(document).map(toLspDiagnostic),
    );
    const latest = documents.get(document.uri);
    // Publish only if no edit arrived meanwhile: a stale result would flicker.
    if (!latest || latest.version !== version || !Array.isArray(result)) return;
    void connection.sendDiagnostics({ uri: document.uri, version, diagnostics: result });
  }

  function schedule(document: TextDocument, delay: number): void {
    const existing = pending.get(document.uri);
    if (existing) clearTimeout(existing);
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        const latest = documents.get(document.uri);
        if (latest) validate(latest);
      }, delay),
    );
  }

  // TextDocuments fires a content change right after each open: validate an
  // opened document at once, and debounce only the edits that follow.
  const openedVersion = new Map<string, number>();
  documents.onDidOpen((event) => {
    openedVersion.set(event.document.uri, event.document.version);
    schedule(event.document, 0);
  });
  documents.onDidChangeContent((event) => {
    if (openedVersion.get(event.document.uri) === event.document.version) return;
    openedVersion.delete(event.document.uri);
    schedule(event.document, VALIDATION_DELAY_MS);
  });
  documents.onDidClose((event) => {
    openedVersion.delete(event.document.uri);
    const existing = pending.get(event.document.uri);
    if (existing) clearTimeout(existing);
    pending.delete(event.document.uri);
    service.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onHover((params, token) =>
    runSafe(logger, 'hover', token, null, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const hover = service.doHover(document, params.position);
      return hover ? toLspHover(hover) : null;
    }),
  );

  documents.listen(connection);
  connection.listen();
}
