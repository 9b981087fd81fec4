/**
 * The LSP adapter: documents, configuration and scheduling. It owns all
 * protocol state and hands the pure language service plain text documents.
 *
 * Diagnostics are pulled (`textDocument/diagnostic`) when the client
 * supports it, and pushed otherwise: debounced after edits, immediately on
 * open, and published only if the document did not change meanwhile.
 */
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../service/languageService';
import { toLspDiagnostic } from './convert';
import { runSafe } from './runSafe';
import { editingCapabilities, registerEditingFeatures } from './editingFeatures';
import { GitBaselines } from './gitBaseline';
import { InventoryProvider } from './inventory';
import { SettingsCache } from './settings';
import { excludeMatcher, isIndexedFile, listWorkspaceFiles, pathToUri, readIndexableFile, uriToPath } from './workspaceFiles';
import { INVENTORY_REQUEST, type InventoryRequestParams, type InventoryRequestResult } from '../protocol/inventoryRequest';

export const SERVER_NAME = 'daemonset-language-server';
declare const __VERSION__: string | undefined;
export const SERVER_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** Workspace files read at once while indexing. */
const INDEX_BATCH = 16;

/** Typing pauses shorter than this do not trigger a pushed validation. */
const VALIDATION_DELAY_MS = 150;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const logger = { error: (message: string) => connection.console.error(message) };
  const service = getLanguageService({
    onRuleError: (rule, error) => logger.error(`rule ${rule.id} failed: ${String(error)}`),
  });
  const settings = new SettingsCache(connection);
  const inventories = new InventoryProvider(() => workspaceRoots);
  const baselines = new GitBaselines();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  let pullDiagnostics = false;
  let watchFilesDynamically = false;
  let workspaceRoots: string[] = [];
  /** After `shutdown` nothing more is published: the client may end the process mid-message. */
  let shuttingDown = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    // Editors without a trust model (Neovim, …) leave it out: their workspaces are the user's own.
    const options = params.initializationOptions as { workspaceTrusted?: unknown } | undefined;
    baselines.enabled = options?.workspaceTrusted !== false;
    settings.supportsConfiguration = params.capabilities.workspace?.configuration === true;
    watchFilesDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceRoots = folders.map(uriToPath).filter((path): path is string => path !== undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        ...editingCapabilities,
        ...(pullDiagnostics
          ? { diagnosticProvider: { identifier: 'daemonset', interFileDependencies: true, workspaceDiagnostics: false } }
          : {}),
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
    if (workspaceRefresh) clearTimeout(workspaceRefresh);
  });

  connection.onInitialized(() => {
    if (watchFilesDynamically) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] })
        .catch(() => undefined);
    }
    void indexWorkspace();
  });

  /** Lists each workspace folder once (the inventory waits for it), then reads its YAML files into the index in the background. */
  async function indexWorkspace(): Promise<void> {
    if (workspaceRoots.length === 0) return;
    const filesExclude: Promise<unknown> = settings.supportsConfiguration
      ? connection.workspace.getConfiguration('files.exclude').catch(() => undefined)
      : Promise.resolve(undefined);
    const listings = workspaceRoots.map((root) => {
      const listing = filesExclude.then((exclude) => listWorkspaceFiles(root, excludeMatcher(exclude)));
      inventories.setWorkspaceListing(root, listing);
      return listing;
    });
    for (const listing of listings) {
      const paths = (await listing.catch(() => [] as string[])).filter(isIndexedFile);
      // A few reads in flight at once: one at a time, a GitOps repository of thousands of small
      // files waits mostly on the file system, not on parsing.
      let next = paths.length > 0 ? Promise.all(paths.slice(0, INDEX_BATCH).map(readIndexableFile)) : undefined;
      for (let start = 0; next; start += INDEX_BATCH) {
        const texts = await next;
        const following = start + INDEX_BATCH;
        next = following < paths.length ? Promise.all(paths.slice(following, following + INDEX_BATCH).map(readIndexableFile)) : undefined;
        for (let i = 0; i < texts.length; i++) {
          const text = texts[i];
          if (text === undefined) continue;
          runSafe(logger, 'workspace index', undefined, false, () => service.updateWorkspaceFile(pathToUri(paths[start + i]), text));
          if (i % 4 === 3) await new Promise((resolve) => setImmediate(resolve)); // stay responsive while indexing
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    refreshAfterWorkspaceChange();
  }

  let workspaceRefresh: ReturnType<typeof setTimeout> | undefined;
  /** Other files changed: the cross-document diagnostics of open documents may be stale. */
  function refreshAfterWorkspaceChange(): void {
    if (workspaceRefresh) clearTimeout(workspaceRefresh);
    if (shuttingDown) return;
    workspaceRefresh = setTimeout(() => {
      workspaceRefresh = undefined;
      editing.refresh();
      if (pullDiagnostics) void connection.languages.diagnostics.refresh().catch(() => undefined);
      else for (const document of documents.all()) schedule(document, 0);
    }, 300);
  }

  connection.onDidChangeWatchedFiles(async (params) => {
    let changed = false;
    for (const change of params.changes) {
      const changedPath = uriToPath(change.uri);
      if (changedPath && change.type !== FileChangeType.Changed) {
        if (await inventories.noteWorkspaceChange(changedPath, change.type === FileChangeType.Created)) changed = true;
      } else if (inventories.invalidate(change.uri)) {
        changed = true;
      }
      if (!isIndexedFile(change.uri)) continue; // JSON: only ever an inventory file
      if (change.type === FileChangeType.Deleted) {
        changed = service.removeWorkspaceFile(change.uri) || changed;
        continue;
      }
      if (documents.get(change.uri)) continue; // open documents are indexed when saved
      const path = uriToPath(change.uri);
      const text = path ? await readIndexableFile(path) : undefined;
      if (text !== undefined) changed = service.updateWorkspaceFile(change.uri, text) || changed;
    }
    if (changed) refreshAfterWorkspaceChange();
  });

  documents.onDidSave((event) => {
    baselines.forget(event.document.uri);
    const inventoryChanged = inventories.invalidate(event.document.uri);
    if (service.updateWorkspaceFile(event.document.uri, event.document.getText()) || inventoryChanged) {
      refreshAfterWorkspaceChange();
    }
  });

  async function diagnose(document: TextDocument): Promise<Diagnostic[] | undefined> {
    // Settings (a request to the client), the inventory and the git baseline (a child process) are
    // looked up while the text is parsed, which needs none of them.
    const settingsLookup = settings.get(document.uri);
    const inventoryLookup = settingsLookup.then((s) => inventories.forDocument(document.uri, s.inventoryPath)).catch(() => undefined);
    const baselineLookup = baselines.forDocument(document.uri).catch(() => undefined);
    runSafe(logger, 'parse', undefined, undefined, () => service.parse(document));
    const documentSettings = await settingsLookup;
    const inventory = await inventoryLookup;
    const baseline = await baselineLookup;
    const latest = documents.get(document.uri);
    if (!latest || latest.version !== document.version) return undefined;
    const result = runSafe(logger, 'validation', undefined, [] as Diagnostic[], () =>
      service
        .doValidation(document, {
          rules: documentSettings.rules,
          inventory: inventory && { label: inventory.label, nodes: inventory.nodes },
          kubernetesVersion: documentSettings.kubernetesVersion,
          baseline,
        })
        .map(toLspDiagnostic),
    );
    return Array.isArray(result) ? result : [];
  }

  async function push(document: TextDocument): Promise<void> {
    const version = document.version;
    const diagnostics = await diagnose(document);
    const latest = documents.get(document.uri);
    // Publish only if no edit arrived meanwhile: a stale result would flicker.
    if (!diagnostics || !latest || latest.version !== version || shuttingDown) return;
    void connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
  }

  function schedule(document: TextDocument, delay: number): void {
    if (pullDiagnostics || shuttingDown) return;
    const existing = pending.get(document.uri);
    if (existing) clearTimeout(existing);
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        const latest = documents.get(document.uri);
        if (latest) void push(latest);
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
    settings.forget(event.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const document = documents.get(params.textDocument.uri);
    if (!document || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = `${document.version}`;
    const items = (await diagnose(document)) ?? [];
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    inventories.clear();
    editing.refresh();
    if (pullDiagnostics) {
      void connection.languages.diagnostics.refresh().catch(() => undefined);
    } else {
      for (const document of documents.all()) schedule(document, 0);
    }
  });

  // The preview asks which files form a document's inventory, so it reads the same nodes as the diagnostics.
  connection.onRequest(INVENTORY_REQUEST, async (params: InventoryRequestParams): Promise<InventoryRequestResult> => {
    if (typeof params?.uri !== 'string') return null;
    const found = await inventories.filesForDocument(params.uri, (await settings.get(params.uri)).inventoryPath);
    const resolution = found.resolution;
    if (resolution.kind === 'none') return null;
    if (resolution.kind === 'invalid') return { label: resolution.label, error: resolution.message };
    return { label: resolution.label, files: found.files.map(pathToUri) };
  });

  // Hover, completion, quick fixes, outline, folding and code lens; the inventory resolved as for diagnostics.
  const editing = registerEditingFeatures(connection, documents, service, logger, async (uri) => {
    const inventory = await inventories.forDocument(uri, (await settings.get(uri)).inventoryPath);
    return inventory && { label: inventory.label, nodes: inventory.nodes, groups: inventory.groups };
  });

  documents.listen(connection);
  connection.listen();
}
