import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Observations } from '../../engine/metrics/observations.ts';

/** Nearest-rank percentile of a list, by sorting: the definition the recorder must meet. */
function byRank(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length - 1e-9)) - 1] as number;
}

function extremes(groups: number[][]) {
  return {
    min: groups.map((g) => (g.length ? Math.min(...g) : Infinity)),
    max: groups.map((g) => (g.length ? Math.max(...g) : -Infinity)),
  };
}

describe('Observations', () => {
  it('gives the nearest-rank p50, p90 and p99 of each period', () => {
    const o = new Observations(3);
    const first = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, reversed on purpose
    for (const v of first) o.add(0, v);
    o.add(2, 7);
    const [a, b, c] = o.percentiles([1, Infinity, 7], [100, -Infinity, 7]);
    expect(a).toEqual({ p50: 50, p90: 90, p99: 99 });
    expect(b).toBeNull();
    expect(c).toEqual({ p50: 7, p90: 7, p99: 7 });
  });

  it('matches sorting on random data with repeated values, in any order of periods', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 300 }), (pairs) => {
        const o = new Observations(4);
        const groups: number[][] = [[], [], [], []];
        for (const [p, v] of pairs) {
          o.add(p, v);
          groups[p]!.push(v);
        }
        const { min, max } = extremes(groups);
        const got = o.percentiles(min, max);
        groups.forEach((g, p) => {
          if (g.length === 0) expect(got[p]).toBeNull();
          else expect(got[p]).toEqual({ p50: byRank(g, 0.5), p90: byRank(g, 0.9), p99: byRank(g, 0.99) });
        });
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('stays within 0.4% once observations are folded into buckets to bound memory', () => {
    const o = new Observations(1, 1024); // fold after 1,024 observations
    const values: number[] = [];
    let x = 12345;
    for (let i = 0; i < 5000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const v = 10 + (x / 2147483648) * 990;
      values.push(v);
      o.add(0, v);
    }
    const [got] = o.percentiles([Math.min(...values)], [Math.max(...values)]);
    for (const [q, key] of [[0.5, 'p50'], [0.9, 'p90'], [0.99, 'p99']] as const) {
      const exact = byRank(values, q);
      expect(Math.abs(got![key] - exact) / exact).toBeLessThan(0.004);
    }
  });
});
