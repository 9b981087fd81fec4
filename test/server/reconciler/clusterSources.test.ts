/** gatherClusterDaemonSets: manifests and renders, each DaemonSet labelled, an overlay's bases listed but not counted. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  gatherClusterDaemonSets,
  renderedDaemonSetLabel,
  type RenderedClusterSource,
} from '../../../server/src/reconciler';
import { repoRoot } from '../../support/golden';

const base = {
  uri: 'kustomize/base/vector.yaml',
  text: readFileSync(join(repoRoot, 'examples/kustomize/base/vector.yaml'), 'utf8'),
};
const other = {
  uri: 'apps/fluent-bit.yaml',
  text: readFileSync(join(repoRoot, 'examples/cluster/daemonsets/fluent-bit.yaml'), 'utf8'),
};
const rendered = (text: string) => text.replace('memory: 64Mi', 'memory: 128Mi');

function overlay(
  label: string,
  buildsOn: string[],
  text = rendered(base.text),
  error?: string,
): RenderedClusterSource {
  return {
    kind: 'kustomize',
    label,
    open: `${label}/kustomization.yaml`,
    folder: label,
    files: text ? [{ uri: `${label}/kustomization.yaml`, text }] : [],
    buildsOn,
    ...(error ? { error } : {}),
  };
}

const names = (gathered: ReturnType<typeof gatherClusterDaemonSets>) =>
  gathered.daemonSets.map((entry) => renderedDaemonSetLabel(entry.daemonSet.metadata.name, entry.renderedBy));

describe('gatherClusterDaemonSets', () => {
  it('counts manifests as they are when nothing renders', () => {
    const gathered = gatherClusterDaemonSets([base, other], []);
    assert.deepEqual(names(gathered), ['vector', 'fluent-bit']);
    assert.deepEqual(gathered.bases, []);
  });

  it("counts an overlay's rendering instead of its base file and its base kustomization, and lists them as bases", () => {
    const prod = overlay('kustomize/overlays/prod', [
      'kustomize/overlays/prod',
      'kustomize/base',
      'kustomize/base/vector.yaml',
    ]);
    const baseKustomization = overlay(
      'kustomize/base',
      ['kustomize/base', 'kustomize/base/vector.yaml'],
      base.text,
    );
    const gathered = gatherClusterDaemonSets([base, other], [prod, baseKustomization]);
    assert.deepEqual(names(gathered), ['fluent-bit', 'vector — rendered by kustomize/overlays/prod']);
    assert.deepEqual(gathered.bases, [
      { name: 'kustomize/base/vector.yaml', overlays: ['kustomize/overlays/prod'], counted: false },
      { name: 'kustomize/base', overlays: ['kustomize/overlays/prod'], counted: false },
    ]);
    assert.equal(gathered.daemonSets[1].kind, 'kustomize');
    assert.equal(gathered.daemonSets[1].uri, 'kustomize/overlays/prod/kustomization.yaml');
  });

  it('counts the bases too when asked', () => {
    const prod = overlay('kustomize/overlays/prod', ['kustomize/overlays/prod', 'kustomize/base']);
    const gathered = gatherClusterDaemonSets([base], [prod], { includeBases: true });
    assert.deepEqual(names(gathered), ['vector', 'vector — rendered by kustomize/overlays/prod']);
    assert.deepEqual(gathered.bases, [
      { name: 'kustomize/base/vector.yaml', overlays: ['kustomize/overlays/prod'], counted: true },
    ]);
  });

  it("keeps a failed overlay's last good DaemonSets and says so; one that never rendered leaves its base counted", () => {
    const kept = overlay(
      'kustomize/overlays/prod',
      ['kustomize/base'],
      rendered(base.text),
      'accumulating resources: missing',
    );
    const gathered = gatherClusterDaemonSets([base], [kept]);
    assert.deepEqual(names(gathered), ['vector — rendered by kustomize/overlays/prod']);
    assert.deepEqual(gathered.failures, [
      { label: 'kustomize/overlays/prod', error: 'accumulating resources: missing', kept: 1 },
    ]);
    const never = gatherClusterDaemonSets(
      [base],
      [overlay('kustomize/overlays/prod', ['kustomize/base'], '', 'no kubectl')],
    );
    assert.deepEqual(names(never), ['vector']);
    assert.deepEqual(never.bases, []);
  });

  it("labels a chart's DaemonSets, one file per template, and reports what cannot be read", () => {
    const chart: RenderedClusterSource = {
      kind: 'helm',
      label: 'charts/agent with values-prod.yaml',
      open: 'charts/agent/Chart.yaml',
      folder: 'charts/agent',
      files: [
        { uri: 'charts/agent/templates/daemonset.yaml', text: other.text },
        {
          uri: 'charts/agent/templates/broken.yaml',
          text: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: [\n',
        },
      ],
      buildsOn: [],
    };
    const gathered = gatherClusterDaemonSets([], [chart]);
    assert.deepEqual(names(gathered), ['fluent-bit — rendered by charts/agent with values-prod.yaml']);
    assert.equal(gathered.daemonSets[0].uri, 'charts/agent/templates/daemonset.yaml');
    assert.equal(gathered.problems.length, 1);
    assert.equal(gathered.problems[0].renderedBy, 'charts/agent with values-prod.yaml');
    assert.equal(gathered.problems[0].problem.file, 'charts/agent/templates/broken.yaml');
  });
});
