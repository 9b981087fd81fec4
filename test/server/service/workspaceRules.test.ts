import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import { assertGolden, fixturesDir } from '../../support/golden';
import { renderDiagnostics } from '../../support/render';
import { textDocument } from '../../support/textDocument';

const workspace = join(fixturesDir, 'service', 'workspace');
const uriOf = (name: string) => `file:///workspace/${name}`;

function serviceWithWorkspace() {
  const service = getLanguageService();
  for (const name of readdirSync(workspace)) service.updateWorkspaceFile(uriOf(name), readFileSync(join(workspace, name), 'utf8'));
  return service;
}

const crossDocumentRules = new Set(['overlapping-labels', 'hostport-conflict', 'pdb-on-daemonset']);

describe('cross-document rules over the workspace index', () => {
  for (const name of ['agents.yaml', 'other-agents.yaml']) {
    it(name, () => {
      const text = readFileSync(join(workspace, name), 'utf8');
      const diagnostics = serviceWithWorkspace()
        .doValidation(textDocument(text, uriOf(name)))
        .filter((d) => crossDocumentRules.has(d.rule));
      assertGolden(`service/workspace/${name.replace('.yaml', '.txt')}`, renderDiagnostics(text, diagnostics, uriOf(name)));
    });
  }

  it('forgets a removed file', () => {
    const service = serviceWithWorkspace();
    const text = readFileSync(join(workspace, 'agents.yaml'), 'utf8');
    const before = service.doValidation(textDocument(text, uriOf('agents.yaml'), 1)).filter((d) => crossDocumentRules.has(d.rule));
    assert.ok(before.some((d) => d.rule === 'pdb-on-daemonset'));
    assert.equal(service.removeWorkspaceFile(uriOf('prometheus.yaml')), true);
    const after = service.doValidation(textDocument(text, uriOf('agents.yaml'), 2)).filter((d) => crossDocumentRules.has(d.rule));
    assert.deepEqual(
      after.map((d) => d.rule),
      ['hostport-conflict'],
    );
  });

  it('uses the open text of the file itself, not its indexed version', () => {
    const service = serviceWithWorkspace();
    // Rename node-exporter's labels so nothing overlaps any more.
    const text = readFileSync(join(workspace, 'agents.yaml'), 'utf8').replace(/app: exporter/g, 'app: node-exporter');
    const rules = service
      .doValidation(textDocument(text, uriOf('agents.yaml')))
      .filter((d) => crossDocumentRules.has(d.rule))
      .map((d) => d.rule);
    assert.deepEqual(rules, ['hostport-conflict']);
  });

  it("reads a version's workloads once for validation and the live lookup", () => {
    const service = serviceWithWorkspace();
    const text = readFileSync(join(workspace, 'agents.yaml'), 'utf8');
    const document = textDocument(text, uriOf('agents.yaml'), 1);
    const workloads = service.fileWorkloads(document);
    service.doValidation(document);
    assert.ok(service.daemonSetNamespaces(document).length > 0);
    assert.equal(service.fileWorkloads(document), workloads);
    assert.notEqual(service.fileWorkloads(textDocument(text, uriOf('agents.yaml'), 2)), workloads, 'a new version is read again');
  });

  it('reports that an unchanged file changes nothing', () => {
    const service = serviceWithWorkspace();
    assert.equal(service.updateWorkspaceFile(uriOf('agents.yaml'), readFileSync(join(workspace, 'agents.yaml'), 'utf8')), false);
    assert.equal(service.updateWorkspaceFile(uriOf('notes.yaml'), 'just: text\n'), false);
  });
});

describe('overlapping-labels between many copies of one DaemonSet', () => {
  const copy = (name: string) =>
    `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\n  namespace: logging\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n        - name: agent\n          image: agent:1.0\n`;
  const overlapsOf = (diagnostics: Array<{ rule: string; message: string; range: { start: { line: number } } }>, line: number) =>
    diagnostics.filter((d) => d.rule === 'overlapping-labels' && d.range.start.line === line).map((d) => d.message);

  // 15 copies are counted one by one, 40 through the overlap's lookup of object keys and documents.
  for (const copies of [15, 40]) {
    it(`names ten peers and counts the rest; versions of the same object in other files are not peers (${copies} copies)`, () => {
      const service = getLanguageService();
      // Another file holds a version of the first DaemonSet (same name) and one more peer.
      service.updateWorkspaceFile('file:///workspace/old.yaml', [copy('agent-0'), copy('agent-extra')].join('---\n'));
      const text = Array.from({ length: copies }, (_, i) => copy(`agent-${i}`)).join('---\n');
      const diagnostics = service.doValidation(textDocument(text, 'file:///workspace/agents.yaml'));
      const first = overlapsOf(diagnostics, 6); // `selector:` of agent-0
      assert.equal(first.length, 11);
      // agent-0 overlaps agent-1… and agent-extra, not its own version in old.yaml: 10 named, the rest counted.
      assert.match(first[10], new RegExp(`^Labels overlap with ${copies - 10} more workloads`));
      const second = overlapsOf(diagnostics, 6 + 18); // agent-1: also old.yaml's agent-0, which is another object for it
      assert.match(second[10], new RegExp(`^Labels overlap with ${copies - 9} more workloads`));
    });
  }
});

describe('hostport-conflict among many nodeSelectors on one port', () => {
  const daemonSet = (name: string, nodeSelector: Record<string, string> | undefined) =>
    [
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      '  selector:',
      '    matchLabels:',
      `      app: ${name}`,
      '  template:',
      '    metadata:',
      '      labels:',
      `        app: ${name}`,
      '    spec:',
      ...(nodeSelector ? ['      nodeSelector:', ...Object.entries(nodeSelector).map(([key, value]) => `        ${key}: ${value}`)] : []),
      '      containers:',
      '        - name: agent',
      '          image: agent:1.0',
      '          ports:',
      '            - containerPort: 9100',
      '              hostPort: 9100',
      '',
    ].join('\n');
  /** Whether two nodeSelectors let their pods meet on a node: no label required with two different values. */
  const share = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) =>
    !a || !b || Object.keys(a).every((key) => !Object.hasOwn(b, key) || b[key] === a[key]);

  it('names for each DaemonSet the first peers whose nodeSelectors let them share a node, as a pairwise comparison does', () => {
    // Selectors of several key sets (pool, zone, both, none, empty), most distinct: the index by key set must
    // find exactly the DaemonSets a comparison of every pair finds, in file order.
    const selectors: Array<Record<string, string> | undefined> = [];
    for (let i = 0; i < 150; i++) {
      const pool = `pool-${i % 37}`;
      const zone = `zone-${i % 5}`;
      selectors.push([{ pool }, { zone }, { pool, zone }, undefined, {}, { zone, arch: i % 2 ? 'arm64' : 'amd64' }][i % 6]);
    }
    const names = selectors.map((_, i) => `agent-${i}`);
    const text = selectors.map((selector, i) => daemonSet(names[i], selector)).join('---\n');
    const diagnostics = getLanguageService().doValidation(textDocument(text, 'file:///workspace/agents.yaml'));
    const starts = text.split('\n').flatMap((line, number) => (line.startsWith('apiVersion:') ? [number] : []));
    let checked = 0;
    selectors.forEach((selector, i) => {
      const found = diagnostics.filter((d) => d.rule === 'hostport-conflict' && d.range.start.line > starts[i] && (i + 1 === starts.length || d.range.start.line < starts[i + 1]));
      const peers = names.filter((_, j) => j !== i && share(selector, selectors[j]));
      const named = found.map((d) => /bound by DaemonSet default\/(\S+):/.exec(d.message)?.[1] ?? `more, next ${d.relatedInformation?.[0]?.message}`);
      const expected = peers.slice(0, 10);
      if (peers.length > 10) expected.push(`more, next hostPort 9100 of DaemonSet default/${peers[10]}`);
      assert.deepEqual(named, expected, names[i]);
      checked += found.length;
    });
    assert.ok(checked > 1000);
  });

  it('reads a label key the other nodeSelector lacks as not required by it, whatever the key is named', () => {
    // `constructor` is a valid label key; a selector without it does not conflict with one requiring it.
    const text = [daemonSet('with-key', { constructor: 'a' }), daemonSet('without', { pool: 'p' })].join('---\n');
    const found = getLanguageService()
      .doValidation(textDocument(text, 'file:///workspace/agents.yaml'))
      .filter((d) => d.rule === 'hostport-conflict');
    assert.equal(found.length, 2);
  });
});
