import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveCluster } from '../../../server/src/model/liveCluster';
import { getLanguageService } from '../../../server/src/service/languageService';
import { ageText, liveLensTitle } from '../../../server/src/service/liveCodeLens';
import type { LiveStatus } from '../../../server/src/service/types';
import { textDocument } from '../../support/textDocument';
import { loadDaemonSetsFromText } from '../../../server/src/model/daemonSet';

const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: logging
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: example/agent:1.0}]}
`;

const cluster = (overrides: Partial<LiveCluster> = {}): LiveCluster => ({
  label: 'context prod',
  fetchedAtMs: 0,
  namespaces: ['logging'],
  daemonSets: loadDaemonSetsFromText(manifest, 'live').daemonSets,
  nodes: [],
  pods: [],
  ...overrides,
});

const status = (overrides: Partial<LiveStatus> = {}): LiveStatus => ({ context: 'prod', fetching: false, nowMs: 150_000, cluster: cluster(), ...overrides });

describe('the live status lens', () => {
  it('tells the age of the snapshot', () => {
    assert.equal(ageText(0, 59_000), 'just now');
    assert.equal(ageText(0, 150_000), '2 min ago');
    assert.equal(ageText(0, 3 * 3600_000 + 5), '3 h ago');
  });

  it('says fetching, fetched, not live, refreshing and the failure', () => {
    assert.equal(liveLensTitle(status({ cluster: undefined, fetching: true }), 'agent', 'logging'), 'Live in prod: fetching…');
    assert.equal(liveLensTitle(status(), 'agent', 'logging'), 'Live in prod: fetched 2 min ago · Refresh');
    assert.equal(liveLensTitle(status({ fetching: true }), 'agent', 'logging'), 'Live in prod: refreshing… · Refresh');
    assert.equal(liveLensTitle(status(), 'agent-v2', 'logging'), 'Not live in prod (kubectl apply creates it): fetched 2 min ago · Refresh');
    assert.equal(liveLensTitle(status({ cluster: cluster({ nodes: undefined }) }), 'agent', 'logging'), 'Live in prod: fetched 2 min ago (nodes not readable) · Refresh');
    assert.equal(liveLensTitle(status({ cluster: cluster({ podsOfEveryNamespace: true }) }), 'agent', 'logging'), 'Live in prod: fetched 2 min ago · Refresh');
    assert.equal(liveLensTitle(status({ cluster: cluster({ podsOfEveryNamespace: false }) }), 'agent', 'logging'), 'Live in prod: fetched 2 min ago (pods of other namespaces not readable) · Refresh');
    assert.equal(
      liveLensTitle(status({ cluster: undefined, error: 'The cluster denied the request: daemonsets.apps is forbidden' }), 'agent', 'logging'),
      'Live in prod: The cluster denied the request: daemonsets.apps is forbidden · Refresh',
    );
  });

  it('stands first above each DaemonSet, and runs the refresh command', () => {
    const lenses = getLanguageService().getCodeLenses(textDocument(manifest), { live: status() });
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command.title, lens.command.command]),
      [
        [1, 'Live in prod: fetched 2 min ago · Refresh', 'daemonset.refreshLive'],
        [1, 'No node inventory · Select…', 'daemonset.selectInventory'],
      ],
    );
  });
});
