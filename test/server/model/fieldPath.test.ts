import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONTAINERS_PATH,
  EPHEMERAL_CONTAINERS_PATH,
  fieldPathId,
  fieldPattern,
  formatFieldPath,
  parseFieldPath,
  POD_SPEC_PATH,
  valueAt,
  type FieldPath,
} from '../../../server/src/model/fieldPath';

/** [path, Kubernetes' notation (field.Path: `.name` for fields, `[i]`/`[key]` for subscripts)]. */
const NOTATION: Array<[FieldPath, string]> = [
  [[], ''],
  [['spec'], 'spec'],
  [['spec', 'template', 'spec', 'containers', 0, 'ports', 1, 'hostPort'], 'spec.template.spec.containers[0].ports[1].hostPort'],
  [['spec', 'selector', 'matchLabels', 'app'], 'spec.selector.matchLabels.app'],
  [['metadata', 'labels', 'app.kubernetes.io/name'], 'metadata.labels[app.kubernetes.io/name]'],
  [['spec', 'template', 'spec', 'nodeSelector', 'kubernetes.io/os'], 'spec.template.spec.nodeSelector[kubernetes.io/os]'],
  [['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'nvidia.com/gpu'], 'spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]'],
  [['metadata', 'annotations', 'example.com/a.b'], 'metadata.annotations[example.com/a.b]'],
  [['metadata', 'labels', ''], 'metadata.labels[]'],
  [['metadata', 'labels', 'zone', 'x'], 'metadata.labels.zone.x'],
  [['metadata', 'labels', 'région'], 'metadata.labels.région'],
  [['metadata', 'labels', '名前'], 'metadata.labels.名前'],
  [['metadata', 'labels', 'a b'], 'metadata.labels.a b'],
  [['metadata', 'labels', 'example/name'], 'metadata.labels[example/name]'],
  [['spec', 'topologySpreadConstraints', 0, '{topologyKey, whenUnsatisfiable}'], 'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}'],
  [['metadata', 'labels', 'a]b'], 'metadata.labels[a]b]'],
  [['data', 'my-key_1'], 'data.my-key_1'],
  [['data', '0'], 'data.0'],
  [[0, 'name'], '[0].name'],
  [['a.b'], '[a.b]'],
  [['list', 0, 1], 'list[0][1]'],
];

describe('formatFieldPath', () => {
  for (const [path, text] of NOTATION) {
    it(`${JSON.stringify(path)} → ${JSON.stringify(text)}`, () => assert.equal(formatFieldPath(path), text));
  }
});

describe('parseFieldPath', () => {
  for (const [path, text] of NOTATION) {
    it(`reads back ${JSON.stringify(text)}`, () => assert.deepEqual(parseFieldPath(text), path));
  }

  it('reads a list index as a number and any other subscript as a key', () => {
    assert.deepEqual(parseFieldPath('a[12].b[x]'), ['a', 12, 'b', 'x']);
  });

  it('survives malformed text', () => {
    assert.deepEqual(parseFieldPath('a..b'), ['a', 'b']);
    assert.deepEqual(parseFieldPath('a[unclosed'), ['a', 'unclosed']);
    assert.deepEqual(parseFieldPath('.a.'), ['a']);
    assert.deepEqual(parseFieldPath(']'), [']']);
  });
});

describe('fieldPattern', () => {
  it('erases list indexes and dot-joins keys (the key of field notes and completion tables)', () => {
    assert.equal(fieldPattern(['spec', 'template', 'spec', 'containers', 3, 'ports', 0, 'hostPort']), 'spec.template.spec.containers[].ports[].hostPort');
    assert.equal(fieldPattern(['spec', 'template', 'spec', 'nodeSelector', 'kubernetes.io/os']), 'spec.template.spec.nodeSelector.kubernetes.io/os');
    assert.equal(fieldPattern([]), '');
  });
});

describe('fieldPathId', () => {
  it('tells apart paths whose notation would be alike', () => {
    assert.notEqual(fieldPathId(['a.b']), fieldPathId(['a', 'b']));
    assert.notEqual(fieldPathId(['list', 0]), fieldPathId(['list', '0']));
    assert.equal(fieldPathId(['a', 0]), fieldPathId(['a', 0]));
  });
});

describe('valueAt', () => {
  const root = { spec: { template: { spec: { containers: [{ name: 'c', ports: [{ hostPort: 80 }] }] } } }, list: ['x'], empty: null };

  it('walks keys into mappings and indexes into lists', () => {
    assert.equal(valueAt(root, [...CONTAINERS_PATH, 0, 'ports', 0, 'hostPort']), 80);
    assert.equal(valueAt(root, []), root);
    assert.equal(valueAt(root, ['empty']), null);
  });

  it('is undefined for a missing or mistyped step', () => {
    assert.equal(valueAt(root, [...POD_SPEC_PATH, 'nodeName']), undefined);
    assert.equal(valueAt(root, ['list', '0']), undefined);
    assert.equal(valueAt(root, ['list', 'length']), undefined);
    assert.equal(valueAt(root, ['spec', 0]), undefined);
    assert.equal(valueAt(root, ['empty', 'x']), undefined);
    assert.equal(valueAt('text', ['length']), undefined);
  });

  it('reads only a mapping’s own entries, never what every object inherits', () => {
    assert.equal(valueAt(root, ['spec', 'toString']), undefined);
    assert.equal(valueAt(root, ['constructor']), undefined);
    assert.equal(valueAt(root, ['__proto__']), undefined);
  });
});

describe('pod spec paths', () => {
  it('name the pod template’s pod spec and its container lists', () => {
    assert.equal(formatFieldPath(POD_SPEC_PATH), 'spec.template.spec');
    assert.equal(formatFieldPath(CONTAINERS_PATH), 'spec.template.spec.containers');
    assert.equal(formatFieldPath(EPHEMERAL_CONTAINERS_PATH), 'spec.template.spec.ephemeralContainers');
  });
});
