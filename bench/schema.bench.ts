/**
 * Schema-validation figures: one typical DaemonSet (about 80 lines of the
 * seeded corpus) through validateSchema, 1,000 corpus documents (values
 * already parsed, so this is the ajv share of the floor), and the cost of
 * loading the precompiled validator and the schema in a fresh process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseYamlFile } from '../server/src/model/yamlDocuments';
import { validateSchema } from '../server/src/service/schema/validateSchema';
import { generateCorpus } from './corpus';
import { report, summarize, time } from './measure';

const generated = join(__dirname, '..', 'server', 'src', 'service', 'schema', 'generated');

/** Milliseconds to `require` a generated module in a new Node process (the cache of this one would hide it). */
function loadTime(file: string): number {
  const script = `const t=performance.now();require(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return Number(result.stdout);
}

export async function run(): Promise<void> {
  const corpus = parseYamlFile(generateCorpus(1000)).documents.map((doc) => doc.value);
  // The corpus' first document: a realistic node agent without injected errors.
  const typicalText = generateCorpus(1).trim();
  const typical = parseYamlFile(typicalText).documents[0].value;
  report(
    summarize(
      `schema: validate a typical DaemonSet (${typicalText.split('\n').length} lines)`,
      time(() => validateSchema(typical), 2000, 200),
      2,
    ),
  );
  report(summarize('schema: validate 1000 DaemonSets (parsed values)', time(() => corpus.forEach((value) => validateSchema(value)), 20, 3)));
  const loads = (file: string) => Array.from({ length: 7 }, () => loadTime(join(generated, file))).sort((a, b) => a - b);
  report(summarize('schema: load the precompiled validator (fresh process)', loads('daemonSetValidator.js')));
  report(summarize('schema: load the schema for hover/completion (fresh process)', loads('daemonSetSchema.js')));
}

if (require.main === module) void run();
