import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/index.ts';

describe('createRandom', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return Array.from({ length: 8 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const r = createRandom(7);
    const buckets = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      buckets[Math.floor(u * 10)]!++;
    }
    for (const count of buckets) expect(Math.abs(count - n / 10)).toBeLessThan(n / 10 * 0.05);
  });

  it('draws exponential gaps with the requested mean', () => {
    const r = createRandom(3);
    const n = 50_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += r.exponential(4);
    expect(sum / n).toBeCloseTo(0.25, 2);
  });
});
