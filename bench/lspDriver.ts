/**
 * Drives a language server over stdio for the peer benchmarks: the same
 * protocol traffic for our server and yaml-language-server, timed from the
 * client's side, with the server's peak memory read from /proc.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export class LspDriver {
  private waiters: Array<(params: PublishDiagnosticsParams) => void> = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {}

  /** `configuration` answers workspace/configuration requests, by section; `env`: the server's environment (default: ours). */
  static start(command: string, args: string[], configuration: (section: string | undefined) => unknown, env?: NodeJS.ProcessEnv): LspDriver {
    const child = spawn(command, args, { stdio: 'pipe', env: env ?? process.env });
    child.stderr.resume();
    const reader = new StreamMessageReader(child.stdout);
    // A message cut off by a server's exit would re-arm the reader's partial-message timer for ever.
    reader.partialMessageTimeout = 0;
    const connection = createProtocolConnection(reader, new StreamMessageWriter(child.stdin));
    const driver = new LspDriver(child, connection);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const waiters = driver.waiters;
      driver.waiters = [];
      for (const waiter of waiters) waiter(params);
    });
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => configuration(item.section)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('telemetry/event', () => undefined);
    connection.listen();
    return driver;
  }

  async initialize(rootUri: string, settings?: unknown): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ['markdown'] },
          completion: { completionItem: { snippetSupport: true } },
        },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    if (settings !== undefined) await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  /** Resolves with the first diagnostics for `uri` that satisfy `accept`. */
  nextDiagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 120_000,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      const wait = (params: PublishDiagnosticsParams) => {
        if (params.uri === uri && accept(params)) {
          clearTimeout(timer);
          resolve(params);
        } else this.waiters.push(wait);
      };
      this.waiters.push(wait);
    });
  }

  /** Milliseconds from didOpen to the first diagnostics published for the file. */
  async openAndTime(uri: string, text: string): Promise<{ ms: number; count: number }> {
    const diagnostics = this.nextDiagnostics(uri);
    const started = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const params = await diagnostics;
    return { ms: performance.now() - started, count: params.diagnostics.length };
  }

  /** Milliseconds from a one-line didChange to diagnostics for that version (or any, for servers without versions). */
  async editAndTime(uri: string, version: number, line: number, newText: string, oldLength: number): Promise<number> {
    const diagnostics = this.nextDiagnostics(uri, (p) => p.version === undefined || p.version === version);
    const started = performance.now();
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: oldLength } }, text: newText }],
    });
    await diagnostics;
    return performance.now() - started;
  }

  async timeRequest(method: string, params: unknown): Promise<number> {
    const started = performance.now();
    await this.connection.sendRequest(method, params);
    return performance.now() - started;
  }

  /** Peak resident memory of the server process (VmHWM), in MiB. */
  peakMemoryMiB(): number {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      return match ? Number(match[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.child.kill();
  }
}
