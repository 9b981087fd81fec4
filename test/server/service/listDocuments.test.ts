/**
 * A `kind: List` (kubectl get -o yaml) through the language service: each DaemonSet item is a
 * DaemonSet of its own for the rules, the API checks, the workspace index, the outline, the code
 * lens and hover (model/listItemDocuments.ts), with ranges on the item's lines.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from 'js-yaml';
import { getLanguageService } from '../../../server/src/service/languageService';
import { assertGolden, readFixture } from '../../support/golden';
import { renderDiagnostics } from '../../support/render';
import { textDocument } from '../../support/textDocument';
import { exampleInventory, fixtureDocument } from './editingSupport';

/**
 * The list's items as documents of a multi-document file: a `---` line before each item and the
 * list's own lines as comments, so the items' lines keep their columns.
 */
function asDocuments(listText: string): string {
  let inItems = false;
  let afterItems = false;
  return listText
    .split('\n')
    .map((line) => {
      if (line.startsWith('- ')) {
        inItems = true;
        return `---\n  ${line.slice(2)}`;
      }
      if (inItems && /^\S/.test(line)) afterItems = true;
      return !inItems || afterItems ? `# ${line}` : line;
    })
    .join('\n');
}

describe('a kind: List file', () => {
  it('reports the DaemonSet items as DaemonSets, on their lines', () => {
    const { text, document } = fixtureDocument('service/list/kubectl-get-ds.yaml');
    const diagnostics = getLanguageService().doValidation(document);
    assertGolden('service/list/kubectl-get-ds.txt', renderDiagnostics(text, diagnostics, document.uri));
    const bogus = diagnostics.find((d) => d.rule === 'schema');
    assert.deepEqual(bogus?.range, { start: { line: 107, character: 10 }, end: { line: 107, character: 15 } });
  });

  it('gives the diagnostics the same items give as documents of their own', () => {
    for (const fixture of ['service/list/kubectl-get-ds.yaml', 'service/list/kubectl-get-ds-deploy.yaml', 'service/codeActions/list-selector-drift.yaml']) {
      const text = readFixture(fixture);
      const documents = asDocuments(text);
      assert.equal(documents.split('\n').length, text.split('\n').length + (load(text) as { items: unknown[] }).items.length);
      const ofList = getLanguageService().doValidation(textDocument(text, 'file:///list.yaml'));
      const ofDocuments = getLanguageService().doValidation(textDocument(documents, 'file:///list.yaml'));
      // Each `---` line added moves the lines after it: compare messages, paths and columns, and count the lines apart.
      const strip = (d: (typeof ofList)[number]) => ({ rule: d.rule, message: d.message, path: d.path, character: d.range.start.character, related: d.relatedInformation?.length });
      assert.deepEqual(ofList.map(strip), ofDocuments.map(strip), fixture);
      assert.ok(ofList.length > 0);
    }
  });

  it('reports a broken item as a broken document of its own, and the other items as when the List is valid', () => {
    const valid = readFixture('service/list/kubectl-get-ds.yaml');
    const validItemDiagnostics = getLanguageService()
      .doValidation(textDocument(valid, 'file:///list.yaml'))
      .map((d) => [d.rule, d.range.start.line, d.range.start.character]);
    assert.deepEqual(validItemDiagnostics, [['hostnetwork-dns-policy', 55, 19], ['schema', 107, 10]]);
    for (const [fixture, syntax, other] of [
      ['service/list/kubectl-get-ds-duplicate-key.yaml', ['yaml-syntax', 112, 8, 'Map keys must be unique'], ['hostnetwork-dns-policy', 55, 19]],
      ['service/list/kubectl-get-ds-open-quote.yaml', ['yaml-syntax', 57, 48, 'Missing closing "quote'], ['schema', 107, 10]],
    ] as const) {
      const text = readFixture(fixture);
      const ofList = getLanguageService().doValidation(textDocument(text, 'file:///list.yaml'));
      assert.deepEqual(ofList.filter((d) => d.rule === 'yaml-syntax').map((d) => [d.rule, d.range.start.line, d.range.start.character, d.message]), [syntax], fixture);
      assert.ok(ofList.some((d) => [d.rule, d.range.start.line, d.range.start.character].join() === other.join()), fixture);
    }
    // As the items give them as documents of their own, the broken one a broken document. (Not with
    // the quote left open: in a document of its own it runs to the document's end, in the List to
    // its line's end, as the List read whole reads it.)
    const text = readFixture('service/list/kubectl-get-ds-duplicate-key.yaml');
    const ofList = getLanguageService().doValidation(textDocument(text, 'file:///list.yaml'));
    const ofDocuments = getLanguageService().doValidation(textDocument(asDocuments(text), 'file:///list.yaml'));
    const strip = (d: (typeof ofList)[number]) => ({ rule: d.rule, message: d.message, path: d.path, character: d.range.start.character });
    assert.deepEqual(ofList.map(strip), ofDocuments.map(strip));
  });

  it("keeps the other items' diagnostics while an item is broken, through an edit that breaks it and one that mends it", () => {
    const valid = readFixture('service/list/kubectl-get-ds.yaml');
    const service = getLanguageService();
    const uri = 'file:///edited-list.yaml';
    const of = (text: string, version: number) => service.doValidation(textDocument(text, uri, version)).map((d) => [d.rule, d.range.start.line]);
    assert.deepEqual(of(valid, 1), [['hostnetwork-dns-policy', 55], ['schema', 107]]);
    // A second `dnsPolicy` being typed in the second item.
    const broken = valid.replace('          bogus: 1\n        dnsPolicy: ClusterFirst\n', '          bogus: 1\n        dnsPolicy: ClusterFirst\n        dnsPolicy: \n');
    assert.notEqual(broken, valid);
    assert.deepEqual(of(broken, 2), [['hostnetwork-dns-policy', 55], ['schema', 107], ['yaml-syntax', 109]]);
    assert.deepEqual(of(valid, 3), [['hostnetwork-dns-policy', 55], ['schema', 107]]);
  });

  it('lints a DaemonSetList as a List', () => {
    const text = readFixture('service/list/kubectl-get-ds.yaml');
    const typed = text.replace(/^kind: List$/m, 'kind: DaemonSetList');
    const of = (t: string) => getLanguageService().doValidation(textDocument(t)).map((d) => [d.rule, d.range.start.line, d.range.start.character]);
    assert.deepEqual(of(typed), of(text));
    assert.equal(of(typed).length, 2);
  });

  it('indexes the items of a mixed List for the cross-document rules of other files', () => {
    const service = getLanguageService();
    service.updateWorkspaceFile('file:///workspace/exported.yaml', readFixture('service/list/kubectl-get-ds-deploy.yaml'));
    const own = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: proxy-v2\n  namespace: edge\nspec:\n  selector:\n    matchLabels:\n      app: proxy\n  template:\n    metadata:\n      labels:\n        app: proxy\n    spec:\n      containers:\n      - name: envoy\n        image: envoyproxy/envoy:v1.31.0\n';
    const overlaps = service.doValidation(textDocument(own, 'file:///workspace/own.yaml')).filter((d) => d.rule === 'overlapping-labels');
    // One finding naming both peers, each related at its item's lines in the exported List.
    assert.deepEqual(
      overlaps.map((d) => [/matches the pods of (.*), so/.exec(d.message)?.[1], d.relatedInformation?.map((r) => [r.uri, r.range.start.line])]),
      [
        [
          'DaemonSet edge/proxy and Deployment edge/proxy-canary',
          [
            ['file:///workspace/exported.yaml', 15],
            ['file:///workspace/exported.yaml', 46],
          ],
        ],
      ],
    );
  });

  it('outlines each item, and no list', () => {
    const { document } = fixtureDocument('service/list/kubectl-get-ds-deploy.yaml');
    const symbols = getLanguageService().findDocumentSymbols(document);
    assert.deepEqual(symbols.map((s) => [s.name, s.range.start.line]), [['DaemonSet edge/proxy', 2], ['Deployment edge/proxy-canary', 31]]);
  });

  it('puts a code lens above each DaemonSet item', () => {
    const { document } = fixtureDocument('service/list/kubectl-get-ds.yaml');
    const lenses = getLanguageService().getCodeLenses(document, { inventory: exampleInventory() });
    assert.deepEqual(lenses.map((l) => l.range.start.line), [3, 78]);
  });

  it('completes in an item as in a DaemonSet', () => {
    const { text } = fixtureDocument('service/list/kubectl-get-ds.yaml');
    const lines = text.split('\n');
    const line = lines.findIndex((l, i) => i > 80 && l.includes('imagePullPolicy: IfNotPresent'));
    lines[line] = lines[line].replace('IfNotPresent', '');
    const service = getLanguageService();
    const values = service.doComplete(textDocument(lines.join('\n'), 'file:///list.yaml'), { line, character: lines[line].length });
    assert.deepEqual(values.items.map((i) => i.label).sort(), ['Always', 'IfNotPresent', 'Never']);
    // A key of the item's pod spec, on a new line below `dnsPolicy: ClusterFirst`.
    const dns = lines.findIndex((l, i) => i > 80 && l.includes('dnsPolicy: ClusterFirst'));
    lines.splice(dns + 1, 0, '        host');
    const keys = service.doComplete(textDocument(lines.join('\n'), 'file:///list.yaml', 2), { line: dns + 1, character: 12 });
    assert.ok(['hostNetwork', 'hostPID', 'hostIPC'].every((key) => keys.items.some((i) => i.label === key)), keys.items.map((i) => i.label).join());
  });

  it('hovers a field of an item as a DaemonSet field', () => {
    const { text, document } = fixtureDocument('service/list/kubectl-get-ds.yaml');
    const line = text.split('\n').findIndex((l) => l.includes('hostNetwork: true'));
    const hover = getLanguageService().doHover(document, { line, character: 10 });
    assert.match(hover?.contents ?? '', /hostNetwork/);
  });
});
