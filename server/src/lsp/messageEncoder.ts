/**
 * The JSON encoder of the stream transports (stdio): a message as JSON-RPC's
 * own encoder writes it (`JSON.stringify`, in UTF-8), except that the
 * diagnostics of a publish are serialized once per diagnostic object. The
 * LSP layer hands out the same Diagnostic objects for the documents an edit
 * did not touch (`toLspDiagnostic` converts each service diagnostic once, and
 * the service keeps the diagnostics of unchanged documents), so an edit in a
 * file of 5,000 documents and 24,000 diagnostics serializes only those it
 * changed and copies the others' bytes: before, each publish stringified all
 * of them again into a string of megabytes, then encoded it.
 * A publish of mostly new diagnostics (a file just opened, a paste) is written
 * whole, which is several times faster than thousands of small serializations,
 * and its diagnostics are serialized one by one once it is sent, for the edits
 * that follow.
 */
import type { ContentTypeEncoder, Diagnostic, Message, PublishDiagnosticsParams } from 'vscode-languageserver/node';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';
const JSONRPC = '2.0';
const COMMA = 0x2c; // ','
const TAIL = Buffer.from(']}}');

/** Each diagnostic's JSON in UTF-8, by object: neither the LSP layer nor the service changes a diagnostic once made. */
const serialized = new WeakMap<Diagnostic, Buffer>();

function diagnosticBytes(diagnostic: Diagnostic): Buffer {
  let bytes = serialized.get(diagnostic);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(diagnostic), 'utf8');
    serialized.set(diagnostic, bytes);
  }
  return bytes;
}

/** Serializes each diagnostic once the event loop is idle: after the publish that holds them is written. */
function serializeWhenIdle(diagnostics: readonly Diagnostic[]): void {
  setImmediate(() => {
    for (const diagnostic of diagnostics) diagnosticBytes(diagnostic);
  });
}

/**
 * Publishes encoded ahead of time (preparePublish), by their diagnostics array, with the JSON of
 * the rest of their parameters: the publish of exactly those parameters takes the bytes, once.
 */
const prepared = new WeakMap<readonly Diagnostic[], { envelope: string; bytes: Buffer }>();

/** The parameters' JSON without their diagnostics (uri, version), which a prepared publish must match. */
function envelopeOf(params: PublishDiagnosticsParams): string {
  return JSON.stringify({ ...params, diagnostics: undefined });
}

/**
 * Encodes a publish now, while the event loop is idle (the LSP layer validates the version just
 * typed while the debounce waits), so that sending it later costs no encoding.
 */
export function preparePublish(params: PublishDiagnosticsParams): void {
  prepared.set(params.diagnostics, { envelope: envelopeOf(params), bytes: encodeMessage({ jsonrpc: JSONRPC, method: PUBLISH_DIAGNOSTICS, params } as Message) });
}

/** The message's JSON in UTF-8, equal in content to `JSON.stringify(message)`. */
export function encodeMessage(message: Message): Buffer {
  const { jsonrpc, method, params, ...rest } = message as Message & { method?: unknown; params?: PublishDiagnosticsParams };
  if (method !== PUBLISH_DIAGNOSTICS || Object.keys(rest).length > 0 || !params || !Array.isArray(params.diagnostics)) {
    return Buffer.from(JSON.stringify(message), 'utf8');
  }
  const { diagnostics, ...others } = params;
  const ready = prepared.get(diagnostics);
  if (ready) {
    prepared.delete(diagnostics);
    if (jsonrpc === JSONRPC && ready.envelope === envelopeOf(params)) return ready.bytes;
  }
  let unserialized = 0;
  for (let i = 0; i < diagnostics.length; i++) if (!serialized.has(diagnostics[i])) unserialized++;
  if (unserialized * 2 > diagnostics.length) {
    serializeWhenIdle(diagnostics);
    return Buffer.from(JSON.stringify(message), 'utf8');
  }
  const known = JSON.stringify(others); // `{"uri":…,"version":…}`
  const paramsHead = known === '{}' ? '{' : `${known.slice(0, -1)},`;
  const head = Buffer.from(`{"jsonrpc":${JSON.stringify(jsonrpc)},"method":"${PUBLISH_DIAGNOSTICS}","params":${paramsHead}"diagnostics":[`, 'utf8');
  const parts = new Array<Buffer>(diagnostics.length);
  let length = head.length + TAIL.length + Math.max(diagnostics.length - 1, 0);
  for (let i = 0; i < diagnostics.length; i++) {
    parts[i] = diagnosticBytes(diagnostics[i]);
    length += parts[i].length;
  }
  // One buffer of the known length, each part copied in once: Buffer.concat of tens of thousands of parts and commas cost more.
  const bytes = Buffer.allocUnsafe(length);
  bytes.set(head, 0);
  let at = head.length;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) bytes[at++] = COMMA;
    bytes.set(parts[i], at);
    at += parts[i].length;
  }
  bytes.set(TAIL, at);
  return bytes;
}

export const messageEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message, options) {
    const utf8 = /^utf-?8$/i.test(options.charset);
    return Promise.resolve(utf8 ? encodeMessage(message) : Buffer.from(JSON.stringify(message), options.charset));
  },
};
