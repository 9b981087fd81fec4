/**
 * The layering rule of eslint.config.mjs, run through ESLint's API on
 * imports written into each layer: every forbidden direction is reported,
 * the allowed ones are not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from '../support/golden';

const eslint = new ESLint({ cwd: repoRoot });

/** The layering messages for a module at `filePath` (relative to the repository) that imports `specifier`. */
async function layeringErrors(filePath: string, specifier: string): Promise<string[]> {
  const code = `import * as imported from '${specifier}';\n\nexport const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${filePath}` });
  return result.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('eslint layering (model ← reconciler ← service ← lsp / cli; host for lsp and cli)', () => {
  const forbidden: Array<[string, string, RegExp]> = [
    ['server/src/service/gitBaseline.ts', '../host/git', /importing host breaks the layering/],
    ['server/src/service/rules/baseline.ts', '../../host/git', /importing host breaks the layering/],
    ['server/src/reconciler/git.ts', '../host/git', /importing host breaks the layering/],
    ['server/src/model/git.ts', '../host/git', /importing host breaks the layering/],
    ['client/src/webview/git.ts', '../../../server/src/host/git', /importing host breaks the layering/],
    ['server/src/host/diagnostics.ts', '../service/types', /importing service breaks the layering/],
    ['server/src/service/convert.ts', '../lsp/convert', /importing lsp breaks the layering/],
    ['server/src/reconciler/rules.ts', '../service/types', /importing service breaks the layering/],
    ['server/src/model/placement.ts', '../reconciler', /importing reconciler breaks the layering/],
    ['server/src/service/files.ts', 'node:fs', /must stay pure and browser-safe/],
  ];
  for (const [file, specifier, message] of forbidden) {
    it(`reports ${specifier} imported by ${file}`, async () => {
      const errors = await layeringErrors(file, specifier);
      assert.equal(errors.length, 1, `expected one layering error, got ${JSON.stringify(errors)}`);
      assert.match(errors[0], message);
    });
  }

  const allowed: Array<[string, string]> = [
    ['server/src/lsp/gitBaseline.ts', '../host/git'],
    ['server/src/cli/lint.ts', '../host/git'],
    ['server/src/host/git.ts', '../model/plural'],
    ['server/src/service/hover.ts', '../reconciler'],
    ['server/src/service/rules/hostPortWithSurge.ts', './hostNetworkDnsPolicy'],
  ];
  for (const [file, specifier] of allowed) {
    it(`allows ${specifier} in ${file}`, async () => {
      assert.deepEqual(await layeringErrors(file, specifier), []);
    });
  }
});
