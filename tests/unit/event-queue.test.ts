import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../engine/index.ts';

describe('EventQueue', () => {
  it('returns events by time, then by the order they were scheduled', () => {
    const q = new EventQueue<string>();
    q.push(2, 'c');
    q.push(1, 'a');
    q.push(2, 'd');
    q.push(1, 'b');
    const out: string[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(e.event);
    expect(out).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejects a time that is not finite', () => {
    const q = new EventQueue<number>();
    expect(() => q.push(Number.NaN, 1)).toThrow(/finite/);
    expect(() => q.push(Infinity, 1)).toThrow(/finite/);
  });

  it('orders any sequence of pushes like a stable sort by time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue<number>();
        times.forEach((t, i) => q.push(t, i));
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i);
        const got: number[] = [];
        for (let e = q.pop(); e; e = q.pop()) got.push(e.event);
        expect(got).toEqual(expected);
        expect(q.size).toBe(0);
        expect(q.peekTime()).toBe(Infinity);
      }),
    );
  });
});

describe('EventQueue under interleaved pushes and pops', () => {
  it('always pops the earliest remaining event, ties by insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(-1)), { maxLength: 300 }), (ops) => {
        const q = new EventQueue<number>();
        const model: { t: number; i: number }[] = [];
        ops.forEach((op, i) => {
          if (op >= 0) {
            q.push(op, i);
            model.push({ t: op, i });
          } else if (model.length > 0) {
            model.sort((a, b) => a.t - b.t || a.i - b.i);
            const expected = model.shift()!;
            expect(q.peekTime()).toBe(expected.t);
            expect(q.popEvent()).toBe(expected.i);
          }
        });
        expect(q.size).toBe(model.length);
      }),
    );
  });
});
