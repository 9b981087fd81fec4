/**
 * The editing features over LSP: hover, completion, quick fixes, outline,
 * folding and code lens. Every handler runs through runSafe; the ones that
 * use the node inventory resolve it first (as diagnostics do) and answer
 * only for the document version they were asked about.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  type CancellationToken,
  type Connection,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import type { InventoryLike, LiveStatus } from '../service/types';
import {
  fromLspDiagnostic,
  toLspCodeAction,
  toLspCodeLens,
  toLspCompletionList,
  toLspDocumentSymbol,
  toLspFoldingRange,
  toLspHover,
} from './convert';
import { DIAGNOSTIC_SOURCE } from './convert';
import { runSafe, type Logger } from './runSafe';

/** What the server announces for these features (hover is announced by server.ts already). */
export const editingCapabilities: ServerCapabilities = {
  hoverProvider: true,
  // `:` opens the values of an enum right after the key; a space only after `key: ` or `- ` (see below).
  completionProvider: { triggerCharacters: [':', ' '], resolveProvider: false },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  codeLensProvider: { resolveProvider: false },
};

export type InventoryResolver = (uri: string) => Promise<InventoryLike | undefined>;
/** The live comparison's status for a document's lens, without waiting for the network. */
export type LiveStatusResolver = (document: TextDocument) => Promise<LiveStatus | undefined>;

export interface EditingFeatures {
  /** Ask the client to re-request code lenses (the inventory or the workspace changed). */
  refresh(): void;
}

export function registerEditingFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  logger: Logger,
  resolveInventory: InventoryResolver,
  resolveLive?: LiveStatusResolver,
): EditingFeatures {
  /** The document and its inventory, or undefined when it is gone or changed while the inventory loaded. */
  async function withInventory(uri: string): Promise<{ document: TextDocument; inventory?: InventoryLike } | undefined> {
    const document = documents.get(uri);
    if (!document) return undefined;
    const inventory = await resolveInventory(uri).catch(() => undefined);
    const latest = documents.get(uri);
    if (!latest || latest.version !== document.version) return undefined;
    return { document: latest, inventory };
  }

  const safe = <T>(name: string, token: CancellationToken | undefined, empty: T, work: () => T) =>
    runSafe(logger, name, token, empty, work);

  connection.onHover(async (params, token) => {
    const found = await withInventory(params.textDocument.uri);
    return safe('hover', token, null, () => {
      if (!found) return null;
      const hover = service.doHover(found.document, params.position, { inventory: found.inventory });
      return hover ? toLspHover(hover) : null;
    });
  });

  connection.onCompletion(async (params, token) => {
    const empty = { isIncomplete: false, items: [] };
    const document = documents.get(params.textDocument.uri);
    if (!document) return empty;
    if (params.context?.triggerCharacter === ' ') {
      // A space opens suggestions only where a value or an item starts, never while indenting.
      const line = document.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
      if (!/(:|^\s*-) $/.test(line)) return empty;
    }
    const found = await withInventory(params.textDocument.uri);
    return safe('completion', token, empty, () =>
      found ? toLspCompletionList(service.doComplete(found.document, params.position, { inventory: found.inventory })) : empty,
    );
  });

  connection.onCodeAction((params, token) =>
    safe('code actions', token, [], () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
      if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
      return ours.flatMap((diagnostic) =>
        service
          .getCodeActions(document, { diagnostics: [fromLspDiagnostic(diagnostic)] })
          .map((action) => toLspCodeAction(document.uri, action, [diagnostic])),
      );
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    safe('document symbols', token, [], () => {
      const document = documents.get(params.textDocument.uri);
      return document ? service.findDocumentSymbols(document).map(toLspDocumentSymbol) : [];
    }),
  );

  connection.onFoldingRanges((params, token) =>
    safe('folding ranges', token, [], () => {
      const document = documents.get(params.textDocument.uri);
      return document ? service.getFoldingRanges(document).map(toLspFoldingRange) : [];
    }),
  );

  connection.onCodeLens(async (params, token) => {
    const found = await withInventory(params.textDocument.uri);
    const live = found && resolveLive ? await resolveLive(found.document).catch(() => undefined) : undefined;
    return safe('code lens', token, [], () =>
      found ? service.getCodeLenses(found.document, { inventory: found.inventory, live }).map(toLspCodeLens) : [],
    );
  });

  return {
    refresh() {
      // Clients without refresh support answer with an error, which changes nothing.
      void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    },
  };
}
