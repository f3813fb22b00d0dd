/**
 * The moments of a run worth pointing at: where the traffic jumps, where the first throttle,
 * error or lost record shows up, when Kafka's pollers change. Charts mark some of them and
 * the island announces them to screen readers as playback passes them. Read from the run's
 * own metrics and scenario, so a marker can never disagree with the data it sits on.
 */
import type { Datapoint, SimulationResult } from '../../engine/index.ts';
import { formatClock } from '../components/chart-model.ts';
import { formatNumber } from '../components/number-format.ts';

export type MomentKind = 'rise' | 'throttle' | 'read-throttle' | 'write-throttle' | 'error' | 'dropped' | 'pollers';

export interface RunMoment {
  /** Simulated second. Metric-based moments are the start of the period they show up in. */
  t: number;
  kind: MomentKind;
  /** A few words for a chart marker. */
  label: string;
  /** A sentence for a screen reader, with the time in it. */
  text: string;
  /** Whether charts mark it (pollers change too often to mark every change). */
  marked: boolean;
}

/** A rate step counts as a spike when it multiplies the rate by at least this much. */
const SPIKE_FACTOR = 1.5;
/** At most this many poller changes are announced; a long on-demand run has many. */
const MAX_POLLER_MOMENTS = 12;

/** The run's moments in time order (ties keep the order of the list above). */
export function runMoments(result: SimulationResult): RunMoment[] {
  const moments: RunMoment[] = [];
  const s = result.scenario;
  const unit = s.source.type === 'requests' ? 'requests/s' : 'records/s';

  const rate = s.producer.rate;
  for (let i = 1; i < rate.length; i++) {
    const before = rate[i - 1]!.recordsPerSecond;
    const after = rate[i]!.recordsPerSecond;
    if (rate[i]!.shape !== 'step' || after < before * SPIKE_FACTOR || after === 0) continue;
    const t = rate[i]!.at;
    const factor = before > 0 ? `×${formatNumber(after / before)}` : 'starts';
    moments.push({
      t,
      kind: 'rise',
      label: `traffic ${factor}`,
      text: `${formatClock(t)}: traffic jumps from ${formatNumber(before, 0)} to ${formatNumber(after, 0)} ${unit}.`,
      marked: true,
    });
  }

  const lambda = result.metrics['AWS/Lambda'] ?? {};
  const kinesis = result.metrics['AWS/Kinesis'] ?? {};
  const first = (points: Datapoint[] | undefined, kind: MomentKind, label: string, sentence: (p: Datapoint) => string) => {
    const p = points?.find((d) => d.Sum > 0);
    if (p) moments.push({ t: p.t, kind, label, text: `${formatClock(p.t)}: ${sentence(p)}`, marked: true });
  };
  const per = periodWords(s.metrics.periodSeconds);
  first(kinesis.WriteProvisionedThroughputExceeded, 'write-throttle', 'first write rejected', (p) => `Kinesis rejects writes for the first time: ${formatNumber(p.Sum, 0)} records ${per}.`);
  first(kinesis.ReadProvisionedThroughputExceeded, 'read-throttle', 'first read throttle', (p) => `Kinesis throttles reads for the first time: ${formatNumber(p.Sum, 0)} calls ${per}.`);
  first(lambda.Throttles, 'throttle', 'first throttle', (p) => `Lambda throttles the function for the first time: ${formatNumber(p.Sum, 0)} throttles ${per}.`);
  first(lambda.Errors, 'error', 'first error', (p) => `the function fails for the first time: ${formatNumber(p.Sum, 0)} errors ${per}.`);
  first(lambda.DroppedEventCount, 'dropped', 'first records lost', (p) => `the mapping gives up on records for the first time: ${formatNumber(p.Sum, 0)} dropped ${per}.`);

  const pollers = result.pollers ?? [];
  for (let i = 1; i < pollers.length && i <= MAX_POLLER_MOMENTS; i++) {
    const { t, pollers: n } = pollers[i]!;
    const was = pollers[i - 1]!.pollers;
    moments.push({ t, kind: 'pollers', label: `${n} pollers`, text: `${formatClock(t)}: the event pollers go from ${was} to ${n}.`, marked: false });
  }

  return moments.map((m, i) => ({ m, i })).sort((a, b) => a.m.t - b.m.t || a.i - b.i).map(({ m }) => m);
}

function periodWords(seconds: number): string {
  return seconds === 60 ? 'in that minute' : `in those ${seconds} s`;
}

/** The moments passed when playback moves from `from` (exclusive) to `to` (inclusive). */
export function momentsPassed(moments: readonly RunMoment[], from: number, to: number): RunMoment[] {
  return moments.filter((m) => m.t > from && m.t <= to);
}
