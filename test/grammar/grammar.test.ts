/**
 * Runs the TextMate grammar tests (test/grammar/*.test.yaml, vscode-tmgrammar-test
 * syntax) against the injection grammar on top of the YAML grammar.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/golden';

const yamlGrammar = join(repoRoot, 'node_modules', 'tm-grammars', 'grammars', 'yaml.json');
const runner = join(repoRoot, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

describe('TextMate injection grammar', () => {
  for (const file of readdirSync(join(repoRoot, 'test', 'grammar')).filter((f) => f.endsWith('.test.yaml'))) {
    it(file, () => {
      const result = spawnSync(process.execPath, [runner, '--compact', '-g', yamlGrammar, join('test', 'grammar', file)], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, /run successfuly|successfully/);
    });
  }
});
