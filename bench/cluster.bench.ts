/**
 * The cluster view: the aggregation (computeClusterView: placement, scheduler
 * fit, the daemon tax per pool, the matrix, gaps and host-port collisions)
 * for 30 DaemonSets × 5,000 nodes with 20 pods per node, on the reconciler
 * bench's synthetic cluster; and the panel's render in headless Chromium (the
 * webview test page): a redraw after a sort change (tables, heat map, bars),
 * the per-node matrix shown, and a what-if edit (recompute + render), timed
 * in the page with performance.now(), layout included.
 */
import { loadDaemonSetsFromText } from '../server/src/model/daemonSet';
import { computeClusterView } from '../server/src/reconciler';
import { syntheticInventory } from '../test/webview/support/syntheticInventory';
import { WebviewPage } from '../test/webview/support/webviewPage';
import { generateCorpus, mulberry32 } from './corpus';
import { report, summarize, time } from './measure';
import { schedulingDaemonSet, sizedNodes, syntheticNodes, syntheticPods } from './reconciler.bench';

const RUNS = 9;

function computeFigure(): void {
  const nodes = sizedNodes(syntheticNodes(5_000, 2));
  const pods = syntheticPods(nodes, 20, 17);
  const random = mulberry32(13);
  const daemonSets = Array.from({ length: 30 }, (_, index) => schedulingDaemonSet(index, random));
  const durations = time(() => computeClusterView({ daemonSets, nodes, pods }), RUNS, 2);
  report(summarize('cluster view computed: 30 DaemonSets x 5000 nodes x 20 pods (fit, tax, matrix, gaps, ports)', durations, 300));
}

async function renderFigures(): Promise<void> {
  // The corpus has one document with a duplicate key on purpose (the editor benches' error case): 31 documents, 30 DaemonSets.
  const corpus = generateCorpus(31);
  const files = [{ uri: 'file:///bench/daemonsets.yaml', text: corpus }];
  if (loadDaemonSetsFromText(corpus, 'corpus').daemonSets.length !== 30) throw new Error('the corpus should hold 30 DaemonSets');
  const inventory = { label: 'big.nodes.yaml', files: [{ uri: 'file:///bench/big.nodes.yaml', text: syntheticInventory(5000) }] };
  const view = await WebviewPage.open('bench-cluster', { view: 'cluster', width: 1200, height: 900, initialState: { view: 'cluster', groupBy: 'pool' } });
  try {
    const deliver = (message: unknown) =>
      view.page.evaluate((data) => {
        const started = performance.now();
        window.dispatchEvent(new MessageEvent('message', { data }));
        void document.body.offsetHeight;
        return performance.now() - started;
      }, message);
    const first = await deliver({ type: 'clusterUpdate', files, inventory, inventoryError: null, truncated: 0 });
    report({ name: 'cluster view first load 30 DaemonSets x 5000 nodes (YAML parse + compute + render)', unit: 'ms', median: first, runs: 1 });
    const interact = (script: string) =>
      view.page.evaluate((what) => {
        const started = performance.now();
        if (what === 'sort') {
          const select = document.querySelector<HTMLSelectElement>('select[aria-label="Sort DaemonSets"]');
          if (!select) throw new Error('no sort select');
          select.value = select.value === 'name' ? 'requests' : 'name';
          select.dispatchEvent(new Event('change'));
        } else if (what === 'mode') {
          document.querySelector<HTMLButtonElement>('button.mode-toggle')?.click();
        } else {
          const button = [...document.querySelectorAll<HTMLButtonElement>('.what-if-bar button')].find((b) => b.textContent === 'Remove pool' || b.textContent === 'Undo');
          const undo = document.querySelector<HTMLButtonElement>('.what-if-chip button');
          (undo ?? button)?.click();
        }
        void document.body.offsetHeight;
        return performance.now() - started;
      }, script);
    const sorts: number[] = [];
    for (let index = 0; index < RUNS + 2; index++) {
      const ms = await interact('sort');
      if (index >= 2) sorts.push(ms);
    }
    report(summarize('cluster view rendered: 30 DaemonSets x 5000 nodes, redraw after a sort (tables, heat map, bars)', sorts.sort((a, b) => a - b), 100));
    const modes: number[] = [];
    for (let index = 0; index < RUNS + 2; index++) {
      const ms = await interact('mode');
      if (index >= 2) modes.push(ms);
    }
    report(summarize('cluster view rendered: switch pools / 5000-node matrix (virtualized)', modes.sort((a, b) => a - b), 100));
    const whatIfs: number[] = [];
    for (let index = 0; index < RUNS + 2; index++) {
      const ms = await interact('what-if');
      if (index >= 2) whatIfs.push(ms);
    }
    report(summarize('cluster view what-if (remove / restore a pool): recompute + render 5000 nodes', whatIfs.sort((a, b) => a - b), 300));
  } finally {
    await view.close();
  }
}

export async function run(): Promise<void> {
  computeFigure();
  await renderFigures();
}

if (require.main === module) {
  void run();
}
