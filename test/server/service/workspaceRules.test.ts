import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import { assertGolden, fixturesDir } from '../../support/golden';
import { renderDiagnostics } from '../../support/render';
import { textDocument } from '../../support/textDocument';
import type { ServiceDiagnostic } from '../../../server/src/service/types';

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
  const overlapsAt = (diagnostics: ServiceDiagnostic[], line: number) => diagnostics.filter((d) => d.rule === 'overlapping-labels' && d.range.start.line === line);
  const relatedNames = (d: ServiceDiagnostic) => (d.relatedInformation ?? []).map((r) => `${r.uri.replace('file:///workspace/', '')} ${r.message.replace('pod labels of DaemonSet logging/', '')}`);

  // 15 copies are counted one by one, 40 through the lookup of object keys and documents.
  for (const copies of [15, 40]) {
    it(`one finding per copy: the first ten peers related, all counted; versions of the same object in other files are not peers (${copies} copies)`, () => {
      const service = getLanguageService();
      // Another file holds a version of the first DaemonSet (same name) and one more peer.
      service.updateWorkspaceFile('file:///workspace/old.yaml', [copy('agent-0'), copy('agent-extra')].join('---\n'));
      const text = Array.from({ length: copies }, (_, i) => copy(`agent-${i}`)).join('---\n');
      const diagnostics = service.doValidation(textDocument(text, 'file:///workspace/agents.yaml'));
      assert.equal(diagnostics.filter((d) => d.rule === 'overlapping-labels').length, copies, 'one per copy');
      // agent-0 overlaps agent-1… and agent-extra, not its own version in old.yaml.
      const [first] = overlapsAt(diagnostics, 6); // `selector:` of agent-0
      assert.equal(
        first.message,
        `Labels overlap with ${copies} other workloads: this DaemonSet's selector also matches the pods of DaemonSet logging/agent-1, DaemonSet logging/agent-2 and ${copies - 2} more, so it would adopt them and delete them as surplus. Give each workload a distinct label (e.g. app.kubernetes.io/instance).`,
      );
      assert.equal(first.path, 'spec.selector');
      assert.deepEqual(relatedNames(first), Array.from({ length: 10 }, (_, i) => `agents.yaml agent-${i + 1}`));
      // agent-1: also old.yaml's agent-0, which is another object for it.
      const [second] = overlapsAt(diagnostics, 6 + 18);
      assert.match(second.message, new RegExp(`^Labels overlap with ${copies + 1} other workloads: .* DaemonSet logging/agent-0, DaemonSet logging/agent-2 and ${copies - 1} more,`));
      // The last copy: agent-0…9 related, the rest (old.yaml's included) counted.
      const [last] = overlapsAt(diagnostics, 6 + 18 * (copies - 1));
      assert.match(last.message, new RegExp(`^Labels overlap with ${copies + 1} other workloads`));
      assert.deepEqual(relatedNames(last), Array.from({ length: 10 }, (_, i) => `agents.yaml agent-${i}`));
    });
  }

  it('names two peers and relates both; one peer keeps its own message', () => {
    const text = [copy('agent-0'), copy('agent-1'), copy('agent-2')].join('---\n');
    const [first] = overlapsAt(getLanguageService().doValidation(textDocument(text, 'file:///workspace/agents.yaml')), 6);
    assert.match(first.message, /^Labels overlap with 2 other workloads: this DaemonSet's selector also matches the pods of DaemonSet logging\/agent-1 and DaemonSet logging\/agent-2, so/);
    assert.deepEqual(relatedNames(first), ['agents.yaml agent-1', 'agents.yaml agent-2']);
    const [single] = overlapsAt(getLanguageService().doValidation(textDocument([copy('agent-0'), copy('agent-1')].join('---\n'), 'file:///workspace/agents.yaml')), 6);
    assert.match(single.message, /^Labels overlap with another workload: this DaemonSet's selector also matches the pods of DaemonSet logging\/agent-1, so/);
    assert.deepEqual(relatedNames(single), ['agents.yaml agent-1']);
  });

  it('one finding on the selector for the workloads it selects, one on the pod labels for those selecting its pods', () => {
    // The DaemonSet's pods carry app: agent and tier: node; the Deployments select app: agent, and
    // the Jobs' pods carry both labels; the Deployments' pods lack tier, so it does not select them.
    const deployment = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: logging\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n        - name: app\n          image: app:1.0\n`;
    const pod = (name: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: logging\n  labels:\n    app: agent\n    tier: node\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n`;
    const daemonSet = copy('agent').replace(/app: agent\n/g, 'app: agent\n        tier: node\n').replace('matchLabels:\n      app: agent\n        tier: node', 'matchLabels:\n      app: agent\n      tier: node');
    const text = [daemonSet, ...Array.from({ length: 12 }, (_, i) => deployment(`web-${i}`)), pod('debug-0'), pod('debug-1')].join('---\n');
    const found = getLanguageService()
      .doValidation(textDocument(text, 'file:///workspace/agents.yaml'))
      .filter((d) => d.rule === 'overlapping-labels' && d.range.start.line < 20);
    assert.deepEqual(
      found.map((d) => [d.path, d.message.replace(/ Give each.*/, ''), d.relatedInformation?.length]),
      [
        ['spec.selector', "Labels overlap with 2 other workloads: this DaemonSet's selector also matches the pods of Pod logging/debug-0 and Pod logging/debug-1, so it would adopt them and delete them as surplus.", 2],
        ['spec.template.metadata.labels', "Labels overlap with 12 other workloads: the selectors of Deployment logging/web-0, Deployment logging/web-1 and 10 more match this DaemonSet's pods, so those controllers would count or adopt them.", 10],
      ],
    );
  });
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

  /** For each DaemonSet of `text` (the file), its one hostport-conflict: the names its message and related information give, and the count. */
  const conflicts = (diagnostics: ServiceDiagnostic[], text: string) => {
    const starts = text.split('\n').flatMap((line, number) => (line.startsWith('apiVersion:') ? [number] : []));
    return starts.map((start, i) => {
      const found = diagnostics.filter((d) => d.rule === 'hostport-conflict' && d.range.start.line > start && (i + 1 === starts.length || d.range.start.line < starts[i + 1]));
      assert.ok(found.length <= 1, 'one finding per host port');
      if (found.length === 0) return undefined;
      const [d] = found;
      const single = /^Host port 9100\/TCP is also bound by DaemonSet default\/(\S+): on every node both DaemonSets run on/.exec(d.message);
      const several = /^Host port 9100\/TCP is also bound by DaemonSet default\/(\S+), DaemonSet default\/(\S+) and \d+ more \((\d+) DaemonSets\)|^Host port 9100\/TCP is also bound by DaemonSet default\/(\S+) and DaemonSet default\/(\S+) \((2) DaemonSets\)/.exec(d.message);
      assert.ok(single || several, d.message);
      return {
        total: single ? 1 : Number(several?.[3] ?? several?.[6]),
        named: single ? [single[1]] : [several?.[1] ?? several?.[4], several?.[2] ?? several?.[5]],
        related: (d.relatedInformation ?? []).map((r) => `${r.uri.replace('file:///workspace/', '')} ${r.message}`),
      };
    });
  };

  it('names for each DaemonSet in one finding the peers whose nodeSelectors let them share a node, as a pairwise comparison does', () => {
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
    const found = conflicts(getLanguageService().doValidation(textDocument(text, 'file:///workspace/agents.yaml')), text);
    let related = 0;
    selectors.forEach((selector, i) => {
      const peers = names.filter((_, j) => j !== i && share(selector, selectors[j]));
      if (peers.length === 0) return assert.equal(found[i], undefined, names[i]);
      assert.deepEqual(
        found[i],
        { total: peers.length, named: peers.slice(0, Math.min(2, peers.length)), related: peers.slice(0, 10).map((peer) => `agents.yaml hostPort 9100 of DaemonSet default/${peer}`) },
        names[i],
      );
      related += found[i]?.related.length ?? 0;
    });
    assert.ok(related > 1000);
  });

  it('counts the peers in other files, not the versions of the DaemonSet there, whatever their nodeSelectors', () => {
    // Another file holds versions of agent-0…39 (same names: not peers of those), on other pools, and agents of its own.
    const pools = (i: number) => [{ pool: 'a' }, { pool: 'b' }, undefined][i % 3];
    const other = [...Array.from({ length: 40 }, (_, i) => daemonSet(`agent-${i}`, pools(i + 1))), ...Array.from({ length: 20 }, (_, i) => daemonSet(`other-${i}`, pools(i)))];
    const otherNames = [...Array.from({ length: 40 }, (_, i) => `agent-${i}`), ...Array.from({ length: 20 }, (_, i) => `other-${i}`)];
    const otherSelectors = [...Array.from({ length: 40 }, (_, i) => pools(i + 1)), ...Array.from({ length: 20 }, (_, i) => pools(i))];
    const service = getLanguageService();
    service.updateWorkspaceFile('file:///workspace/other.yaml', other.join('---\n'));
    const names = Array.from({ length: 60 }, (_, i) => `agent-${i}`);
    const selectors = names.map((_, i) => pools(i));
    const text = names.map((name, i) => daemonSet(name, selectors[i])).join('---\n');
    const found = conflicts(service.doValidation(textDocument(text, 'file:///workspace/agents.yaml')), text);
    names.forEach((name, i) => {
      const peers = [
        ...names.flatMap((peer, j) => (j !== i && share(selectors[i], selectors[j]) ? [`agents.yaml ${peer}`] : [])),
        ...otherNames.flatMap((peer, j) => (peer !== name && share(selectors[i], otherSelectors[j]) ? [`other.yaml ${peer}`] : [])),
      ];
      assert.equal(found[i]?.total, peers.length, name);
      assert.deepEqual(found[i]?.related, peers.slice(0, 10).map((peer) => peer.replace(' ', ' hostPort 9100 of DaemonSet default/')), name);
    });
  });

  it('reads on past the versions of the DaemonSet that fill the first places', () => {
    // agent-0's versions in another file come before its peers there: more than the first places hold.
    const service = getLanguageService();
    service.updateWorkspaceFile('file:///workspace/other.yaml', [...Array.from({ length: 25 }, () => daemonSet('agent-0', undefined)), ...Array.from({ length: 3 }, (_, i) => daemonSet(`other-${i}`, undefined))].join('---\n'));
    const text = daemonSet('agent-0', undefined);
    const [found] = conflicts(service.doValidation(textDocument(text, 'file:///workspace/agents.yaml')), text);
    assert.deepEqual(found, {
      total: 3,
      named: ['other-0', 'other-1'],
      related: ['other-0', 'other-1', 'other-2'].map((peer) => `other.yaml hostPort 9100 of DaemonSet default/${peer}`),
    });
  });

  it('reads a label key the other nodeSelector lacks as not required by it, whatever the key is named', () => {
    // `constructor` is a valid label key; a selector without it does not conflict with one requiring it.
    const text = [daemonSet('with-key', { constructor: 'a' }), daemonSet('without', { pool: 'p' })].join('---\n');
    const found = getLanguageService()
      .doValidation(textDocument(text, 'file:///workspace/agents.yaml'))
      .filter((d) => d.rule === 'hostport-conflict');
    assert.equal(found.length, 2);
  });

  it('counts a peer that binds the port in two containers once', () => {
    const twice = daemonSet('twice', undefined).replace('      containers:\n', '      containers:\n        - name: sidecar\n          image: sidecar:1.0\n          ports:\n            - containerPort: 9100\n              hostPort: 9100\n');
    const text = [daemonSet('once', undefined), twice, daemonSet('third', undefined)].join('---\n');
    const found = getLanguageService()
      .doValidation(textDocument(text, 'file:///workspace/agents.yaml'))
      .filter((d) => d.rule === 'hostport-conflict' && d.range.start.line < 20);
    assert.deepEqual(
      found.map((d) => [/bound by (.*?) \(/.exec(d.message)?.[1], d.relatedInformation?.length]),
      [['DaemonSet default/twice and DaemonSet default/third', 2]],
    );
  });
});
