import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { EditingOptions } from '../../../server/src/service/types';
import { assertGolden } from '../../support/golden';
import { positionOfMarker, renderHover } from '../../support/render';
import { textDocument, withCursor } from '../../support/textDocument';
import { exampleInventory, fixtureDocument } from './editingSupport';

function hoverAt(marked: string, options?: EditingOptions): string | undefined {
  const { text, position } = withCursor(marked);
  return getLanguageService().doHover(textDocument(text), position, options)?.contents;
}

const daemonSet = (body: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n${body}`;

describe('doHover', () => {
  it('explains that the selector is immutable', () => {
    assert.match(hoverAt(daemonSet('  sel|ector:\n    matchLabels: {app: a}\n')) ?? '', /immutable/);
  });

  it('documents the update strategy defaults', () => {
    assert.match(hoverAt(daemonSet('  updateStrategy:\n    ty|pe: RollingUpdate\n')) ?? '', /RollingUpdate/);
  });

  it('documents maxSurge rounding on the value too', () => {
    const text = daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 2|5%\n');
    assert.match(hoverAt(text) ?? '', /rounded up/);
  });

  it('finds fields inside sequences', () => {
    const text = daemonSet(
      '  template:\n    spec:\n      containers:\n        - name: a\n          ports:\n            - host|Port: 80\n',
    );
    assert.match(hoverAt(text) ?? '', /maxSurge/);
  });

  it('documents a field below a half-typed key, where the YAML parser gives up', () => {
    const text = daemonSet('  template:\n    spec:\n      tolerat\n      containers:\n        - name: a\n          imagePull|Policy: Always\n');
    assert.match(hoverAt(text) ?? '', /^\*\*spec\.template\.spec\.containers\[0\]\.imagePullPolicy\*\*/);
  });

  it('knows a DaemonSet whose value cannot be built from its apiVersion and kind lines', () => {
    const text = 'apiVersion: apps/v1\nkind: DaemonSet\n? [not, a, key]\n: x\nspec:\n  minReady|Seconds: 5\n';
    assert.match(hoverAt(text) ?? '', /^\*\*spec\.minReadySeconds\*\*/);
    assert.equal(hoverAt(text.replace('kind: DaemonSet', 'kind: Deployment')), undefined);
  });

  it('stays silent on a half-typed word without its colon', () => {
    assert.equal(hoverAt(daemonSet('  template:\n    spec:\n      tole|rat\n      containers: [\n')), undefined);
  });

  it('stays silent outside DaemonSets', () => {
    assert.equal(hoverAt('apiVersion: apps/v1\nkind: Deployment\nspec:\n  sel|ector: {}\n'), undefined);
  });

  it('uses the document under the cursor in a multi-document file', () => {
    const text = `kind: ConfigMap\n---\n${daemonSet('  minReady|Seconds: 5\n')}`;
    assert.match(hoverAt(text) ?? '', /available/);
  });

  it('shows the schema type, whether the field is required and its default', () => {
    const text = daemonSet('  template:\n    spec:\n      containers:\n        - na|me: a\n');
    assert.match(hoverAt(text) ?? '', /^\*\*spec\.template\.spec\.containers\[0\]\.name\*\* · `string` · required/);
    const revision = hoverAt(daemonSet('  revisionHistory|Limit: 3\n')) ?? '';
    assert.match(revision, /`integer` · optional · default `10`/);
  });

  it('documents fields without a DaemonSet note from the schema alone', () => {
    const text = daemonSet('  template:\n    spec:\n      containers:\n        - name: a\n          imagePull|Policy: Always\n');
    const hover = hoverAt(text) ?? '';
    assert.match(hover, /Values: `Always`, `IfNotPresent`, `Never`/);
    assert.match(hover, /Image pull policy/);
  });

  it('says what a taint effect does to running pods', () => {
    const text = daemonSet('  template:\n    spec:\n      tolerations:\n        - key: a\n          operator: Exists\n          effect: NoExe|cute\n');
    assert.match(hoverAt(text) ?? '', /`NoExecute`: Pods that do not tolerate the taint are evicted/);
  });

  it('counts the nodes a nodeSelector matches, first', () => {
    const text = daemonSet('  template:\n    spec:\n      nodeSel|ector:\n        kubernetes.io/os: linux\n');
    const hover = hoverAt(text, { inventory: exampleInventory() }) ?? '';
    assert.match(hover.split('\n\n')[1], /^Matches \*\*4 of 4 nodes\*\*/);
  });

  it('never throws on unknown fields', () => {
    assert.equal(hoverAt(daemonSet('  bog|us: 1\n')), undefined);
  });
});

describe('doHover goldens', () => {
  const cases: Array<{ name: string; marker: string; inventory?: boolean }> = [
    { name: 'kind', marker: 'ki|nd: DaemonSet' },
    { name: 'selector', marker: '  sel|ector:' },
    { name: 'updateStrategy type value', marker: 'type: Rolling|Update' },
    { name: 'maxSurge', marker: 'maxSu|rge: 25%' },
    { name: 'restartPolicy', marker: 'restart|Policy' },
    { name: 'tolerations key', marker: '      toler|ations:' },
    { name: 'nodeSelector label with inventory', marker: 'kubernetes.io/o|s: linux', inventory: true },
    { name: 'affinity expression with inventory', marker: 'operator: Not|In', inventory: true },
    { name: 'required affinity with inventory', marker: 'requiredDuring|Scheduling', inventory: true },
    { name: 'control-plane toleration with inventory', marker: 'key: node-role.kubernetes.io/control-pl|ane', inventory: true },
    { name: 'Equal toleration with inventory', marker: 'key: VIP|Only', inventory: true },
    { name: 'toleration that tolerates nothing', marker: 'key: dedi|cated', inventory: true },
    { name: 'NoExecute effect', marker: 'effect: NoExe|cute', inventory: true },
    { name: 'hostPort', marker: 'host|Port: 9100' },
    { name: 'resource request quantity', marker: 'cpu: 5|0m' },
  ];

  it('hover on node-agent.yaml', () => {
    const { text, document } = fixtureDocument('service/hover/node-agent.yaml');
    const service = getLanguageService();
    const inventory = exampleInventory();
    const out: string[] = [];
    for (const c of cases) {
      const position = positionOfMarker(text, c.marker);
      out.push(`## ${c.name} (${c.marker}${c.inventory ? ', kind-cluster inventory' : ''})`);
      out.push(renderHover(service.doHover(document, position, c.inventory ? { inventory } : {})));
    }
    assertGolden('service/hover/node-agent.txt', out.join('\n'));
  });
});
