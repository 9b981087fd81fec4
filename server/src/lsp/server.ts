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
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../service/languageService';
import { editedTextDocuments } from './editedTextDocument';
import { patchFileRules } from '../service/ruleCatalog';
import { toLspDiagnostic, toLspDiagnostics } from './convert';
import { locateWrittenDiagnostics, preparePublish } from './messageEncoder';
import { runSafe } from './runSafe';
import { AheadBudget } from './aheadBudget';
import { PublishedDiagnostics } from './publishedDiagnostics';
import { editingCapabilities, registerEditingFeatures } from './editingFeatures';
import { GitBaselines } from './gitBaseline';
import { LiveClusters } from './liveClusters';
import { LIVE_BASELINE_REQUEST, REFRESH_LIVE_REQUEST, type LiveBaselineParams, type LiveBaselineResult } from '../protocol/liveRequest';
import { InventoryProvider } from './inventory';
import { KustomizeOverlays, toKustomizeSettings } from './kustomize';
import { SettingsCache } from './settings';
import type { InventoryContext } from '../service/workspaceRules';
import { mayRenderChart, packagedSubchartsChartYaml, renderChartYamlDocument, renderTemplateDocument, templateBaselines, type TemplateRender } from './helmRendering';
import { stopHelmRenderer } from '../host/helmRenderer';
import { noteCodeWarm } from '../host/warmCode';
import { kubernetesVersionOf, type ValidationSettings } from '../service/validation';
import { readFile } from 'node:fs/promises';
import type { ServiceDiagnostic } from '../service/types';
import { excludeMatcher, isIndexedFile, listWorkspaceFiles, maxInventoryFileBytes, pathToUri, readIndexableFile, uriToPath } from './workspaceFiles';
import { INVENTORY_REQUEST, type InventoryRequestParams, type InventoryRequestResult } from '../protocol/inventoryRequest';
import { KUSTOMIZE_RENDERED_CHANGED, KUSTOMIZE_RENDERED_REQUEST, renderedSourceUri, type KustomizeRenderedParams, type KustomizeRenderedResult } from '../protocol/kustomizeRequest';
import { RENDERED_TEMPLATE_REQUEST, type RenderedTemplateParams, type RenderedTemplateResult } from '../protocol/renderedTemplateRequest';
import { outcomeChart, templateName } from '../model/helmRender';
import { mapRenderedLines } from '../service/helm/renderedLineMap';
import { RENDERED_WORKSPACE_CHANGED, RENDERED_WORKSPACE_REQUEST, type RenderedWorkspaceResult } from '../protocol/renderedWorkspaceRequest';
import { WorkspaceRenders } from './workspaceRenders';
import { RENDERED_BASELINES_REQUEST, type RenderedBaselinesParams, type RenderedBaselinesResult } from '../protocol/renderedBaselinesRequest';

export const SERVER_NAME = 'daemonset-language-server';
declare const __VERSION__: string | undefined;
export const SERVER_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** Workspace files read at once while indexing. */
const INDEX_BATCH = 16;

/** Typing pauses shorter than this do not trigger a pushed validation. */
const VALIDATION_DELAY_MS = 150;

/**
 * The version just typed is validated while the debounce waits only in a document whose
 * validation after an edit takes at most this long (the quickest of its last AHEAD_SAMPLES):
 * a request typed meanwhile waits on it.
 */
const AHEAD_BUDGET_MS = 40;
const AHEAD_SAMPLES = 3;

/** The document's inventory as the service takes it: what the rules read, without the load result the preview request uses. */
function serviceInventory(inventory: InventoryContext | undefined): InventoryContext | undefined {
  return inventory && { label: inventory.label, nodes: inventory.nodes, groups: inventory.groups, pods: inventory.pods, priorityClasses: inventory.priorityClasses, displayFile: inventory.displayFile };
}

export interface ServerOptions {
  /** Runs once a publish is written and its idle work done (main.ts: the heap budget's forced collection). */
  whenIdle?: () => void;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(editedTextDocuments);
  const logger = { error: (message: string) => connection.console.error(message) };
  const service = getLanguageService({
    onRuleError: (rule, error) => logger.error(`rule ${rule.id} failed: ${String(error)}`),
  });
  const settings = new SettingsCache(connection);
  const inventories = new InventoryProvider(() => workspaceRoots, {
    maxFileBytes: maxInventoryFileBytes(process.env),
    // Once per file: the rules, the code lens and the preview go on without it, which the user must know.
    fileTooLarge: (message) => {
      connection.console.warn(message);
      // A notification, not showWarningMessage's request: there is nothing to choose, and no answer to wait for.
      if (!shuttingDown) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    },
  });
  const baselines = new GitBaselines();
  const kustomize = new KustomizeOverlays({
    roots: () => workspaceRoots,
    kustomizeSettings: async (uri) =>
      settings.supportsConfiguration
        ? toKustomizeSettings(await connection.workspace.getConfiguration({ scopeUri: uri, section: 'daemonset' }).catch(() => undefined))
        : toKustomizeSettings(undefined),
    validationSettings: async (uri) => {
      const documentSettings = await settings.get(uri);
      const inventory = await inventories.forDocument(uri, documentSettings.inventoryPath).catch(() => undefined);
      return { rules: documentSettings.rules, kubernetesVersion: documentSettings.kubernetesVersion, inventory: serviceInventory(inventory) };
    },
    changed: (uris) => {
      // A patch file's own rules turn off or on with its overlay's render: pulled diagnostics are asked again.
      if (pullDiagnostics && uris.some((uri) => documents.get(uri))) void connection.languages.diagnostics.refresh().catch(() => undefined);
      for (const uri of uris) {
        const document = documents.get(uri);
        // Pushed diagnostics replace a file's: an open file's are merged in diagnose(); pulled ones live apart, so push these alone.
        if (document && !pullDiagnostics) schedule(document, 0);
        else if (!shuttingDown) void connection.sendDiagnostics({ uri, diagnostics: kustomize.diagnosticsFor(uri).map(toLspDiagnostic) });
      }
    },
    renderedChanged: (uri) => {
      if (!shuttingDown) void connection.sendNotification(KUSTOMIZE_RENDERED_CHANGED, { uri });
      renders.noteChange();
    },
    log: (message) => connection.console.log(message),
  });
  // The cluster view's charts and overlays, rendered as for the diagnostics.
  const renders = new WorkspaceRenders({
    roots: () => workspaceRoots,
    valuesFiles: async (uri) => (await settings.get(uri)).helmValuesFiles ?? [],
    kubernetesVersion: async (uri) => (await versionFor(uri)).version,
    overlays: () => kustomize.renderedOverlays(),
    trusted: () => kustomize.trusted,
    kustomizeEnabled: async () => {
      const uri = workspaceRoots[0] ? pathToUri(workspaceRoots[0]) : undefined;
      return settings.supportsConfiguration
        ? toKustomizeSettings(await connection.workspace.getConfiguration({ ...(uri ? { scopeUri: uri } : {}), section: 'daemonset' }).catch(() => undefined)).enabled
        : true;
    },
    changed: () => {
      if (!shuttingDown) void connection.sendNotification(RENDERED_WORKSPACE_CHANGED, {});
    },
  });
  /** The Kubernetes version a chart is rendered for: the setting, else the inventory's, as the diagnostics resolve it. */
  async function versionFor(uri: string): Promise<ReturnType<typeof kubernetesVersionOf>> {
    const documentSettings = await settings.get(uri);
    const inventory = await inventories.forDocument(uri, documentSettings.inventoryPath).catch(() => undefined);
    return kubernetesVersionOf({ kubernetesVersion: documentSettings.kubernetesVersion, inventory: inventory && { label: inventory.label, nodes: inventory.nodes, groups: inventory.groups } });
  }
  // A snapshot that arrives (or fails) changes diagnostics and the status lens of open documents.
  const live = new LiveClusters(() => refreshAfterWorkspaceChange());
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per document: how long its validations after an edit take, unknown again after its opening. */
  const aheadBudget = new AheadBudget(AHEAD_BUDGET_MS, AHEAD_SAMPLES);
  /** Per document: the version last validated ahead (validateAhead), whose publish then validates in no time. */
  const validatedAhead = new Map<string, number>();
  /** What each open document was last told, so a validation that changes nothing publishes nothing. */
  const publishedDiagnostics = new PublishedDiagnostics();
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
    kustomize.trusted = baselines.enabled;
    live.enabled = baselines.enabled;
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
    live.dispose();
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
    if (workspaceRefresh) clearTimeout(workspaceRefresh);
    kustomize.dispose();
    renders.dispose();
    void stopHelmRenderer();
  });

  connection.onInitialized(() => {
    if (watchFilesDynamically) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/Kustomization' }] })
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
      void listing.then(
        (paths) => {
          kustomize.addListing(paths);
          renders.addListing(paths);
        },
        () => undefined,
      );
    }
    // Documents validated while the walk ran were validated without a discovered inventory.
    void Promise.allSettled(listings).then(async () => {
      if (validatedBeforeListing && (await inventories.discoveredAny())) refreshAfterWorkspaceChange();
      validatedBeforeListing = false;
    });
    const indexChanged = new Set<string>();
    /** Open files' index updates, each after its document's first validation. */
    const afterFirstValidations: Array<Promise<void>> = [];
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
          const uri = pathToUri(paths[start + i]);
          // Pushed diagnostics validate every open document at once; a pulling client may never ask for a hidden one.
          if (documents.get(uri) && !pullDiagnostics) {
            afterFirstValidations.push(
              firstValidationOf(uri).done.then(async () => {
                await new Promise((resolve) => setImmediate(resolve)); // the publish goes out first
                if (runSafe(logger, 'workspace index', undefined, false, () => service.updateWorkspaceFile(uri, text))) indexChanged.add(uri);
              }),
            );
            continue;
          }
          if (runSafe(logger, 'workspace index', undefined, false, () => service.updateWorkspaceFile(uri, text))) indexChanged.add(uri);
          if (i % 4 === 3) await new Promise((resolve) => setImmediate(resolve)); // stay responsive while indexing
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    // Open files were validated against the index as it was; if it is as it was, so are their diagnostics.
    await Promise.all(afterFirstValidations);
    if (indexChanged.size > 0) refreshAfterWorkspaceChange(indexChanged);
  }

  /** Whether a document was validated while its folder's walk ran, so without the inventory discovery would choose. */
  let validatedBeforeListing = false;
  let workspaceRefresh: ReturnType<typeof setTimeout> | undefined;
  /** What the pending refresh is for: the index entries of these files changed, or (`refreshEverything`) anything may have. */
  let refreshUris = new Set<string>();
  let refreshEverything = false;
  /**
   * Other files changed: the cross-document diagnostics of open documents may be stale. Given the files whose index
   * entries changed, a document is validated again only if one of them is another file: a document's own entry (the
   * scan reading an open file from disk) is left out of every lookup its validation makes.
   */
  function refreshAfterWorkspaceChange(changedUris?: Iterable<string>): void {
    if (workspaceRefresh) clearTimeout(workspaceRefresh);
    if (shuttingDown) return;
    if (changedUris) for (const uri of changedUris) refreshUris.add(uri);
    else refreshEverything = true;
    workspaceRefresh = setTimeout(() => {
      workspaceRefresh = undefined;
      const everything = refreshEverything;
      const uris = refreshUris;
      refreshEverything = false;
      refreshUris = new Set();
      editing.refresh();
      if (pullDiagnostics) void connection.languages.diagnostics.refresh().catch(() => undefined);
      else {
        for (const document of documents.all()) {
          // Some file other than the document itself changed.
          if (everything || uris.size > (uris.has(document.uri) ? 1 : 0)) schedule(document, 0);
        }
      }
    }, 300);
  }

  connection.onDidChangeWatchedFiles(async (params) => {
    let changed = false;
    for (const change of params.changes) {
      const changedPath = uriToPath(change.uri);
      if (changedPath) kustomize.noteFileChange(changedPath, change.type === FileChangeType.Deleted);
      if (changedPath) renders.noteFileChange(changedPath, change.type === FileChangeType.Deleted);
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
    const savedPath = uriToPath(event.document.uri);
    if (savedPath) kustomize.noteFileChange(savedPath);
    if (savedPath) renders.noteFileChange(savedPath);
    const inventoryChanged = inventories.invalidate(event.document.uri);
    if (service.updateWorkspaceFile(event.document.uri, event.document.getText()) || inventoryChanged) {
      refreshAfterWorkspaceChange();
    }
  });

  /**
   * Waiters for an open document's first validation. The workspace scan indexes an open file's disk text after it:
   * its parse is then the validation's (same text, no second parse), and its summaries, which the first publish
   * does not need, are not made in front of that publish.
   */
  const firstValidations = new Map<string, { done: Promise<void>; resolve: () => void }>();
  function firstValidationOf(uri: string): { done: Promise<void>; resolve: () => void } {
    let entry = firstValidations.get(uri);
    if (!entry) {
      let resolve: () => void = () => undefined;
      const done = new Promise<void>((settle) => (resolve = settle));
      entry = { done, resolve };
      firstValidations.set(uri, entry);
    }
    return entry;
  }
  /** The document was validated or closed: the scan may index its file. */
  function noteValidated(uri: string): void {
    firstValidationOf(uri).resolve();
  }

  /** The document's diagnostics as published; `timed` is told how long validating took (what is not waiting). */
  async function diagnose(document: TextDocument, timed?: (ms: number) => void): Promise<Diagnostic[] | undefined> {
    try {
      return await diagnoseNow(document, timed);
    } finally {
      noteValidated(document.uri);
    }
  }

  async function diagnoseNow(document: TextDocument, timed?: (ms: number) => void): Promise<Diagnostic[] | undefined> {
    // Settings (a request to the client), the inventory and the git baseline (a child process) are
    // looked up while the text is parsed, which needs none of them.
    const settingsLookup = settings.get(document.uri);
    const inventoryLookup = settingsLookup
      .then((s) => {
        if (!inventories.awaitsListing(document.uri, s.inventoryPath)) return inventories.forDocument(document.uri, s.inventoryPath);
        validatedBeforeListing = true;
        return undefined;
      })
      .catch(() => undefined);
    const baselineLookup = baselines.forDocument(document.uri).catch(() => undefined);
    // The transport writes the settings request from an immediate queued just now: let it go out
    // before the parse, so the client's answer is back when the parse ends, not asked for then.
    await new Promise((resolve) => setImmediate(resolve));
    runSafe(logger, 'parse', undefined, undefined, () => service.parse(document));
    const documentSettings = await settingsLookup;
    const inventory = await inventoryLookup;
    const baseline = await baselineLookup;
    const validationSettings = {
      rules: kustomize.isRenderedPatch(document.uri) ? patchFileRules(documentSettings.rules) : documentSettings.rules,
      inventory: serviceInventory(inventory),
      kubernetesVersion: documentSettings.kubernetesVersion,
      baseline,
    };
    // A chart template: its chart rendered (offline, bounded) with the values the settings name.
    const render = await renderTemplateDocument(
      document.uri,
      documents.all(),
      documentSettings.helmValuesFiles ?? [],
      kubernetesVersionOf(validationSettings).version,
      workspaceRoots,
    ).catch((error: unknown) => {
      logger.error(`helm render failed: ${String(error)}`);
      return undefined;
    });
    // A chart's Chart.yaml: what its packaged subcharts (charts/*.tgz) render, on their dependencies entries.
    const chartYamlRender = render
      ? undefined
      : await renderChartYamlDocument(document.uri, documents.all(), documentSettings.helmValuesFiles ?? [], kubernetesVersionOf(validationSettings).version, workspaceRoots).catch(
          (error: unknown) => {
            logger.error(`helm render failed: ${String(error)}`);
            return undefined;
          },
        );
    const latest = documents.get(document.uri);
    if (!latest || latest.version !== document.version) return undefined;
    // What is cached for the selected cluster; a fetch, if one starts, runs in the background.
    const liveStatus = runSafe(logger, 'live cluster', undefined, undefined, () =>
      live.status(documentSettings.kubeContext ?? '', service.daemonSetNamespaces(document)),
    );
    const liveCluster = liveStatus && 'nowMs' in liveStatus ? liveStatus.cluster : undefined;
    if (render) void publishPackagedSubcharts(render, validationSettings);
    const started = performance.now();
    const result = runSafe(logger, 'validation', undefined, [] as Diagnostic[], () => {
      const masked = service.doValidation(document, { ...validationSettings, live: liveCluster });
      const rendered = render
        ? service.doRenderedValidation(document, render, masked, validationSettings)
        : chartYamlRender
          ? service.doPackagedSubchartValidation(document, chartYamlRender, validationSettings)
          : [];
      // Pushed, a file's diagnostics are one list: the overlays' findings in this file join its own.
      const others = [...rendered, ...(pullDiagnostics ? [] : kustomize.diagnosticsFor(document.uri))];
      // The document's own alone: the same list (the service's, validated again) converts to the same array.
      return others.length === 0 ? toLspDiagnostics(masked) : [...masked, ...others].map(toLspDiagnostic);
    });
    timed?.(performance.now() - started);
    return Array.isArray(result) ? result : [];
  }

  /**
   * A rendered template's chart: what its packaged subcharts render goes on its Chart.yaml, as the
   * overlays' findings go on files that are not open. An open Chart.yaml has them from diagnose().
   */
  async function publishPackagedSubcharts(render: TemplateRender, validationSettings: ValidationSettings): Promise<void> {
    const target = await packagedSubchartsChartYaml(render, workspaceRoots).catch(() => undefined);
    if (!target || shuttingDown) return;
    const uri = pathToUri(target.path);
    if (documents.get(uri)) return;
    const text = await readFile(target.path, 'utf8').catch(() => undefined);
    if (text === undefined || documents.get(uri) || shuttingDown) return;
    const found = runSafe(logger, 'validation', undefined, [] as ServiceDiagnostic[], () =>
      service.doPackagedSubchartValidation({ uri, version: 0, getText: () => text }, target.render, validationSettings),
    );
    void connection.sendDiagnostics({ uri, diagnostics: [...(Array.isArray(found) ? found : []), ...kustomize.diagnosticsFor(uri)].map(toLspDiagnostic) });
  }

  async function push(document: TextDocument): Promise<void> {
    const version = document.version;
    const diagnostics = await diagnose(document, (ms) => {
      if (validatedAhead.get(document.uri) !== version) aheadBudget.note(document.uri, ms);
    });
    const latest = documents.get(document.uri);
    // Publish only if no edit arrived meanwhile: a stale result would flicker.
    if (!diagnostics || !latest || latest.version !== version || shuttingDown) return afterPublish();
    // Validated again at the same version (other files, settings or the inventory changed): the client has these already.
    if (publishedDiagnostics.unchanged(document.uri, version, diagnostics)) return afterPublish(document.uri, version);
    publishedDiagnostics.record(document.uri, version, diagnostics);
    // Resolved once the transport has written the whole message: nothing else runs before that.
    const published = () => afterPublish(document.uri, version);
    void connection.sendDiagnostics({ uri: document.uri, version, diagnostics }).then(published, published);
  }

  /**
   * What a validation left for later, once its diagnostics are written: the transport writes each
   * message from an immediate of its own, queued when the notification or response is sent, so
   * this waits two turns to come after it. Over a pipe, work done while a large publish is still
   * being written holds back its last bytes, so none of this runs before.
   * - where each diagnostic's bytes lie in a publish written whole, for the edits that follow;
   * - the document's line offsets, which the next edit is applied with: taken from the parse if the
   *   published version is still the document's, else computed by the text document library (about
   *   100 ms for 20 MB);
   * - the service's idle work (languageService.afterPublish);
   * - after the first validation, the code cache's write (host/warmCode.ts);
   * - last, the caller's idle work (`whenIdle`: a full collection when the heap is over its budget, heapGrowth.ts).
   */
  function afterPublish(uri?: string, version?: number): void {
    setImmediate(() =>
      setImmediate(() => {
        if (shuttingDown) return;
        locateWrittenDiagnostics();
        const document = uri === undefined ? undefined : documents.get(uri);
        if (document) {
          const adopted = document.version === version && runSafe(logger, 'line offsets', undefined, false, () => document.adoptLineIndex(() => service.lineIndex(document)));
          if (!adopted) document.positionAt(0);
        }
        runSafe(logger, 'after publish', undefined, undefined, () => service.afterPublish());
        // The first validation has settled: the entry may now write the code cache (host/codeCache.ts).
        noteCodeWarm();
        if (options.whenIdle) runSafe(logger, 'when idle', undefined, undefined, options.whenIdle);
      }),
    );
  }

  /**
   * Reads the version just typed as soon as the event loop is idle, while the debounce waits for
   * the next keystroke: its parse and its workloads depend on nothing a validation waits for
   * (settings, inventory, baseline), only the YAML documents the edit touched are parsed again, and
   * the validation that follows finds both done. The debounce still decides when rules run and
   * diagnostics are published.
   */
  function readWhileDebouncing(document: TextDocument): void {
    setImmediate(() => {
      const latest = documents.get(document.uri);
      if (!latest || latest.version !== document.version || shuttingDown) return;
      runSafe(logger, 'parse', undefined, undefined, () => service.fileWorkloads(latest));
      if (aheadBudget.allows(latest.uri) && !mayRenderChart(latest.uri)) setImmediate(() => void validateAhead(latest));
    });
  }

  /**
   * Validates the version just typed and encodes its publish while the debounce waits (requests
   * that came meanwhile go first, before each), so that once it is over, the validation that
   * publishes finds the service's same diagnostics (it validates again: settings, inventory or
   * workspace may have changed meanwhile, and then it validates afresh) and the transport the
   * encoded message. Not for a document whose validation renders a chart: that is left to the
   * debounce. The budget is the validation's: the encoding, a few milliseconds of copying, is a
   * turn of its own, as it is the publish's when the debounce validates.
   */
  async function validateAhead(document: TextDocument): Promise<void> {
    const current = () => !shuttingDown && pending.has(document.uri) && documents.get(document.uri)?.version === document.version;
    if (!current()) return;
    let validating = 0;
    const diagnostics = await diagnose(document, (ms) => (validating = ms));
    if (!diagnostics || !current()) return;
    aheadBudget.note(document.uri, validating);
    validatedAhead.set(document.uri, document.version);
    // Two turns: a message read meanwhile is handled from an immediate queued after this one's first.
    await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
    if (!current()) return;
    runSafe(logger, 'encoding', undefined, undefined, () => preparePublish({ uri: document.uri, version: document.version, diagnostics }));
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
    // An opening validates every document: its time says nothing of an edit's.
    if (openedVersion.delete(event.document.uri)) aheadBudget.forget(event.document.uri);
    schedule(event.document, VALIDATION_DELAY_MS);
    readWhileDebouncing(event.document);
  });
  documents.onDidClose((event) => {
    noteValidated(event.document.uri); // a document closed before it was validated does not hold the scan back
    firstValidations.delete(event.document.uri);
    openedVersion.delete(event.document.uri);
    aheadBudget.forget(event.document.uri);
    validatedAhead.delete(event.document.uri);
    const existing = pending.get(event.document.uri);
    if (existing) clearTimeout(existing);
    pending.delete(event.document.uri);
    service.forget(event.document.uri);
    settings.forget(event.document.uri);
    publishedDiagnostics.forget(event.document.uri);
    // A closed file keeps what the overlays report in it.
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: kustomize.diagnosticsFor(event.document.uri).map(toLspDiagnostic) });
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const document = documents.get(params.textDocument.uri);
    if (!document || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = `${document.version}`;
    const items = (await diagnose(document)) ?? [];
    afterPublish(); // runs once the report below is written
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    inventories.clear();
    kustomize.refreshAll();
    renders.noteChange();
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
    // An overlay's rendered text has its kustomization's inventory.
    const uri = renderedSourceUri(params.uri) ?? params.uri;
    const found = await inventories.filesForDocument(uri, (await settings.get(uri)).inventoryPath);
    const resolution = found.resolution;
    if (resolution.kind === 'none') return null;
    if (resolution.kind === 'invalid') return { label: resolution.label, error: resolution.message };
    // The preview reads what the rules read: nothing of a file too large for them, and no inventory when that leaves none.
    if (found.files.length === 0 && found.tooLarge.length > 0) return { label: resolution.label, error: found.tooLarge.join(' ') };
    return { label: resolution.label, files: found.files.map(pathToUri) };
  });

  // The preview follows an overlay: its rendered text, rendered as for the diagnostics (trusted workspaces only).
  connection.onRequest(KUSTOMIZE_RENDERED_REQUEST, async (params: KustomizeRenderedParams): Promise<KustomizeRenderedResult> => {
    const path = typeof params?.uri === 'string' ? uriToPath(params.uri) : undefined;
    return path ? kustomize.renderedFor(path).catch(() => null) : null;
  });

  // The rollout stepper of a preview that follows a render: the chart as saved and at git HEAD, the overlay at git HEAD.
  connection.onRequest(RENDERED_BASELINES_REQUEST, async (params: RenderedBaselinesParams): Promise<RenderedBaselinesResult> => {
    if (typeof params?.uri !== 'string') return [];
    const kustomization = renderedSourceUri(params.uri);
    if (kustomization !== undefined) {
      const path = uriToPath(kustomization);
      const text = path ? await kustomize.renderedAtHead(path).catch(() => undefined) : undefined;
      return text === undefined ? [] : [{ label: 'git HEAD', text }];
    }
    const document = documents.get(params.uri);
    if (!document) return [];
    const documentSettings = await settings.get(document.uri);
    const version = await versionFor(document.uri);
    // git runs only in a trusted workspace, as for selector-changed.
    return templateBaselines(document.uri, documents.all(), documentSettings.helmValuesFiles ?? [], version.version, workspaceRoots, { git: baselines.enabled }).catch(() => []);
  });

  // The cluster view counts what the workspace's charts and overlays render.
  connection.onRequest(RENDERED_WORKSPACE_REQUEST, async (): Promise<RenderedWorkspaceResult> =>
    renders.result().catch((error: unknown) => ({ sources: [], notices: [`Charts and overlays could not be rendered: ${String(error)}`] })),
  );

  // The preview shows what a chart template renders to, with the values the diagnostics use.
  connection.onRequest(RENDERED_TEMPLATE_REQUEST, async (params: RenderedTemplateParams): Promise<RenderedTemplateResult> => {
    const document = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
    if (!document) return null;
    const documentSettings = await settings.get(document.uri);
    const version = await versionFor(document.uri);
    const render = await renderTemplateDocument(document.uri, documents.all(), documentSettings.helmValuesFiles ?? [], version.version, workspaceRoots);
    if (!render) return null;
    const { outcome } = render;
    if (!outcome.ok) {
      const error = outcome.error;
      const where = error.template ? `${error.template}${error.line !== undefined ? `:${error.line}` : ''}: ` : '';
      return { label: error.label, error: `${where}${error.message}` };
    }
    const chart = outcomeChart(outcome) as string;
    const text = outcome.rendered.manifests[templateName(chart, render.templatePath)] ?? '';
    const templateLines = mapRenderedLines(document.getText(), text).map((line) => line ?? -1);
    return { label: outcome.rendered.label, text, templateLines };
  });

  connection.onRequest(REFRESH_LIVE_REQUEST, () => {
    live.refresh();
    editing.refresh(); // the lenses say "refreshing…" until the snapshot arrives
  });

  // The preview's rollout stepper rolls from the live DaemonSet and its pods, as diagnostics compare with them.
  connection.onRequest(LIVE_BASELINE_REQUEST, async (params: LiveBaselineParams): Promise<LiveBaselineResult> => {
    const document = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
    if (!document) return null;
    const context = (await settings.get(document.uri)).kubeContext ?? '';
    const snapshot = live.snapshot(context, service.daemonSetNamespaces(document));
    if (!snapshot) return null;
    const { podsText, priorityClassesText } = snapshot;
    return { label: `live in ${context}`, text: snapshot.daemonSetsText, ...(podsText === undefined ? {} : { pods: podsText }), ...(priorityClassesText === undefined ? {} : { priorityClasses: priorityClassesText }) };
  });

  // Hover, completion, quick fixes, outline, folding and code lens; the inventory resolved as for diagnostics.
  const editing = registerEditingFeatures(
    connection,
    documents,
    service,
    logger,
    async (uri) => {
      const inventory = await inventories.forDocument(uri, (await settings.get(uri)).inventoryPath);
      return serviceInventory(inventory);
    },
    async (document) => live.status((await settings.get(document.uri)).kubeContext ?? '', service.daemonSetNamespaces(document)),
  );

  documents.listen(connection);
  connection.listen();
}
