import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daemonSetSchemaInfo, schemaAtPath } from '../../../../server/src/service/schema/schemaAtPath';

describe('schemaAtPath', () => {
  it('describes the DaemonSet itself', () => {
    const root = schemaAtPath([]);
    assert.ok(root);
    assert.deepEqual(root.type, ['object']);
    assert.ok(root.properties.includes('spec') && root.properties.includes('metadata'));
    assert.deepEqual([...root.required], ['apiVersion', 'kind']);
  });

  it('follows references and list items to a field, with its description and whether it is required', () => {
    const name = schemaAtPath(['spec', 'template', 'spec', 'containers', 0, 'name']);
    assert.ok(name);
    assert.deepEqual(name.type, ['string']);
    assert.equal(name.isRequired, true);
    assert.match(name.description ?? '', /Name of the container/);
    const container = schemaAtPath(['spec', 'template', 'spec', 'containers', 0]);
    assert.equal(container?.definition, 'core.v1.Container');
    assert.deepEqual(container?.required, ['name']);
    assert.ok(container?.properties.includes('imagePullPolicy'));
  });

  it('gives the enum values of a field', () => {
    assert.deepEqual(schemaAtPath(['spec', 'updateStrategy', 'type'])?.enum, ['OnDelete', 'RollingUpdate']);
    assert.deepEqual(schemaAtPath(['spec', 'template', 'spec', 'containers', 3, 'imagePullPolicy'])?.enum, ['Always', 'IfNotPresent', 'Never']);
  });

  it('answers any key of a map with the schema of its values', () => {
    assert.equal(schemaAtPath(['metadata', 'labels'])?.isMap, true);
    assert.deepEqual(schemaAtPath(['metadata', 'labels', 'app.kubernetes.io/name'])?.type, ['string']);
    const cpu = schemaAtPath(['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu']);
    assert.equal(cpu?.format, 'quantity');
    assert.match(cpu?.description ?? '', /maximum amount of compute resources/);
    assert.equal(schemaAtPath(['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'])?.format, 'int-or-string');
  });

  it('returns undefined for a path that is not in the API', () => {
    assert.equal(schemaAtPath(['spec', 'nope']), undefined);
    assert.equal(schemaAtPath(['spec', 'template', 'spec', 'containers', 'name']), undefined);
  });

  it('names its source package and Kubernetes version', () => {
    assert.equal(daemonSetSchemaInfo.source, 'kubernetes-models@5.1.0');
    assert.match(daemonSetSchemaInfo.kubernetesVersion, /^1\.\d+$/);
  });
});
