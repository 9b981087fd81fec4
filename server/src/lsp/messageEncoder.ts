/**
 * The JSON encoder of the stream transports (stdio): a message as JSON-RPC's
 * own encoder writes it (`JSON.stringify`), except that the diagnostics of a
 * publish are serialized once per diagnostic object. The LSP layer hands out
 * the same Diagnostic objects for the documents an edit did not touch
 * (`toLspDiagnostic` converts each service diagnostic once, and the service
 * keeps the diagnostics of unchanged documents), so an edit in a file of
 * 5,000 documents and 24,000 diagnostics serializes only those it changed:
 * before, each publish stringified all of them again.
 */
import type { ContentTypeEncoder, Diagnostic, Message, PublishDiagnosticsParams } from 'vscode-languageserver/node';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';

/** Each diagnostic's JSON, by object: neither the LSP layer nor the service changes a diagnostic once made. */
const serialized = new WeakMap<Diagnostic, string>();

function diagnosticJson(diagnostic: Diagnostic): string {
  let json = serialized.get(diagnostic);
  if (json === undefined) {
    json = JSON.stringify(diagnostic);
    serialized.set(diagnostic, json);
  }
  return json;
}

/** The message's JSON text, equal in content to `JSON.stringify(message)`. */
export function serializeMessage(message: Message): string {
  const { jsonrpc, method, params, ...rest } = message as Message & { method?: unknown; params?: PublishDiagnosticsParams };
  if (method !== PUBLISH_DIAGNOSTICS || Object.keys(rest).length > 0 || !params || !Array.isArray(params.diagnostics)) {
    return JSON.stringify(message);
  }
  const { diagnostics, ...others } = params;
  const head = JSON.stringify(others); // `{"uri":…,"version":…}`
  const diagnosticsJson = `"diagnostics":[${diagnostics.map(diagnosticJson).join(',')}]`;
  const paramsJson = head === '{}' ? `{${diagnosticsJson}}` : `${head.slice(0, -1)},${diagnosticsJson}}`;
  return `{"jsonrpc":${JSON.stringify(jsonrpc)},"method":"${PUBLISH_DIAGNOSTICS}","params":${paramsJson}}`;
}

export const messageEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message, options) {
    return Promise.resolve(Buffer.from(serializeMessage(message), options.charset));
  },
};
