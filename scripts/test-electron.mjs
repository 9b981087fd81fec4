#!/usr/bin/env node
// `npm run test:electron`: the extension-API suite in a VS Code downloaded by
// @vscode/test-electron. Needs network access to the VS Code update service,
// so `npm test` does not run it (it covers the same ground in code-server).
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { root } from './bootstrap.mjs';

await esbuild.build({
  entryPoints: [join(root, 'test/electron/index.ts')],
  outfile: join(root, 'out/electron/index.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/electron/index.js'),
    launchArgs: [join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`[test:electron] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
