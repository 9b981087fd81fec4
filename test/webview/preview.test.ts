/**
 * The preview webview in real Chromium with a stubbed host API: render,
 * errors, picker, filter, what-if, Add toleration, rollout stepper, state,
 * and a 5,000-node inventory. Screenshots go to test-results/webview/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { loadDaemonSetsFromText } from '../../server/src/model/daemonSet';
import { loadInventoryFromText } from '../../server/src/model/inventory';
import type { InventoryFileEdits } from '../../server/src/model/yamlEdits/inventoryEdits';
import { applyOffsetEdits, type OffsetEdit } from '../../server/src/model/yamlEdits/offsetEdit';
import { syntheticInventory } from './support/syntheticInventory';
import { example, updateMessage, WebviewPage } from './support/webviewPage';
import { fixturesDir } from '../support/golden';

const KIND = [{ uri: 'file:///workspace/examples/nodes/kind-cluster.nodes.yaml', text: example('nodes/kind-cluster.nodes.yaml') }];
const DRIFT = example('selector-drift.yaml');
const fixture = (path: string) => readFileSync(join(fixturesDir, path), 'utf8');

describe('preview webview (Chromium, stubbed host)', () => {
  let view: WebviewPage;

  before(async () => {
    view = await WebviewPage.open('preview');
  });
  beforeEach(async () => {
    await view.page.goto(view.url);
    await view.waitForPosted('ready');
  });
  after(async () => {
    assert.deepEqual(view?.blockedRequests ?? [], []);
    assert.deepEqual(view?.pageErrors ?? [], []);
    await view?.close();
  });

  const row = (name: string) => view.page.locator(`.node[data-node="${name}"]`);

  /** Every button shows text a font can draw (no replacement or private-use characters, no media glyphs) and has a name. */
  async function assertButtonsReadable(): Promise<void> {
    const buttons = await view.page.locator('button:visible').evaluateAll((elements) =>
      elements.map((element) => ({ text: (element as HTMLElement).innerText.trim(), name: element.getAttribute('aria-label') ?? (element as HTMLElement).innerText.trim(), width: element.getBoundingClientRect().width })),
    );
    assert.ok(buttons.length > 0);
    for (const button of buttons) {
      if (button.text === '' && button.width > 0 && button.name !== '') continue; // a grid cell: a coloured square named by its node
      assert.notEqual(button.name, '', JSON.stringify(button));
      assert.notEqual(button.text, '', JSON.stringify(button));
      assert.doesNotMatch(button.text, /[\uFFFD\uE000-\uF8FF\u2300-\u23FF\u25A0-\u25FF\u{1F000}-\u{1FAFF}]/u, JSON.stringify(button));
    }
  }

  it('renders the kubectl summary, the nodes grouped by outcome and the reasons', async () => {
    await view.send(updateMessage({ manifest: DRIFT, inventory: KIND }));
    await view.waitForText('monitoring/node-exporter');
    const status = await view.page.locator('table.status').innerText();
    assert.match(status, /DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR/);
    assert.match(status, /node-exporter\s+2\s+2\s+2\s+2\s+2\s+<none>/);
    const groups = await view.page.locator('.group-title').allInnerTexts();
    assert.deepEqual(groups, ['Runs a pod', 'Taint not tolerated']);
    assert.match(await row('kind-control-plane').innerText(), /node-role\.kubernetes\.io\/control-plane:NoSchedule not tolerated: no new pod; a running pod stays/);
    assert.match(await row('kind-worker3').innerText(), /VIPOnly=true:NoExecute not tolerated: no pod; a running pod is evicted/);
    assert.match(await row('kind-worker').innerText(), /takes cpu 0\.6% · memory 0\.2% of allocatable/);
    const cost = await view.page.locator('.cost').innerText();
    assert.match(cost, /CPU requests\s+50m\s+100m/);
    assert.match(cost, /Memory requests\s+64 MiB\s+128 MiB/);
    // Counts agree with their nouns.
    assert.equal(await view.page.locator('p.counts').innerText(), '4 nodes: 2 run a pod · 2 taints not tolerated');
    assert.equal(await view.page.locator('.shown-count').innerText(), '4 nodes');
    await assertButtonsReadable();
    // Screen readers get the whole row as its name.
    assert.match((await row('kind-worker3').getAttribute('aria-label')) ?? '', /^kind-worker3\. taint not tolerated/);
    await view.screenshot('kind-cluster', true);
  });

  it('one-click Add toleration posts a minimal edit of the manifest it was given', async () => {
    await view.send(updateMessage({ manifest: DRIFT, inventory: KIND, version: 7 }));
    await row('kind-control-plane').getByRole('button', { name: 'Add toleration' }).click();
    const message = await view.waitForPosted('applyEdit');
    assert.equal(message.uri, 'file:///workspace/examples/ds.yaml');
    assert.equal(message.version, 7);
    const edited = applyOffsetEdits(DRIFT, message.edits as OffsetEdit[]);
    const tolerations = loadDaemonSetsFromText(edited, 'ds.yaml').daemonSets[0].spec.template.spec.tolerations;
    assert.deepEqual(tolerations, [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
    // The host sends the edited text back; the node now runs the pod.
    await view.send(updateMessage({ manifest: edited, inventory: KIND, version: 8 }));
    await view.page.waitForFunction(() => document.querySelector('.node[data-node="kind-control-plane"]')?.classList.contains('outcome-runs'), null, { polling: 20 });
  });

  it('filters by text and outcome, sorts, and switches to the grid', async () => {
    await view.send(updateMessage({ manifest: DRIFT, inventory: KIND }));
    await view.waitForText('kind-worker3');
    await view.page.getByLabel('Filter nodes by name, label or taint').fill('vip');
    await view.page.waitForFunction(() => document.querySelectorAll('.node').length === 1, null, { polling: 20 });
    assert.equal(await view.page.locator('.node').getAttribute('data-node'), 'kind-worker3');
    await view.page.getByLabel('Filter nodes by name, label or taint').fill('');
    await view.page.getByLabel('Show nodes by outcome').selectOption('runs');
    await view.page.waitForFunction(() => document.querySelectorAll('.node').length === 2, null, { polling: 20 });
    await view.page.getByLabel('Show nodes by outcome').selectOption('all');
    await view.page.getByLabel('Sort nodes').selectOption('name');
    await view.page.waitForFunction(() => document.querySelectorAll('.group').length === 0, null, { polling: 20 });
    assert.deepEqual(await view.page.locator('.node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node'))), [
      'kind-control-plane',
      'kind-worker',
      'kind-worker2',
      'kind-worker3',
    ]);
    await view.page.getByRole('button', { name: 'Grid view' }).click();
    await view.page.locator('.cell').first().waitFor();
    assert.equal(await view.page.locator('.cell').count(), 4);
    const state = await view.state();
    assert.equal(state?.view, 'grid');
    assert.deepEqual(state?.filter, { outcome: 'all', text: '', sort: 'name' });
  });

  it('navigates the node list with the keyboard and opens the details', async () => {
    await view.send(updateMessage({ manifest: DRIFT, inventory: KIND }));
    await view.waitForText('kind-worker3');
    await view.page.getByRole('listbox', { name: 'Nodes' }).focus();
    await view.page.keyboard.press('ArrowDown');
    await view.page.keyboard.press('ArrowDown');
    const active = await view.page.getByRole('listbox', { name: 'Nodes' }).getAttribute('aria-activedescendant');
    assert.ok(active);
    assert.equal(await view.page.locator(`#${active}`).getAttribute('data-node'), 'kind-worker2');
    await view.page.keyboard.press('Enter');
    await view.page.getByRole('region', { name: 'Node kind-worker2' }).waitFor();
  });

  it('Pending (scheduler): the group, the row with the failing filter, the detail with preemption, and the outcome filter', async () => {
    const inventory = [{ uri: 'file:///workspace/cluster.yaml', text: fixture('scheduling/cluster.yaml') }];
    await view.send(updateMessage({ manifest: fixture('scheduling/daemonsets.yaml'), inventory, preselect: 'vendor-exporter' }));
    await view.waitForText('monitoring/vendor-exporter');
    assert.deepEqual(await view.page.locator('.group-title').allInnerTexts(), ['Runs a pod', 'Pending (scheduler)', 'Taint not tolerated']);
    assert.equal(await view.page.locator('p.counts').innerText(), '3 nodes: 1 runs a pod · 1 Pending (scheduler) · 1 taint not tolerated');
    const pending = row('ip-10-0-2-44.ec2.internal');
    assert.ok(await pending.evaluate((element) => element.classList.contains('outcome-pending')));
    assert.match(await pending.innerText(), /NodePorts/);
    assert.match(await pending.innerText(), /didn't have free ports for the requested pod ports \(9100\/TCP is bound by monitoring\/node-exporter-5vq8d\); stays Pending: only pods of equal or higher priority/);
    assert.match((await pending.getAttribute('aria-label')) ?? '', /^ip-10-0-2-44\.ec2\.internal\. Pending \(scheduler\): /);
    assert.match(await view.page.locator('.cost').innerText(), /On 1 node the pod is created but the scheduler leaves it Pending/);
    await pending.click();
    const detail = view.page.getByRole('region', { name: 'Node ip-10-0-2-44.ec2.internal' });
    await detail.waitFor();
    assert.match(await detail.innerText(), /The scheduler's NodePorts filter fails:/);
    assert.match(await detail.innerText(), /Fit is judged against the node's pods in the inventory\./);
    await view.page.getByLabel('Show nodes by outcome').selectOption('pending');
    await view.page.waitForFunction(() => document.querySelectorAll('.node').length === 1, null, { polling: 20 });
    // The log shipper fits the busy node only by preempting the batch job: it runs, and says so.
    await view.page.getByLabel('Show nodes by outcome').selectOption('all');
    await view.page.getByLabel('DaemonSet', { exact: true }).selectOption('logging/fluent-bit');
    await view.page.waitForFunction(() => document.querySelector('.node[data-node="ip-10-0-1-17.ec2.internal"]')?.textContent?.includes('fits after preempting 1 pod of priority -10'), null, { polling: 20 });
    await view.screenshot('pending-scheduler', true);
  });

  it('what-if: removing a taint and cordoning show the difference, Reset returns to the inventory', async () => {
    await view.send(updateMessage({ manifest: DRIFT, inventory: KIND }));
    await view.waitForText('kind-worker3');
    await row('kind-worker3').click();
    const detail = view.page.getByRole('region', { name: 'Node kind-worker3' });
    await detail.getByRole('button', { name: 'What if kind-worker3 did not have the taint VIPOnly=true:NoExecute' }).click();
    await view.waitForText('+1 pod');
    assert.match(await view.page.locator('table.status').innerText(), /node-exporter\s+3\s+3/);
    await row('kind-worker').click();
    await view.page.getByRole('region', { name: 'Node kind-worker' }).getByRole('button', { name: 'Add taint' }).waitFor();
    await view.page.getByRole('region', { name: 'Node kind-worker' }).getByLabel('Add taint').fill('maintenance=now:NoExecute');
    await view.page.getByRole('region', { name: 'Node kind-worker' }).getByRole('button', { name: 'Add taint' }).click();
    await view.waitForText('1 evicted');
    const bar = await view.page.locator('.what-if-bar').innerText();
    assert.match(bar, /\+1 pod, 1 evicted/);
    assert.match(bar, /untaint kind-worker3 VIPOnly:NoExecute/);
    await view.screenshot('what-if', true);
    assert.equal(((await view.state())?.mutations as unknown[]).length, 2);
    await view.page.getByRole('button', { name: 'Reset', exact: true }).click();
    await view.page.locator('.what-if-bar').waitFor({ state: 'detached' });
    assert.match(await view.page.locator('table.status').innerText(), /node-exporter\s+2\s+2/);
  });

  it('what-if: Save to inventory posts minimal edits of the inventory files and clears once the host saved them', async () => {
    await view.send(updateMessage({ manifest: DRIFT, inventory: KIND }));
    await view.waitForText('kind-worker3');
    assert.equal(await view.page.getByRole('button', { name: 'Save to inventory' }).count(), 0);
    await row('kind-worker').click();
    await view.page.getByRole('region', { name: 'Node kind-worker' }).getByRole('button', { name: 'Cordon' }).click();
    const save = view.page.getByRole('button', { name: 'Save to inventory' });
    await save.waitFor();
    // Keyboard: focus and Enter.
    await save.focus();
    await view.page.keyboard.press('Enter');
    const message = await view.waitForPosted('saveInventory');
    const files = message.edits as InventoryFileEdits[];
    assert.deepEqual(
      files.map((file) => file.uri),
      [KIND[0].uri],
    );
    const saved = applyOffsetEdits(KIND[0].text, files[0].edits);
    assert.ok(files[0].edits.every((edit) => edit.end - edit.start < 200), 'minimal edits, not a rewrite');
    const worker = loadInventoryFromText(saved, 'kind.yaml').nodes.find((node) => node.metadata.name === 'kind-worker');
    assert.equal(worker?.spec.unschedulable, true);
    assert.match(saved, /name: kind-worker\n[\s\S]*?unschedulable: true/);
    // The host saves, sends the saved inventory, then reports success: the what-if list clears.
    const savedInventory = [{ uri: KIND[0].uri, text: saved }];
    await view.send(updateMessage({ manifest: DRIFT, inventory: savedInventory }));
    await view.send({ type: 'inventorySaved', ok: true });
    await view.page.locator('.what-if-bar').waitFor({ state: 'detached' });
    assert.deepEqual((await view.state())?.mutations, []);
    await view.waitForText('Saved the what-if edits to the node inventory');
    // The reloaded inventory has the node cordoned: its details now offer Uncordon.
    await view.page.getByRole('region', { name: 'Node kind-worker' }).getByRole('button', { name: 'Uncordon' }).waitFor();
  });

  it('what-if: a failed save keeps the edits and says why', async () => {
    await view.send(updateMessage({ manifest: DRIFT, inventory: KIND }));
    await view.waitForText('kind-worker3');
    await row('kind-worker').click();
    await view.page.getByRole('region', { name: 'Node kind-worker' }).getByRole('button', { name: 'Cordon' }).click();
    await view.page.getByRole('button', { name: 'Save to inventory' }).click();
    await view.waitForPosted('saveInventory');
    await view.send({ type: 'inventorySaved', ok: false, error: 'kind-cluster.nodes.yaml has unsaved changes' });
    await view.waitForText('Could not save to the node inventory: kind-cluster.nodes.yaml has unsaved changes');
    assert.equal(((await view.state())?.mutations as unknown[]).length, 1);
    assert.equal(await view.page.getByRole('button', { name: 'Save to inventory' }).isEnabled(), true);
  });

  it('a broken manifest shows file, line and message, and keeps the last good result greyed', async () => {
    await view.send(updateMessage({ manifest: DRIFT, inventory: KIND }));
    await view.waitForText('kind-worker3');
    const broken = DRIFT.replace('      hostNetwork: true', '      hostNetwork: [true');
    await view.send(updateMessage({ manifest: broken, inventory: KIND, version: 2 }));
    const text = await view.waitForText('The manifest has problems');
    assert.match(text, /ds\.yaml:\d+:\d+/);
    assert.ok(await view.page.locator('.content.stale').isVisible());
    assert.equal(await row('kind-worker3').count(), 1, 'the last good rows stay');
    await view.screenshot('broken-manifest');
    await view.page.locator('.error a').first().click();
    const reveal = await view.waitForPosted('reveal');
    assert.equal(reveal.uri, 'file:///workspace/examples/ds.yaml');
    // An inventory problem is reported to the host for diagnostics in the inventory file.
    const badInventory = [{ uri: KIND[0].uri, text: KIND[0].text.replace('effect: NoSchedule', 'effect: Sometimes') }];
    await view.send(updateMessage({ manifest: DRIFT, inventory: badInventory, version: 3 }));
    await view.waitForText('The node inventory has problems');
    const problems = (await view.waitForPosted('inventoryProblems')).problems as Array<{ uri: string; line: number; message: string }>;
    assert.equal(problems.length, 1);
    assert.equal(problems[0].uri, KIND[0].uri);
    assert.match(problems[0].message, /effect/);
    assert.ok(await view.page.locator('.content.stale').isVisible());
  });

  it('reads a support-bundle node dump without kinds; a file with no node is a warning, not an empty cluster', async () => {
    const dump = [{ uri: 'file:///workspace/bundle/cluster-resources/nodes.json', text: fixture('inventory/support-bundle-nodes.json') }];
    await view.send(updateMessage({ manifest: DRIFT, inventory: dump }));
    await view.waitForText('Nodes from nodes/test.nodes.yaml (3)');
    assert.equal(await row('ip-10-0-3-91.eu-west-1.compute.internal').count(), 1);
    assert.equal(await view.page.locator('p.counts').innerText(), '3 nodes: 2 run a pod · 1 taint not tolerated');
    const configMaps = { uri: 'file:///workspace/bundle/cluster-resources/configmaps.json', text: fixture('inventory/support-bundle-configmaps.json') };
    await view.send(updateMessage({ manifest: DRIFT, inventory: [...dump, configMaps], version: 2 }));
    const text = await view.waitForText('The node inventory has warnings');
    assert.match(text, /configmaps\.json:1:1 no node could be read from this file/);
    // The nodes that were read are still the inventory: a warning greys nothing.
    assert.equal(await view.page.locator('.content.stale').count(), 0);
    assert.equal(await row('ip-10-0-1-12.eu-west-1.compute.internal').count(), 1);
    const problems = (await view.waitForPosted('inventoryProblems')).problems as Array<{ uri: string; line: number; severity?: string; message: string }>;
    assert.deepEqual(
      problems.map((problem) => [problem.uri, problem.line, problem.severity]),
      [[configMaps.uri, 1, 'warning']],
    );
    await view.screenshot('inventory-warning');
    // Alone, it is an empty cluster that says why.
    await view.send(updateMessage({ manifest: DRIFT, inventory: [configMaps], version: 3 }));
    await view.waitForText('Nodes from nodes/test.nodes.yaml (0)');
    assert.match(await view.page.locator('section.warning').innerText(), /no node could be read from this file/);
  });

  it('node groups: a kind config and Karpenter NodePools show as pools with verdicts, kind nodes as nodes', async () => {
    const pools = (name: string) => ({ uri: `file:///workspace/cluster/${name}`, text: fixture(`inventory/pools/${name}`) });
    await view.send(updateMessage({ manifest: DRIFT, inventory: [pools('kind-multi-node.yaml'), pools('karpenter-nodepools.yaml')] }));
    await view.waitForText('Node pools');
    assert.equal(await view.page.locator('.pools-headline').innerText(), 'Runs on 2 of 6 node pools');
    const pool = (name: string) => view.page.locator(`tr.pool[data-pool="${name}"]`);
    assert.match(await pool('dev-worker').innerText(), /dev-worker\s+kind node kind-multi-node\.yaml:9\s+1 node\s+always\s+every node of the pool runs a pod/);
    assert.match(await pool('dev-worker2').innerText(), /never\s+taint my-taint=presence:NoSchedule is not tolerated/);
    assert.match(await pool('general-purpose').innerText(), /Karpenter NodePool karpenter-nodepools\.yaml:2\s+unknown size \(Karpenter launches nodes on demand\)\s+always/);
    assert.match(await pool('default').innerText(), /never[\s\S]*example\.com\/special-taint:NoSchedule is not tolerated[\s\S]*startup taint example\.com\/another-taint:NoSchedule/);
    assert.match(await pool('gpu').innerText(), /3 nodes\s+never\s+taint nvidia\.com\/gpu=true:NoSchedule/);
    // Groups of known size are nodes too: kind's nodes and the gpu pool's 3 replicas, with real placement.
    await view.waitForText('Nodes from nodes/test.nodes.yaml (6 nodes, 6 node pools)');
    assert.equal(await view.page.locator('p.counts').innerText(), '6 nodes: 1 runs a pod · 5 taints not tolerated');
    assert.match(await row('dev-worker2').innerText(), /my-taint=presence:NoSchedule not tolerated/);
    assert.match(await view.page.locator('table.status').innerText(), /node-exporter\s+1\s+1/);
    assert.deepEqual(await view.page.locator('section.warning').count(), 0);
    // The source link opens the group's definition.
    await pool('gpu').getByRole('button', { name: 'karpenter-nodepools.yaml:76' }).click();
    const reveal = await view.waitForPosted('reveal');
    assert.deepEqual([reveal.uri, reveal.line], ['file:///workspace/cluster/karpenter-nodepools.yaml', 75]);
    await assertButtonsReadable();
    await view.screenshot('node-pools', true);
  });

  it('shows the Kubernetes version in force and where it came from: setting, oldest kubelet, node group, newest supported', async () => {
    const versionLine = () => view.page.locator('.version-line');
    const kindConfig = [{ uri: 'file:///workspace/cluster/kind-multi-node.yaml', text: fixture('inventory/pools/kind-multi-node.yaml') }];
    // A node inventory: the oldest kubelet.
    await view.send(updateMessage({ manifest: DRIFT, inventory: KIND }));
    await view.waitForText('Kubernetes 1.31');
    assert.equal(await versionLine().innerText(), 'Kubernetes 1.31 (from status.nodeInfo.kubeletVersion of node kind-control-plane in nodes/test.nodes.yaml)');
    assert.equal(await versionLine().getAttribute('data-version-source'), 'inventory');
    // Only a kind config: the version its node image declares.
    await view.send(updateMessage({ manifest: DRIFT, inventory: kindConfig, version: 2 }));
    await view.waitForText('declared by');
    assert.equal(await versionLine().innerText(), 'Kubernetes 1.31 (declared by the `dev-control-plane` kind node in kind-multi-node.yaml)');
    // The setting wins over the inventory.
    await view.send(updateMessage({ manifest: DRIFT, inventory: kindConfig, version: 3, kubernetesVersion: 'v1.24.3' }));
    await view.waitForText('Kubernetes 1.24');
    assert.equal(await versionLine().innerText(), 'Kubernetes 1.24 (from the daemonset.kubernetesVersion setting)');
    // An unreadable setting is said to be ignored, never silently.
    await view.send(updateMessage({ manifest: DRIFT, inventory: null, version: 4, kubernetesVersion: 'latest' }));
    await view.waitForText('is ignored');
    assert.match(await versionLine().innerText(), /^Kubernetes 1\.\d+ \(the newest supported: no version set and none in a node inventory\) — the daemonset\.kubernetesVersion setting "latest" is not a version like 1\.29 and is ignored$/);
  });

  it('an inventory of only NodePools of unknown size is no silent empty cluster', async () => {
    const text = fixture('inventory/pools/karpenter-nodepools.yaml').replace(/replicas: 3/, '');
    await view.send(updateMessage({ manifest: DRIFT, inventory: [{ uri: 'file:///workspace/karpenter.yaml', text }] }));
    await view.waitForText('Node pools');
    await view.waitForText('Nodes from nodes/test.nodes.yaml (0 nodes, 3 node pools)');
    assert.equal(await view.page.locator('.pools-headline').innerText(), 'Runs on 1 of 3 node pools');
  });

  it('a file with several DaemonSets shows a picker; the host can preselect one', async () => {
    const two = `${DRIFT}---\n${example('demo-daemon.yaml')}`;
    await view.send(updateMessage({ manifest: two, inventory: KIND }));
    await view.waitForText('2 DaemonSets');
    const picker = view.page.getByLabel('DaemonSet', { exact: true });
    assert.equal(await picker.inputValue(), 'monitoring/node-exporter');
    await picker.selectOption('dev-system/demo-daemon');
    await view.page.waitForFunction(() => document.querySelector('.node[data-node="kind-worker3"]')?.classList.contains('outcome-runs'), null, { polling: 20 });
    await view.send(updateMessage({ manifest: two, inventory: KIND, preselect: 'node-exporter', version: 2 }));
    await view.page.waitForFunction(() => (document.querySelector('select.picker') as HTMLSelectElement | null)?.value === 'monitoring/node-exporter', null, { polling: 20 });
  });

  it('steps through a rolling update against the saved version', async () => {
    const nodes = KIND.map((file) => ({ ...file, text: file.text }));
    await view.send(updateMessage({ manifest: example('nginx-ds-updated.yaml'), inventory: nodes, baselines: [{ label: 'the saved file', text: example('nginx-ds.yaml') }] }));
    await view.waitForText('Rollout');
    await view.page.locator('details.rollout > summary').click();
    const text = await view.waitForText('RollingUpdate, maxUnavailable 1, maxSurge 0');
    const steps = Number(/(\d+) steps? over/.exec(text)?.[1]);
    assert.ok(steps >= 2, text);
    assert.match(text, /step 0 of \d+/);
    await view.page.getByRole('button', { name: 'Next step' }).click();
    const after = await view.waitForText('Step 1:');
    assert.match(after, /Step 1: delete the pod on \S+/);
    assert.equal(await view.page.locator('.rollout-cell.touched').count() > 0, true);
    await view.screenshot('rollout', true);
    // The stepper's buttons are words, each named by what it shows (media glyphs render as boxes without a font that has them).
    const stepper = view.page.getByRole('group', { name: 'Rollout steps' });
    assert.deepEqual(await stepper.getByRole('button').allInnerTexts(), ['Reset', 'Play', 'Next step']);
    assert.match(await stepper.ariaSnapshot(), /button "Reset to before the rollout"[\s\S]*button "Play the rollout"[\s\S]*button "Next step"/);
    await assertButtonsReadable();
    await view.page.getByRole('button', { name: 'Play the rollout' }).click();
    await view.waitForText(`step ${steps} of ${steps}`);
    await view.page.getByRole('button', { name: 'Reset to before the rollout' }).click();
    await view.waitForText('step 0 of');
    // Unchanged template: nothing to roll.
    await view.send(updateMessage({ manifest: example('nginx-ds.yaml'), inventory: nodes, baselines: [{ label: 'git HEAD', text: example('nginx-ds.yaml') }], version: 2 }));
    await view.waitForText('the pod template is unchanged');
  });

  it('steps through the rollout of a chart as rendered, from its render at git HEAD (what the host sends for a rendered preview)', async () => {
    // The host sends the template's render as the manifest and earlier renders as baselines (daemonset/renderedBaselines).
    const rendered = fixture('clusterRendered/node-agent-values-prod.yaml');
    const atHead = rendered.replace('cpu: 100m', 'cpu: 50m');
    assert.notEqual(atHead, rendered);
    await view.send(
      updateMessage({
        manifest: rendered,
        manifestUri: 'file:///workspace/examples/charts/node-agent/templates/daemonset.yaml',
        inventory: KIND,
        baselines: [{ label: 'git HEAD', text: atHead }],
      }),
    );
    await view.waitForText('Rollout');
    await view.page.locator('details.rollout > summary').click();
    const text = await view.waitForText('RollingUpdate, maxUnavailable 0, maxSurge 1');
    // The chart surges with hostPort 9100: the first new pod stays Pending next to the old one (R11).
    assert.match(text, /1 step over \d+ nodes — the rollout does not complete\./);
    await view.page.getByRole('button', { name: 'Next step' }).click();
    assert.match(await view.waitForText('Step 1:'), /Step 1: create a new pod on kind-control-plane\./, 'maxSurge 1: a new pod first');
    assert.equal(await view.page.locator('.rollout-cell.touched').count() > 0, true);
    assert.equal(await view.page.locator('.rollout-cell.pending').count(), 1);
  });

  it('a surge pod that cannot bind the old pod\u2019s hostPort stays Pending: the stepper says the rollout is stuck there and why', async () => {
    const surge = (name: string) => fixture(`cli/rollout-surge/${name}`);
    const nodes = [{ uri: 'file:///workspace/nodes.yaml', text: surge('nodes.yaml') }];
    await view.send(updateMessage({ manifest: surge('node-exporter-updated.yaml'), inventory: nodes, baselines: [{ label: 'the saved file', text: surge('node-exporter.yaml') }] }));
    await view.waitForText('Rollout');
    await view.page.locator('details.rollout > summary').click();
    const text = await view.waitForText('Stuck on 1 node');
    assert.match(text, /RollingUpdate, maxUnavailable 0, maxSurge 1: 1 step over 2 nodes — the rollout does not complete\./);
    const message =
      "New pod Pending on worker-a: node(s) didn't have free ports for the requested pod ports (hostPort 9100/TCP held by the old pod); " +
      'the old pod is kept until the new one is available — use maxUnavailable instead of maxSurge with host ports';
    assert.deepEqual(await view.page.locator('.rollout-stuck li').allInnerTexts(), [message]);
    assert.equal(await view.page.locator('.rollout-cell.pending').count(), 0, 'before the rollout every node runs its old pod');
    await view.page.getByRole('button', { name: 'Next step' }).click();
    await view.waitForText('Step 1: create a new pod on worker-a.');
    // The step names the stuck pod and points to the note rather than repeating the scheduler's words.
    assert.deepEqual(await view.page.getByRole('list', { name: 'New pods left Pending' }).getByRole('listitem').allInnerTexts(), [
      'New pod Pending on worker-a: it stays Pending, so the rollout is stuck there (see above).',
    ]);
    assert.equal(await view.page.getByText(message).count(), 1, 'the scheduler\u2019s words once');
    const cell = view.page.getByRole('listitem', { name: 'worker-a: old pod and new pod Pending' });
    assert.equal(await cell.count(), 1);
    assert.match((await cell.getAttribute('class')) ?? '', /\bpending\b/);
    assert.equal(await view.page.getByRole('listitem', { name: 'worker-b: old pod' }).count(), 1);
    assert.equal(await view.page.getByRole('button', { name: 'Next step' }).isDisabled(), true, 'nothing follows: the rollout is stuck');
    await view.screenshot('rollout-surge-stuck', true);
  });

  it('the stepper weighs the inventory\u2019s pods and PriorityClasses, and an edit of the inventory simulates the rollout again', async () => {
    const live = (name: string) => fixture(`live/${name}`);
    const manifest = live('preemption-surge.yaml');
    const baselines = [{ label: 'the saved file', text: manifest.replace('exporter:1.1', 'exporter:1.0').replace('maxUnavailable: 0', 'maxUnavailable: 1').replace('maxSurge: 1', 'maxSurge: 0') }];
    // p1 (1 CPU) runs exporter's old pod (300m) and the batch pod report-p1 (600m); node-agent (1000000) preempts it only while it ranks lower.
    const cluster = live('preemption-cluster.yaml');
    const inventory = (text: string) => [{ uri: 'file:///workspace/cluster.nodes.yaml', text }];
    await view.send(updateMessage({ manifest, inventory: inventory(cluster.replace('priority: 100\n', 'priority: 2000000\n')), baselines }));
    await view.waitForText('Rollout');
    await view.page.locator('details.rollout > summary').click();
    let text = await view.waitForText('Stuck on 1 node');
    assert.match(text, /RollingUpdate, maxUnavailable 0, maxSurge 1: 1 step over 1 node — the rollout does not complete\./);
    assert.match(text, /New pod Pending on p1: Insufficient cpu \(needs 300m, 100m free of 1\)/);
    // The inventory is edited (the manifest is not): the batch pod is back to its low priority, which node-agent preempts.
    await view.send(updateMessage({ manifest, inventory: inventory(cluster), baselines }));
    text = await view.waitForText('RollingUpdate, maxUnavailable 0, maxSurge 1: 2 steps over 1 node.');
    assert.doesNotMatch(text, /Stuck on/);
  });

  it('without an inventory offers to select or import one; import is disabled when untrusted', async () => {
    await view.send(updateMessage({ manifest: DRIFT, inventory: null }));
    await view.waitForText('No node inventory');
    await view.page.locator('.empty').getByRole('button', { name: 'Import Nodes from Cluster' }).click();
    await view.waitForPosted('importNodes');
    await view.send(updateMessage({ manifest: DRIFT, inventory: null, trusted: false, version: 2 }));
    await view.waitForText('needs a trusted workspace');
    assert.equal(await view.page.locator('.empty').getByRole('button', { name: 'Import Nodes from Cluster' }).isDisabled(), true);
  });

  it('ignores malformed messages and renders label values as text, never markup', async () => {
    await view.send({ type: 'update', manifest: { uri: 1 } });
    await view.send('<img src=x onerror=alert(1)>');
    const sneaky = DRIFT.replace('name: node-exporter\n  namespace', 'name: "<b>x</b>"\n  namespace');
    await view.send(updateMessage({ manifest: sneaky, inventory: KIND }));
    await view.waitForText('monitoring/<b>x</b>');
    assert.equal(await view.page.locator('b').count(), 0);
  });

  it('restores its UI state (filter, what-if edits) after a reload', async () => {
    const restored = await WebviewPage.open('restore', {
      initialState: {
        version: 1,
        selected: null,
        filter: { outcome: 'all', text: 'worker', sort: 'name' },
        view: 'list',
        mutations: [{ kind: 'cordon', node: 'kind-worker' }],
        selectedNode: null,
        baseline: 0,
        step: 0,
        rolloutOpen: false,
      },
    });
    try {
      await restored.send(updateMessage({ manifest: DRIFT, inventory: KIND }));
      await restored.waitForText('cordon kind-worker');
      assert.equal(await restored.page.getByLabel('Filter nodes by name, label or taint').inputValue(), 'worker');
      assert.equal(await restored.page.locator('.node').count(), 3);
      assert.match(await restored.page.locator('.what-if-bar').innerText(), /no change/);
    } finally {
      await restored.close();
    }
  });

  it('keeps 5,000 nodes smooth: only the rows in view are in the DOM', async () => {
    const inventory = [{ uri: 'file:///workspace/big.nodes.yaml', text: syntheticInventory(5000) }];
    await view.send(updateMessage({ manifest: DRIFT, inventory }));
    await view.waitForText('5000 nodes');
    assert.ok((await view.page.locator('.node').count()) < 100);
    await view.page.getByRole('listbox', { name: 'Nodes' }).evaluate((list) => (list.scrollTop = list.scrollHeight));
    // Scrolled to the end, the list renders its last row (aria-posinset = aria-setsize), and still only the rows in view.
    await view.page.waitForFunction(() => [...document.querySelectorAll('.node')].some((n) => n.getAttribute('aria-posinset') === n.getAttribute('aria-setsize')), null, { timeout: 0, polling: 20 });
    assert.ok((await view.page.locator('.node').count()) < 100);
    await view.page.getByRole('button', { name: 'Grid view' }).click();
    await view.page.locator('.cell').first().waitFor();
    assert.ok((await view.page.locator('.cell').count()) < 5000);
    await view.screenshot('grid-5000');
    // Totals as people read them: cores and GiB, not 149850m and 191808Mi.
    const cost = await view.page.locator('.cost').innerText();
    const pods = Number(/× (\d+) nodes/.exec(cost)?.[1]);
    assert.ok(pods > 1000, cost);
    const cores = String(Number(((pods * 50) / 1000).toFixed(2)));
    const gib = String(Number(((pods * 64) / 1024).toFixed(1)));
    assert.match(cost, new RegExp(`CPU requests\\s+50m\\s+${cores.replace('.', '\\.')} CPU`));
    assert.match(cost, new RegExp(`Memory requests\\s+64 MiB\\s+${gib.replace('.', '\\.')} GiB`));
  });
});
