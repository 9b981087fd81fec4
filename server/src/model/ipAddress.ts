/**
 * IP address validation as the API server does it (k8s.io/apimachinery
 * `IsValidIPForLegacyField`, over k8s.io/utils `ParseIPSloppy`, which is Go
 * 1.16's `net.ParseIP`). Legacy pod fields such as `hostAliases[].ip` accept
 * IPv4 octets with leading zeros ("010.1.1.1" is 10.1.1.1) and IPv4-mapped
 * IPv6 addresses unless the StrictIPCIDRValidation feature gate is on (alpha,
 * off by default through Kubernetes 1.35); with it they are errors of their
 * own. Browser-safe: no `node:net`.
 */

export const INVALID_IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

export interface SloppyIP {
  /** The 16 bytes of the address (IPv4 as IPv4-mapped IPv6, as Go's `net.IP` holds it). */
  bytes: Uint8Array;
  /** Written with a ':' (IPv6 text), so `::ffff:1.2.3.4` is IPv4-mapped IPv6 and `1.2.3.4` is not. */
  ipv6Text: boolean;
  /** A 0-prefixed IPv4 octet or an IPv6 group of more than 4 digits, which Go's `netip.ParseAddr` rejects. */
  leadingZeros: boolean;
}

/** Go 1.16's `net.ParseIP`: the first '.' or ':' decides the family. */
export function parseIPSloppy(value: string): SloppyIP | undefined {
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '.') return parseIPv4(value);
    if (value[i] === ':') return parseIPv6(value);
  }
  return undefined;
}

/**
 * The problems `IsValidIPForLegacyField` reports, empty when valid. `strict`
 * is the StrictIPCIDRValidation feature gate.
 */
export function ipAddressProblems(value: string, options: { strict: boolean }): string[] {
  const ip = parseIPSloppy(value);
  if (!ip) return [INVALID_IP_MESSAGE];
  if (!options.strict) return [];
  const problems: string[] = [];
  if (ip.leadingZeros) problems.push('must not have leading 0s');
  if (ip.ipv6Text && isIPv4Mapped(ip.bytes)) problems.push('must not be an IPv4-mapped IPv6 address');
  return problems;
}

function isIPv4Mapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Go's `big`: the decimal/hex scanners give up at this value, not at a digit count. */
const BIG = 0xffffff;

interface Scanned {
  value: number;
  length: number;
}

function scanDecimal(text: string, from: number): Scanned | undefined {
  let value = 0;
  let i = from;
  for (; i < text.length && text[i] >= '0' && text[i] <= '9'; i++) {
    value = value * 10 + (text.charCodeAt(i) - 48);
    if (value >= BIG) return undefined;
  }
  return i === from ? undefined : { value, length: i - from };
}

function scanHex(text: string, from: number): Scanned | undefined {
  let value = 0;
  let i = from;
  for (; i < text.length; i++) {
    const digit = parseInt(text[i], 16);
    if (Number.isNaN(digit)) break;
    value = value * 16 + digit;
    if (value >= BIG) return undefined;
  }
  return i === from ? undefined : { value, length: i - from };
}

/** Four decimal octets; returns the bytes and whether an octet had a leading 0. */
function parseIPv4Octets(
  text: string,
  from: number,
): { octets: number[]; leadingZeros: boolean } | undefined {
  const octets: number[] = [];
  let leadingZeros = false;
  let at = from;
  for (let i = 0; i < 4; i++) {
    if (at >= text.length) return undefined;
    if (i > 0) {
      if (text[at] !== '.') return undefined;
      at++;
    }
    const octet = scanDecimal(text, at);
    if (!octet || octet.value > 0xff) return undefined;
    if (octet.length > 1 && text[at] === '0') leadingZeros = true;
    octets.push(octet.value);
    at += octet.length;
  }
  return at === text.length ? { octets, leadingZeros } : undefined;
}

function parseIPv4(text: string): SloppyIP | undefined {
  const parsed = parseIPv4Octets(text, 0);
  if (!parsed) return undefined;
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  bytes.set(parsed.octets, 12);
  return { bytes, ipv6Text: false, leadingZeros: parsed.leadingZeros };
}

function parseIPv6(text: string): SloppyIP | undefined {
  const bytes = new Uint8Array(16);
  let ellipsis = -1;
  let leadingZeros = false;
  let at = 0;
  if (text.startsWith('::')) {
    ellipsis = 0;
    at = 2;
    if (at === text.length) return { bytes, ipv6Text: true, leadingZeros };
  }
  let i = 0;
  while (i < 16) {
    const group = scanHex(text, at);
    if (!group || group.value > 0xffff) return undefined;
    if (at + group.length < text.length && text[at + group.length] === '.') {
      // A trailing IPv4 address, only as the last 4 bytes.
      if (ellipsis < 0 && i !== 12) return undefined;
      if (i + 4 > 16) return undefined;
      const v4 = parseIPv4Octets(text, at);
      if (!v4) return undefined;
      bytes.set(v4.octets, i);
      leadingZeros ||= v4.leadingZeros;
      at = text.length;
      i += 4;
      break;
    }
    if (group.length > 4) leadingZeros = true;
    bytes[i] = group.value >> 8;
    bytes[i + 1] = group.value & 0xff;
    i += 2;
    at += group.length;
    if (at === text.length) break;
    if (text[at] !== ':' || at + 1 === text.length) return undefined;
    at++;
    if (text[at] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      at++;
      if (at === text.length) break;
    }
  }
  if (at !== text.length) return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const shift = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) bytes[j + shift] = bytes[j];
    for (let j = ellipsis + shift - 1; j >= ellipsis; j--) bytes[j] = 0;
  } else if (ellipsis >= 0) {
    // The ellipsis must stand for at least one group.
    return undefined;
  }
  return { bytes, ipv6Text: true, leadingZeros };
}
