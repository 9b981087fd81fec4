/**
 * The bench's hard corpora keep every diagnostic whatever the speed levers
 * do: a golden count per rule (and a digest of every diagnostic's rule,
 * range and message) per corpus shape, and a warm service that took edits
 * reports exactly what a fresh one reports on the edited text.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { nodeAgentCorpus, pathologicalCorpus, realChartCorpus } from '../../bench/hardCorpus';
import { getLanguageService } from '../../server/src/service/languageService';
import type { ServiceDiagnostic } from '../../server/src/service/types';
import { assertGolden } from '../support/golden';

const uri = 'file:///workspace/daemonsets.yaml';
const document = (text: string, version = 1) => ({ uri, version, getText: () => text });

function summary(diagnostics: readonly ServiceDiagnostic[]): string {
  const perRule = new Map<string, number>();
  for (const d of diagnostics) perRule.set(d.rule, (perRule.get(d.rule) ?? 0) + 1);
  const digest = createHash('sha256');
  for (const d of diagnostics) {
    digest.update(`${d.rule} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
    for (const related of d.relatedInformation ?? []) digest.update(` ${related.uri} ${related.range.start.line}:${related.range.start.character} ${related.message}`);
    digest.update('\n');
  }
  return [
    `${diagnostics.length} diagnostics`,
    ...[...perRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, count]) => `${rule}: ${count}`),
    `digest ${digest.digest('hex').slice(0, 16)}`,
  ].join('\n');
}

describe('the bench corpora keep every diagnostic', () => {
  it('an edit that changes no workload reuses the other documents\' cross-document findings', () => {
    const service = getLanguageService();
    const text = nodeAgentCorpus(100);
    const before = service.doValidation(document(text, 1)).filter((d) => d.rule === 'hostport-conflict');
    const edited = text.replace(/terminationGracePeriodSeconds: \d+/, 'terminationGracePeriodSeconds: 59');
    const after = service.doValidation(document(edited, 2)).filter((d) => d.rule === 'hostport-conflict');
    assert.ok(before.length > 20);
    assert.deepEqual(after, before);
    assert.ok(after.every((d, i) => d === before[i] || d.range.start.line < 130), 'the same findings, not found again');
  });

  const corpora: Array<[string, string]> = [
    ['node-agent-300', nodeAgentCorpus(300)],
    ['public-chart-30', realChartCorpus(30)],
    ['pathological-30', pathologicalCorpus(30)],
  ];
  for (const [name, text] of corpora) {
    it(`${name}: the same diagnostics per rule`, () => {
      assertGolden(`bench/${name}.txt`, summary(getLanguageService().doValidation(document(text))));
    });
  }

  it('a warm service that took edits reports what a fresh service reports on the edited text', () => {
    const service = getLanguageService();
    let text = nodeAgentCorpus(300);
    service.doValidation(document(text, 1));
    const edits: Array<[RegExp, string]> = [
      [/terminationGracePeriodSeconds: 3\d/, 'terminationGracePeriodSeconds: 59'], // no workload changes: other documents' findings are reused
      [/hostPort: 9100/, 'hostPort:     9100'], // the same workload, its related range moves
      [/\n# fluent-bit/, '\n# inserted line\n# fluent-bit'], // every later document moves down a line
      [/hostPort: 9100/, 'hostPort: 9091'], // a host port moves: cross-document findings change in other documents
      [/terminationGracePeriodSeconds: \d+/, 'terminationGracePeriodSeconds: "soon"'],
      [/app\.kubernetes\.io\/instance: node-exporter-\d+\n/, 'app.kubernetes.io/instance: renamed\n'],
      [/hostNetwork: true/, 'hostNetwork: false'],
    ];
    edits.forEach(([pattern, replacement], index) => {
      assert.match(text, pattern);
      text = text.replace(pattern, replacement);
      const warm = service.doValidation(document(text, index + 2));
      assert.deepEqual(warm, getLanguageService().doValidation(document(text)), `after edit ${index + 1}`);
    });
  });
});
