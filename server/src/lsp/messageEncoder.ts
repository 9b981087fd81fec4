/**
 * The JSON encoder of the stream transports (stdio): a message as JSON-RPC's
 * own encoder writes it (`JSON.stringify`, in UTF-8), except that a publish
 * copies the bytes of the diagnostics it shares with the document's previous
 * publish. The LSP layer hands out the same Diagnostic objects for the
 * documents an edit did not touch (`toLspDiagnostic` converts each service
 * diagnostic once, and the service keeps the diagnostics of unchanged
 * documents), in the same order, so an edit in a file of 5,000 documents and
 * 24,000 diagnostics serializes only those it changed and copies the others'
 * bytes in a few runs: the diagnostics before the edited document's in one
 * copy, those after it in another.
 * A publish of mostly new diagnostics (a file just opened, a paste) is written
 * whole, which is several times faster than thousands of small serializations,
 * and once it is written where each diagnostic's JSON lies in it is found
 * (`locateWrittenDiagnostics`) for the edits that follow: one pass over its
 * bytes, not a second serialization. Until a publish is written nothing else
 * runs: over a pipe, the bytes a first write leaves queued are sent only
 * while the event loop waits, so work done then delays the client's copy.
 * A large publish is written into the memory of one the writer is done with
 * (`allocate`): each edit's publish of a 5,000-document file is 13 MB, which
 * otherwise stayed allocated, outside V8's heap, until a full collection.
 */
import type { ContentTypeEncoder, Diagnostic, Message, PublishDiagnosticsParams } from 'vscode-languageserver/node';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';
const JSONRPC = '2.0';
const COMMA = 0x2c; // ','
const TAIL = Buffer.from(']}}');

/**
 * How many diagnostics past the last one copied a diagnostic is looked for in the previous publish,
 * and how many new ones a publish may have before the previous publish is indexed by object instead.
 */
const LOOKAHEAD = 32;

/** A document's last publish as encoded: its diagnostics and, in its bytes, where each one's JSON lies. */
interface EncodedPublish {
  readonly diagnostics: readonly Diagnostic[];
  readonly bytes: Buffer;
  /** Where the diagnostics' JSON array starts in `bytes`. */
  readonly arrayStart: number;
  /**
   * The [start, end) of each diagnostic's JSON in `bytes`, two numbers per diagnostic: undefined until
   * found in a publish written whole, empty if it cannot be (a diagnostic that is not plain data).
   */
  bounds: ArrayLike<number> | undefined;
}

/** Per document URI, its last publish encoded, if it had diagnostics: neither the LSP layer nor the service changes a diagnostic once made. */
const lastEncoded = new Map<string, EncodedPublish>();

/** Publishes at least this large are written into memory of their own, which a later publish may reuse. */
const REUSED_BYTES = 1 << 20;
/** The memory `allocate` gave publishes. */
const allocated = new WeakSet<ArrayBufferLike>();
/**
 * The memory of the publish last handed to the writer, which may still be writing it. The one writer
 * (main.ts) asks for a message's bytes only once it wrote the one before (its writes are serialized).
 */
let writing: ArrayBufferLike | undefined;
/** Memory the writer wrote since `allocate` gave it out. */
const written = new WeakSet<ArrayBufferLike>();
/** Memory of a written publish that no document's last publish is any longer: the next large publish that fits is written into it, unless the collector took it. */
let spare: WeakRef<ArrayBufferLike> | undefined;

/** Bytes for a publish of `length`: the spare memory when it fits. */
function allocate(length: number): Buffer {
  if (length < REUSED_BYTES) return Buffer.allocUnsafe(length);
  const reused = spare?.deref();
  spare = undefined;
  if (reused && reused.byteLength >= length) {
    written.delete(reused);
    return Buffer.from(reused, 0, length);
  }
  // A sixteenth more, so that the next publish, a few diagnostics longer, fits.
  const memory = Buffer.allocUnsafeSlow(length + (length >> 4)).buffer;
  allocated.add(memory);
  return Buffer.from(memory, 0, length);
}

/** The publish's memory may be reused once the writer wrote it and it is no document's last publish. */
function release(memory: ArrayBufferLike): void {
  if (!allocated.has(memory) || !written.has(memory) || memory === writing) return;
  for (const publish of lastEncoded.values()) if (publish.bytes.buffer === memory) return;
  spare = new WeakRef(memory);
}

/** The writer asks for the next message's bytes: the last ones it was given are written. */
function noteWritten(): void {
  if (writing === undefined) return;
  const memory = writing;
  writing = undefined;
  written.add(memory);
  release(memory);
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
 * Where each diagnostic's JSON lies in a publish written whole: JSON.stringify writes a value nested
 * in an array exactly as it writes it alone (a diagnostic is plain data, with no `toJSON` that would
 * read the key it is written under). Empty if the elements do not match the diagnostics one to one.
 */
function boundsOf(publish: EncodedPublish): ArrayLike<number> {
  if (publish.bounds === undefined) {
    const bounds = arrayElementBounds(publish.bytes, publish.arrayStart);
    publish.bounds = bounds.length === publish.diagnostics.length * 2 ? bounds : [];
  }
  return publish.bounds;
}

/**
 * Finds where each diagnostic's JSON lies in the publishes written whole, for the edits that follow.
 * The LSP layer calls this once a publish is written; the next publish's encoding does it for its
 * document if it was not done before.
 */
export function locateWrittenDiagnostics(): void {
  for (const publish of lastEncoded.values()) boundsOf(publish);
}

/**
 * For each diagnostic, its index in the previous publish, or -1 for one that is new. Each is looked
 * for where the last one found was followed (a document's diagnostics keep their order across
 * edits), then a little further on or back; past a few new ones, by an index of the previous
 * publish's objects (which then looks again for those not found nearby).
 */
function sourcesIn(previous: readonly Diagnostic[], diagnostics: readonly Diagnostic[]): { sources: Int32Array; fresh: number } {
  const sources = new Int32Array(diagnostics.length);
  let fresh = 0;
  let next = 0;
  let index: Map<Diagnostic, number> | undefined;
  for (let i = 0; i < diagnostics.length; i++) {
    const diagnostic = diagnostics[i];
    let found = -1;
    if (previous[next] === diagnostic) {
      found = next;
    } else if (index) {
      found = index.get(diagnostic) ?? -1;
    } else {
      const end = Math.min(previous.length, next + 1 + LOOKAHEAD);
      for (let k = next + 1; k < end && found === -1; k++) if (previous[k] === diagnostic) found = k;
      const start = Math.max(0, next - LOOKAHEAD);
      for (let k = next - 1; k >= start && found === -1; k--) if (previous[k] === diagnostic) found = k;
      if (found === -1 && fresh >= LOOKAHEAD) {
        index = new Map();
        for (let k = 0; k < previous.length; k++) if (!index.has(previous[k])) index.set(previous[k], k);
        found = index.get(diagnostic) ?? -1;
      }
    }
    sources[i] = found;
    if (found === -1) fresh++;
    else next = found + 1;
  }
  // Those taken for new before the index was built may be further away.
  if (index) {
    for (let i = 0; i < diagnostics.length; i++) {
      const found = sources[i] === -1 ? index.get(diagnostics[i]) : undefined;
      if (found !== undefined) {
        sources[i] = found;
        fresh--;
      }
    }
  }
  return { sources, fresh };
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
  if (method !== PUBLISH_DIAGNOSTICS || Object.keys(rest).length > 0 || !params || !Array.isArray(params.diagnostics) || typeof params.uri !== 'string') {
    return Buffer.from(JSON.stringify(message), 'utf8');
  }
  const { diagnostics, ...others } = params;
  const ready = prepared.get(diagnostics);
  if (ready) {
    prepared.delete(diagnostics);
    if (jsonrpc === JSONRPC && ready.envelope === envelopeOf(params)) return ready.bytes;
  }
  const known = JSON.stringify(others); // `{"uri":…,"version":…}`
  const paramsHead = known === '{}' ? '{' : `${known.slice(0, -1)},`;
  const head = `{"jsonrpc":${JSON.stringify(jsonrpc)},"method":"${PUBLISH_DIAGNOSTICS}","params":${paramsHead}"diagnostics":`;
  const previous = lastEncoded.get(params.uri);
  const plan = previous && diagnostics.length > 0 ? sourcesIn(previous.diagnostics, diagnostics) : undefined;
  const previousBounds = previous && plan && plan.fresh * 2 <= diagnostics.length ? boundsOf(previous) : [];
  const encoded =
    previous && plan && previousBounds.length > 0
      ? copyingPrevious(head, diagnostics, previous, previousBounds, plan.sources)
      : wholeOf(head, diagnostics);
  if (diagnostics.length > 0) lastEncoded.set(params.uri, encoded);
  else lastEncoded.delete(params.uri);
  if (previous) release(previous.bytes.buffer);
  return encoded.bytes;
}

/** A publish written as one JSON text; where each diagnostic lies in it is found later (locateWrittenDiagnostics). */
function wholeOf(head: string, diagnostics: readonly Diagnostic[]): EncodedPublish {
  // Each string encoded straight into the message's buffer: joining them first copies megabytes once more.
  const json = JSON.stringify(diagnostics);
  const arrayStart = Buffer.byteLength(head, 'utf8');
  const arrayEnd = arrayStart + Buffer.byteLength(json, 'utf8');
  const bytes = allocate(arrayEnd + 2);
  bytes.write(head, 0, 'utf8');
  bytes.write(json, arrayStart, 'utf8');
  bytes.write('}}', arrayEnd, 'utf8');
  return { diagnostics, bytes, arrayStart, bounds: undefined };
}

/**
 * A publish that copies from the previous one the bytes of each run of diagnostics that follow each
 * other there too (commas included), and serializes the others.
 */
function copyingPrevious(head: string, diagnostics: readonly Diagnostic[], previous: EncodedPublish, previousBounds: ArrayLike<number>, sources: Int32Array): EncodedPublish {
  const headBytes = Buffer.from(`${head}[`, 'utf8');
  const count = diagnostics.length;
  const fresh = new Map<number, Buffer>();
  let length = headBytes.length + TAIL.length + Math.max(count - 1, 0);
  for (let i = 0; i < count; i++) {
    const source = sources[i];
    if (source === -1) {
      const json = Buffer.from(JSON.stringify(diagnostics[i]), 'utf8');
      fresh.set(i, json);
      length += json.length;
    } else {
      length += previousBounds[2 * source + 1] - previousBounds[2 * source];
    }
  }
  // One buffer of the known length, each run copied in once.
  const bytes = allocate(length);
  const bounds = new Int32Array(2 * count);
  bytes.set(headBytes, 0);
  let at = headBytes.length;
  for (let i = 0; i < count; ) {
    if (i > 0) bytes[at++] = COMMA;
    const json = fresh.get(i);
    if (json) {
      bounds[2 * i] = at;
      bytes.set(json, at);
      at += json.length;
      bounds[2 * i + 1] = at;
      i++;
      continue;
    }
    let last = i;
    while (last + 1 < count && sources[last + 1] === sources[last] + 1) last++;
    const from = previousBounds[2 * sources[i]];
    const to = previousBounds[2 * sources[last] + 1];
    previous.bytes.copy(bytes, at, from, to);
    const shift = at - from;
    for (let k = i; k <= last; k++) {
      bounds[2 * k] = previousBounds[2 * sources[k]] + shift;
      bounds[2 * k + 1] = previousBounds[2 * sources[k] + 1] + shift;
    }
    at += to - from;
    i = last + 1;
  }
  bytes.set(TAIL, at);
  return { diagnostics, bytes, arrayStart: headBytes.length - 1, bounds };
}

export const messageEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message, options) {
    noteWritten();
    const utf8 = /^utf-?8$/i.test(options.charset);
    const bytes = utf8 ? encodeMessage(message) : Buffer.from(JSON.stringify(message), options.charset);
    if (allocated.has(bytes.buffer)) writing = bytes.buffer;
    return Promise.resolve(bytes);
  },
};
