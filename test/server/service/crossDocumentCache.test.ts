/**
 * An edit re-runs the cross-document rules only for the documents whose
 * findings it can change (crossDocumentCache.ts), counted; and whatever the
 * edit, the findings equal those of a service that validates afresh.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeAgentCorpus } from '../../../bench/hardCorpus';
import { mulberry32 } from '../../../bench/corpus';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import { crossDocumentChecks, fingerprintsComputed } from '../../../server/src/service/crossDocumentCache';
import { getLanguageService, type ValidationSettings } from '../../../server/src/service/languageService';
import { readFixture } from '../../support/golden';
import { textDocument } from '../../support/textDocument';

const uri = 'file:///workspace/agents.yaml';
const crossDocumentRules = new Set(['overlapping-labels', 'hostport-conflict', 'pdb-on-daemonset', 'pending-on-nodes']);

function daemonSet(name: string, options: { port?: number; app?: string; namespace?: string; pool?: string } = {}): string {
  const app = options.app ?? name;
  const pool = options.pool === undefined ? '' : `      nodeSelector:\n        pool: ${options.pool}\n`;
  const ports = options.port === undefined ? '' : `          ports:\n            - containerPort: ${options.port}\n              hostPort: ${options.port}\n`;
  return `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\n  namespace: ${options.namespace ?? 'agents'}\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n${pool}      hostNetwork: true\n      containers:\n        - name: agent\n          image: agent:1.0\n${ports}`;
}

/** Twelve DaemonSets: four on port 9100, four on 9200, four without a host port; each with its own labels. */
function agents(changes: Record<number, string> = {}): string {
  return Array.from({ length: 12 }, (_, i) => changes[i] ?? daemonSet(`agent-${i}`, { port: i < 4 ? 9100 : i < 8 ? 9200 : undefined })).join('---\n');
}

/** How many DaemonSet documents the validation of `text` checks against the others, and its diagnostics. */
function checked(service: ReturnType<typeof getLanguageService>, text: string, version: number, settings?: ValidationSettings) {
  const before = crossDocumentChecks();
  const diagnostics = service.doValidation(textDocument(text, uri, version), settings);
  return { checks: crossDocumentChecks() - before, diagnostics };
}

function fresh(text: string, settings?: ValidationSettings) {
  return getLanguageService().doValidation(textDocument(text, uri, 1), settings);
}

describe('cross-document findings after an edit', () => {
  it('checks every DaemonSet on opening, then only the edited one when no workload changed', () => {
    const service = getLanguageService();
    assert.equal(checked(service, agents(), 1).checks, 12);
    const edited = agents({ 5: daemonSet('agent-5', { port: 9200 }).replace('image: agent:1.0', 'image: agent:1.1') });
    const { checks, diagnostics } = checked(service, edited, 2);
    assert.equal(checks, 1);
    assert.deepEqual(diagnostics, fresh(edited));
  });

  it('computes no workload fingerprint on opening, and only the edited document\'s on the first edit', () => {
    const service = getLanguageService();
    const opened = fingerprintsComputed();
    checked(service, agents(), 1);
    assert.equal(fingerprintsComputed() - opened, 0);
    const edited = agents({ 5: daemonSet('agent-5', { port: 9100 }) });
    const first = fingerprintsComputed();
    const { diagnostics } = checked(service, edited, 2);
    assert.equal(fingerprintsComputed() - first, 2); // agent-5 as it was, and as it is
    assert.deepEqual(diagnostics, fresh(edited));
    // Once the diagnostics are out, the others' are computed, so no state keeps the first parse alive.
    const idle = fingerprintsComputed();
    service.afterPublish();
    assert.equal(fingerprintsComputed() - idle, 11);
    service.afterPublish();
    assert.equal(fingerprintsComputed() - idle, 11);
  });

  it('checks again only the DaemonSets on the old and the new host port of an edited one', () => {
    const service = getLanguageService();
    checked(service, agents(), 1);
    // agent-5 leaves 9200 (agent-4, 6 and 7) for 9100 (agent-0…3): all of them, and agent-5 itself.
    const edited = agents({ 5: daemonSet('agent-5', { port: 9100 }) });
    const { checks, diagnostics } = checked(service, edited, 2);
    assert.equal(checks, 8);
    assert.deepEqual(diagnostics, fresh(edited));
    // agent-0…3 each name it among their four peers (related), and count it.
    const named = diagnostics.filter((d) => d.rule === 'hostport-conflict' && d.relatedInformation?.some((r) => r.message.includes('agent-5')));
    assert.equal(named.length, 4);
    assert.ok(named.every((d) => d.message.includes('(4 DaemonSets)')));
  });

  it('leaves the DaemonSets on the same host port in another node pool alone: they never share a node', () => {
    const service = getLanguageService();
    const pools = (changes: Record<number, string> = {}) =>
      Array.from({ length: 8 }, (_, i) => changes[i] ?? daemonSet(`agent-${i}`, { port: 9100, pool: i < 4 ? 'a' : 'b' })).join('---\n');
    assert.equal(checked(service, pools(), 1).checks, 8);
    const edited = pools({ 1: daemonSet('agent-1', { port: 9300, pool: 'a' }) });
    const { checks, diagnostics } = checked(service, edited, 2);
    assert.equal(checks, 4);
    assert.deepEqual(diagnostics, fresh(edited));
  });

  it('checks again only the DaemonSets whose labels an edited selector or pod labels match', () => {
    const service = getLanguageService();
    checked(service, agents(), 1);
    // agent-9 takes agent-10's labels: the two now overlap; nobody else is concerned.
    const edited = agents({ 9: daemonSet('agent-9', { app: 'agent-10' }) });
    const { checks, diagnostics } = checked(service, edited, 2);
    assert.equal(checks, 2);
    assert.deepEqual(diagnostics, fresh(edited));
    assert.equal(diagnostics.filter((d) => d.rule === 'overlapping-labels').length, 2);
  });

  it('moves the findings of the documents below a typed line without checking them again', () => {
    const service = getLanguageService();
    checked(service, agents(), 1);
    const below = agents({ 1: `${daemonSet('agent-1', { port: 9100 })}# a comment\n\n` });
    const moved = checked(service, below, 2);
    assert.equal(moved.checks, 1);
    assert.deepEqual(moved.diagnostics, fresh(below));
    // Typed above its host port, the line moves where the peers' related information points: they are checked again.
    const above = agents({ 1: `# a comment\n\n${daemonSet('agent-1', { port: 9100 })}# a comment\n\n` });
    const peers = checked(service, above, 3);
    assert.equal(peers.checks, 4);
    assert.deepEqual(peers.diagnostics, fresh(above));
  });

  it('checks again the peers of a removed document', () => {
    const service = getLanguageService();
    checked(service, agents(), 1);
    const documents = agents().split('---\n');
    documents.splice(2, 1); // agent-2, on 9100
    const edited = documents.join('---\n');
    const { checks, diagnostics } = checked(service, edited, 2);
    assert.equal(checks, 3);
    assert.deepEqual(diagnostics, fresh(edited));
  });

  it('with an inventory, checks every DaemonSet again when one changes (the scheduler weighs them all)', () => {
    const loaded = loadInventoryFromText(readFixture('scheduling/cluster.yaml'), 'cluster.yaml');
    const settings = { inventory: { label: 'cluster.yaml', nodes: loaded.nodes, pods: loaded.pods, priorityClasses: loaded.priorityClasses } };
    const service = getLanguageService();
    checked(service, agents(), 1, settings);
    const edited = agents({ 10: daemonSet('agent-10').replace('image: agent:1.0', 'image: agent:1.0\n          resources: {requests: {cpu: "64"}}') });
    const { checks, diagnostics } = checked(service, edited, 2, settings);
    assert.equal(checks, 12);
    assert.deepEqual(diagnostics, fresh(edited, settings));
  });

  for (const idle of [false, true]) it(`equals a fresh validation across random edits of a file of node agents${idle ? ', idle work done between edits' : ''}`, () => {
    const random = mulberry32(idle ? 37 : 31);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const service = getLanguageService();
    let lines = nodeAgentCorpus(30).split('\n');
    const matching = (pattern: RegExp) => lines.flatMap((line, index) => (pattern.test(line) ? [index] : []));
    const edits: Array<() => void> = [
      () => {
        const at = pick(matching(/hostPort: \d+/));
        lines[at] = lines[at].replace(/\d+$/, String(pick([9100, 9090, 2020, 7777])));
      },
      () => {
        const at = pick(matching(/^ {8}app\.kubernetes\.io\/instance: /));
        lines[at] = lines[at].replace(/: .*$/, `: ${pick(['calico-node-2', 'cilium-7', 'shared', 'fluent-bit-11'])}`);
      },
      () => {
        const at = pick(matching(/^ {6}app\.kubernetes\.io\/instance: /));
        lines[at] = lines[at].replace(/: .*$/, `: ${pick(['calico-node-2', 'cilium-7', 'shared'])}`);
      },
      () => {
        const at = pick(matching(/^ {2}namespace: /));
        lines[at] = `  namespace: ${pick(['kube-system', 'logging', 'other'])}`;
      },
      () => {
        const at = pick(matching(/nodeSelector: /));
        lines[at] = lines[at].replace(/pool-\d+/, pick(['pool-0', 'pool-1']));
      },
      () => lines.splice(Math.floor(random() * lines.length), 0, '# typed'),
      () => lines.splice(Math.floor(random() * lines.length), 1),
      () => lines.splice(pick(matching(/^# /)), 0, '---'),
      () => {
        const separators = matching(/^---$/);
        if (separators.length > 1) lines.splice(pick(separators), 1);
      },
      () => {
        const at = pick(matching(/^ {2}name: /));
        lines[at] = `  name: ${pick(['calico-node-2', 'renamed', 'cilium-7'])}`;
      },
    ];
    for (let version = 1; version <= 60; version++) {
      if (version > 1) pick(edits)();
      const text = lines.join('\n');
      const all = service.doValidation(textDocument(text, uri, version));
      if (idle && version % 3 !== 0) service.afterPublish();
      const cached = all.filter((d) => crossDocumentRules.has(d.rule));
      const expected = fresh(text).filter((d) => crossDocumentRules.has(d.rule));
      assert.deepEqual(cached, expected, `after edit ${version}`);
      // In position order, though each document's findings are ordered on their own.
      all.forEach((d, i) => {
        const next = all[i + 1];
        if (next) assert.ok(d.range.start.line < next.range.start.line || (d.range.start.line === next.range.start.line && d.range.start.character <= next.range.start.character), `order after edit ${version}`);
      });
    }
    lines = [];
  });
});
