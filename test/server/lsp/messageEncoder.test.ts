import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, Message, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { arrayElementBounds, encodeMessage, locateWrittenDiagnostics, messageEncoder, preparePublish } from '../../../server/src/lsp/messageEncoder';

const serializeMessage = (message: Message): string => encodeMessage(message).toString('utf8');
const params = (message: Message) => (message as Message & { params: PublishDiagnosticsParams }).params;

const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } };
const publish = (diagnostics: Diagnostic[], version?: number): Message =>
  ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a "quoted".yaml', ...(version === undefined ? {} : { version }), diagnostics } }) as Message;

describe('messageEncoder', () => {
  const diagnostic: Diagnostic = { range, severity: 2, source: 'daemonset', code: 'hostport-conflict', message: 'Host port 9100 — "shared"\n', data: { path: 'spec' } };

  it('writes what JSON.stringify writes, for publishes and every other message', () => {
    const messages: Message[] = [
      publish([diagnostic, { ...diagnostic, relatedInformation: undefined }], 3),
      publish([]),
      { jsonrpc: '2.0', id: 1, result: { capabilities: {} } } as Message,
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } } as Message,
    ];
    for (const message of messages) assert.deepEqual(JSON.parse(serializeMessage(message)), JSON.parse(JSON.stringify(message)));
  });

  it('serializes each diagnostic object once across a document\'s publishes: a publish written whole is not serialized again', () => {
    let serialized = 0;
    const counted = { ...diagnostic, toJSON: () => (serialized++, { range, message: 'counted' }) } as Diagnostic;
    const other = { ...diagnostic, message: 'other' };
    // Mostly new diagnostics: the publish is written whole; once written, where each diagnostic's bytes lie in it is found.
    const first = serializeMessage(publish([counted, other], 1));
    assert.equal(serialized, 1);
    locateWrittenDiagnostics();
    assert.equal(serialized, 1);
    const second = serializeMessage(publish([other, counted], 2));
    const third = serializeMessage(publish([other, counted, { ...diagnostic, message: 'new' }], 3));
    assert.equal(serialized, 1);
    assert.deepEqual(JSON.parse(second).params.diagnostics, JSON.parse(first).params.diagnostics.reverse());
    assert.deepEqual(JSON.parse(third), JSON.parse(JSON.stringify(publish([other, counted, { ...diagnostic, message: 'new' }], 3))));
  });

  it('finds the bytes of a publish written whole when the next publish is encoded, if nothing found them before', () => {
    let serialized = 0;
    const counted = { ...diagnostic, toJSON: () => (serialized++, { range, message: 'counted' }) } as Diagnostic;
    serializeMessage(publish([counted, { ...diagnostic }], 1));
    const next = serializeMessage(publish([counted], 2));
    assert.equal(serialized, 1);
    assert.deepEqual(JSON.parse(next), JSON.parse(JSON.stringify(publish([counted], 2))));
  });

  it('finds in a written publish exactly the bytes JSON.stringify writes for each diagnostic', () => {
    const contents: Diagnostic[] = [
      { ...diagnostic, message: 'quotes " and \\" and \\\\", brackets ] } [ {, commas ,,' },
      { ...diagnostic, message: 'ends in a backslash \\', data: { path: 'spec.template.spec.containers[0]', nested: [[], {}, [{ a: ']' }]] } },
      { ...diagnostic, message: 'non-ASCII: ≥ — “quoted” 🚀 é', relatedInformation: [{ location: { uri: 'file:///é.yaml', range }, message: '"x"' }] },
      { ...diagnostic, message: '', code: undefined, data: undefined },
    ];
    let serialized = 0;
    const tricky = contents.map((content) => ({ toJSON: () => (serialized++, content) }) as unknown as Diagnostic);
    const written = serializeMessage(publish(tricky, 7));
    locateWrittenDiagnostics();
    // Every diagnostic's bytes are kept: the next publish copies them, in another order.
    const copied = serializeMessage(publish([...tricky].reverse(), 8));
    assert.equal(serialized, tricky.length);
    assert.equal(written, JSON.stringify(publish(contents, 7)));
    assert.equal(copied, JSON.stringify(publish([...contents].reverse(), 8)));
  });

  it('copies from the document\'s previous publish the diagnostics it shares, in runs, and serializes only the new ones', () => {
    let serialized = 0;
    const counted = (message: string) => ({ ...diagnostic, message, toJSON: () => (serialized++, { range, message }) }) as unknown as Diagnostic;
    const contents = (list: Diagnostic[]) => list.map((d) => ({ range, message: d.message }));
    const forUri = (uri: string, list: Diagnostic[], version: number): Message => ({ ...publish(list, version), params: { uri, version, diagnostics: list } }) as Message;
    const same = (message: Message, list: Diagnostic[]) =>
      assert.equal(encodeMessage(message).toString('utf8'), JSON.stringify({ ...message, params: { ...params(message), diagnostics: contents(list) } }));
    const before = Array.from({ length: 100 }, (_, i) => counted(`before ${i}`));
    const edited = Array.from({ length: 5 }, (_, i) => counted(`edited ${i}`));
    const after = Array.from({ length: 100 }, (_, i) => counted(`after ${i}`));
    const uri = 'file:///runs.yaml';
    same(forUri(uri, [...before, ...edited, ...after], 1), [...before, ...edited, ...after]);
    assert.equal(serialized, 205, 'a first publish is serialized whole');
    // An edit replaces the edited document's diagnostics in place: only theirs are serialized.
    const replaced = Array.from({ length: 7 }, (_, i) => counted(`replaced ${i}`));
    same(forUri(uri, [...before, ...replaced, ...after], 2), [...before, ...replaced, ...after]);
    assert.equal(serialized, 212);
    // Removed, moved back and forth, and more new ones than are looked for nearby: nothing known is serialized again.
    const many = Array.from({ length: 60 }, (_, i) => counted(`many ${i}`));
    const reordered = [...after.slice(50), ...many, ...before.slice(10, 90).reverse(), ...replaced.slice(2), ...after.slice(0, 50)];
    same(forUri(uri, reordered, 3), reordered);
    assert.equal(serialized, 272);
    same(forUri(uri, reordered.slice(1), 4), reordered.slice(1));
    assert.equal(serialized, 272);
    // Another document's publish has its own previous publish.
    same(forUri('file:///other.yaml', [after[0], after[1]], 1), [after[0], after[1]]);
    assert.equal(serialized, 274);
    // A publish without diagnostics lets the document's previous one go.
    same(forUri('file:///other.yaml', [], 2), []);
    same(forUri('file:///other.yaml', [after[0]], 3), [after[0]]);
    assert.equal(serialized, 275);
  });

  it('finds the elements of JSON arrays as JSON.stringify writes them', () => {
    const arrays: unknown[][] = [[], [1], [{}, [], null, 'a,b', '\\', '"', '[{', { a: [1, { b: '}]' }] }], ['é≥🚀', { '"k"': 'v\\"' }]];
    for (const array of arrays) {
      const text = `xx${JSON.stringify(array)}yy`;
      const bytes = Buffer.from(text, 'utf8');
      const bounds = arrayElementBounds(bytes, 2);
      const elements = [];
      for (let i = 0; i < bounds.length; i += 2) elements.push(bytes.subarray(bounds[i], bounds[i + 1]).toString('utf8'));
      assert.deepEqual(elements, array.map((element) => JSON.stringify(element)));
    }
    assert.deepEqual(arrayElementBounds(Buffer.from('{"a":1}'), 0), []);
    assert.deepEqual(arrayElementBounds(Buffer.from('["unterminated'), 0), []);
  });

  it('hands over a publish encoded ahead of time only for exactly that message, and once', () => {
    let serialized = 0;
    const counted = () => ({ ...diagnostic, toJSON: () => (serialized++, { range, message: 'counted' }) }) as Diagnostic;
    const diagnostics = [counted(), counted(), counted()];
    preparePublish(params(publish(diagnostics, 7)));
    const encodedAhead = serialized;
    assert.ok(encodedAhead > 0);
    const sentBytes = encodeMessage(publish(diagnostics, 7));
    const sent = sentBytes.toString('utf8');
    assert.equal(serialized, encodedAhead, 'sending it encodes nothing');
    assert.deepEqual(JSON.parse(sent), JSON.parse(JSON.stringify(publish(diagnostics, 7))));
    // The same diagnostics for another version, or for another document, are encoded as they are sent.
    const others = [counted(), counted()];
    preparePublish(params(publish(others, 8)));
    assert.deepEqual(JSON.parse(serializeMessage(publish(others, 9))), JSON.parse(JSON.stringify(publish(others, 9))));
    const elsewhere = [counted()];
    preparePublish(params(publish(elsewhere, 1)));
    const moved = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///b.yaml', version: 1, diagnostics: elsewhere } } as Message;
    assert.deepEqual(JSON.parse(serializeMessage(moved)), JSON.parse(JSON.stringify(moved)));
    assert.notEqual(encodeMessage(publish(diagnostics, 7)), sentBytes, 'the prepared bytes were taken by the first publish');
  });

  it('writes a large publish into the memory of one the writer wrote and no document still copies from', async () => {
    // Large enough to be written into memory of its own: 4,000 diagnostics of about 300 bytes.
    const many = (version: number) =>
      Array.from({ length: 4000 }, (_, i): Diagnostic => ({ ...diagnostic, message: `${'m'.repeat(200)} ${i} of version ${version}` }));
    const forUri = (diagnostics: Diagnostic[], version: number): Message =>
      ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///reused.yaml', version, diagnostics } }) as Message;
    const options = { charset: 'utf-8' } as never;
    const first = forUri(many(1), 1);
    const second = forUri([...params(first).diagnostics.slice(1), ...many(2).slice(0, 1)], 2);
    const third = forUri([...params(second).diagnostics.slice(1), ...many(3).slice(0, 1)], 3);
    const fourth = forUri([...params(third).diagnostics.slice(1), ...many(4).slice(0, 1)], 4);
    const isJsonOf = (bytes: Uint8Array, message: Message) => Buffer.from(bytes).toString('utf8') === JSON.stringify(message);
    // The writer asks for each message's bytes once it wrote the one before (each is read before the next is asked for).
    const bytes: Uint8Array[] = [];
    for (const message of [first, second, third, fourth]) {
      const encoded = await messageEncoder.encode(message, options);
      assert.ok(isJsonOf(encoded, message), `version ${params(message).version}`);
      // Nor is the one before changed while this one is encoded: the next publish copies from it.
      if (bytes.length > 0) assert.ok(isJsonOf(bytes[bytes.length - 1], [first, second, third][bytes.length - 1]));
      bytes.push(encoded);
    }
    // The first was written and the second copied from it: the third reuses its memory, the fourth the second's.
    assert.ok(bytes[0].byteLength > 1 << 20);
    assert.equal(bytes[2].buffer, bytes[0].buffer);
    assert.equal(bytes[3].buffer, bytes[1].buffer);
    // A publish encoded ahead of time, not yet handed to the writer, is no memory to reuse: the writer will write it.
    const fifth = forUri(params(fourth).diagnostics.slice(1), 5);
    preparePublish(params(fifth));
    const sixth = forUri(params(fifth).diagnostics.slice(1), 6);
    assert.ok(isJsonOf(await messageEncoder.encode(sixth, options), sixth));
    assert.ok(isJsonOf(await messageEncoder.encode(fifth, options), fifth), 'the prepared bytes were left as they were');
  });

  it('encodes in the writer charset', async () => {
    const bytes = await messageEncoder.encode(publish([diagnostic], 1), { charset: 'utf-8' } as never);
    assert.deepEqual(JSON.parse(Buffer.from(bytes).toString('utf8')), JSON.parse(JSON.stringify(publish([diagnostic], 1))));
  });
});
