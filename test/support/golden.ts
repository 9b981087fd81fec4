/**
 * Golden files: expected output rendered as text under test/golden/.
 * `UPDATE_GOLDEN=1 npm test` rewrites them; review the diff before committing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..');
export const fixturesDir = join(repoRoot, 'test', 'fixtures');
export const goldenDir = join(repoRoot, 'test', 'golden');

export function readFixture(relativePath: string): string {
  return readFileSync(join(fixturesDir, relativePath), 'utf8');
}

export function assertGolden(relativePath: string, actual: string): void {
  const file = join(goldenDir, relativePath);
  const text = actual.endsWith('\n') ? actual : actual + '\n';
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) {
      assert.fail(`golden file ${relativePath} is missing; run UPDATE_GOLDEN=1 npm test and commit it`);
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  assert.equal(text, readFileSync(file, 'utf8'), `output differs from golden file ${relativePath}`);
}
