/**
 * The pathological documents of the fuzz set (test/fuzz/support/inputs.ts):
 * CPU time per 100 KB of validation (cold service), code actions (for those
 * diagnostics), hover + completion (at the fuzz run's probe positions) and
 * the outline (folding, symbols, code lenses), each against the strict
 * budget `npm run fuzz` enforces: 200 ms of CPU per 100 KB, documents under
 * 100 KB counting as 100 KB (test/fuzz/support/budget.ts). CPU time, not
 * wall time, so other load on the machine counts less; it still includes
 * JIT and GC, which is why it is measured here and not in `npm test`.
 * Runnable alone: node --import tsx bench/pathological.bench.ts
 */
import { getLanguageService, type LanguageService } from '../server/src/service/languageService';
import { BUDGET_MS_PER_100KB, budgetMs, cpuMs } from '../test/fuzz/support/budget';
import { pathologicalDocuments } from '../test/fuzz/support/inputs';
import { lineLengths, probePositions } from '../test/fuzz/support/invariants';
import { percentile, report } from './measure';

type Doc = { uri: string; version: number; getText(): string };

const PHASES: Array<{ name: string; work: (ls: LanguageService, doc: Doc, lines: readonly number[]) => unknown }> = [
  { name: 'validate', work: (ls, doc) => ls.doValidation(doc) },
  { name: 'code actions', work: (ls, doc) => ls.getCodeActions(doc, { diagnostics: ls.doValidation(doc) }) },
  {
    name: 'hover + completion',
    work: (ls, doc, lines) => {
      for (const position of probePositions(lines)) {
        ls.doHover(doc, position);
        ls.doComplete(doc, position);
      }
    },
  },
  { name: 'folding + symbols + code lenses', work: (ls, doc) => [ls.getFoldingRanges(doc), ls.findDocumentSymbols(doc), ls.getCodeLenses(doc)] },
];

export async function run(): Promise<void> {
  for (const input of pathologicalDocuments()) {
    const lines = lineLengths(input.text);
    const scale = budgetMs(input.text.length) / BUDGET_MS_PER_100KB; // hundreds of KB, at least 1
    const runs = input.text.length > 500_000 ? 3 : 5;
    for (const [index, phase] of PHASES.entries()) {
      const samples: number[] = [];
      for (let i = 0; i <= runs; i++) {
        // A fresh service per run, as when the file is opened; every phase after
        // validation runs on the parse and diagnostics validation cached, as in an editor.
        const ls = getLanguageService();
        const doc: Doc = { uri: `file:///bench/${input.name}.yaml`, version: 1, getText: () => input.text };
        if (index > 0) ls.doValidation(doc);
        const { ms } = cpuMs(() => phase.work(ls, doc, lines));
        if (i > 0) samples.push(ms / scale); // the first run warms the JIT up
      }
      samples.sort((a, b) => a - b);
      report({
        name: `${input.name} (${Math.round(input.text.length / 1024)} KiB): ${phase.name}, CPU per 100 KB`,
        unit: 'ms',
        median: percentile(samples, 50),
        p95: percentile(samples, 95),
        runs: samples.length,
        target: BUDGET_MS_PER_100KB,
      });
    }
  }
}

if (require.main === module) void run();
