/**
 * What a packaged subchart (charts/*.tgz) renders is reported on the parent's Chart.yaml: on the
 * `name` of its dependencies entry (by alias, else name), else on the first line; an unpacked
 * subchart's templates (files) and the chart's own are left to their template files.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChartRenderOutcome } from '../../../../server/src/model/helmRender';
import { subchartTemplate } from '../../../../server/src/service/helm/packagedSubchartDiagnostics';
import { getLanguageService, type ServiceDiagnostic } from '../../../../server/src/service/languageService';

const SURGE_DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: { app: agent }
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }
  template:
    metadata:
      labels: { app: agent }
    spec:
      priorityClassName: system-node-critical
      tolerations: [{ operator: Exists }]
      containers:
        - name: agent
          image: registry.example.com/agent:1.0.0
          resources: { requests: { cpu: 10m, memory: 16Mi } }
          ports: [{ containerPort: 9100, hostPort: 9100 }]
`;

const CHART_YAML = `apiVersion: v2
name: stack
version: 1.0.0
dependencies:
  - name: crds
    version: 0.0.0
  - name: metrics-agent
    alias: agent
    version: 2.0.0
    repository: https://charts.example.com
`;

function rendered(manifests: Record<string, string>): ChartRenderOutcome {
  return { ok: true, rendered: { chart: 'stack', manifests, label: 'charts/stack' } };
}

function diagnose(chartYaml: string, outcome: ChartRenderOutcome, onDisk: (path: string) => boolean = () => false): ServiceDiagnostic[] {
  const document = { uri: 'file:///charts/stack/Chart.yaml', version: 1, getText: () => chartYaml };
  return getLanguageService().doPackagedSubchartValidation(document, { outcome, onDisk });
}

function where(d: ServiceDiagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

describe('packaged subchart findings on Chart.yaml', () => {
  it('lands on the entry of the subchart (its alias names it), naming the subchart, the template in the archive and the field', () => {
    const found = diagnose(CHART_YAML, rendered({ 'stack/charts/agent/templates/daemonset.yaml': SURGE_DAEMONSET, 'stack/charts/agent/templates/NOTES.txt': 'kind: DaemonSet' }));
    assert.deepEqual(
      found.map((d) => [d.rule, where(d)]),
      [['hostport-with-surge', '6:10-6:23']],
    );
    assert.match(found[0].message, / \(as rendered by charts\/stack: subchart agent, agent\/templates\/daemonset\.yaml at spec\.updateStrategy\.rollingUpdate\.maxSurge\)$/);
    assert.equal(found[0].relatedInformation, undefined);
  });

  it('lands on the first line for a vendored archive that no dependencies entry declares; nested subcharts belong to the archive they ship in', () => {
    const found = diagnose('# vendored\napiVersion: v2\nname: stack\nversion: 1.0.0\n', rendered({ 'stack/charts/vendored/charts/inner/templates/ds.yaml': SURGE_DAEMONSET }));
    assert.deepEqual(found.map((d) => [d.rule, where(d)]), [['hostport-with-surge', '0:0-0:10']]);
    assert.match(found[0].message, /subchart vendored, vendored\/charts\/inner\/templates\/ds\.yaml at /);
  });

  it('leaves the chart’s own templates and unpacked subcharts (files on disk) to their files', () => {
    const outcome = rendered({ 'stack/templates/ds.yaml': SURGE_DAEMONSET, 'stack/charts/agent/templates/ds.yaml': SURGE_DAEMONSET });
    assert.deepEqual(diagnose(CHART_YAML, outcome, (path) => path === 'charts/agent/templates/ds.yaml'), []);
  });

  it('says a render that fails in a packaged template on its entry, with Go’s line in the archive', () => {
    const outcome: ChartRenderOutcome = {
      ok: false,
      error: { message: 'need a token', chart: 'stack', template: 'stack/charts/crds/templates/_helpers.tpl', line: 4, label: 'charts/stack' },
    };
    const found = diagnose(CHART_YAML, outcome);
    assert.deepEqual(
      found.map((d) => [d.rule, d.severity, where(d), d.message]),
      [['helm-render', 'error', '4:10-4:14', 'charts/stack does not render (subchart crds, crds/templates/_helpers.tpl:4): need a token']],
    );
    // A failure in a template that is a file is said on that file, not here.
    assert.deepEqual(diagnose(CHART_YAML, outcome, () => true), []);
  });

  it('reads the subchart of a chart-relative template path', () => {
    assert.deepEqual(subchartTemplate('charts/frr-k8s/templates/controller.yaml'), { subchart: 'frr-k8s', archivePath: 'frr-k8s/templates/controller.yaml' });
    assert.equal(subchartTemplate('templates/ds.yaml'), undefined);
  });
});
