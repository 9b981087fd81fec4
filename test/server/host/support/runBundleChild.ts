/**
 * Runs a bundle with `runBundle` in a process of its own (a code cache is only read at a fresh
 * compile), prints how it was compiled as the last line, then notes the code warm as the
 * server does after its first validation. Usage: runBundleChild.ts <bundle> [cacheDir]
 */
import { runBundle } from '../../../../server/src/host/codeCache';
import { noteCodeWarm } from '../../../../server/src/host/warmCode';

const [bundle, cacheDir] = process.argv.slice(2);
const run = runBundle(bundle, cacheDir || undefined);
process.stdout.write(`${JSON.stringify(run)}\n`);
noteCodeWarm();
