import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, Message, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { encodeMessage, messageEncoder, preparePublish } from '../../../server/src/lsp/messageEncoder';

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

  it('serializes each diagnostic object once across publishes, after the first one that holds it', async () => {
    let serialized = 0;
    const counted = { ...diagnostic, toJSON: () => (serialized++, { range, message: 'counted' }) } as Diagnostic;
    const other = { ...diagnostic, message: 'other' };
    // Mostly new diagnostics: the publish is written whole, each diagnostic serialized on its own only once idle.
    const first = serializeMessage(publish([counted, other], 1));
    assert.equal(serialized, 1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(serialized, 2);
    const second = serializeMessage(publish([other, counted], 2));
    const third = serializeMessage(publish([other, counted, { ...diagnostic, message: 'new' }], 3));
    assert.equal(serialized, 2);
    assert.deepEqual(JSON.parse(second).params.diagnostics, JSON.parse(first).params.diagnostics.reverse());
    assert.deepEqual(JSON.parse(third), JSON.parse(JSON.stringify(publish([other, counted, { ...diagnostic, message: 'new' }], 3))));
  });

  it('hands over a publish encoded ahead of time only for exactly that message, and once', () => {
    let serialized = 0;
    const counted = () => ({ ...diagnostic, toJSON: () => (serialized++, { range, message: 'counted' }) }) as Diagnostic;
    const diagnostics = [counted(), counted(), counted()];
    preparePublish(params(publish(diagnostics, 7)));
    const encodedAhead = serialized;
    assert.ok(encodedAhead > 0);
    const sent = serializeMessage(publish(diagnostics, 7));
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
    const before = serialized;
    serializeMessage(publish(diagnostics, 7));
    assert.ok(serialized > before, 'the prepared bytes were taken by the first publish');
  });

  it('encodes in the writer charset', async () => {
    const bytes = await messageEncoder.encode(publish([diagnostic], 1), { charset: 'utf-8' } as never);
    assert.deepEqual(JSON.parse(Buffer.from(bytes).toString('utf8')), JSON.parse(JSON.stringify(publish([diagnostic], 1))));
  });
});
