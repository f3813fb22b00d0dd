import type { Random } from '../core/random.ts';
import type { ProducerSettings, RatePoint } from '../scenario/schema.ts';

/**
 * The producer's mean rate in each whole second of the run, from the scenario's rate
 * points (steps and ramps) plus any random bursts. Entry `s` is the mean over [s, s + 1).
 */
export function ratePerSecond(producer: ProducerSettings, durationSeconds: number, random: Random): Float64Array {
  const rates = new Float64Array(durationSeconds);
  for (let s = 0; s < durationSeconds; s++) rates[s] = meanRateOver(producer.rate, s, s + 1);
  if (producer.bursts) addBursts(rates, producer.bursts, random);
  return rates;
}

/** The rate given by the points at instant `t`. Before the first point the rate is 0. */
export function rateAt(points: readonly RatePoint[], t: number): number {
  let rate = 0;
  let previous: { at: number; rate: number } = { at: 0, rate: 0 };
  for (const point of points) {
    if (point.at > t) {
      if (point.shape === 'ramp' && point.at > previous.at) {
        const progress = (t - previous.at) / (point.at - previous.at);
        return previous.rate + (point.recordsPerSecond - previous.rate) * Math.max(0, progress);
      }
      return rate;
    }
    rate = point.recordsPerSecond;
    previous = { at: point.at, rate };
  }
  return rate;
}

/**
 * How many records the producer is expected to send in the first `durationSeconds`: the
 * rate points' integral, plus the bursts' extra rate times the expected share of time spent
 * in a burst (each burst lasts its duration, and the next starts a mean gap after it ends).
 * Computed without drawing anything, for size checks before a run.
 */
export function expectedRecords(producer: ProducerSettings, durationSeconds: number): number {
  if (durationSeconds <= 0) return 0;
  let total = meanRateOver(producer.rate, 0, durationSeconds) * durationSeconds;
  const bursts = producer.bursts;
  if (bursts) {
    const share = bursts.durationSeconds / (bursts.durationSeconds + bursts.meanSecondsBetween);
    total += bursts.extraRecordsPerSecond * durationSeconds * share;
  }
  return total;
}

/**
 * Mean of the rate over [from, to]. The rate is piecewise linear, so the mean of each
 * linear piece is its value at the midpoint; the pieces are split at the points' times.
 */
function meanRateOver(points: readonly RatePoint[], from: number, to: number): number {
  const cuts = [from];
  for (const p of points) if (p.at > from && p.at < to) cuts.push(p.at);
  cuts.push(to);
  let area = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i] as number;
    const b = cuts[i + 1] as number;
    area += rateAt(points, (a + b) / 2) * (b - a);
  }
  return area / (to - from);
}

function addBursts(rates: Float64Array, bursts: NonNullable<ProducerSettings['bursts']>, random: Random): void {
  const end = rates.length;
  let start = random.exponential(1 / bursts.meanSecondsBetween);
  while (start < end) {
    const stop = Math.min(end, start + bursts.durationSeconds);
    for (let s = Math.floor(start); s < stop; s++) {
      const overlap = Math.min(stop, s + 1) - Math.max(start, s);
      rates[s] = (rates[s] as number) + bursts.extraRecordsPerSecond * overlap;
    }
    start = stop + random.exponential(1 / bursts.meanSecondsBetween);
  }
}
