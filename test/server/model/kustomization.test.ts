import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRemoteResource, readKustomization } from '../../../server/src/model/kustomization';

describe('isRemoteResource', () => {
  for (const ref of [
    'https://github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v1.0.6',
    'github.com/org/repo/deploy?ref=v1',
    'git@github.com:org/repo.git/deploy',
    'ssh://git@example.com/org/repo.git',
    'git::https://example.com/org/repo',
    'example.com/org/repo/path',
    'https://raw.example.com/manifests/ds.yaml',
  ]) {
    it(`remote: ${ref}`, () => assert.equal(isRemoteResource(ref), true));
  }
  for (const ref of ['../../base', 'daemonset.yaml', './overlays/prod', 'base', '/abs/path/base', '../configs/app.config.yaml']) {
    it(`local: ${ref}`, () => assert.equal(isRemoteResource(ref), false));
  }
});

describe('readKustomization', () => {
  it('reads resources, every patch form, transformers, with their places', () => {
    const k = readKustomization(
      [
        'resources: [../../base, https://github.com/o/r//d?ref=v1]',
        'bases: [../old]',
        'patches:',
        '  - path: a.yaml',
        '  - patch: |-',
        '      - op: replace',
        '        path: /spec/x',
        '        value: 1',
        '    target: {kind: DaemonSet, name: "fluent-.*"}',
        'patchesStrategicMerge: [b.yaml]',
        'patchesJson6902:',
        '  - target: {kind: DaemonSet, name: agent}',
        '    path: c.yaml',
        'namePrefix: team-',
        'nameSuffix: -prod',
        'commonLabels: {env: prod}',
        'labels:',
        '  - pairs: {tier: logs}',
        '    includeTemplates: true',
        'images:',
        '  - name: fluent/fluent-bit',
        '    newName: registry.example/fluent-bit',
        '',
      ].join('\n'),
    );
    assert.deepEqual(k.resources.map((r) => [r.ref, r.remote, r.at]), [
      ['../../base', false, ['resources', 0]],
      ['https://github.com/o/r//d?ref=v1', true, ['resources', 1]],
      ['../old', false, ['bases', 0]],
    ]);
    assert.deepEqual(k.patches.map((p) => [p.type, p.path ?? 'inline', p.target?.name, p.at]), [
      ['unknown', 'a.yaml', undefined, ['patches', 0]],
      ['json6902', 'inline', 'fluent-.*', ['patches', 1]],
      ['strategic', 'b.yaml', undefined, ['patchesStrategicMerge', 0]],
      ['json6902', 'c.yaml', 'agent', ['patchesJson6902', 0]],
    ]);
    assert.equal(k.namePrefix, 'team-');
    assert.equal(k.nameSuffix, '-prod');
    assert.deepEqual(k.labels.map((l) => [l.pairs, l.includeSelectors, l.includeTemplates, l.at]), [
      [{ env: 'prod' }, true, true, ['commonLabels']],
      [{ tier: 'logs' }, false, true, ['labels', 0, 'pairs']],
    ]);
    assert.deepEqual(k.images, [{ name: 'fluent/fluent-bit', newName: 'registry.example/fluent-bit', at: ['images', 0] }]);
  });

  it('reads nothing from text that is not a kustomization, without throwing', () => {
    for (const text of ['', '- a\n- b\n', 'resources: 3\npatches: {a: 1}\n', ': : :\n']) {
      const k = readKustomization(text);
      assert.deepEqual([k.resources, k.patches, k.labels, k.images], [[], [], [], []]);
    }
  });
});
