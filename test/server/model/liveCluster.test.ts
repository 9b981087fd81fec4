import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadDaemonSetsFromText } from '../../../server/src/model/daemonSet';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import { mostCommonRevisionHash, setsNothingNew, templateUnchangedOnApply } from '../../../server/src/model/liveCluster';
import { repoRoot } from '../../support/golden';

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/live', name), 'utf8');
const live = loadDaemonSetsFromText(fixture('cluster.yaml'), 'cluster.yaml').daemonSets[0];
/** The live template as its author wrote it: no API-server defaults. */
const unchanged = fixture('on-delete.yaml').replace('        tier: node\n', '').replace('agent:1.1', 'agent:1.0');
const manifest = (text: string) => loadDaemonSetsFromText(text, 'manifest.yaml').daemonSets[0];

describe('what kubectl apply changes in the live template', () => {
  it('a manifest without the defaults the live object holds changes nothing', () => {
    assert.equal(templateUnchangedOnApply(manifest(unchanged), live), true);
  });

  it('a new image, a new label or a dropped toleration change the template', () => {
    assert.equal(templateUnchangedOnApply(manifest(unchanged.replace('agent:1.0', 'agent:1.1')), live), false);
    assert.equal(templateUnchangedOnApply(manifest(fixture('on-delete.yaml')), live), false);
    assert.equal(templateUnchangedOnApply(manifest(unchanged.replace(/ {6}tolerations:\n.*\n/, '')), live), true, 'a field the manifest leaves out is not compared');
    assert.equal(templateUnchangedOnApply(manifest(unchanged.replace('effect: NoExecute', 'effect: NoSchedule')), live), false);
  });

  it('with the last-applied annotation, a field dropped since the last apply is a change', () => {
    const lastApplied = JSON.parse(JSON.stringify(manifest(unchanged).rawTemplate));
    const applied = { ...live, metadata: { ...live.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ spec: { template: lastApplied } }) } } };
    assert.equal(templateUnchangedOnApply(manifest(unchanged), applied), true);
    assert.equal(templateUnchangedOnApply(manifest(unchanged.replace(/ {6}tolerations:\n.*\n/, '')), applied), false);
  });

  it('lists are compared item by item, scalars exactly', () => {
    assert.equal(setsNothingNew({ a: [{ x: 1 }] }, { a: [{ x: 1, y: 2 }], b: 3 }), true);
    assert.equal(setsNothingNew({ a: [{ x: 1 }] }, { a: [{ x: 1 }, { x: 2 }] }), false);
    assert.equal(setsNothingNew({ a: '1' }, { a: 1 }), false);
    assert.equal(setsNothingNew({ a: null }, {}), true);
  });

  it('the live revision is the hash most live pods carry', () => {
    const pods = loadInventoryFromText(fixture('cluster.yaml'), 'cluster.yaml').pods;
    assert.equal(mostCommonRevisionHash(pods), '7c9d8f6b5d');
    assert.equal(mostCommonRevisionHash([]), undefined);
  });
});
