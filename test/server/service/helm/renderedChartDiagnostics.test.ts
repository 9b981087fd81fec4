/**
 * A chart's rendered findings on its template: the selector drift and the hostPort surge that a
 * values file produces land on the template lines that produce them (golden), a chart whose
 * `required` fails gives one diagnostic at Go's line, and nothing is reported twice.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { renderChartFolder } from '../../../../server/src/host/helmChart';
import { stopHelmRenderer } from '../../../../server/src/host/helmRenderer';
import type { ChartRenderOutcome } from '../../../../server/src/model/helmRender';
import { getLanguageService, type ServiceDiagnostic } from '../../../../server/src/service/languageService';
import { assertGolden, fixturesDir } from '../../../support/golden';

after(() => stopHelmRenderer());

const chartDir = join(fixturesDir, 'helm', 'selector-drift');
const templatePath = 'templates/daemonset.yaml';
const templateText = readFileSync(join(chartDir, templatePath), 'utf8');

async function render(valuesFiles: string[], overrides?: Record<string, string>): Promise<ChartRenderOutcome> {
  const label = ['charts/node-agent', ...valuesFiles].join(' with ');
  return renderChartFolder(chartDir, { valuesFiles: valuesFiles.map((file) => join(chartDir, file)), set: [], kubernetesVersion: { major: 1, minor: 30 }, label, overrides });
}

function diagnose(text: string, outcome: ChartRenderOutcome): { masked: ServiceDiagnostic[]; rendered: ServiceDiagnostic[] } {
  const service = getLanguageService();
  const document = { uri: 'file:///charts/node-agent/templates/daemonset.yaml', version: 1, getText: () => text };
  const masked = service.doValidation(document);
  return { masked, rendered: service.doRenderedValidation(document, { templatePath, outcome }, masked) };
}

function show(text: string, diagnostics: readonly ServiceDiagnostic[]): string {
  const lines = text.split('\n');
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.character + 1} ${d.severity} ${d.rule}: ${d.message}\n    | ${lines[d.range.start.line]}`)
    .join('\n');
}

describe('rendered chart findings on the template', () => {
  it('with the default values: nothing beyond the masked checks', async () => {
    const { masked, rendered } = diagnose(templateText, await render([]));
    assert.deepEqual(masked.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(rendered, []);
  });

  it('with values-drift.yaml: the selector drift and the hostPort surge, on the template lines that produce them', async () => {
    const { rendered } = diagnose(templateText, await render(['values-drift.yaml']));
    assertGolden('service/helm-selector-drift.txt', show(templateText, rendered));
    assert.deepEqual(
      rendered.map((d) => [d.rule, d.range.start.line + 1]),
      [
        ['selector-drift', 16],
        ['hostport-with-surge', 12],
      ],
    );
  });

  it('a `required` value missing is one helm-render error at the line and column Go names', async () => {
    const { rendered } = diagnose(templateText, await render(['values-required.yaml']));
    assert.deepEqual(rendered, [
      {
        range: { start: { line: 27, character: 21 }, end: { line: 27, character: 141 } },
        severity: 'error',
        rule: 'helm-render',
        message: 'charts/node-agent with values-required.yaml does not render: image.repository is required',
      },
    ]);
  });

  it('a failure in another template is said on the first line, naming where', async () => {
    const outcome = await render([], { 'templates/_helpers.tpl': '{{ define "node-agent.fullname" }}{{ fail "no name" }}{{ end }}' });
    const { rendered } = diagnose(templateText, outcome);
    assert.equal(rendered.length, 1);
    assert.equal(rendered[0].range.start.line, 0);
    assert.match(rendered[0].message, /^charts\/node-agent does not render \(node-agent\/templates\/_helpers\.tpl:1\): no name$/);
  });

  it('does not repeat a masked finding of the same rule on the same line', async () => {
    const text = templateText.replace('    spec:\n', '    spec:\n      restartPolicy: Never\n');
    const { masked, rendered } = diagnose(text, await render([], { [templatePath]: text }));
    const line = text.split('\n').indexOf('      restartPolicy: Never');
    assert.deepEqual(
      masked.filter((d) => d.range.start.line === line).map((d) => d.rule),
      ['invalid-pod-template'],
    );
    assert.deepEqual(rendered.filter((d) => d.rule === 'invalid-pod-template'), []);
  });
});
