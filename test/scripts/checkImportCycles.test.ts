import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import type * as CycleCheck from '../../scripts/check-import-cycles.mjs' with { 'resolution-mode': 'import' };
import { repoRoot } from '../support/golden';

const load = (): Promise<typeof CycleCheck> => import('../../scripts/check-import-cycles.mjs');

describe('check-import-cycles', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'daemonset-cycles-'));
    dirs.push(dir);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  it('finds a cycle of type-only imports', async () => {
    const dir = project({
      'server/src/cli/lint.ts':
        "import type { Log } from './sarif';\nexport interface Linted { log?: Log }\n",
      'server/src/cli/sarif.ts':
        "import type { Linted } from './lint';\nexport interface Log { files: Linted[] }\n",
      'server/src/cli/main.ts': "import type { Linted } from './lint';\nexport const none: Linted[] = [];\n",
    });
    const { findImportCycles } = await load();
    const cycles = await findImportCycles(dir);
    assert.equal(cycles.length, 1, JSON.stringify(cycles));
    assert.deepEqual(cycles[0].slice(0, -1).sort(), ['server/src/cli/lint.ts', 'server/src/cli/sarif.ts']);
    assert.equal(cycles[0][0], cycles[0][cycles[0].length - 1]);
  });

  it('finds a cycle through several folders', async () => {
    const dir = project({
      'server/src/model/a.ts': "import { c } from '../service/c';\nexport const a = () => c;\n",
      'server/src/reconciler/b.ts': "import { a } from '../model/a';\nexport const b = a;\n",
      'server/src/service/c.ts': "import { b } from '../reconciler/b';\nexport const c = b;\n",
    });
    const { findImportCycles } = await load();
    const cycles = await findImportCycles(dir);
    assert.equal(cycles.length, 1, JSON.stringify(cycles));
    assert.deepEqual(cycles[0].slice(0, -1).sort(), [
      'server/src/model/a.ts',
      'server/src/reconciler/b.ts',
      'server/src/service/c.ts',
    ]);
  });

  it('finds none where imports point one way', async () => {
    const dir = project({
      'server/src/cli/lintedFile.ts': 'export interface Linted { path: string }\n',
      'server/src/cli/lint.ts':
        "import type { Linted } from './lintedFile';\nimport { toSarif } from './sarif';\nexport const run = (files: Linted[]) => toSarif(files);\n",
      'server/src/cli/sarif.ts':
        "import type { Linted } from './lintedFile';\nexport const toSarif = (files: Linted[]) => files.length;\n",
    });
    const { findImportCycles } = await load();
    assert.deepEqual(await findImportCycles(dir), []);
  });

  it('finds none in this repository', async () => {
    const { findImportCycles } = await load();
    assert.deepEqual(await findImportCycles(repoRoot), []);
  });
});
