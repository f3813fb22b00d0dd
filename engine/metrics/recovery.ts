import type { SimulationResult } from '../simulation/result.ts';

/** How far back before the rise the lag's usual level is taken from. */
const BEFORE_SECONDS = 300;

/** How long a run took to absorb a rise in its traffic. */
export interface Recovery {
  /** When the producer's rate rose the most (seconds). */
  riseAt: number;
  /** When the lag was back to its level before the rise, or null if it never was. */
  recoveredAt: number | null;
  /** recoveredAt − riseAt, or null. */
  seconds: number | null;
}

/**
 * When the lag got back to its level before the largest rise in the producer's rate.
 *
 * The lag is compared in seconds of traffic (records waiting ÷ the rate they arrive at),
 * because a consumer that keeps up still holds the records of its batching window and its
 * invocations, and there are three times as many of those at three times the rate. The
 * level before the rise is the largest such value in the five minutes before it (after any
 * start-up the run had); the run has
 * recovered at the end of the first period after the rise whose largest lag is within 10%
 * of it. Uses Kafka's OffsetLag, or Kinesis's IteratorAge (already in time). Undefined when
 * the rate never rises, and for requests (no lag).
 */
export function recoveryAfterRise(result: SimulationResult): Recovery | undefined {
  const points = result.scenario.producer.rate;
  let riseAt = -1;
  let before = 0;
  let after = 0;
  for (let i = 1; i < points.length; i++) {
    const rise = (points[i]!.recordsPerSecond) - (points[i - 1]!.recordsPerSecond);
    if (rise > after - before && points[i]!.shape === 'step') {
      riseAt = points[i]!.at;
      before = points[i - 1]!.recordsPerSecond;
      after = points[i]!.recordsPerSecond;
    }
  }
  // Requests wait in no stream: there is no lag to recover.
  if (riseAt < 0 || before <= 0 || result.scenario.source.type === 'requests') return undefined;
  const lambda = result.metrics['AWS/Lambda'] ?? {};
  const kafka = result.scenario.source.type === 'kafka';
  const series = kafka ? lambda.OffsetLag : lambda.IteratorAge;
  if (!series) return undefined;
  // In seconds of traffic: records ÷ records per second, or IteratorAge's milliseconds ÷ 1,000.
  const inSeconds = (value: number, rate: number) => (kafka ? value / rate : value / 1000);
  const period = result.scenario.metrics.periodSeconds;
  let level = 0;
  for (const p of series) {
    if (p.t >= riseAt - BEFORE_SECONDS && p.t + period <= riseAt && p.Maximum !== null) level = Math.max(level, inSeconds(p.Maximum, before));
  }
  for (const p of series) {
    if (p.t < riseAt + period || p.Maximum === null) continue;
    if (inSeconds(p.Maximum, after) <= level * 1.1) {
      const recoveredAt = p.t + period;
      return { riseAt, recoveredAt, seconds: recoveredAt - riseAt };
    }
  }
  return { riseAt, recoveredAt: null, seconds: null };
}
