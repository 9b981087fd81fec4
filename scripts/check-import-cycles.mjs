#!/usr/bin/env node
// Fails when modules import each other in a cycle. Type-only imports count:
// a cycle of types still ties two files' reasons to change together, and the
// layering rule (eslint.config.mjs) only sees imports across folders, not
// within one. eslint-plugin-import's no-cycle skips `import type`, so the
// graph comes from dpdm, which reads every import with TypeScript's parser.
// Usage: check-import-cycles.mjs — `npm test` and `npm run lint` run it.
import { fileURLToPath } from 'node:url';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { root } from './bootstrap.mjs';

/** Every module of the repository: the sources, the tests, the benchmarks and these scripts. */
export const SOURCE_GLOBS = [
  'server/src/**/*.ts',
  'client/src/**/*.ts',
  'test/**/*.ts',
  'bench/**/*.ts',
  'scripts/**/*.{ts,mjs}',
];

/**
 * The import cycles among the files the globs match under `cwd`, each as the
 * list of its files (relative to `cwd`, `/`-separated), the first file again
 * at the end. Empty when there are none.
 */
export async function findImportCycles(cwd, globs = SOURCE_GLOBS) {
  const tree = await parseDependencyTree(globs, {
    cwd,
    context: cwd,
    transform: false,
    skipDynamicImports: false,
    onProgress: () => {},
  });
  // dpdm names files relative to its context.
  const show = (file) => file.split('\\').join('/');
  return parseCircular(tree).map((cycle) => [...cycle, cycle[0]].map(show));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cycles = await findImportCycles(root);
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')}`);
  if (cycles.length > 0) {
    console.error(
      `${cycles.length} import cycle${cycles.length === 1 ? '' : 's'}: move the shared declarations to one module both can import`,
    );
    process.exit(1);
  }
}
