import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INVALID_IP_MESSAGE, ipAddressProblems, parseIPSloppy } from '../../../server/src/model/ipAddress';

// The table of k8s.io/apimachinery's TestIsValidIP, columns legacyErr (IsValidIPForLegacyField
// without strict validation, Kubernetes' default) and legacyStrictErr (StrictIPCIDRValidation on).
// Its non-canonical rows ("0:0:0:0:0:0:0:0", "1234::ABCD") are errors only for IsValidIP, which
// new fields use; legacy fields accept them.
const cases: Array<{ name: string; in: string; legacyErr?: string; legacyStrictErr?: string }> = [
  { name: 'ipv4', in: '1.2.3.4' },
  { name: 'ipv4, all zeros', in: '0.0.0.0' },
  { name: 'ipv4, max', in: '255.255.255.255' },
  { name: 'ipv6', in: '1234::abcd' },
  { name: 'ipv6, all zeros, collapsed', in: '::' },
  { name: 'ipv6, max', in: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' },
  { name: 'ipv6, all zeros, expanded (non-canonical)', in: '0:0:0:0:0:0:0:0' },
  { name: 'ipv6, leading 0s (non-canonical)', in: '0001:002:03:4::' },
  { name: 'ipv6, capital letters (non-canonical)', in: '1234::ABCD' },
  { name: 'ipv4 with leading 0s', in: '1.1.1.01', legacyStrictErr: 'must not have leading 0s' },
  {
    name: 'ipv4-in-ipv6 value',
    in: '::ffff:1.1.1.1',
    legacyStrictErr: 'must not be an IPv4-mapped IPv6 address',
  },
  { name: 'empty string', in: '', legacyErr: INVALID_IP_MESSAGE, legacyStrictErr: INVALID_IP_MESSAGE },
  { name: 'junk', in: 'aaaaaaa', legacyErr: INVALID_IP_MESSAGE, legacyStrictErr: INVALID_IP_MESSAGE },
  {
    name: 'domain name',
    in: 'myhost.mydomain',
    legacyErr: INVALID_IP_MESSAGE,
    legacyStrictErr: INVALID_IP_MESSAGE,
  },
  { name: 'cidr', in: '1.2.3.0/24', legacyErr: INVALID_IP_MESSAGE, legacyStrictErr: INVALID_IP_MESSAGE },
  {
    name: 'ipv4 with out-of-range octets',
    in: '1.2.3.400',
    legacyErr: INVALID_IP_MESSAGE,
    legacyStrictErr: INVALID_IP_MESSAGE,
  },
  {
    name: 'ipv4 with negative octets',
    in: '-1.0.0.0',
    legacyErr: INVALID_IP_MESSAGE,
    legacyStrictErr: INVALID_IP_MESSAGE,
  },
  {
    name: 'ipv6 with out-of-range segment',
    in: '2001:db8::10005',
    legacyErr: INVALID_IP_MESSAGE,
    legacyStrictErr: INVALID_IP_MESSAGE,
  },
  { name: 'ipv4:port', in: '1.2.3.4:80', legacyErr: INVALID_IP_MESSAGE, legacyStrictErr: INVALID_IP_MESSAGE },
  {
    name: 'ipv6 with brackets',
    in: '[2001:db8::1]',
    legacyErr: INVALID_IP_MESSAGE,
    legacyStrictErr: INVALID_IP_MESSAGE,
  },
  {
    name: '[ipv6]:port',
    in: '[2001:db8::1]:80',
    legacyErr: INVALID_IP_MESSAGE,
    legacyStrictErr: INVALID_IP_MESSAGE,
  },
  {
    name: 'host:port',
    in: 'example.com:80',
    legacyErr: INVALID_IP_MESSAGE,
    legacyStrictErr: INVALID_IP_MESSAGE,
  },
  {
    name: 'ipv6 with zone',
    in: '1234::abcd%eth0',
    legacyErr: INVALID_IP_MESSAGE,
    legacyStrictErr: INVALID_IP_MESSAGE,
  },
  {
    name: 'ipv4 with zone',
    in: '169.254.0.0%eth0',
    legacyErr: INVALID_IP_MESSAGE,
    legacyStrictErr: INVALID_IP_MESSAGE,
  },
];

describe('ipAddressProblems (IsValidIPForLegacyField)', () => {
  for (const c of cases) {
    it(`${c.name}: ${JSON.stringify(c.in)}`, () => {
      assert.deepEqual(ipAddressProblems(c.in, { strict: false }), c.legacyErr ? [c.legacyErr] : []);
      assert.deepEqual(
        ipAddressProblems(c.in, { strict: true }),
        c.legacyStrictErr ? [c.legacyStrictErr] : [],
      );
    });
  }
});

describe('parseIPSloppy (Go 1.16 net.ParseIP)', () => {
  const bytesOf = (text: string) => Array.from(parseIPSloppy(text)?.bytes ?? []);
  it('reads IPv4 as IPv4-mapped bytes, leading zeros as decimal', () => {
    assert.deepEqual(bytesOf('010.002.3.4'), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 10, 2, 3, 4]);
  });
  it('expands the ellipsis anywhere, once', () => {
    assert.deepEqual(bytesOf('1::2'), [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(bytesOf('1:2:3:4:5:6:7::'), [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0]);
    assert.equal(parseIPSloppy('1::2::3'), undefined);
    assert.equal(
      parseIPSloppy('1:2:3:4:5:6:7:8::'),
      undefined,
      'an ellipsis must stand for at least one group',
    );
  });
  it('accepts a trailing IPv4 address only in the last 4 bytes', () => {
    assert.deepEqual(bytesOf('::1.2.3.4').slice(12), [1, 2, 3, 4]);
    assert.deepEqual(bytesOf('1:2:3:4:5:6:1.2.3.4').slice(12), [1, 2, 3, 4]);
    assert.equal(parseIPSloppy('1:2:3:4:5:1.2.3.4'), undefined);
    assert.equal(parseIPSloppy('1.2.3.4::'), undefined);
  });
  it('rejects missing and extra groups, stray colons', () => {
    for (const text of [
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      ':1::',
      '1:',
      '1.2.3',
      '1.2.3.4.5',
      '1..2.3',
      '::ffff:1.2.3',
    ]) {
      assert.equal(parseIPSloppy(text), undefined, text);
    }
  });
  it('flags long IPv6 groups as leading zeros, as netip.ParseAddr rejects them', () => {
    assert.deepEqual(ipAddressProblems('00001::', { strict: false }), []);
    assert.deepEqual(ipAddressProblems('00001::', { strict: true }), ['must not have leading 0s']);
    assert.deepEqual(ipAddressProblems('::ffff:0102:0304', { strict: true }), [
      'must not be an IPv4-mapped IPv6 address',
    ]);
  });
});
