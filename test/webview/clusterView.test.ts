/**
 * The cluster view (the webview bundle with data-view="cluster") in real
 * Chromium with a stubbed host API: pools and the daemon tax, the matrix and
 * its pictures with their tables, opening a DaemonSet, sorting, filtering,
 * grouping by a label the user picks, what-if, bad input, state across
 * reloads, and 5,000 nodes in the per-node
 * matrix. Screenshots go to test-results/webview/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { repoRoot } from '../support/golden';
import { syntheticInventory } from './support/syntheticInventory';
import { WebviewPage } from './support/webviewPage';

const DAEMONSETS_DIR = join(repoRoot, 'examples', 'cluster', 'daemonsets');
const FILES = readdirSync(DAEMONSETS_DIR)
  .sort()
  .map((name) => ({ uri: `file:///workspace/examples/cluster/daemonsets/${name}`, text: readFileSync(join(DAEMONSETS_DIR, name), 'utf8') }));
const INVENTORY = [{ uri: 'file:///workspace/examples/cluster/inventory/prod-eu-west-1.yaml', text: readFileSync(join(repoRoot, 'examples', 'cluster', 'inventory', 'prod-eu-west-1.yaml'), 'utf8') }];

function clusterUpdate(
  options: { files?: Array<{ uri: string; text: string }>; inventory?: Array<{ uri: string; text: string }> | null; inventoryError?: string | null; rendered?: unknown[]; renderNotices?: string[] } = {},
): Record<string, unknown> {
  return {
    type: 'clusterUpdate',
    files: options.files ?? FILES,
    inventory: options.inventory === null ? null : { label: 'cluster/inventory', files: options.inventory ?? INVENTORY },
    inventoryError: options.inventoryError ?? null,
    truncated: 0,
    ...(options.rendered ? { rendered: options.rendered } : {}),
    ...(options.renderNotices ? { renderNotices: options.renderNotices } : {}),
  };
}

// What the language server answers for examples/kustomize and examples/charts/node-agent (daemonset/renderedWorkspace).
const W = 'file:///workspace/examples';
const BASE_FILE = { uri: `${W}/kustomize/base/vector.yaml`, text: readFileSync(join(repoRoot, 'examples', 'kustomize', 'base', 'vector.yaml'), 'utf8') };
const fixture = (name: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'clusterRendered', name), 'utf8');
const OVERLAY = {
  kind: 'kustomize',
  label: 'kustomize/overlays/prod',
  open: `${W}/kustomize/overlays/prod/kustomization.yaml`,
  folder: `${W}/kustomize/overlays/prod`,
  files: [{ uri: `${W}/kustomize/overlays/prod/kustomization.yaml`, text: fixture('vector-overlays-prod.yaml') }],
  buildsOn: [`${W}/kustomize/overlays/prod`, `${W}/kustomize/base`, `${W}/kustomize/base/vector.yaml`],
};
const BASE_KUSTOMIZATION = { ...OVERLAY, label: 'kustomize/base', open: `${W}/kustomize/base/kustomization.yaml`, folder: `${W}/kustomize/base`, files: [{ uri: `${W}/kustomize/base/kustomization.yaml`, text: BASE_FILE.text }], buildsOn: [`${W}/kustomize/base`, `${W}/kustomize/base/vector.yaml`] };
const CHART = {
  kind: 'helm',
  label: 'charts/node-agent with values-prod.yaml',
  open: `${W}/charts/node-agent/Chart.yaml`,
  folder: `${W}/charts/node-agent`,
  files: [{ uri: `${W}/charts/node-agent/templates/daemonset.yaml`, text: fixture('node-agent-values-prod.yaml') }],
  buildsOn: [],
};

describe('cluster view webview (Chromium, stubbed host)', () => {
  let view: WebviewPage;

  before(async () => {
    view = await WebviewPage.open('cluster', { view: 'cluster', width: 1100 });
  });
  beforeEach(async () => {
    await view.page.evaluate(() => ((window as unknown as { __state: unknown }).__state = null));
    await view.page.goto(view.url);
    await view.waitForPosted('ready');
  });
  after(async () => {
    assert.deepEqual(view?.blockedRequests ?? [], []);
    assert.deepEqual(view?.pageErrors ?? [], []);
    await view?.close();
  });

  const matrixRow = (key: string) => view.page.locator(`table.matrix tr[data-daemonset="${key}"]`);

  it('shows every pool with its daemon tax, the matrix, coverage gaps and host-port collisions', async () => {
    await view.send(clusterUpdate());
    await view.waitForText('DaemonSets × pools');
    assert.equal(await view.page.locator('.cluster-counts').innerText(), '10 DaemonSets over 12 nodes in 4 pools');
    assert.match(await view.page.locator('.inventory-line').innerText(), /Nodes from cluster\/inventory \(12\)/);
    const headlines = await view.page.locator('.pool-headline').allInnerTexts();
    assert.equal(headlines[0], 'on m6i.large (system): 7 daemons, 655m CPU = 34% of allocatable, 829 MiB memory = 12% of allocatable');
    assert.equal(headlines.length, 4);
    assert.match(await matrixRow('logging/fluent-bit').innerText(), /runs 3\s+runs 4\s+taint\s+runs 3/);
    assert.match(await view.page.locator('section.gaps').innerText(), /gpu without logging\/fluent-bit/);
    const pending = await view.page.locator('section.pending').innerText();
    assert.match(pending, /ingress-nginx\/ingress-nginx-controller on general: 4 of 4 nodes Pending/);
    assert.match(pending, /\(NodePorts\): node\(s\) didn't have free ports for the requested pod ports/);
    assert.match(pending, /falco\/falco on arm-spot: 3 by preempting/);
    assert.match(pending, /fits after preempting 1 pod of priority -10/);
    assert.match(await view.page.locator('section.collisions').innerText(), /80\/TCP: ingress-nginx\/ingress-nginx-controller and haproxy-ingress\/haproxy-ingress on 4 nodes \(general\)/);
    await view.screenshot('pools', true);
  });

  it('draws the tax bars and the heat map as SVG, each pointing at the table that says the same', async () => {
    await view.send(clusterUpdate());
    await view.waitForText('DaemonSets × pools');
    const bars = view.page.locator('svg.tax-bars');
    assert.equal(await bars.getAttribute('role'), 'img');
    assert.equal(await bars.getAttribute('aria-describedby'), 'cluster-pools-table');
    assert.equal(await view.page.locator('#cluster-pools-table').count(), 1);
    // system's most taxed node runs 7 daemons, 6 of which request cpu (nvidia is not there; all request cpu) → segments.
    assert.ok((await view.page.locator('svg.tax-bars rect.bar-segment').count()) > 20);
    const heat = view.page.locator('svg.heat-map');
    assert.equal(await heat.getAttribute('aria-describedby'), 'cluster-matrix-table');
    assert.equal(await view.page.locator('svg.heat-map rect.heat').count(), 10 * 4);
    assert.equal(await view.page.locator('svg.heat-map rect[data-daemonset="logging/fluent-bit"][data-pool="gpu"]').getAttribute('class'), 'heat heat-excluded');
    // Text nodes only: titles carry the words.
    assert.match(await view.page.locator('svg.heat-map rect[data-daemonset="logging/fluent-bit"][data-pool="gpu"] title').textContent() ?? '', /excluded, 0 of 2 nodes run it/);
  });

  it('a click on a cell opens the DaemonSet at its line and its preview', async () => {
    await view.send(clusterUpdate());
    await view.waitForText('DaemonSets × pools');
    await matrixRow('logging/fluent-bit').locator('button[data-pool="gpu"]').click();
    const message = await view.waitForPosted('openDaemonSet');
    assert.deepEqual(message, { type: 'openDaemonSet', uri: 'file:///workspace/examples/cluster/daemonsets/fluent-bit.yaml', line: 3, daemonSet: 'logging/fluent-bit' });
  });

  it('labels what charts and overlays render, counts an overlay instead of its bases, and opens a rendered DaemonSet\'s source', async () => {
    await view.send(clusterUpdate({ files: [...FILES, BASE_FILE], rendered: [CHART, OVERLAY, BASE_KUSTOMIZATION] }));
    await view.waitForText('Rendered charts and overlays');
    assert.equal(await view.page.locator('.cluster-counts').innerText(), '12 DaemonSets over 12 nodes in 4 pools');
    const vector = view.page.locator('table.matrix tr[data-daemonset="observability/vector"]');
    assert.equal(await vector.count(), 1, 'the base file and the base kustomization are not counted beside the overlay');
    assert.equal(await vector.locator('th').innerText(), 'observability/vector — rendered by kustomize/overlays/prod');
    assert.equal(await vector.getAttribute('data-rendered-by'), 'kustomize/overlays/prod');
    // The overlay adds the GPU toleration the base lacks.
    assert.match(await vector.locator('button[data-pool="gpu"]').getAttribute('aria-label') ?? '', /^observability\/vector — rendered by kustomize\/overlays\/prod on gpu: runs 2/);
    assert.equal(await matrixRow('default/release-name-node-agent').locator('th').innerText(), 'default/release-name-node-agent — rendered by charts/node-agent with values-prod.yaml');
    const sources = await view.page.locator('section.rendered-sources').innerText();
    assert.match(sources, /charts\/node-agent with values-prod\.yaml \(Helm chart\): 1 DaemonSet/);
    assert.match(sources, /kustomize\/overlays\/prod \(Kustomize overlay\): 1 DaemonSet/);
    assert.match(sources, /kustomize\/base \(Kustomize overlay\): a base of kustomize\/overlays\/prod, not counted/);
    assert.match(sources, /base\/vector\.yaml — a base of kustomize\/overlays\/prod, not counted \(the overlay is\)/);
    await view.screenshot('rendered', true);

    await vector.locator('button[data-pool="gpu"]').click();
    assert.deepEqual(await view.waitForPosted('openDaemonSet'), { type: 'openDaemonSet', uri: `${W}/kustomize/overlays/prod/kustomization.yaml`, line: 0, daemonSet: 'observability/vector' });
    await matrixRow('default/release-name-node-agent').locator('button[data-pool="gpu"]').click();
    assert.deepEqual(await view.waitForPosted('openDaemonSet'), { type: 'openDaemonSet', uri: `${W}/charts/node-agent/templates/daemonset.yaml`, line: 0, daemonSet: 'default/release-name-node-agent' });

    // Counting the bases too: the base file and the base kustomization join, each labelled.
    await view.page.getByLabel('Count the bases too').check();
    await view.waitForText('14 DaemonSets over 12 nodes in 4 pools');
    assert.deepEqual(await vector.evaluateAll((rows) => rows.map((row) => row.querySelector('th')?.textContent)), [
      'observability/vector',
      'observability/vector — rendered by kustomize/overlays/prod',
      'observability/vector — rendered by kustomize/base',
    ]);
    // Every other list and chart names the render too, so the three stay apart there as well.
    const heatLabels = await view.page.locator('svg.heat-map text.chart-label').allTextContents();
    for (const label of ['observability/vector', 'observability/vector (kustomize/overlays/prod)', 'observability/vector (kustomize/base)']) assert.ok(heatLabels.includes(label), label);
    const heatTitles = await view.page.locator('svg.heat-map rect[data-daemonset="observability/vector"][data-pool="gpu"] title').allTextContents();
    assert.deepEqual(heatTitles.map((title) => title.replace(/ on gpu:.*/, '')), ['observability/vector', 'observability/vector — rendered by kustomize/overlays/prod', 'observability/vector — rendered by kustomize/base']);
    await view.page.getByRole('button', { name: 'Show nodes' }).click();
    await view.page.waitForSelector('.cluster-node');
    assert.match(await view.page.locator('.nodes-section').innerText(), /Columns: .*vector — rendered by kustomize\/overlays\/prod, .*vector — rendered by kustomize\/base/);
    assert.ok((await view.page.locator('.node-cell[aria-label^="observability/vector — rendered by kustomize/base: "]').count()) > 0, 'the per-node cells name the render');
    await view.page.getByRole('button', { name: 'Show pools' }).click();
    await view.waitForText('DaemonSets × pools');
    assert.equal((await view.state())?.includeBases, true);
  });

  it('a failed render keeps its last good DaemonSets beside the error; an untrusted workspace says overlays are not rendered', async () => {
    await view.send(clusterUpdate({ files: [...FILES, BASE_FILE], rendered: [{ ...OVERLAY, error: 'accumulating resources: ../../base: no such file' }] }));
    await view.waitForText('does not render');
    assert.equal(await view.page.locator('.render-failure').innerText(), 'kustomize/overlays/prod does not render: accumulating resources: ../../base: no such file; its last good render (1 DaemonSet) is shown');
    assert.equal(await matrixRow('observability/vector').locator('th').innerText(), 'observability/vector — rendered by kustomize/overlays/prod');
    const notice = 'Kustomize overlays are not rendered: kubectl kustomize runs only in a trusted workspace; their bases are counted as they are.';
    await view.send(clusterUpdate({ files: [...FILES, BASE_FILE], rendered: [CHART], renderNotices: [notice] }));
    await view.waitForText(notice);
    assert.equal(await matrixRow('observability/vector').locator('th').innerText(), 'observability/vector');
    // A malformed rendered source is refused like any bad message: the last good view stays.
    await view.send(clusterUpdate({ rendered: [{ ...CHART, files: 'nope' }] }));
    assert.equal(await view.page.locator('.render-notice').innerText(), notice);
  });

  it('sorts and filters the DaemonSets, and keeps both across a reload', async () => {
    await view.send(clusterUpdate());
    await view.waitForText('DaemonSets × pools');
    await view.page.getByRole('combobox', { name: 'Sort DaemonSets' }).selectOption('requests');
    const order = await view.page.locator('table.matrix tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-daemonset')));
    assert.equal(order[0], 'falco/falco');
    await view.page.getByRole('searchbox', { name: 'Filter' }).fill('kube-system');
    await view.page.waitForFunction(() => document.querySelectorAll('table.matrix tbody tr').length === 5);
    const stored = await view.state();
    assert.equal(stored?.filter, 'kube-system');
    // A reload (the panel hidden and shown again) starts from the stored state.
    const reloaded = await WebviewPage.open('cluster-reloaded', { view: 'cluster', initialState: stored });
    try {
      await reloaded.send(clusterUpdate());
      await reloaded.waitForText('DaemonSets × pools');
      assert.equal(await reloaded.page.locator('table.matrix tbody tr').count(), 5);
      assert.equal(await reloaded.page.getByRole('combobox', { name: 'Sort DaemonSets' }).inputValue(), 'requests');
      assert.deepEqual(reloaded.pageErrors, []);
    } finally {
      await reloaded.close();
    }
  });

  it('groups the nodes by a label the user types, stores it for a reload, and goes back to the pool labels when cleared', async () => {
    await view.send(clusterUpdate());
    await view.waitForText('DaemonSets × pools');
    const groupBy = view.page.getByRole('combobox', { name: 'Group nodes by label' });
    await groupBy.fill('topology.kubernetes.io/zone');
    await groupBy.press('Tab');
    await view.waitForText('10 DaemonSets over 12 nodes in 3 pools');
    assert.deepEqual(
      (await view.page.locator('.pool-headline').allInnerTexts()).map((headline) => headline.split(':')[0]),
      ['on eu-west-1a', 'on eu-west-1b', 'on eu-west-1c'],
    );
    assert.match(await matrixRow('logging/fluent-bit').innerText(), /4\/5\s+3\/4\s+runs 3/);
    const stored = await view.state();
    assert.equal(stored?.groupBy, 'topology.kubernetes.io/zone');
    await groupBy.fill('');
    await groupBy.press('Tab');
    await view.waitForText('10 DaemonSets over 12 nodes in 4 pools');
  });

  it('what-if: removing a pool, adding one like it and changing requests update the totals live', async () => {
    await view.send(clusterUpdate());
    await view.waitForText('DaemonSets × pools');
    await view.page.locator('details.what-if-bar summary').click();
    await view.page.getByRole('combobox', { name: 'What-if pool' }).selectOption('gpu');
    await view.page.getByRole('button', { name: 'Remove pool' }).click();
    await view.waitForText('10 DaemonSets over 10 nodes in 3 pools');
    assert.equal(await view.page.locator('section.gaps li').count(), 1, 'the GPU gap is gone with the pool');
    await view.page.getByRole('button', { name: 'Undo: without pool gpu' }).click();
    await view.waitForText('10 DaemonSets over 12 nodes in 4 pools');
    await view.page.getByRole('combobox', { name: 'What-if pool' }).selectOption('arm-spot');
    await view.page.getByRole('spinbutton', { name: 'Nodes to add' }).fill('5');
    await view.page.getByRole('button', { name: 'Add pool like it' }).click();
    await view.waitForText('10 DaemonSets over 17 nodes in 5 pools');
    assert.match(await view.page.locator('.pool-headline').nth(4).innerText(), /^on m7g\.large \(arm-spot-what-if\): 6 daemons/);
    await view.page.getByRole('combobox', { name: 'What-if DaemonSet' }).selectOption('falco/falco');
    await view.page.getByRole('textbox', { name: 'CPU request' }).fill('945m');
    await view.page.getByRole('button', { name: 'Set requests' }).click();
    // 655m − falco's 300m + 945m on the system pool's nodes.
    await view.waitForText('on m6i.large (system): 7 daemons, 1.3 CPU = 67% of allocatable');
    await view.page.getByRole('textbox', { name: 'CPU request' }).fill('lots');
    await view.page.getByRole('button', { name: 'Set requests' }).click();
    await view.waitForText('Enter a Kubernetes quantity');
    await view.screenshot('what-if', true);
  });

  it('bad input: a broken file is reported and the rest still shows; no inventory says so', async () => {
    await view.send(clusterUpdate({ files: [...FILES, { uri: 'file:///workspace/broken.yaml', text: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: [oops\n' }] }));
    await view.waitForText('DaemonSets × pools');
    assert.match(await view.page.locator('section.warning').innerText(), /broken\.yaml/);
    await view.send(clusterUpdate({ inventory: null }));
    await view.waitForText('No node inventory');
    await view.send({ type: 'clusterUpdate', files: 'not a list' });
    await view.send(clusterUpdate({ inventoryError: 'cannot read the node inventory: nope' }));
    await view.waitForText('cannot read the node inventory: nope');
  });

  it('5,000 nodes: the per-node matrix is virtualized and scrolls', async () => {
    const big = [{ uri: 'file:///workspace/big.nodes.yaml', text: syntheticInventory(5000) }];
    await view.send(clusterUpdate({ inventory: big }));
    await view.waitForText('10 DaemonSets over 5000 nodes');
    await view.page.getByRole('button', { name: 'Show nodes' }).click();
    await view.page.waitForSelector('.cluster-node');
    const rendered = await view.page.locator('.cluster-node').count();
    assert.ok(rendered > 0 && rendered < 200, `only the rows in view are in the DOM (${rendered})`);
    await view.page.locator('.vl').evaluate((list) => (list.scrollTop = 26 * 4000));
    await view.page.waitForFunction(() => [...document.querySelectorAll('.cluster-node')].some((row) => Number((row as HTMLElement).dataset.index) >= 4000));
    await view.screenshot('nodes');
  });
});
