/**
 * The editing features over stdio: completion, quick fixes, outline,
 * folding, code lens and inventory-aware hover, with the examples/ folder as
 * the workspace (its nodes/kind-cluster.nodes.yaml is the discovered inventory).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, CompletionList, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver-protocol';
import { repoRoot } from '../support/golden';
import { applyEdits } from '../support/render';
import { waitFor } from '../support/waitFor';
import { LspTestClient } from './support/lspClient';

const examples = join(repoRoot, 'examples');
const driftPath = join(examples, 'selector-drift.yaml');
const driftUri = pathToFileURL(driftPath).href;
const driftText = readFileSync(driftPath, 'utf8');
const brokenUri = pathToFileURL(join(examples, 'typing.yaml')).href;
const brokenText = 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  updateStrategy:\n    type: \n  template:\n    spec:\n      containers: [\n';


describe('editing features over --stdio', () => {
  let client: LspTestClient;

  before(async () => {
    client = LspTestClient.start();
    const result = await client.initialize(pathToFileURL(examples).href);
    const capabilities = result.capabilities;
    assert.deepEqual(capabilities.completionProvider?.triggerCharacters, [':', ' ']);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.equal(capabilities.documentSymbolProvider, true);
    assert.equal(capabilities.foldingRangeProvider, true);
    assert.ok(capabilities.codeLensProvider);
    await client.open(driftUri, driftText, 1);
    await client.open(brokenUri, brokenText, 1);
  });

  after(async () => {
    await client.stop();
  });

  it('completes enum values in a document the parser cannot read', async () => {
    const list = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: brokenUri },
      position: { line: 4, character: 10 },
    })) as CompletionList;
    assert.deepEqual(list.items.map((item) => item.label).sort(), ['OnDelete', 'RollingUpdate']);
    assert.deepEqual(list.items[0].textEdit && 'range' in list.items[0].textEdit ? list.items[0].textEdit.range.start : undefined, { line: 4, character: 10 });
  });

  it('stays quiet when a space is typed while indenting', async () => {
    const list = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: brokenUri },
      position: { line: 3, character: 2 },
      context: { triggerKind: 2, triggerCharacter: ' ' },
    })) as CompletionList;
    assert.deepEqual(list.items, []);
  });

  it('offers a quick fix for the selector drift that removes it', async () => {
    const diagnostics = await client.diagnostics(driftUri, 1);
    const drift = diagnostics.filter((d) => d.code === 'selector-drift');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: driftUri },
      range: drift[0].range,
      context: { diagnostics: drift, only: ['quickfix'] },
    })) as CodeAction[];
    const align = actions.find((a) => a.title.startsWith('Set template label'));
    assert.ok(align, actions.map((a) => a.title).join());
    assert.equal(align.kind, 'quickfix');
    assert.equal(align.isPreferred, true);
    const fixed = applyEdits(driftText, align.edit?.changes?.[driftUri] ?? []);
    assert.match(fixed, /labels:\n {8}app: node-exporter\n {8}app\.kubernetes\.io\/name: node-exporter\n/);
  });

  it('passes the taints of missing-toleration through data to its quick fix', async () => {
    const diagnostics = await client.waitForDiagnostics(driftUri, (list) => list.some((d) => d.code === 'missing-toleration' && !!(d.data as { taints?: unknown })?.taints));
    const missing = diagnostics.filter((d) => d.code === 'missing-toleration');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: driftUri },
      range: missing[0].range,
      context: { diagnostics: missing },
    })) as CodeAction[];
    assert.ok(actions.some((a) => /^Tolerate /.test(a.title)), actions.map((a) => a.title).join());
  });

  it('answers the outline and folding ranges', async () => {
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: driftUri } })) as DocumentSymbol[];
    assert.equal(symbols[0].name, 'DaemonSet monitoring/node-exporter');
    assert.ok(symbols[0].children?.some((c) => c.name === 'container node-exporter'));
    const folding = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: driftUri } })) as FoldingRange[];
    assert.ok(folding.some((r) => r.kind === 'comment' && r.startLine === 0));
    assert.ok(folding.some((r) => r.startLine === 10));
  });

  it('puts a placement lens over the DaemonSet once the inventory is discovered', async () => {
    const lenses = await waitFor(async () => {
      const list = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: driftUri } })) as CodeLens[];
      return list.some((lens) => lens.command?.title.startsWith('Runs on')) && list;
    }, 50);
    assert.equal(lenses.length, 1);
    assert.match(lenses[0].command?.title ?? '', /^Runs on \d of 4 nodes · Preview$/);
    assert.deepEqual(lenses[0].command?.arguments, [driftUri, 'node-exporter']);
    assert.equal(lenses[0].command?.command, 'daemonset.openPreview');
  });

  it('answers hover from the schema on fields without a DaemonSet note', async () => {
    // Line 20 is `      hostNetwork: true`.
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: driftUri },
      position: { line: 19, character: 8 },
    })) as Hover;
    assert.match(JSON.stringify(hover.contents), /hostNetwork/);
  });

  it('answers empty results for unknown documents', async () => {
    const none = { textDocument: { uri: 'file:///never-opened.yaml' } };
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', none), []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeLens', none), []);
    assert.deepEqual(
      await client.connection.sendRequest('textDocument/completion', { ...none, position: { line: 0, character: 0 } }),
      { isIncomplete: false, items: [] },
    );
  });
});
