import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { ServiceDiagnostic } from '../../../server/src/service/types';
import { fixturesDir } from '../../support/golden';
import { textDocument } from '../../support/textDocument';

const chartsDir = join(fixturesDir, 'helm', 'charts');

function errorsOf(text: string, uri: string): ServiceDiagnostic[] {
  return getLanguageService()
    .doValidation(textDocument(text, uri))
    .filter((d) => d.severity === 'error');
}

function describeAll(diagnostics: ServiceDiagnostic[]): string {
  return diagnostics.map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.rule}: ${d.message}`).join('\n');
}

describe('DaemonSet templates of public Helm charts', () => {
  const charts = readdirSync(chartsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

  it('holds at least 20 charts', () => assert.ok(charts.length >= 20, `${charts.length} charts`));

  for (const chart of charts) {
    it(`${chart}: no error-severity findings`, () => {
      const text = readFileSync(join(chartsDir, chart, 'templates', 'daemonset.yaml'), 'utf8');
      const errors = errorsOf(text, `file:///charts/${chart}/templates/daemonset.yaml`);
      assert.equal(errors.length, 0, `false errors in ${chart}:\n${describeAll(errors)}`);
    });
  }
});

/** A chart's DaemonSet template with `body` spliced in under the pod spec (6 spaces deep). */
function daemonSetTemplate(podSpec: string, labels = '        app: agent\n'): string {
  return [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: {{ include "agent.fullname" . }}',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      app: agent',
    '  template:',
    '    metadata:',
    '      labels:',
    labels.replace(/\n$/, ''),
    '    spec:',
    podSpec.replace(/\n$/, ''),
    '',
  ].join('\n');
}

const CONTAINERS = '      containers:\n        - name: agent\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n';

describe('Helm templates: what the templates hide, and what they do not', () => {
  const errors = (text: string) => errorsOf(text, 'file:///chart/templates/daemonset.yaml');

  it('reads the branches of if / else if / else as alternatives', () => {
    const text = daemonSetTemplate(
      CONTAINERS + '      {{- if .Values.a }}\n      dnsPolicy: ClusterFirst\n      {{- else if .Values.b }}\n      dnsPolicy: Default\n      {{- else }}\n      dnsPolicy: None\n      {{- end }}\n',
    );
    assert.deepEqual(errors(text), []);
  });

  it('reads with / else and range / else as alternatives', () => {
    const text = daemonSetTemplate(
      CONTAINERS +
        '      {{- with .Values.priorityClassName }}\n      priorityClassName: {{ . }}\n      {{- else }}\n      priorityClassName: system-node-critical\n      {{- end }}\n' +
        '      volumes:\n      {{- range .Values.volumes }}\n        - name: {{ .name }}\n          emptyDir: {}\n      {{- else }}\n        - name: data\n          emptyDir: {}\n      {{- end }}\n',
    );
    assert.deepEqual(errors(text), []);
  });

  it('still reports a duplicate key inside one branch', () => {
    const text = daemonSetTemplate(CONTAINERS + '      {{- if .Values.a }}\n      dnsPolicy: ClusterFirst\n      dnsPolicy: Default\n      {{- end }}\n');
    assert.deepEqual(
      errors(text).map((d) => [d.rule, d.message, d.range.start.line]),
      [['yaml-syntax', 'Map keys must be unique', text.split('\n').indexOf('      dnsPolicy: Default')]],
    );
  });

  it('still reports a duplicate key where no template is involved', () => {
    const text = daemonSetTemplate(CONTAINERS + '      hostNetwork: true\n      hostNetwork: false\n');
    assert.deepEqual(errors(text).map((d) => d.message), ['Map keys must be unique']);
  });

  it('still reports a literal restartPolicy: Never', () => {
    const text = daemonSetTemplate(CONTAINERS + '      {{- with .Values.affinity }}\n      affinity:\n        {{- toYaml . | nindent 8 }}\n      {{- end }}\n      restartPolicy: Never\n');
    assert.deepEqual(errors(text).map((d) => d.rule), ['invalid-pod-template']);
  });

  it('takes an action in a value position for any scalar the field allows', () => {
    const text = daemonSetTemplate(
      CONTAINERS +
        '          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: {{ .Values.port }}\n            periodSeconds: {{ .Values.probe.period }}\n            failureThreshold: {{ .Values.probe.failures | default 3 }}\n      hostNetwork: {{ .Values.hostNetwork }}\n',
    );
    assert.deepEqual(errors(text), []);
  });

  it('takes an action that writes a block for an unknown mapping at its indent', () => {
    const labels = '{{ include "agent.labels" . | indent 6 }}\n        app: agent\n';
    const text = daemonSetTemplate(
      '      containers:\n        {{- include "agent.containers" . | nindent 8 }}\n' +
        '      securityContext:\n        {{- toYaml .Values.podSecurityContext | nindent 8 }}\n' +
        '      tolerations:\n{{ tpl (toYaml .Values.tolerations) . | indent 8 }}\n',
      labels,
    );
    assert.deepEqual(errors(text), []);
  });

  it('drops a finding that names a field a template writes in the same container', () => {
    const text = daemonSetTemplate(
      CONTAINERS +
        '          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n          volumeMounts:\n            - name: pods\n              mountPath: /var/lib/kubelet/pods\n              mountPropagation: Bidirectional\n' +
        '      volumes:\n        - name: pods\n          hostPath:\n            path: /var/lib/kubelet/pods\n',
    );
    assert.deepEqual(errors(text), []);
  });

  it('reads a block scalar whose first lines are template actions', () => {
    const text = daemonSetTemplate(
      CONTAINERS + '          command:\n            - /bin/sh\n            - -c\n            - |\n              {{- if .Values.fix }}\n              chmod g+r /sys\n              {{- end }}\n              exec agent\n',
    );
    assert.deepEqual(errors(text), []);
  });
});
