/**
 * The preview webview in headless Chromium (the same test page as the
 * webview UI tests): time to render 5,000 nodes after a manifest edit, and a
 * what-if edit's recompute and render. Timed inside the page with
 * performance.now(), layout included. Then the same with a 5,000-node
 * `kubectl get nodes -o yaml` dump of real size (hardCorpus.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticInventory } from '../test/webview/support/syntheticInventory';
import { updateMessage, WebviewPage } from '../test/webview/support/webviewPage';
import { nodeInventoryDump } from './hardCorpus';
import { report, summarize } from './measure';

const RUNS = 15;

export async function run(): Promise<void> {
  const manifest = readFileSync(join(__dirname, '..', 'examples', 'selector-drift.yaml'), 'utf8');
  const inventory = [{ uri: 'file:///bench/big.nodes.yaml', text: syntheticInventory(5000) }];
  const view = await WebviewPage.open('bench', { width: 900, height: 900 });
  try {
    // One update message, delivered synchronously so the timing covers exactly parse (manifest), reconcile and render.
    const deliver = (message: unknown) =>
      view.page.evaluate((data) => {
        const started = performance.now();
        window.dispatchEvent(new MessageEvent('message', { data }));
        void document.body.offsetHeight; // force layout
        return performance.now() - started;
      }, message);
    const first = await deliver(updateMessage({ manifest, inventory, version: 1 }));
    report({ name: 'webview first load 5000 nodes (inventory YAML parse + reconcile + render)', unit: 'ms', median: first, runs: 1 });
    const renders: number[] = [];
    for (let index = 0; index < RUNS + 3; index++) {
      const edited = manifest.replace('cpu: 50m', `cpu: ${50 + index}m`);
      const ms = await deliver(updateMessage({ manifest: edited, inventory, version: index + 2 }));
      if (index >= 3) renders.push(ms);
    }
    report(summarize('webview render 5000 nodes after a manifest edit', renders.sort((a, b) => a - b), 100));

    await view.page.locator('.node').nth(3).click();
    const whatIf: number[] = [];
    for (let index = 0; index < RUNS + 3; index++) {
      const ms = await view.page.evaluate(() => {
        const button = [...document.querySelectorAll<HTMLButtonElement>('.detail button')].find((b) => b.textContent === 'Cordon' || b.textContent === 'Uncordon');
        if (!button) throw new Error('no Cordon/Uncordon button in the node details');
        const started = performance.now();
        button.click();
        void document.body.offsetHeight;
        return performance.now() - started;
      });
      if (index >= 3) whatIf.push(ms);
    }
    report(summarize('webview what-if recompute + render 5000 nodes', whatIf.sort((a, b) => a - b), 50));

    // A real-size dump: kubectl get nodes -o yaml of 5,000 nodes (45.8 MB: images, addresses, managedFields).
    const dump = [{ uri: 'file:///bench/kubectl-5000.nodes.yaml', text: nodeInventoryDump(5000) }];
    const dumpLoad = await deliver(updateMessage({ manifest, inventory: dump, version: RUNS + 10 }));
    report({ name: 'webview first load of a 5000-node kubectl dump (45.8 MB YAML parse + reconcile + render)', unit: 'ms', median: dumpLoad, runs: 1, target: 1500 });
    const typing: number[] = [];
    for (let index = 0; index < 8; index++) {
      const edited = manifest.replace('cpu: 50m', `cpu: ${70 + index}m`);
      typing.push(await deliver(updateMessage({ manifest: edited, inventory: dump, version: RUNS + 11 + index })));
    }
    report(summarize('webview manifest edit with the 5000-node kubectl dump (inventory cached by text)', typing.sort((a, b) => a - b), 50));
  } finally {
    await view.close();
  }
}
