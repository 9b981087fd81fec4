/**
 * Protocol abuse over stdio: what a buggy or hostile client may send. The
 * server answers every request (an empty result, a protocol error or a
 * cancellation), keeps running, and still validates afterwards.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/golden';
import { pathologicalDocuments } from '../fuzz/support/inputs';
import { waitFor } from '../support/waitFor';
import { LspTestClient } from './support/lspClient';

const dsText = readFileSync(join(repoRoot, 'examples', 'selector-drift.yaml'), 'utf8');
const unknownUri = 'file:///nowhere/unknown.yaml';
const position = { line: 0, character: 0 };
const EDITING_REQUESTS: Array<[string, (uri: string) => object]> = [
  ['textDocument/hover', (uri) => ({ textDocument: { uri }, position })],
  ['textDocument/completion', (uri) => ({ textDocument: { uri }, position })],
  ['textDocument/codeAction', (uri) => ({ textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } })],
  ['textDocument/documentSymbol', (uri) => ({ textDocument: { uri } })],
  ['textDocument/foldingRange', (uri) => ({ textDocument: { uri } })],
  ['textDocument/codeLens', (uri) => ({ textDocument: { uri } })],
];

/** The answer of a request, or the protocol error it answered with. */
async function answer(client: LspTestClient, method: string, params: unknown): Promise<{ result?: unknown; error?: ResponseError<unknown> }> {
  try {
    return { result: await client.connection.sendRequest(method, params) };
  } catch (error) {
    if (error instanceof ResponseError) return { error };
    throw error;
  }
}

/** The server is alive when it answers a request on a document it knows. */
async function assertAlive(client: LspTestClient, uri: string): Promise<void> {
  assert.equal(client.exitCode, undefined, `server exited: ${client.stderr.join('')}`);
  const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(symbols));
}

describe('protocol abuse: a minimal client (no pull diagnostics, no workspace folders, no configuration)', () => {
  let client: LspTestClient;
  const uri = 'file:///abuse/ds.yaml';

  before(async () => {
    client = LspTestClient.start();
    await client.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await client.connection.sendNotification('initialized', {});
  });
  after(async () => client.stop());

  it('pushes diagnostics to a client that announces no capabilities', async () => {
    await client.open(uri, dsText, 1);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.ok(diagnostics.some((d) => d.code === 'selector-drift'));
  });

  it('answers every editing request for a document it never saw with an empty result', async () => {
    for (const [method, params] of EDITING_REQUESTS) {
      const { result, error } = await answer(client, method, params(unknownUri));
      assert.equal(error, undefined, `${method}: ${error?.message}`);
      assert.ok(result === null || (Array.isArray(result) && result.length === 0) || (typeof result === 'object' && Array.isArray((result as { items?: unknown[] }).items)), `${method}: ${JSON.stringify(result)}`);
    }
    await assertAlive(client, uri);
  });

  it('answers requests at positions past the end of the document', async () => {
    for (const far of [{ line: 100_000, character: 5 }, { line: 3, character: 100_000 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }]) {
      for (const method of ['textDocument/hover', 'textDocument/completion']) {
        const { error } = await answer(client, method, { textDocument: { uri }, position: far });
        assert.equal(error, undefined, `${method} at ${JSON.stringify(far)}: ${error?.message}`);
      }
      const { error } = await answer(client, 'textDocument/codeAction', { textDocument: { uri }, range: { start: far, end: far }, context: { diagnostics: [] } });
      assert.equal(error, undefined);
    }
    await assertAlive(client, uri);
  });

  it('survives malformed parameters and unknown methods with an error answer', async () => {
    for (const params of [{}, null, { textDocument: null }, { textDocument: { uri: 42 }, position: 'x' }]) {
      await answer(client, 'textDocument/hover', params);
      await answer(client, 'textDocument/completion', params);
    }
    const unknown = await answer(client, 'daemonset/noSuchMethod', {});
    assert.ok(unknown.error, 'an unknown method is answered with an error');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 5 }, contentChanges: 'x' });
    await assertAlive(client, uri);
  });

  it('ignores changes and closes of documents that are not open, then validates them once opened', async () => {
    const late = 'file:///abuse/late.yaml';
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: late, version: 2 }, contentChanges: [{ text: 'kind: DaemonSet\n' }] });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: late } });
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: late } });
    await client.open(late, dsText, 3);
    assert.ok((await client.diagnostics(late, 3)).length > 0);
  });

  it('publishes for the newest text when versions arrive out of order or a document is opened twice', async () => {
    const twice = 'file:///abuse/twice.yaml';
    await client.open(twice, 'kind: DaemonSet\n', 1);
    await client.open(twice, dsText, 5);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: twice, version: 4 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# stale\n' }],
    });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: twice, version: 4 },
      contentChanges: [{ range: { start: { line: 9_999, character: 0 }, end: { line: 0, character: 0 } }, text: '# reversed range\n' }],
    });
    // The reversed range is normalized: it replaced the whole text, which now holds no DaemonSet.
    assert.deepEqual(await client.diagnostics(twice, 4), []);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: twice, version: 6 }, contentChanges: [{ text: dsText }] });
    assert.ok((await client.diagnostics(twice, 6)).some((d) => d.code === 'selector-drift'));
    await assertAlive(client, twice);
  });

  it('answers a cancelled request with the result or the cancellation error, and keeps working', async () => {
    const big = 'file:///abuse/big.yaml';
    const bigText = (pathologicalDocuments().find((p) => p.name === 'documents-3000') as { text: string }).text;
    await client.open(big, bigText, 1);
    const requests = [];
    for (let i = 0; i < 5; i++) {
      const source = new CancellationTokenSource();
      requests.push(
        client.connection.sendRequest('textDocument/completion', { textDocument: { uri: big }, position: { line: 40_000, character: 4 } }, source.token).then(
          () => 'answered',
          (error: unknown) => (error instanceof ResponseError ? `error ${error.code}` : `failed ${String(error)}`),
        ),
      );
      source.cancel();
    }
    for (const outcome of await Promise.all(requests)) assert.match(outcome, /^(answered|error -32800)$/);
    await assertAlive(client, big);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: big } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: big } });
    await assertAlive(client, uri);
  });

  it('validates the pathological documents and stays up', async () => {
    for (const input of pathologicalDocuments().filter((p) => p.text.length < 600_000)) {
      const docUri = `file:///abuse/${input.name}.yaml`;
      await client.open(docUri, input.text, 1);
      await client.diagnostics(docUri, 1);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: docUri } });
    }
    await assertAlive(client, uri);
  });
});

describe('protocol abuse: pull diagnostics', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.start();
    await client.initialize(null, { pullDiagnostics: true });
  });
  after(async () => client.stop());

  it('answers a diagnostic pull for an unknown document with an empty report', async () => {
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: unknownUri } })) as { kind: string; items: unknown[] };
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items, []);
  });
});

describe('protocol abuse: shutdown in the middle of work', () => {
  it('exits cleanly (status 0) when shutdown and exit arrive while a large file is being validated', async () => {
    const client = LspTestClient.start();
    await client.initialize(null);
    const bigText = (pathologicalDocuments().find((p) => p.name === 'documents-3000') as { text: string }).text;
    await client.open('file:///abuse/big.yaml', bigText, 1);
    void client.connection.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///abuse/big.yaml' }, position: { line: 5, character: 2 } }).catch(() => undefined);
    await client.stop();
    assert.equal(client.exitCode, 0, client.stderr.join(''));
    assert.doesNotMatch(client.stderr.join(''), /Uncaught|TypeError|RangeError/);
  });

  it('publishes nothing after shutdown, so exit never cuts a message off', async () => {
    const client = LspTestClient.start();
    await client.initialize(null);
    const bigUri = 'file:///abuse/big-shutdown.yaml';
    const bigText = (pathologicalDocuments().find((p) => p.name === 'documents-3000') as { text: string }).text;
    // Hold the server inside the validation of the big file: it asks for the file's settings first and
    // waits for the answer, which comes only after shutdown has been answered.
    let asked = false;
    let answerSettings: () => void = () => undefined;
    const settingsAnswered = new Promise<void>((resolve) => (answerSettings = resolve));
    client.connection.onRequest('workspace/configuration', async (params: { items: Array<{ scopeUri?: string }> }) => {
      if (params.items.some((item) => item.scopeUri === bigUri)) {
        asked = true;
        await settingsAnswered;
      }
      return params.items.map(() => null);
    });
    await client.open(bigUri, bigText, 1);
    try {
      await waitFor(() => asked);
      await client.connection.sendRequest('shutdown');
      answerSettings();
      // The same validation through a pull: it waits for the same settings, inventory and git baseline
      // lookups, after the held validation, so when it answers the held one has finished — and any
      // publish it made was written before this answer.
      const pulled = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: bigUri } })) as { items: unknown[] };
      assert.ok(pulled.items.length > 0, 'the file was validated after shutdown');
      assert.equal(client.published.get(bigUri), undefined, 'no diagnostics published after shutdown');
      await client.connection.sendNotification('exit');
      assert.equal(await client.exited(), 0);
    } finally {
      client.connection.dispose();
      if (client.exitCode === undefined) client.process.kill();
    }
  });

  it('exits when the client closes stdin without shutdown', async () => {
    const client = LspTestClient.start();
    await client.initialize(null);
    await client.open('file:///abuse/ds.yaml', dsText, 1);
    client.process.stdin.end();
    await client.exited(); // the server exits when its client goes away
    client.connection.dispose();
  });
});
