import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, Message } from 'vscode-languageserver/node';
import { encodeMessage, messageEncoder } from '../../../server/src/lsp/messageEncoder';

const serializeMessage = (message: Message): string => encodeMessage(message).toString('utf8');

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

  it('encodes in the writer charset', async () => {
    const bytes = await messageEncoder.encode(publish([diagnostic], 1), { charset: 'utf-8' } as never);
    assert.deepEqual(JSON.parse(Buffer.from(bytes).toString('utf8')), JSON.parse(JSON.stringify(publish([diagnostic], 1))));
  });
});
