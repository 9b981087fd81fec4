/** Starts the DaemonSet language server (dist/server.js) over Node IPC. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverEnvironment } from './serverEnvironment';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // The library adds these to the extension host's own environment.
  const env = serverEnvironment(context.globalStorageUri);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Any YAML file: a document is a DaemonSet because of its content, not its name.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'daemonset' },
    // The server runs git (for selector-changed) only in a trusted workspace; read again on every (re)start.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    outputChannelName: 'DaemonSet Language Server',
  };
  return new LanguageClient('daemonset', 'DaemonSet Language Server', serverOptions, clientOptions);
}
