import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dns1123LabelProblems, dns1123SubdomainProblems, labelValueProblems, qualifiedNameProblems, utf8Length } from '../../../server/src/model/labelSyntax';

// The tables of k8s.io/apimachinery's TestIsLabelKey (IsQualifiedName) and TestIsLabelValue.
describe('qualifiedNameProblems (IsQualifiedName)', () => {
  const valid = [
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes',
    'now.with.dots/simple',
    'now-with.dashes-and.dots/simple',
    '1-num.2-num/3-num',
    '1234/5678',
    '1.2.3.4/5678',
    'Uppercase_Is_OK_123',
    'example.com/Uppercase_Is_OK_123',
    'requests.storage-foo',
    'a'.repeat(63),
    'a'.repeat(253) + '/' + 'b'.repeat(63),
  ];
  for (const key of valid) {
    it(`accepts ${JSON.stringify(key.length > 40 ? `${key.slice(0, 20)}…(${key.length})` : key)}`, () => {
      assert.deepEqual(qualifiedNameProblems(key), []);
    });
  }
  const invalid = [
    'nospecialchars%^=@',
    'cantendwithadash-',
    '-cantstartwithadash-',
    'only/one/slash',
    'Example.com/abc',
    'example_com/abc',
    'example.com/',
    '/simple',
    'a'.repeat(64),
    'a'.repeat(254) + '/abc',
  ];
  for (const key of invalid) {
    it(`rejects ${JSON.stringify(key.length > 40 ? `${key.slice(0, 20)}…(${key.length})` : key)}`, () => {
      assert.notDeepEqual(qualifiedNameProblems(key), []);
    });
  }
  it('names every reason, as Kubernetes does', () => {
    assert.deepEqual(
      qualifiedNameProblems('example.com/').map((p) => p.split(' ').slice(0, 4).join(' ')),
      ['name part must be', 'name part must consist'],
    );
    assert.deepEqual(qualifiedNameProblems('/simple'), ['prefix part must be non-empty']);
    assert.deepEqual(qualifiedNameProblems('a'.repeat(64)), ['name part must be no more than 63 bytes']);
  });
});

describe('labelValueProblems (IsValidLabelValue)', () => {
  const valid = ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), ''];
  for (const value of valid) {
    it(`accepts ${JSON.stringify(value)}`, () => assert.deepEqual(labelValueProblems(value), []));
  }
  const invalid = [
    'nospecialchars%^=@',
    'Tama-nui-te-rā.is.Māori.sun',
    '\\backslashes\\are\\bad',
    '-starts-with-dash',
    'ends-with-dash-',
    '.starts.with.dot',
    'ends.with.dot.',
    'a'.repeat(64),
  ];
  for (const value of invalid) {
    it(`rejects ${JSON.stringify(value)}`, () => assert.notDeepEqual(labelValueProblems(value), []));
  }
  it('counts length in UTF-8 bytes, as Go does', () => {
    // 32 characters, 64 bytes: too long for Kubernetes although shorter than 63 UTF-16 units.
    assert.ok(labelValueProblems('ā'.repeat(32)).includes('must be no more than 63 bytes'));
    assert.equal(utf8Length('aā€😀'), 1 + 2 + 3 + 4);
  });
});

describe('valid values, told at once', () => {
  // Kubernetes' definitions, spelt out: what each check accepts.
  const nameOk = (name: string) => /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name) && utf8Length(name) <= 63;
  const subdomainOk = (value: string) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(value) && utf8Length(value) <= 253;
  const qualifiedOk = (value: string) => {
    const parts = value.split('/');
    return parts.length === 1 ? nameOk(value) : parts.length === 2 && subdomainOk(parts[0]) && nameOk(parts[1]);
  };
  const run = (unit: string, max: number) => fc.array(fc.constantFrom(unit), { minLength: 0, maxLength: max }).map((units) => units.join(''));
  const text = fc
    .array(fc.oneof(fc.constantFrom('a', 'Z', '0', '-', '_', '.', '/', 'ā', '😀', ' ', ''), run('a', 260), run('b.', 130)), { maxLength: 6 })
    .map((pieces) => pieces.join(''));

  it('accepts exactly what Kubernetes accepts, and gives a reason for anything else', () => {
    fc.assert(
      fc.property(text, (value) => {
        assert.equal(qualifiedNameProblems(value).length === 0, qualifiedOk(value), `qualified name ${JSON.stringify(value)}`);
        assert.equal(labelValueProblems(value).length === 0, value === '' || (nameOk(value) && utf8Length(value) <= 63), `label value ${JSON.stringify(value)}`);
        assert.equal(dns1123SubdomainProblems(value).length === 0, subdomainOk(value), `subdomain ${JSON.stringify(value)}`);
        assert.equal(
          dns1123LabelProblems(value).length === 0,
          /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) && value.length <= 63,
          `label ${JSON.stringify(value)}`,
        );
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});
