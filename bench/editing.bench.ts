/**
 * Editing latency on the 1,000-document file (warm service, parsed once):
 * hover on keys and values, completion of keys and values, spread over the
 * file, with the kind-cluster inventory. Target: p95 under 10 ms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInventoryFromText } from '../server/src/model/inventory';
import { getLanguageService } from '../server/src/service/languageService';
import { generateCorpus } from './corpus';
import { report, summarize, time } from './measure';

function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Offsets of `needle` (plus `delta`) in documents spread over the file. */
function spread(text: string, needle: string, delta: number, count: number): number[] {
  const all: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) all.push(at + delta);
  if (all.length === 0) throw new Error(`corpus has no ${JSON.stringify(needle)}`);
  return Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]);
}

export async function run(): Promise<void> {
  const text = generateCorpus(1000);
  const document = { uri: 'file:///bench-editing.yaml', version: 1, getText: () => text };
  const nodesText = readFileSync(join(__dirname, '..', 'examples', 'nodes', 'kind-cluster.nodes.yaml'), 'utf8');
  const inventory = { label: 'kind-cluster.nodes.yaml', nodes: loadInventoryFromText(nodesText, 'kind-cluster.nodes.yaml').nodes };
  const service = getLanguageService();
  service.doValidation(document); // warm: parsed and cached, as after opening the file

  const runs = 200;
  const cases: Array<{ name: string; offsets: number[]; work: (offset: number) => unknown }> = [
    {
      name: 'hover on a key',
      offsets: spread(text, 'selector:', 3, runs),
      work: (offset) => service.doHover(document, positionAt(text, offset), { inventory }),
    },
    {
      name: 'hover on a toleration',
      offsets: spread(text, 'tolerations:', 4, runs),
      work: (offset) => service.doHover(document, positionAt(text, offset), { inventory }),
    },
    {
      name: 'completion of pod spec keys',
      offsets: spread(text, 'terminationGracePeriodSeconds:', 0, runs),
      work: (offset) => service.doComplete(document, positionAt(text, offset), { inventory }),
    },
    {
      name: 'completion of a value',
      offsets: spread(text, 'type: RollingUpdate', 6, runs),
      work: (offset) => service.doComplete(document, positionAt(text, offset), { inventory }),
    },
  ];
  for (const c of cases) {
    let i = 0;
    const durations = time(() => c.work(c.offsets[i++ % c.offsets.length]), runs, 10);
    report(summarize(`${c.name} in 1000 DaemonSets (warm)`, durations, 10));
  }
}

if (require.main === module) void run();
