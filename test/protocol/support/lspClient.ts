/**
 * A minimal LSP client over stdio for protocol tests: it spawns the bundled
 * server (`dist/server.js --stdio`) as any editor would and records what the
 * server publishes.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams, ShowMessageParams } from 'vscode-languageserver-protocol';
import { repoRoot } from '../../support/golden';
import { waitFor } from '../../support/waitFor';

export const serverBundle = join(repoRoot, 'dist', 'server.js');

export class LspTestClient {
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly stderr: string[] = [];
  /** What the server showed the user (`window/showMessage`), in order. */
  readonly shownMessages: ShowMessageParams[] = [];
  exitCode: number | null | undefined;
  /** What `workspace/configuration` answers for the `daemonset` section. */
  configuration: unknown = null;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {}

  /** `env`: the server's environment (e.g. a PATH whose kubectl records its runs); default: this process's. */
  static start(options: { env?: NodeJS.ProcessEnv } = {}): LspTestClient {
    if (!existsSync(serverBundle)) throw new Error('dist/server.js is missing: run `node scripts/build.mjs` first');
    const child = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: 'pipe', env: options.env ?? process.env });
    const reader = new StreamMessageReader(child.stdout);
    // A message cut off by the server's exit would re-arm the reader's partial-message timer every
    // 10 s for ever (connection.dispose() does not clear it), keeping the test process alive.
    reader.partialMessageTimeout = 0;
    const connection = createProtocolConnection(reader, new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection);
    child.stderr.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    child.on('exit', (code) => {
      client.exitCode = code;
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = client.published.get(params.uri) ?? [];
      list.push(params);
      client.published.set(params.uri, list);
    });
    // Answer the requests a server may send so it never stalls.
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'daemonset' ? client.configuration : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
      client.shownMessages.push(params);
    });
    connection.listen();
    return client;
  }

  /** Initializes with the capabilities VS Code 1.100 announces for these features. */
  async initialize(rootUri: string | null = null, options: { pullDiagnostics?: boolean; initializationOptions?: unknown; workspaceTrusted?: boolean } = {}): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      initializationOptions: options.initializationOptions,
      clientInfo: { name: 'protocol-test', version: '1.0.0' },
      rootUri,
      ...(options.workspaceTrusted === undefined ? {} : { initializationOptions: { workspaceTrusted: options.workspaceTrusted } }),
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'workspace' }] : null,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: true, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          ...(options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
        workspace: { configuration: true, workspaceFolders: true },
        window: { workDoneProgress: true },
      },
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
  }

  /** Polls until the server publishes diagnostics for `uri` (at `version`, when given). */
  async diagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    return waitFor(() => {
      const list = this.published.get(uri) ?? [];
      const match = [...list].reverse().find((p) => version === undefined || p.version === version);
      if (match) return match.diagnostics;
      if (this.exitCode !== undefined) throw new Error(`server exited (${this.exitCode}) before diagnostics for ${uri}: ${this.stderr.join('')}`);
      return undefined;
    });
  }

  /** Polls until the latest diagnostics published for `uri` satisfy `predicate`. */
  async waitForDiagnostics(uri: string, predicate: (list: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return waitFor(() => {
      const latest = this.published.get(uri)?.at(-1);
      if (latest && predicate(latest.diagnostics)) return latest.diagnostics;
      if (this.exitCode !== undefined) throw new Error(`server exited (${this.exitCode}); last diagnostics for ${uri}: ${JSON.stringify(latest)}; ${this.stderr.join('')}`);
      return undefined;
    });
  }

  /** Resolves with the server's exit code once its process has ended. */
  async exited(): Promise<number | null> {
    return waitFor(() => (this.exitCode === undefined ? undefined : { code: this.exitCode })).then(({ code }) => code);
  }

  async stop(): Promise<void> {
    if (this.exitCode === undefined) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
      await this.exited();
    }
    this.connection.dispose();
    if (this.exitCode === undefined) this.process.kill();
  }
}
