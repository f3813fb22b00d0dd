import type { Datapoint } from './recorder.ts';

/**
 * Metrics that follow from others, built at the end instead of recorded as they happen:
 * a run records one sample where CloudWatch would show several metrics of it.
 */

/** A count of samples as its own metric (each sample counts 1): Invocations from InvokedEventCount. */
export function countOfSamples(series: readonly Datapoint[]): Datapoint[] {
  return series.map((p) => ({
    t: p.t,
    Sum: p.SampleCount,
    SampleCount: p.SampleCount,
    Average: p.SampleCount > 0 ? 1 : null,
    Minimum: p.SampleCount > 0 ? 1 : null,
    Maximum: p.SampleCount > 0 ? 1 : null,
  }));
}

/** Every value multiplied by `factor`: bytes from records of a fixed size. */
export function scaled(series: readonly Datapoint[], factor: number): Datapoint[] {
  const times = (v: number | null) => (v === null ? null : v * factor);
  return series.map((p) => ({ t: p.t, Sum: p.Sum * factor, SampleCount: p.SampleCount, Average: times(p.Average), Minimum: times(p.Minimum), Maximum: times(p.Maximum) }));
}

/** Every value plus `offset` (for a gauge): ClaimedAccountConcurrency from ConcurrentExecutions. */
export function shifted(series: readonly Datapoint[], offset: number): Datapoint[] {
  const plus = (v: number | null) => (v === null ? null : v + offset);
  return series.map((p) => ({ t: p.t, Sum: p.Sum + offset * p.SampleCount, SampleCount: p.SampleCount, Average: plus(p.Average), Minimum: plus(p.Minimum), Maximum: plus(p.Maximum) }));
}

/** A gauge that holds one value throughout, in the shape of `like`. */
export function constantGauge(like: readonly Datapoint[], value: number): Datapoint[] {
  return like.map((p) => ({ t: p.t, Sum: value * p.SampleCount, SampleCount: p.SampleCount, Average: value, Minimum: value, Maximum: value }));
}

/** Two sampled metrics of the same periods taken together (shared polls and EFO pushes). */
export function merged(a: readonly Datapoint[], b: readonly Datapoint[]): Datapoint[] {
  return a.map((p, i) => {
    const q = b[i] as Datapoint;
    const count = p.SampleCount + q.SampleCount;
    const pick = (f: (x: number, y: number) => number, x: number | null, y: number | null) => (x === null ? y : y === null ? x : f(x, y));
    return {
      t: p.t,
      Sum: p.Sum + q.Sum,
      SampleCount: count,
      Average: count > 0 ? (p.Sum + q.Sum) / count : null,
      Minimum: pick(Math.min, p.Minimum, q.Minimum),
      Maximum: pick(Math.max, p.Maximum, q.Maximum),
    };
  });
}
