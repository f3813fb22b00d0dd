import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatUsd } from '../../src/components/number-format.ts';

/** What the site's numbers must read as: Intl's en-US format, which the functions avoid building on the page. */
const intl = (value: number, max: number, min = 0) => new Intl.NumberFormat('en-US', { maximumFractionDigits: max, minimumFractionDigits: min }).format(value);
const intlUsd = (value: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

/** Values with few decimals, where halves and carries happen: 2.5, 0.995, 99.96, 1.005. */
const decimalish = fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 7 })).map(([n, scale]) => n / 10 ** scale);

describe('number format', () => {
  it('writes what Intl writes, on chosen hard cases', () => {
    const cases = [0, -0, 0.5, 1.5, 2.5, -2.5, 1.005, 0.995, 9.995, 99.96, 999.95, 0.0005, 0.00049999, 5e-7, 1e-7, 5e-324, 1234.5678, 1e20, 1.5e20, 1e21, 1.7976931348623157e308, NaN, Infinity, -Infinity];
    for (const value of cases) {
      for (const digits of [0, 1, 2, 3, 6]) expect(formatNumber(value, digits), `${value} to ${digits} decimals`).toBe(intl(value, digits));
      expect(formatUsd(value), `${value} in dollars`).toBe(intlUsd(value));
    }
    expect(formatNumber(1234567.891)).toBe('1,234,567.9');
    expect(formatNumber(1.005, 2)).toBe('1.01'); // toFixed says 1.00: the shortest digits decide, as in Intl
    expect(formatUsd(-3)).toBe('-$3.00');
  });

  it('writes what Intl writes for any double and any number of decimals', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), decimalish), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), (value, max, extra) => {
        const min = Math.min(max, extra);
        expect(formatNumber(value, max, min)).toBe(intl(value, max, min));
      }),
      { numRuns: 20_000, seed: 20261127 },
    );
  });

  it('writes dollars as Intl does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e12, max: 1e12 }), decimalish), (value) => {
        expect(formatUsd(value)).toBe(intlUsd(value));
      }),
      { numRuns: 10_000, seed: 20261127 },
    );
  });
});
