import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskGoTemplates } from '../../../server/src/model/goTemplates';

describe('maskGoTemplates', () => {
  it('blanks directive lines and keeps every offset', () => {
    const text = 'a:\n  {{- include "x" . | nindent 2 }}\nb: 1\n';
    const mask = maskGoTemplates(text);
    assert.equal(mask.text.length, text.length);
    assert.equal(mask.text.split('\n')[1].trim(), '');
    assert.equal(mask.hasDirectiveLines, true);
    assert.deepEqual(mask.valueSpans, []);
  });

  it('turns inline actions into same-length plain scalars', () => {
    const text = 'image: "{{ .Values.repo }}:{{ .Values.tag }}"\nname: {{ .Chart.Name }}\n';
    const mask = maskGoTemplates(text);
    const underscores = (template: string) => '_'.repeat(template.length);
    assert.equal(
      mask.text,
      `image: "${underscores('{{ .Values.repo }}')}:${underscores('{{ .Values.tag }}')}"\nname: ${underscores('{{ .Chart.Name }}')}\n`,
    );
    assert.equal(mask.valueSpans.length, 3);
    assert.equal(mask.hasDirectiveLines, false);
  });

  it('treats an action spanning lines as a directive', () => {
    const mask = maskGoTemplates('a: 1\n{{- /* a\ncomment */ -}}\nb: 2\n');
    assert.equal(mask.text, `a: 1\n${' '.repeat('{{- /* a'.length)}\n${' '.repeat('comment */ -}}'.length)}\nb: 2\n`);
  });

  it('keeps CRLF line ends', () => {
    const mask = maskGoTemplates('a: 1\r\n{{- end }}\r\nb: {{ .B }}\r\n');
    assert.equal(mask.text, `a: 1\r\n${' '.repeat('{{- end }}'.length)}\r\nb: ${'_'.repeat('{{ .B }}'.length)}\r\n`);
  });

  it('keeps the first alternative of if / else if / else and blanks the others', () => {
    const text = '{{- if .A }}\na: 1\n{{- else if .B }}\na: 2\n{{- else }}\na: 3\n{{- end }}\nb: 4\n';
    const mask = maskGoTemplates(text);
    assert.equal(mask.text.length, text.length);
    assert.deepEqual(mask.text.split('\n').map((line) => line.trim()), ['', 'a: 1', '', '', '', '', '', 'b: 4', '']);
    assert.deepEqual(mask.branches, [[text.indexOf('}}') + 2, text.indexOf('{{- else if')]]);
  });

  it('blanks define bodies and the else of range and with', () => {
    const mask = maskGoTemplates('{{- define "x" }}\nx: 1\n{{- end }}\n{{- range .L }}\n- a\n{{- else }}\n- b\n{{- end }}\n');
    assert.deepEqual(mask.text.split('\n').map((line) => line.trim()).filter(Boolean), ['- a']);
  });

  it('records actions that write YAML as block holes at their indent', () => {
    const text = 'spec:\n  {{- toYaml .Values.spec | nindent 2 }}\nlabels:\n{{ include "labels" . | indent 4 }}\n{{- $x := 1 }}\n{{- if .A }}\n{{- end }}\n';
    const mask = maskGoTemplates(text);
    assert.deepEqual(mask.blockHoles, [
      { offset: text.indexOf('{{- toYaml'), indent: 2 },
      { offset: text.indexOf('{{ include'), indent: 4 },
    ]);
  });

  it('records a blanked alternative as a block hole at its first line', () => {
    const text = 'v:\n{{- if .A }}\n  - a\n{{- else }}\n    # note\n  - b\n{{- end }}\n';
    assert.deepEqual(maskGoTemplates(text).blockHoles, [{ offset: text.indexOf('- b'), indent: 2 }]);
  });

  it('keeps a block scalar readable when its first lines were actions', () => {
    const text = 'run: |\n    {{- if .A }}\n  echo\n';
    const mask = maskGoTemplates(text);
    assert.equal(mask.text, `run: |\n  #${' '.repeat('{{- if .A }}'.length + 1)}\n  echo\n`);
  });

  it('reads a long line of actions followed by text as values (a scan that does not backtrack)', () => {
    const actions = '{{ .A }}'.repeat(60);
    const mask = maskGoTemplates(`${actions} tail\r${actions}\r`);
    assert.equal(mask.valueSpans.length, 120);
    assert.equal(mask.blockHoles.length, 0);
  });
});
