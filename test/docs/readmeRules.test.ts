/**
 * The README's rule table lists every rule the service can report, and only
 * those: rule IDs are documented where users look them up.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ruleCatalog } from '../../server/src/service/ruleCatalog';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const rulesSection = readme.slice(readme.indexOf('\n## Rules'), readme.indexOf('\n## ', readme.indexOf('\n## Rules') + 1));
const documented = [...rulesSection.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning|information|hint) \|/gm)].map((match) => ({ id: match[1], severity: match[2] }));

describe('README rule table', () => {
  it('documents every rule of the catalog once, with its default severity', () => {
    for (const rule of ruleCatalog()) {
      const rows = documented.filter((row) => row.id === rule.id);
      assert.equal(rows.length, 1, `README rule table: ${rule.id} appears ${rows.length} times`);
      assert.equal(rows[0].severity, rule.defaultSeverity, `README rule table: ${rule.id} severity`);
    }
  });

  it('documents no rule the service does not have', () => {
    const ids = new Set(ruleCatalog().map((rule) => rule.id));
    assert.deepEqual(documented.filter((row) => !ids.has(row.id)).map((row) => row.id), []);
  });
});
