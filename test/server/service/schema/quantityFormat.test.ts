import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import daemonSetSchema from '../../../../server/src/service/schema/generated/daemonSetSchema';
import { isQuantity, QUANTITY_PATTERN, suggestQuantity } from '../../../../server/src/service/schema/quantityFormat';
import { schemaAtPath } from '../../../../server/src/service/schema/schemaAtPath';

describe('quantityFormat', () => {
  it('accepts the Kubernetes quantity grammar', () => {
    for (const value of ['100m', '1.5Gi', '1', '0.5', '.5', '5.', '-1', '+2', '1e3', '1E-3', '2Ki', '3Ei', '4n', '5u', '6k', '7M', '8G', '9T', '10P', '11E', 1, 0.5]) {
      assert.equal(isQuantity(value), true, String(value));
    }
  });

  it('rejects what ParseQuantity rejects', () => {
    for (const value of ['1.5GB', '1gi', '1 Gi', 'one', '', '.', '1Ki1', '1e', '1e1.5', '1K', 'Mi', '1.5.5', true, null]) {
      assert.equal(isQuantity(value), false, String(value));
    }
  });

  it('suggests the nearby quantity for common slips', () => {
    assert.equal(suggestQuantity('1.5GB'), '`1.5G` (powers of 1000) or `1.5Gi` (powers of 1024)');
    assert.equal(suggestQuantity('512 Mi'), '`512Mi`');
    assert.equal(suggestQuantity('one'), undefined);
  });

  it('is the same expression the generated schema validates with', () => {
    const definition = daemonSetSchema.$defs['core.v1.ResourceRequirements'];
    const limits = definition.properties?.limits;
    assert.ok(limits && typeof limits.additionalProperties === 'object');
    assert.equal(limits.additionalProperties.pattern, QUANTITY_PATTERN.source);
    assert.equal(schemaAtPath(['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'cpu'])?.format, 'quantity');
  });
});
