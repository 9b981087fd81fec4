/**
 * End to end in a real VS Code workbench: the packaged extension installed
 * into code-server, driven through headless Chromium.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { CodeServer } from '../../scripts/code-server.mjs' with { 'resolution-mode': 'import' };
import { chromiumExecutable, ensureVsix, HANG_GUARD, scratchWorkspace, screenshotsDir } from './support/environment';
import { waitFor } from '../support/waitFor';
import { Workbench } from './support/workbench';

/** Polls (of 250 ms) after which a webview click that changed nothing is taken as lost and made again: a retry only, never a result. */
const LOST_CLICK_POLLS = 12;

describe('extension in a real VS Code workbench', () => {
  let server: CodeServer;
  let workbench: Workbench;
  let workspace: string;

  before(async () => {
    const vsix = ensureVsix();
    workspace = scratchWorkspace();
    const { startCodeServer } = await import('../../scripts/code-server.mjs');
    server = await startCodeServer({ workspace, vsix });
    workbench = await Workbench.launch({ executablePath: chromiumExecutable(), screenshotsDir });
    await workbench.open(server.url);
    await workbench.screenshot('workbench');
  });

  afterEach(async (t) => {
    if ('passed' in t && !t.passed && workbench) console.error(await workbench.recordFailure(t.name));
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
  });

  it('shows the selector-drift error in the Problems panel', HANG_GUARD, async () => {
    await workbench.openFile('selector-drift.yaml');
    const row = await workbench.waitForProblem('Selector does not match template labels');
    await workbench.screenshot('problems');
    assert.match(row, /app\.kubernetes\.io\/name/);
  });

  it('shows hover documentation for spec.selector', HANG_GUARD, async () => {
    // Line 12 of selector-drift.yaml is `  selector:`.
    await workbench.waitForServedDocument();
    const text = await workbench.hover(12, 'immutable');
    await workbench.screenshot('hover');
    assert.match(text, /spec\.selector/);
  });

  it('opens the placement preview beside the editor: summary, nodes by outcome and reasons', HANG_GUARD, async () => {
    await workbench.runCommand('DaemonSet: Open Placement Preview');
    const { frame, body } = await workbench.waitForWebviewText('kind-control-plane');
    await workbench.screenshot('preview');
    assert.match(body, /monitoring\/node-exporter/);
    // The nodes come from the inventory the language server names (daemonset/inventory).
    assert.match(body, /Nodes from nodes\/kind-cluster\.nodes\.yaml \(4\)/);
    // The kubectl get ds -o wide line: two of the four kind nodes run the pod.
    assert.match(body, /DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR/);
    assert.match(body, /node-exporter\s+2\s+2\s+2\s+2\s+2\s+<none>/);
    assert.match(body, /4 nodes: 2 run a pod · 2 taints not tolerated/);
    const rows = await frame.locator('.node').evaluateAll((nodes) =>
      nodes.map((node) => ({ name: node.getAttribute('data-node'), outcome: node.className, text: (node as HTMLElement).innerText })),
    );
    assert.deepEqual(
      rows.map((row) => row.name),
      ['kind-worker', 'kind-worker2', 'kind-control-plane', 'kind-worker3'],
    );
    const controlPlane = rows.find((row) => row.name === 'kind-control-plane');
    assert.match(controlPlane?.outcome ?? '', /outcome-taint/);
    assert.match(controlPlane?.text ?? '', /node-role\.kubernetes\.io\/control-plane:NoSchedule not tolerated: no new pod; a running pod stays/);
    assert.match(rows.find((row) => row.name === 'kind-worker3')?.text ?? '', /VIPOnly=true:NoExecute not tolerated: no pod; a running pod is evicted/);
  });

  it('adds the toleration to the manifest with one click, and the preview follows the edit', HANG_GUARD, async () => {
    const { frame } = await workbench.waitForWebviewText('kind-control-plane');
    await frame.locator('.node[data-node="kind-control-plane"]').getByRole('button', { name: 'Add toleration' }).click();
    await workbench.waitForWebviewText('4 nodes: 3 run a pod · 1 taint not tolerated');
    const edited = await frame.locator('.node[data-node="kind-control-plane"]').getAttribute('class');
    assert.match(edited ?? '', /outcome-runs/);
    await workbench.screenshot('preview-toleration-added');
  });

  it('Save to inventory writes a what-if cordon into the nodes file as a minimal edit', HANG_GUARD, async () => {
    const { frame } = await workbench.waitForWebviewText('kind-worker2');
    const node = frame.locator('.node[data-node="kind-worker"]');
    const cordon = frame.getByRole('region', { name: 'Node kind-worker' }).getByRole('button', { name: 'Cordon', exact: true });
    const save = frame.getByRole('button', { name: 'Save to inventory' });
    await node.click();
    await cordon.click();
    // The preview draws again when a late update arrives (the inventory, diagnostics), which can drop a
    // click: clicked again, after a while, only while there is nothing to save (Cordon becomes Uncordon).
    let polls = 0;
    await waitFor(async () => {
      if (await save.isVisible()) return true;
      if (++polls % LOST_CLICK_POLLS === 0) await (await cordon.isVisible() ? cordon : node).click();
      return false;
    }, 250);
    await save.click();
    await workbench.waitForWebviewText('Saved the what-if edits to the node inventory');
    await workbench.screenshot('preview-saved-to-inventory');
    const file = join(workspace, 'nodes', 'kind-cluster.nodes.yaml');
    const before = readFileSync(join(__dirname, '..', '..', 'examples', 'nodes', 'kind-cluster.nodes.yaml'), 'utf8').split('\n');
    const after = readFileSync(file, 'utf8').split('\n');
    const block = (lines: string[]) => {
      const start = lines.indexOf('    name: kind-worker');
      const end = lines.findIndex((line, i) => i > start && line.startsWith('- '));
      assert.ok(start > 0 && end > start);
      return lines.slice(start, end);
    };
    assert.ok(block(after).includes('    unschedulable: true'), 'spec.unschedulable: true under kind-worker');
    // Minimal: four new lines under kind-worker (the field and the taint the node controller adds), nothing else rewritten.
    assert.equal(after.length - before.length, 4);
    assert.deepEqual(
      block(after).filter((line) => !block(before).includes(line)),
      ['    taints:', '    - effect: NoSchedule', '      key: node.kubernetes.io/unschedulable', '    unschedulable: true'],
    );
  });

  it('opens the cluster view over every DaemonSet of the workspace; a cell opens the DaemonSet and its preview', HANG_GUARD, async () => {
    await workbench.runCommand('DaemonSet: Open Cluster View');
    await workbench.waitForWebviewText('DaemonSets × pools');
    // The chart and the overlay as the language server renders them (the workspace is trusted here, kubectl is on the PATH).
    const { frame, body } = await workbench.waitForWebviewText('observability/vector — rendered by kustomize/overlays/prod');
    await workbench.screenshot('cluster-view');
    // The inventory the language server names for the workspace (the same as the preview's), every DaemonSet file of it.
    assert.match(body, /Nodes from nodes\/kind-cluster\.nodes\.yaml \(4\)/);
    // Every DaemonSet of examples/ as `daemonset cluster examples` counts them (the chart's template is not one), with
    // the node-agent chart as rendered and the log shipper's overlay instead of its base: 17 + 1 + 1.
    assert.match(body, /\b19 DaemonSets over 4 nodes in 2 pools/);
    assert.match(body, /default\/release-name-node-agent — rendered by charts\/node-agent\b/);
    assert.match(body, /base\/vector\.yaml — a base of kustomize\/overlays\/prod, not counted/);
    assert.match(body, /on control-plane: \d+ daemons, /);
    assert.match(body, /Coverage gaps/);
    assert.equal(await frame.locator('svg.heat-map').getAttribute('aria-describedby'), 'cluster-matrix-table');
    await frame.locator('table.matrix tr[data-daemonset="logging/fluent-bit"] button').first().click();
    // The preview follows the opened file and shows the DaemonSet clicked (its kubectl line), beside the cluster view.
    const preview = await waitFor(async () => {
      for (const candidate of workbench.page.frames()) {
        if (!candidate.url().includes('/webview/')) continue;
        const text = await candidate.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (/UP-TO-DATE/.test(text) && /\bfluent-bit\s+\d+\s+\d+/.test(text)) return text;
      }
      return undefined;
    });
    assert.match(preview, /logging\/fluent-bit/);
    await workbench.screenshot('cluster-view-opened-daemonset');
  });

  it('previews a Helm chart template as its chart renders it, with the findings of the render on the template lines', HANG_GUARD, async () => {
    await workbench.focusFirstEditorGroup();
    await workbench.openFile('charts/node-agent/templates/daemonset.yaml');
    // The preview follows the template: the DaemonSet the chart renders, named by its helpers, placed on the workspace's kind nodes.
    await workbench.page.locator('.tab', { hasText: 'Placement: daemonset.yaml as rendered by charts/node-agent' }).first().waitFor();
    const { frame, body } = await workbench.waitForWebviewText('default/release-name-node-agent');
    await workbench.screenshot('preview-helm-chart');
    assert.match(body, /Nodes from nodes\/kind-cluster\.nodes\.yaml \(4\)/);
    // The values' nodeSelector and control-plane toleration, rendered by toYaml | nindent.
    assert.match(body, /release-name-node-agent\s+3\s+3\s+3\s+3\s+3\s+kubernetes\.io\/os=linux/);
    const outcomes = await frame.locator('.node').evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('data-node'), node.className]));
    assert.match(String(outcomes.find(([name]) => name === 'kind-control-plane')?.[1]), /outcome-runs/);
    assert.match(String(outcomes.find(([name]) => name === 'kind-worker3')?.[1]), /outcome-taint/);
    // The values' maxSurge with the hostPort: reported on the template's updateStrategy line.
    const row = await workbench.waitForProblem('(as rendered by charts/node-agent at spec.updateStrategy.rollingUpdate.maxSurge)');
    assert.match(row, /maxSurge is 1 but container node-agent binds hostPort 9100[\s\S]*at line 13 and character 3/);
  });

  it('previews examples/ against a kind config: node pools always, sometimes and never, the version it declares; Save to inventory removes a worker from it', HANG_GUARD, async () => {
    // The inventory setting in the workspace folder's settings, where "Select Node Inventory" writes it.
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'daemonset.inventory': 'kind/kind-config.yaml' }, null, 2) + '\n');
    await workbench.focusFirstEditorGroup();
    await workbench.openFile('fluentd-elasticsearch.yaml');
    await workbench.screenshot('kind-config-fluentd-open');
    const fluentd = await workbench.waitForWebviewText('Nodes from kind/kind-config.yaml (4 nodes, 4 node pools)');
    await workbench.waitForWebviewText('Runs on 3 of 4 node pools');
    const pools = async () =>
      (await workbench.waitForWebviewText('Node pools')).frame
        .locator('tr.pool')
        .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-pool'), row.querySelector('.verdict')?.textContent ?? '', (row as HTMLElement).innerText]));
    const fluentdPools = await pools();
    assert.deepEqual(
      fluentdPools.map(([name, verdict]) => [name, verdict]),
      [['local-control-plane', 'always'], ['local-worker', 'always'], ['local-worker2', 'always'], ['local-worker3', 'never']],
    );
    assert.match(String(fluentdPools[3][2]), /kind node kind-config\.yaml:23[\s\S]*taint dedicated=batch:NoSchedule is not tolerated/);
    // The version in force comes from the kind node image.
    assert.match(fluentd.body, /Kubernetes 1\.31 \(declared by the `local-control-plane` kind node in kind-config\.yaml\)/);
    await workbench.screenshot('preview-kind-config');

    // An amd64-only DaemonSet: kind nodes take the machine's architecture, so the frontend worker is "sometimes".
    await workbench.focusFirstEditorGroup();
    await workbench.openFile('kind/edge-proxy.yaml');
    await workbench.waitForWebviewText('Runs on 0 of 4 node pools, on some nodes of `local-worker`');
    const proxyPools = await pools();
    assert.deepEqual(
      proxyPools.map(([name, verdict]) => [name, verdict]),
      [['local-control-plane', 'never'], ['local-worker', 'sometimes'], ['local-worker2', 'never'], ['local-worker3', 'never']],
    );
    assert.match(String(proxyPools[1][2]), /kubernetes\.io\/arch In \[amd64, arm64\] — the nodeSelector needs amd64/);
    await workbench.screenshot('preview-kind-config-sometimes');

    // What if the batch worker went: saved as the removal of its entry from the kind config.
    const { frame } = await workbench.waitForWebviewText('local-worker3');
    await frame.locator('.node[data-node="local-worker3"]').click();
    await frame.getByRole('region', { name: 'Node local-worker3' }).getByRole('button', { name: 'Remove node' }).click();
    await frame.getByRole('button', { name: 'Save to inventory' }).click();
    await workbench.waitForWebviewText('Saved the what-if edits to the node inventory');
    await workbench.waitForWebviewText('Nodes from kind/kind-config.yaml (3 nodes, 3 node pools)');
    const config = readFileSync(join(workspace, 'kind', 'kind-config.yaml'), 'utf8');
    const original = readFileSync(join(__dirname, '..', '..', 'examples', 'kind', 'kind-config.yaml'), 'utf8');
    assert.equal(config, original.slice(0, original.indexOf('- role: worker\n  image: kindest/node:v1.31.0\n  labels:\n    tier: batch')));
    await workbench.screenshot('preview-kind-config-saved');
  });

  it('made no request outside the machine', HANG_GUARD, () => {
    assert.deepEqual(workbench.blockedRequests.filter((url) => !url.includes('vsda')), []);
  });
});
