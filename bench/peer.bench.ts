/**
 * Our language server against the peer, yaml-language-server 2.0.0, over
 * stdio in the same run, on the same files, with the same strict DaemonSet
 * schema (the one we generate): time from didOpen to first diagnostics, edit
 * latency, hover and completion latency, and each server's peak memory.
 * yaml-language-server gets no 5,000-document run: it needs over 15 s and
 * 3 GiB there (see ../shared/docs/performance-baseline.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCorpus } from './corpus';
import { LspDriver } from './lspDriver';
import { percentile, report } from './measure';

const root = join(__dirname, '..');
const generated = join(__dirname, 'generated');
const schemaFile = join(root, 'server', 'src', 'service', 'schema', 'generated', 'daemonset.schema.json');

interface Peer {
  name: string;
  start(): LspDriver;
  settings?: unknown;
}

const yamlSettings = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: { [pathToFileURL(schemaFile).href]: ['*.yaml'] },
    maxItemsComputed: 100000,
  },
};

const peers: Peer[] = [
  {
    name: 'daemonset-language-server',
    start: () => LspDriver.start(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], () => null),
  },
  {
    name: 'yaml-language-server',
    start: () =>
      LspDriver.start(process.execPath, [join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'], (section) =>
        section === 'yaml' ? yamlSettings.yaml : section === 'http' ? { proxy: '', proxyStrictSSL: false } : null,
      ),
    settings: yamlSettings,
  },
];

/** Each corpus in a folder of its own, the workspace the servers open, so no server indexes the other corpora. */
function corpusFile(documents: number): { uri: string; text: string; folder: string } {
  const folder = join(generated, `corpus-${documents}`);
  mkdirSync(folder, { recursive: true });
  const text = generateCorpus(documents);
  const file = join(folder, 'daemonsets.yaml');
  writeFileSync(file, text);
  return { uri: pathToFileURL(file).href, text, folder: pathToFileURL(folder).href };
}

/** The first line containing `needle` in the second half of the file, else the first anywhere. */
function lineFromMiddle(lines: readonly string[], needle: string): number {
  const fromMiddle = lines.findIndex((line, index) => index >= Math.floor(lines.length / 2) && line.includes(needle));
  return fromMiddle >= 0 ? fromMiddle : lines.findIndex((line) => line.includes(needle));
}

async function measurePeer(peer: Peer, documents: number, runs: number, withEdits: boolean): Promise<void> {
  const { uri, text, folder } = corpusFile(documents);
  const opens: number[] = [];
  let driver: LspDriver | undefined;
  for (let run = 0; run < runs; run++) {
    driver = peer.start();
    await driver.initialize(folder, peer.settings);
    opens.push((await driver.openAndTime(uri, text)).ms);
    if (run < runs - 1) await driver.stop();
  }
  opens.sort((a, b) => a - b);
  report({ name: `${peer.name}: open → first diagnostics, ${documents} DaemonSets`, unit: 'ms', median: percentile(opens, 50), p95: percentile(opens, 95), runs });
  if (!driver) return;
  if (withEdits) {
    const lines = text.split('\n');
    const middle = lineFromMiddle(lines, 'terminationGracePeriodSeconds:');
    const edits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const replacement = lines[middle].replace(/\d+$/, String(31 + i));
      edits.push(await driver.editAndTime(uri, 2 + i, middle, replacement, lines[middle].length));
      lines[middle] = replacement;
    }
    edits.sort((a, b) => a - b);
    report({ name: `${peer.name}: edit → diagnostics, ${documents} DaemonSets`, unit: 'ms', median: percentile(edits, 50), p95: percentile(edits, 95), runs: edits.length });
    const imageLine = lineFromMiddle(lines, 'image:');
    for (const [method, label, position] of [
      ['textDocument/hover', 'hover', { line: imageLine, character: lines[imageLine].indexOf('image') + 2 }],
      ['textDocument/completion', 'completion', { line: imageLine, character: lines[imageLine].indexOf('image') }],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) times.push(await driver.timeRequest(method, { textDocument: { uri }, position }));
      times.sort((a, b) => a - b);
      report({ name: `${peer.name}: ${label}, ${documents} DaemonSets`, unit: 'ms', median: percentile(times, 50), p95: percentile(times, 95), runs: times.length });
    }
  }
  report({ name: `${peer.name}: peak memory, ${documents} DaemonSets`, unit: 'MiB', median: driver.peakMemoryMiB() });
  await driver.stop();
}

export async function run(): Promise<void> {
  const firsts = new Map<string, number>();
  for (const peer of peers) {
    await measurePeer(peer, 1, 5, true);
    await measurePeer(peer, 100, 3, true);
    const { uri, text, folder } = corpusFile(1000);
    // Cold open of the 1,000-document file, kept for the speed-up figure.
    const opens: number[] = [];
    for (let i = 0; i < 3; i++) {
      const driver = peer.start();
      await driver.initialize(folder, peer.settings);
      opens.push((await driver.openAndTime(uri, text)).ms);
      await driver.stop();
    }
    opens.sort((a, b) => a - b);
    firsts.set(peer.name, percentile(opens, 50));
    await measurePeer(peer, 1000, 1, true);
  }
  const ours = firsts.get('daemonset-language-server') ?? NaN;
  const theirs = firsts.get('yaml-language-server') ?? NaN;
  report({ name: 'speed-up over yaml-language-server to first diagnostics, 1000 DaemonSets', unit: 'x', median: theirs / ours, target: 3 });
  await measurePeer(peers[0], 5000, 1, true);
}

if (require.main === module) void run();
