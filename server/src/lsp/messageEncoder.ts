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
 * and once it is written each diagnostic's bytes are cut out of it
 * (`keepWrittenDiagnostics`) for the edits that follow: one pass over its
 * bytes, not a second serialization. Until a publish is written nothing else
 * runs: over a pipe, the bytes a first write leaves queued are sent only
 * while the event loop waits, so work done then delays the client's copy.
 */
import type { ContentTypeEncoder, Diagnostic, Message, PublishDiagnosticsParams } from 'vscode-languageserver/node';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';
const JSONRPC = '2.0';
const COMMA = 0x2c; // ','
const TAIL = Buffer.from(']}}');

/** Each diagnostic's JSON in UTF-8, by object: neither the LSP layer nor the service changes a diagnostic once made. */
const serialized = new WeakMap<Diagnostic, Buffer>();

/** A publish written whole: its bytes, where its diagnostics' JSON array starts in them, and the diagnostics. */
interface WholePublish {
  bytes: Buffer;
  arrayStart: number;
  diagnostics: readonly Diagnostic[];
}

/** Whole publishes whose diagnostics' bytes are not yet kept; the writer writes one message at a time. */
let writtenWhole: WholePublish[] = [];

function diagnosticBytes(diagnostic: Diagnostic): Buffer {
  let bytes = serialized.get(diagnostic);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(diagnostic), 'utf8');
    serialized.set(diagnostic, bytes);
  }
  return bytes;
}

const QUOTE = 0x22; // '"'
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b; // '['
const CLOSE_BRACKET = 0x5d; // ']'
const OPEN_BRACE = 0x7b; // '{'
const CLOSE_BRACE = 0x7d; // '}'

/**
 * The [start, end) of each element of the JSON array at `arrayStart` in `bytes`, two numbers per
 * element, as JSON.stringify writes arrays (no white space). Strings are skipped to their closing
 * quote with indexOf; in UTF-8 no byte of a multi-byte character is a quote or a backslash.
 */
export function arrayElementBounds(bytes: Uint8Array, arrayStart: number): number[] {
  const bounds: number[] = [];
  if (bytes[arrayStart] !== OPEN_BRACKET) return bounds;
  let depth = 1;
  let elementStart = arrayStart + 1;
  for (let i = arrayStart + 1; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      // To the quote that closes the string: one preceded by an even number of backslashes.
      let close = bytes.indexOf(QUOTE, i + 1);
      for (;;) {
        if (close === -1) return [];
        let backslashes = 0;
        while (bytes[close - 1 - backslashes] === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
        close = bytes.indexOf(QUOTE, close + 1);
      }
      i = close;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) {
        if (i > elementStart) bounds.push(elementStart, i);
        return bounds;
      }
    } else if (c === COMMA && depth === 1) {
      bounds.push(elementStart, i);
      elementStart = i + 1;
    }
  }
  return [];
}

/**
 * Keeps the bytes of each diagnostic of the publishes written whole, cut out of the written
 * message: JSON.stringify writes a value nested in an array exactly as it writes it alone (a
 * diagnostic is plain data, with no `toJSON` that would read the key it is written under).
 * The LSP layer calls this once a publish is written; the next publish's encoding calls it too,
 * since the writer encodes a message only after the previous one was written.
 */
export function keepWrittenDiagnostics(): void {
  const publishes = writtenWhole;
  writtenWhole = [];
  for (const { bytes, arrayStart, diagnostics } of publishes) {
    const bounds = arrayElementBounds(bytes, arrayStart);
    // A count that differs would mean a diagnostic that is not plain data: those are serialized when next published.
    if (bounds.length !== diagnostics.length * 2) continue;
    for (let i = 0; i < diagnostics.length; i++) {
      if (serialized.has(diagnostics[i])) continue;
      // A copy: a slice would keep the whole message's bytes alive as long as any one diagnostic lives.
      serialized.set(diagnostics[i], Buffer.from(bytes.subarray(bounds[2 * i], bounds[2 * i + 1])));
    }
  }
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
    // Needs no diagnostic's bytes: cutting them out of earlier publishes waits until this one is written (afterPublish).
    if (jsonrpc === JSONRPC && ready.envelope === envelopeOf(params)) return ready.bytes;
  }
  keepWrittenDiagnostics();
  const known = JSON.stringify(others); // `{"uri":…,"version":…}`
  const paramsHead = known === '{}' ? '{' : `${known.slice(0, -1)},`;
  const head = `{"jsonrpc":${JSON.stringify(jsonrpc)},"method":"${PUBLISH_DIAGNOSTICS}","params":${paramsHead}"diagnostics":`;
  // Counted until they are known to be most: a file just opened need not look up each of its diagnostics.
  let unserialized = 0;
  for (let i = 0; i < diagnostics.length && unserialized * 2 <= diagnostics.length; i++) if (!serialized.has(diagnostics[i])) unserialized++;
  if (unserialized * 2 > diagnostics.length) {
    // Each string encoded straight into the message's buffer: joining them first copies megabytes once more.
    const json = JSON.stringify(diagnostics);
    const arrayStart = Buffer.byteLength(head, 'utf8');
    const arrayEnd = arrayStart + Buffer.byteLength(json, 'utf8');
    const bytes = Buffer.allocUnsafe(arrayEnd + 2);
    bytes.write(head, 0, 'utf8');
    bytes.write(json, arrayStart, 'utf8');
    bytes.write('}}', arrayEnd, 'utf8');
    writtenWhole.push({ bytes, arrayStart, diagnostics });
    return bytes;
  }
  const headBytes = Buffer.from(`${head}[`, 'utf8');
  const parts = new Array<Buffer>(diagnostics.length);
  let length = headBytes.length + TAIL.length + Math.max(diagnostics.length - 1, 0);
  for (let i = 0; i < diagnostics.length; i++) {
    parts[i] = diagnosticBytes(diagnostics[i]);
    length += parts[i].length;
  }
  // One buffer of the known length, each part copied in once: Buffer.concat of tens of thousands of parts and commas cost more.
  const bytes = Buffer.allocUnsafe(length);
  bytes.set(headBytes, 0);
  let at = headBytes.length;
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
