/**
 * Language-service figures: a typical DaemonSet, files of 100, 1,000 and
 * 5,000 documents (first check, cold service), and an edit in the
 * 5,000-document file (warm service, one document changed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import validateDaemonSet from '../server/src/service/schema/generated/daemonSetValidator';
import { getLanguageService } from '../server/src/service/languageService';
import { generateCorpus, generateDaemonSet, mulberry32 } from './corpus';
import { report, summarize, time } from './measure';

function document(text: string, version = 1, uri = 'file:///bench.yaml') {
  return { uri, version, getText: () => text };
}

export async function run(): Promise<void> {
  const typical = readFileSync(join(__dirname, '..', 'examples', 'fluentd-elasticsearch.yaml'), 'utf8');
  let version = 0;
  // A fresh service per run: nothing cached, as when a file is opened.
  report(
    summarize(
      `validate typical DaemonSet (${typical.split('\n').length} lines, cold cache)`,
      time(() => getLanguageService().doValidation(document(typical, ++version)), 200, 20),
      2,
    ),
  );

  const corpusDocument = generateDaemonSet(0, mulberry32(7));
  report(
    summarize(
      `validate one generated node-agent DaemonSet (${corpusDocument.split('\n').length} lines, cold cache)`,
      time(() => getLanguageService().doValidation(document(corpusDocument, ++version)), 200, 20),
      2,
    ),
  );

  for (const count of [100, 1000, 5000]) {
    const text = generateCorpus(count);
    const runs = count >= 5000 ? 3 : count >= 1000 ? 5 : 15;
    const ours = time(() => getLanguageService().doValidation(document(text, ++version)), runs, 1);
    report(summarize(`validate ${count} DaemonSets (${(text.length / 1e6).toFixed(1)} MB, cold cache)`, ours));
    if (count === 1000) {
      // The floor: the yaml package's parse plus ajv validation of the same documents, nothing else.
      const floor = time(() => {
        for (const doc of parseAllDocuments(text) as ReturnType<typeof parseAllDocuments> & unknown[]) {
          validateDaemonSet((doc as { toJS(): unknown }).toJS());
        }
      }, runs, 1);
      report(summarize(`floor: yaml parseAllDocuments + ajv validate, ${count} DaemonSets`, floor));
      const ratio = ours[Math.floor(ours.length / 2)] / floor[Math.floor(floor.length / 2)];
      report({ name: `our full check / floor, ${count} DaemonSets`, unit: 'x', median: ratio, target: 1.2 });
    }
  }

  // Edit latency: change one value in the middle document of the 5,000-document file.
  const big = generateCorpus(5000);
  const service = getLanguageService();
  const fullStart = performance.now();
  service.doValidation(document(big, ++version));
  const full = performance.now() - fullStart;
  const marker = big.indexOf('terminationGracePeriodSeconds: 30', Math.floor(big.length / 2));
  const edits: number[] = [];
  for (let i = 0; i < 10; i++) {
    const edited = big.slice(0, marker) + `terminationGracePeriodSeconds: ${31 + i}` + big.slice(marker + 33);
    const started = performance.now();
    service.doValidation(document(edited, ++version));
    edits.push(performance.now() - started);
  }
  edits.sort((a, b) => a - b);
  report(
    summarize('edit one document of 5000 (warm)', edits, undefined, {
      fullCheckMs: Math.round(full),
      shareOfFullCheck: Math.round((edits[Math.floor(edits.length / 2)] / full) * 1000) / 1000,
      targetShare: 0.2,
    }),
  );

  // Many copies of one DaemonSet (every one overlaps every other): cross-document rules must stay linear.
  const copies = Array.from({ length: 2000 }, () => typical).join('\n---\n');
  report(summarize('validate 2000 copies of one DaemonSet (all overlapping, cold cache)', time(() => getLanguageService().doValidation(document(copies, ++version)), 3, 1)));
}

if (require.main === module) void run();
