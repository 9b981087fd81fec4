/**
 * resource.Quantity parsing as Kubernetes does it (k8s.io/apimachinery
 * pkg/api/resource ParseQuantity): an optionally signed decimal number, then
 * one suffix — binary SI (Ki Mi Gi Ti Pi Ei), decimal SI (n u m "" k M G T P
 * E) or a decimal exponent (e3, E-2). Values are kept exactly, as integers
 * of nano-units; anything finer than a nano-unit is rounded up, as the API
 * server does.
 */

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  /** The value times 10^9, exact. */
  nanos: bigint;
  format: QuantityFormat;
}

const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
const EXPONENT = /^[eE]([+-]?\d+)$/;

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return quotient * denominator === numerator || numerator < 0n ? quotient : quotient + 1n;
}

/**
 * Quantities read recently, by text: an inventory's thousands of nodes write
 * the same few (`"58"`, `3910m`, `32329540Ki`), and each is read when the
 * node is loaded and again by every fit and cost question. Bounded; the
 * quantities are frozen, as every caller shares them.
 */
const recentQuantities = new Map<string, Quantity | undefined>();
const RECENT_QUANTITIES_LIMIT = 4096;

/** The exact quantity, or undefined when the text is not a valid Kubernetes quantity. */
export function parseQuantity(text: string): Quantity | undefined {
  const known = recentQuantities.get(text);
  if (known !== undefined || recentQuantities.has(text)) return known;
  if (recentQuantities.size >= RECENT_QUANTITIES_LIMIT) recentQuantities.clear();
  const quantity = parseQuantityText(text);
  recentQuantities.set(text, quantity && Object.freeze(quantity));
  return quantity;
}

function parseQuantityText(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text.trim() === text ? text : '');
  if (!match) return undefined;
  const [, sign, whole, fraction = '', suffix] = match;
  if (whole === '' && fraction === '') return undefined;
  if (whole === '' && !text.includes('.')) return undefined;
  let format: QuantityFormat;
  let power10 = 0;
  let power2 = 0;
  if (suffix in BINARY_SUFFIXES) {
    format = 'BinarySI';
    power2 = BINARY_SUFFIXES[suffix];
  } else if (suffix in DECIMAL_SUFFIXES) {
    format = 'DecimalSI';
    power10 = DECIMAL_SUFFIXES[suffix];
  } else {
    const exponent = EXPONENT.exec(suffix);
    if (!exponent) return undefined;
    format = 'DecimalExponent';
    power10 = Number(exponent[1]);
    if (!Number.isSafeInteger(power10) || Math.abs(power10) > 1000) return undefined;
  }
  // value = digits × 10^(power10 − fraction.length) × 2^power2; in nanos: × 10^9.
  let numerator = BigInt((whole || '0') + fraction) * 2n ** BigInt(power2);
  const scale = power10 - fraction.length + 9;
  let denominator = 1n;
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else denominator = 10n ** BigInt(-scale);
  const magnitude = ceilDiv(numerator, denominator);
  // Rounding is "up" in magnitude (away from zero), as inf.Dec RoundUp does.
  return { nanos: sign === '-' ? -magnitude : magnitude, format };
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return compareQuantities(a, b) >= 0 ? a : b;
}

export const ZERO_QUANTITY: Quantity = { nanos: 0n, format: 'DecimalSI' };

/** Millicores / milli-units, rounded up like Quantity.MilliValue. */
export function milliValue(quantity: Quantity): bigint {
  return ceilDiv(quantity.nanos, 1_000_000n);
}

/** Whole units, rounded up like Quantity.Value. */
export function unitValue(quantity: Quantity): bigint {
  return ceilDiv(quantity.nanos, 1_000_000_000n);
}

/** A short human rendering: cpu in millicores (`250m`), bytes in the largest exact binary unit. */
export function formatQuantity(quantity: Quantity, resource: string): string {
  if (resource === 'cpu') {
    const milli = milliValue(quantity);
    return milli % 1000n === 0n ? String(milli / 1000n) : `${milli}m`;
  }
  const units = unitValue(quantity);
  if (quantity.format === 'BinarySI' || resource === 'memory' || resource === 'ephemeral-storage') {
    for (const [suffix, shift] of [['Ei', 60n], ['Pi', 50n], ['Ti', 40n], ['Gi', 30n], ['Mi', 20n], ['Ki', 10n]] as const) {
      const unit = 1n << shift;
      if (units !== 0n && units % unit === 0n) return `${units / unit}${suffix}`;
    }
  }
  return String(units);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const BYTE_RESOURCES = new Set(['memory', 'ephemeral-storage', 'storage']);

/** `value` with at most `decimals` decimals, trailing zeros dropped: 149.85, 187.3, 64. */
function decimal(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/**
 * A quantity as people read totals, the way `kubectl top` and cloud consoles
 * show them: CPU in cores with up to two decimals (`149.85 CPU`), in
 * millicores only below one core (`250m`); memory and storage in binary units
 * with up to one decimal (`187.3 GiB`, `64 MiB`); other resources as a count.
 * Rounded for reading — messages that compare exact quantities use `formatQuantity`.
 */
export function formatQuantityForPeople(quantity: Quantity, resource: string): string {
  if (resource === 'cpu') {
    const milli = milliValue(quantity);
    if (milli < 1000n && milli > -1000n) return `${milli}m`;
    return `${decimal(Number(milli) / 1000, 2)} CPU`;
  }
  if (BYTE_RESOURCES.has(resource) || resource.startsWith('hugepages-')) return formatBytesForPeople(Number(unitValue(quantity)));
  return String(unitValue(quantity));
}

/** A byte count as people read it, in binary units with up to one decimal: `512 B`, `1.5 KiB`, `256 MiB`. */
export function formatBytesForPeople(bytes: number): string {
  let unit = 0;
  // Next unit once the rounded value would read 1024 or more (1023.96 MiB is 1 GiB).
  while (unit < BYTE_UNITS.length - 1 && Math.abs(Number((bytes / 1024 ** unit).toFixed(1))) >= 1024) unit++;
  return `${decimal(bytes / 1024 ** unit, unit === 0 ? 0 : 1)} ${BYTE_UNITS[unit]}`;
}
