import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../../bench/corpus';
import { parseYamlFile } from '../../../../server/src/model/yamlDocuments';
import { fitsDaemonSetSchema } from '../../../../server/src/service/schema/fitsSchema';
import validateDaemonSet from '../../../../server/src/service/schema/generated/daemonSetValidator';
import { validateSchema, withoutNullFields } from '../../../../server/src/service/schema/validateSchema';
import { fixturesDir, repoRoot } from '../../../support/golden';

/** The apps/v1 DaemonSets of every YAML file under examples/ and test/fixtures/. */
function daemonSets(): Array<{ name: string; value: Record<string, unknown> }> {
  const found: Array<{ name: string; value: Record<string, unknown> }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) {
        for (const doc of parseYamlFile(readFileSync(path, 'utf8')).documents) {
          const value = doc.value as Record<string, unknown> | undefined;
          if (value && typeof value === 'object' && value.apiVersion === 'apps/v1' && value.kind === 'DaemonSet') {
            found.push({ name: `${path.slice(repoRoot.length)}#${doc.index}`, value });
          }
        }
      }
    }
  };
  walk(join(repoRoot, 'examples'));
  walk(fixturesDir);
  return found;
}

/** Every container (object or list) in a value, with the keys or indexes it holds. */
function containersOf(value: unknown, into: Array<Record<string, unknown> | unknown[]> = []): Array<Record<string, unknown> | unknown[]> {
  if (value !== null && typeof value === 'object') {
    into.push(value as Record<string, unknown>);
    for (const item of Object.values(value)) containersOf(item, into);
  }
  return into;
}

/** Values of every kind the schema tells apart, including the edge cases of ajv's type checks. */
const REPLACEMENTS: unknown[] = [
  'text', '', '100m', '1.5Gi', 'not a quantity', 'RollingUpdate', 'OnDelete', 'Exists', 'TCP', 'Always', 'apps/v1', '10%',
  0, 1, 80, -3, 1.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY,
  true, false, null, [], ['a'], [1], [null], {}, { name: 'x' }, { unknownField: 1 }, { unknownField: null }, [{ name: 'c', image: 'i' }],
];

/** What the generated validator says (null fields dropped first, as Kubernetes reads them), and whether the quick check agrees where it must. */
function assertAgrees(name: string, value: unknown): void {
  // Not validateSchema: it asks the quick check first.
  const valid = validateDaemonSet(withoutNullFields(value));
  const fits = fitsDaemonSetSchema(value);
  if (fits) assert.ok(valid, `${name}: the quick check passed a value the generated validator rejects`);
  // Equal but for ±Infinity, which ajv takes as an integer and the quick check leaves to ajv.
  if (!JSON.stringify(value, (_key, v: unknown) => (v === Number.POSITIVE_INFINITY ? 'Infinity' : v)).includes('"Infinity"')) {
    assert.equal(fits, valid, `${name}: the quick check and the generated validator disagree`);
  }
}

describe('fitsDaemonSetSchema', () => {
  const documents = daemonSets();

  it('finds DaemonSets to compare on', () => {
    assert.ok(documents.length > 50, `only ${documents.length} DaemonSets under examples/ and test/fixtures/`);
    assert.ok(documents.some((d) => fitsDaemonSetSchema(d.value)), 'no DaemonSet fits the schema');
    assert.ok(documents.some((d) => !validateDaemonSet(withoutNullFields(d.value))), 'no fixture breaks the schema');
  });

  it('agrees with the generated validator on every fixture and example', () => {
    for (const { name, value } of documents) assertAgrees(name, value);
  });

  it('agrees with the generated validator on mutated documents', () => {
    const next = mulberry32(13); // seeded: a failure replays
    for (const { name, value } of documents) {
      for (let round = 0; round < 40; round++) {
        const copy = structuredClone(value);
        const containers = containersOf(copy);
        const target = containers[Math.floor(next() * containers.length)];
        const replacement = structuredClone(REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]);
        const keys = Object.keys(target);
        if (Array.isArray(target)) {
          if (target.length === 0 || next() < 0.2) target.push(replacement);
          else target[Math.floor(next() * target.length)] = replacement;
        } else if (keys.length === 0 || next() < 0.15) {
          target[next() < 0.5 ? 'unknownField' : 'name'] = replacement;
        } else if (next() < 0.1) {
          delete target[keys[Math.floor(next() * keys.length)]];
        } else {
          target[keys[Math.floor(next() * keys.length)]] = replacement;
        }
        assertAgrees(`${name} (mutation ${round})`, copy);
      }
    }
  });

  it('leaves to ajv what ajv alone knows how to take', () => {
    const base = structuredClone(documents.find((d) => fitsDaemonSetSchema(d.value))!.value) as { spec: Record<string, unknown> };
    base.spec.minReadySeconds = Number.POSITIVE_INFINITY;
    assert.equal(fitsDaemonSetSchema(base), false);
    assert.equal(validateDaemonSet(base), true);
  });

  it('treats a declared field holding undefined as absent, as ajv does, and an undeclared one as unknown', () => {
    const base = structuredClone(documents.find((d) => fitsDaemonSetSchema(d.value))!.value) as { spec: Record<string, unknown> };
    base.spec.minReadySeconds = undefined;
    assert.equal(fitsDaemonSetSchema(base), true);
    assert.equal(validateDaemonSet(base), true);
    base.spec.notAField = undefined;
    assert.equal(fitsDaemonSetSchema(base), false);
    assert.equal(validateDaemonSet(base), false);
  });

  it('counts a field set to null as not set, known or unknown, but not a null list item', () => {
    const base = structuredClone(documents.find((d) => fitsDaemonSetSchema(d.value))!.value) as { spec: Record<string, unknown> };
    base.spec.minReadySeconds = null;
    base.spec.notAField = null;
    assert.equal(fitsDaemonSetSchema(base), true);
    assert.equal(validateDaemonSet(withoutNullFields(base)), true);
    base.spec.selector = null;
    assert.equal(fitsDaemonSetSchema(base), false);
    assert.deepEqual(validateSchema(base).map((f) => f.message), ['`spec` is missing the required field `selector`.']);
    base.spec.selector = { matchExpressions: [null] };
    assert.equal(fitsDaemonSetSchema(base), false);
  });
});
