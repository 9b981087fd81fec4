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
});
