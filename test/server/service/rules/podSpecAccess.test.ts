/** The pod spec's containers as the document rules read them: once per parsed pod spec, in document order. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveKubernetesVersion } from '../../../../server/src/model/kubernetesVersion';
import { parseYamlFile } from '../../../../server/src/model/yamlDocuments';
import { containersOf } from '../../../../server/src/service/rules/podSpecAccess';
import type { RuleContext } from '../../../../server/src/service/rules/rule';

function contextOf(text: string): RuleContext {
  const file = parseYamlFile(text);
  const doc = file.documents[0];
  return { file, doc, root: doc.value as Record<string, unknown>, kubernetesVersion: resolveKubernetesVersion({}) };
}

const POD = (containers: string) => `apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n${containers}`;

describe('containersOf', () => {
  it('lists init containers, then containers, that are mappings, with their paths; or only the containers', () => {
    const ctx = contextOf(POD('      containers:\n        - name: a\n        - just-a-string\n        - name: b\n      initContainers:\n        - name: init\n'));
    assert.deepEqual(
      containersOf(ctx).map((at) => [at.kind, at.index, at.container.name, at.path.join('.')]),
      [
        ['initContainers', 0, 'init', 'spec.template.spec.initContainers.0'],
        ['containers', 0, 'a', 'spec.template.spec.containers.0'],
        ['containers', 2, 'b', 'spec.template.spec.containers.2'],
      ],
    );
    assert.deepEqual(containersOf(ctx, 'containers').map((at) => at.container.name), ['a', 'b']);
    assert.deepEqual(containersOf(contextOf('apiVersion: v1\nkind: DaemonSet\n')), []);
  });

  it('reads a pod spec once for every rule, and an edited document, parsed again, afresh', () => {
    const ctx = contextOf(POD('      containers:\n        - name: a\n'));
    assert.equal(containersOf(ctx), containersOf({ ...ctx }), 'one list for the document');
    const edited = contextOf(POD('      containers:\n        - name: a\n        - name: added\n'));
    assert.deepEqual(containersOf(edited).map((at) => at.container.name), ['a', 'added']);
    assert.deepEqual(containersOf(ctx).map((at) => at.container.name), ['a'], 'the first parse keeps its own');
  });
});
