/**
 * IntOrString values as the API server validates them for
 * maxUnavailable/maxSurge (`ValidatePositiveIntOrPercent`,
 * `IsNotMoreThan100Percent`) and as `getIntOrPercentValue` reads them.
 */

export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

const PERCENT = /^[0-9]+%$/;

/** The parsed value, or a problem in words. Booleans, floats and other strings are problems. */
export function parseIntOrPercent(value: unknown): IntOrPercent | { problem: string } {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { problem: `must be an integer or a percentage, not ${value}` };
    if (value < 0) return { problem: 'must be greater than or equal to 0' };
    return { kind: 'int', value };
  }
  if (typeof value === 'string') {
    if (!PERCENT.test(value)) {
      return {
        problem: `"${value}" is not a valid percent: a percentage is a number followed by '%' (e.g. "25%"); write an integer without quotes for a count`,
      };
    }
    return { kind: 'percent', value: Number(value.slice(0, -1)) };
  }
  return { problem: `must be an integer or a percentage string, not ${value === null ? 'null' : typeof value}` };
}

export function isZero(value: IntOrPercent): boolean {
  return value.value === 0;
}
