import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toLspDiagnostic, toLspDiagnostics } from '../../../server/src/lsp/convert';
import type { ServiceDiagnostic } from '../../../server/src/service/types';

describe('toLspDiagnostic', () => {
  const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };
  const diagnostic: ServiceDiagnostic = {
    range,
    severity: 'warning',
    rule: 'hostport-conflict',
    message: 'Host port 9100/TCP is also bound',
    path: 'spec.template.spec.containers[0].ports[0].hostPort',
    relatedInformation: [{ uri: 'file:///a.yaml', range, message: 'hostPort 9100' }],
  };

  it('converts to the protocol shape', () => {
    assert.deepEqual(toLspDiagnostic(diagnostic), {
      range,
      severity: 2,
      source: 'daemonset',
      code: 'hostport-conflict',
      message: 'Host port 9100/TCP is also bound',
      relatedInformation: [{ location: { uri: 'file:///a.yaml', range }, message: 'hostPort 9100' }],
      data: { path: 'spec.template.spec.containers[0].ports[0].hostPort' },
    });
  });

  it("hands a quick fix the rule's data and the field path, the path winning over a path in the data", () => {
    const { path, relatedInformation, ...bare } = diagnostic;
    assert.equal(relatedInformation?.length, 1);
    assert.equal(toLspDiagnostic(bare).data, undefined);
    assert.equal(toLspDiagnostic({ ...bare, path: '' }).data, undefined);
    assert.deepEqual(toLspDiagnostic({ ...bare, data: { port: 9100 } }).data, { port: 9100 });
    assert.deepEqual(toLspDiagnostic({ ...bare, path, data: { port: 9100, path: 'spec' } }).data, { port: 9100, path });
    const data = { port: 9100 };
    assert.notEqual(toLspDiagnostic({ ...bare, data }).data, data, 'a copy: the service keeps its diagnostics as they are');
  });

  it('converts each service diagnostic once: the same object gives the same protocol object', () => {
    assert.equal(toLspDiagnostic(diagnostic), toLspDiagnostic(diagnostic));
    assert.notEqual(toLspDiagnostic({ ...diagnostic }), toLspDiagnostic(diagnostic));
  });

  it('converts each list once: the same list gives the same protocol list, another list a new one', () => {
    const list = [diagnostic, { ...diagnostic, rule: 'overlapping-labels' }];
    const converted = toLspDiagnostics(list);
    assert.deepEqual(converted, list.map(toLspDiagnostic));
    assert.equal(toLspDiagnostics(list), converted);
    const other = [...list];
    assert.notEqual(toLspDiagnostics(other), converted);
    assert.deepEqual(toLspDiagnostics(other), converted);
  });
});
