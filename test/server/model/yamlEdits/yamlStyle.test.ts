import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_YAML_STYLE, detectYamlStyle, KUBECTL_YAML_STYLE, restyle } from '../../../../server/src/model/yamlEdits/yamlStyle';

describe('detectYamlStyle', () => {
  it('reads the indentation step, the sequence indentation, the quote and the line break', () => {
    const text = ['spec:', '    template:', '        containers:', '          - name: "a"', '            args:', '              - "x"', ''].join('\r\n');
    assert.deepEqual(detectYamlStyle(text), { indent: 4, sequenceIndent: 2, quote: 'double', eol: '\r\n' });
  });

  it('sees kubectl’s unindented sequences and single quotes', () => {
    const text = ['items:', '- metadata:', '    name: a', '    labels:', "      zone: 'a'", "      tier: 'b'", '  spec:', '    taints:', '    - key: "k"', ''].join('\n');
    assert.deepEqual(detectYamlStyle(text), { indent: 2, sequenceIndent: 0, quote: 'single', eol: '\n' });
  });

  it('takes what the text does not show from the fallback', () => {
    assert.deepEqual(detectYamlStyle(''), DEFAULT_YAML_STYLE);
    assert.deepEqual(detectYamlStyle('a: 1\n', KUBECTL_YAML_STYLE), KUBECTL_YAML_STYLE);
    assert.equal(detectYamlStyle('a:\n   b: 1\n', KUBECTL_YAML_STYLE).indent, 3);
  });

  it('ignores quotes inside plain text and comments', () => {
    assert.equal(detectYamlStyle("a: it's\nb: \"x\"\n# 'c'\n").quote, 'double');
  });
  it('reads quotes after nested item dashes, and lines of many dashes without a quote', () => {
    assert.equal(detectYamlStyle("a:\n- - 'x'\n- - - 'y'\n").quote, 'single');
    assert.equal(detectYamlStyle('- - - key: "v"\n').quote, 'double');
    assert.equal(detectYamlStyle(`${'- '.repeat(10_000)}x\n`, { ...DEFAULT_YAML_STYLE, quote: 'single' }).quote, 'single');
  });
});

describe('restyle', () => {
  it('re-indents a 2-space template to the detected step and sequence indentation', () => {
    const template = ['tolerations:', '  - key: a', '    operator: Exists', 'nodeSelector:', '  disk: ssd'].join('\n');
    assert.equal(restyle(template, { ...DEFAULT_YAML_STYLE, indent: 4, sequenceIndent: 0 }), ['tolerations:', '- key: a', '  operator: Exists', 'nodeSelector:', '    disk: ssd'].join('\n'));
    assert.equal(restyle(template, DEFAULT_YAML_STYLE), template);
  });
});
