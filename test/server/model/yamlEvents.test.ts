import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boolCoreTag, floatCoreTag, intCoreTag, NOT_RESOLVED, nullCoreTag } from 'js-yaml';
import { plainScalarMayResolve, resolvePlainScalar } from '../../../server/src/model/yamlEvents';

/** js-yaml's core schema, every implicit tag tried in turn: what resolvePlainScalar must answer. */
function coreSchemaValue(raw: string): unknown {
  for (const tag of [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag]) {
    const value: unknown = tag.resolve(raw, false, tag.tagName);
    if (value !== NOT_RESOLVED) return value;
  }
  return raw;
}

/** Words near the core schema's null, booleans and numbers, and words that only start like them. */
const NEAR_MISSES = [
  ...['', '~', '~~', 'null', 'Null', 'NULL', 'nULL', 'nul', 'nulls', 'n', 'N', 'no', 'No', 'none', 'name', 'namespace', 'nodeSelector'],
  ...['true', 'True', 'TRUE', 'tRUE', 'tru', 'truth', 't', 'T', 'type', 'tolerations', 'TCP', 'yes', 'on', 'off', 'y', 'Y'],
  ...['false', 'False', 'FALSE', 'fALSE', 'fals', 'falsy', 'f', 'F', 'fieldRef', 'FOO', 'Falsee'],
  ...['0', '-0', '+0', '1', '-1', '+1', '007', '0x1F', '0X1F', '0o17', '0b101', '1_000', '1e3', '1E3', '1.5', '.5', '-.5', '5.', '100m', '8080', '1.2.3'],
  ...['.inf', '.Inf', '.INF', '-.inf', '+.inf', '.nan', '.NaN', '.NAN', '.', '-', '+', '.foo', '-a', '+x', 'ñame', '€', '日本'],
];

/** Short strings over the characters that decide (deterministic: a linear congruential generator). */
function* generatedScalars(count: number): Generator<string> {
  const alphabet = 'nNtTfFuUlLrReEaAsS0123456789.+-~_xXoObBiIy ';
  let seed = 13;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = next() % 7;
    for (let k = 0; k < length; k++) text += alphabet[next() % alphabet.length];
    yield text;
  }
}

describe('yamlEvents', () => {
  it('resolves a plain scalar as the core schema does, words that start like null or a boolean included', () => {
    for (const raw of [...NEAR_MISSES, ...generatedScalars(20_000)]) {
      const expected = coreSchemaValue(raw);
      const actual = resolvePlainScalar(raw);
      assert.ok(Object.is(actual, expected), `${JSON.stringify(raw)}: ${String(actual)} ≠ ${String(expected)}`);
    }
  });

  it('says a plain scalar may resolve whenever the core schema reads it as something else than a string', () => {
    for (const raw of [...NEAR_MISSES, ...generatedScalars(20_000)]) {
      if (raw === '') continue;
      const text = `key: ${raw} # after`;
      if (typeof coreSchemaValue(raw) !== 'string') assert.ok(plainScalarMayResolve(text, 5, 5 + raw.length), JSON.stringify(raw));
    }
  });
});
