/**
 * Language server entry point. The transport comes from the command line, so
 * one bundle serves VS Code (`--node-ipc`) and any other LSP editor
 * (`--stdio`, `--socket=N`, `--pipe=NAME`).
 */
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { format } from 'node:util';
import { watchHeap } from './heapGrowth';
import { messageEncoder } from './messageEncoder';
import { SERVER_VERSION, startServer } from './server';

// Before any large allocation (the flags are already set by the entry, serverEntry.ts, when it loads this bundle).
const heapBudget = watchHeap();

/**
 * Over stdio, messages are written with our encoder (publishes serialize each diagnostic once).
 * Given its streams, the library leaves the console alone: stdout is the protocol channel, so
 * console output goes to the client's log, as the library does for `--stdio` itself.
 */
function stdioConnection(): Connection {
  // stdin stays a stream, which the library reads and, when it ends, exits on (as for `--stdio`); its
  // typings offer streams or reader and writer, but each side is checked on its own at run time.
  const input = process.stdin as unknown as MessageReader;
  const connection = createConnection(ProposedFeatures.all, input, new StreamMessageWriter(process.stdout, { contentTypeEncoder: messageEncoder }));
  const toLog = (write: (message: string) => void) => (...args: unknown[]) => write(format(...args));
  console.log = toLog((message) => connection.console.log(message));
  console.info = toLog((message) => connection.console.info(message));
  console.debug = toLog((message) => connection.console.log(message));
  console.warn = toLog((message) => connection.console.warn(message));
  console.error = toLog((message) => connection.console.error(message));
  console.trace = toLog((message) => connection.console.log(message));
  console.dir = toLog((message) => connection.console.log(message));
  return connection;
}

if (process.argv.includes('--version')) {
  process.stdout.write(`${SERVER_VERSION}\n`);
} else {
  startServer(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all), { whenIdle: () => heapBudget.collectIfOverBudget() });
}
