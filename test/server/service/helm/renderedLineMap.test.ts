import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapRenderedLines } from '../../../../server/src/service/helm/renderedLineMap';

describe('mapRenderedLines', () => {
  it('matches literal text around actions, skips lines an action produced and branches not taken', () => {
    const template = [
      'metadata:', //                                   0
      '  name: {{ include "x.fullname" . }}', //          1
      '  labels:', //                                     2
      '    {{- include "x.labels" . | nindent 4 }}', //   3
      'spec:', //                                         4
      '  {{- if .Values.hostNetwork }}', //               5
      '  hostNetwork: true', //                           6
      '  {{- end }}', //                                  7
      '  image: "{{ .Values.repo }}:{{ .Values.tag }}"', // 8
    ].join('\n');
    const rendered = ['metadata:', '  name: release-name-x', '  labels:', '    app: x', '    tier: node', 'spec:', '  image: "nginx:1.27"'].join('\n');
    assert.deepEqual(mapRenderedLines(template, rendered), [0, 1, 2, undefined, undefined, 4, 8]);
  });

  it('prefers the alignment that matches the most literal text', () => {
    const template = ['a:', '  port: {{ .Values.a }}', 'b:', '  port: {{ .Values.b }}'].join('\n');
    const rendered = ['b:', '  port: 2'].join('\n');
    assert.deepEqual(mapRenderedLines(template, rendered), [2, 3]);
  });

  it('maps nothing from lines that are only actions or too short to tell', () => {
    assert.deepEqual(mapRenderedLines('{{ toYaml .Values.x }}\n- {{ . }}', 'a: 1\n- b'), [undefined, undefined]);
  });
});
