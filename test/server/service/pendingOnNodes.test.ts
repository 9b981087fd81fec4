/** pending-on-nodes: the scheduler verdict as a diagnostic, its quick fix, and PriorityClasses that reach it through the workspace index. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { InventoryLike } from '../../../server/src/service/types';
import { readFixture } from '../../support/golden';
import { applyEdits } from '../../support/render';
import { textDocument, withCursor } from '../../support/textDocument';

function cluster(): InventoryLike {
  const loaded = loadInventoryFromText(readFixture('scheduling/cluster.yaml'), 'cluster.yaml');
  assert.deepEqual(loaded.problems, []);
  return { label: 'cluster.yaml', nodes: loaded.nodes, pods: loaded.pods, priorityClasses: loaded.priorityClasses };
}

const BATCH_SHIPPER = (priorityClassName?: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-shipper
  namespace: logging
spec:
  selector:
    matchLabels: {app: log-shipper}
  template:
    metadata:
      labels: {app: log-shipper}
    spec:${priorityClassName ? `\n      |priorityClassName: ${priorityClassName}` : ''}
      ${priorityClassName ? '' : '|'}containers:
      - name: shipper
        image: registry.example.com/log-shipper:5.0.1
        resources:
          requests: {cpu: 800m, memory: 256Mi}
`;

describe('pending-on-nodes', () => {
  it('names the node, the shortfall and why preemption does not help, at the containers key', () => {
    const { text, position } = withCursor(BATCH_SHIPPER());
    const diagnostics = getLanguageService()
      .doValidation(textDocument(text, 'file:///ds.yaml'), { inventory: cluster() })
      .filter((d) => d.rule === 'pending-on-nodes');
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    assert.deepEqual(diagnostic.range.start, position);
    assert.equal(diagnostic.severity, 'warning');
    assert.equal(
      diagnostic.message,
      "Pending (scheduler) on 1 node of the 2 where cluster.yaml places this DaemonSet's pod: ip-10-0-1-17.ec2.internal " +
        '(Insufficient cpu (needs 800m, 205m free of 1930m); stays Pending: even preempting all 1 pod of lower priority leaves Insufficient cpu (needs 800m, 705m free of 1930m)). ' +
        'With priorityClassName: system-node-critical it would preempt lower-priority pods and run on 1 of them.',
    );
  });

  it('offers priorityClassName: system-node-critical, which clears the finding', () => {
    const service = getLanguageService();
    const { text } = withCursor(BATCH_SHIPPER());
    const document = textDocument(text, 'file:///ds.yaml');
    const diagnostics = service.doValidation(document, { inventory: cluster() }).filter((d) => d.rule === 'pending-on-nodes');
    const [action] = service.getCodeActions(document, { diagnostics });
    assert.equal(action?.title, 'Set priorityClassName: system-node-critical');
    const fixed = applyEdits(text, action.edits);
    assert.match(fixed, /\n {10}requests: \{cpu: 800m, memory: 256Mi\}\n {6}priorityClassName: system-node-critical\n$/);
    const after = service.doValidation(textDocument(fixed, 'file:///ds.yaml', 2), { inventory: cluster() }).map((d) => d.rule);
    assert.ok(!after.includes('pending-on-nodes'), after.join());
  });

  it('no quick fix when the DaemonSet names its own class; a class only the workspace declares reaches the verdict through the index', () => {
    const service = getLanguageService();
    const { text, position } = withCursor(BATCH_SHIPPER('daemons-high'));
    const document = textDocument(text, 'file:///ds.yaml');
    const [unknown] = service.doValidation(document, { inventory: cluster() }).filter((d) => d.rule === 'pending-on-nodes');
    assert.deepEqual(unknown.range.start, position);
    assert.match(unknown.message, /preemption not judged: PriorityClass "daemons-high" is in neither the workspace nor the inventory/);
    assert.deepEqual(service.getCodeActions(document, { diagnostics: [unknown] }), []);
    service.updateWorkspaceFile(
      'file:///priority-classes.yaml',
      'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: daemons-high\nvalue: 1000000\npreemptionPolicy: PreemptLowerPriority\n',
    );
    const after = service.doValidation(textDocument(text, 'file:///ds.yaml', 2), { inventory: cluster() }).map((d) => d.rule);
    assert.ok(!after.includes('pending-on-nodes'), `with the class it preempts and fits: ${after.join()}`);
  });

  it("counts the workspace's other DaemonSets on a node without pod data", () => {
    const service = getLanguageService();
    const exporter = (name: string) =>
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ${name}, namespace: monitoring}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      tolerations: [{operator: Exists}]\n      containers:\n      - name: x\n        image: exporter:1\n        ports: [{containerPort: 9400, hostPort: 9400}]\n`;
    service.updateWorkspaceFile('file:///a-exporter.yaml', exporter('a-exporter'));
    const diagnostics = service.doValidation(textDocument(exporter('b-exporter'), 'file:///b-exporter.yaml'), { inventory: cluster() });
    const [pending] = diagnostics.filter((d) => d.rule === 'pending-on-nodes');
    assert.match(pending.message, /^Pending \(scheduler\) on 3 nodes of the 3 where/);
    assert.match(pending.message, /9400\/TCP is bound by DaemonSet monitoring\/a-exporter/);
    assert.match(pending.message, /Fit is judged against DaemonSets only on 1 of them \(no pod data for it\)\./);
  });
});
