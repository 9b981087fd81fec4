/**
 * Language server entry point. The transport comes from the command line, so
 * one bundle serves VS Code (`--node-ipc`) and any other LSP editor
 * (`--stdio`, `--socket=N`, `--pipe=NAME`).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_VERSION, startServer } from './server';

if (process.argv.includes('--version')) {
  process.stdout.write(`${SERVER_VERSION}\n`);
} else {
  startServer(createConnection(ProposedFeatures.all));
}
