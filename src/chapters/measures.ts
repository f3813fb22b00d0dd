/**
 * The numbers a chapter widget can judge a run by: the workbench's outcomes plus the
 * average concurrency of Little's law. Tasks compare them with a bound and bets compare two
 * runs by them, so both name, read and format them here, the same way.
 */
import { formatNumber } from '../components/number-format.ts';
import { formatMoney } from '../filtering/format.ts';
import type { LawCheck, Outcomes } from '../workbench/metric-charts.ts';

export const MEASURE_NAMES = [
  'worstLag',
  'throttles',
  'monthlyCost',
  'processedRecords',
  'backlogRecords',
  'invocations',
  'errors',
  'lawAverage',
  'oldestRecordAge',
  'droppedRecords',
  'destinationRecords',
  'unprocessedGoodRecords',
  'recoverySeconds',
  'writeThrottledRecords',
] as const;

export type MeasureName = (typeof MEASURE_NAMES)[number];

/** One measure read from one run: what to call it, its value, and how to write a value of it. */
export interface Reading {
  label: string;
  value: number;
  format(value: number): string;
}

/** What a run carries that measures are read from (an experiment's run event has both). */
export interface Measured {
  outcomes: Outcomes;
  law: LawCheck | undefined;
}

const count = (value: number) => formatNumber(value);
/** A time in ms, written in seconds with one decimal: 6.5 s. */
const seconds = (ms: number) => `${formatNumber(ms / 1000, 1)} s`;

/** A duration in seconds, as minutes and seconds (4 min 30 s); "never (within the run)" for Infinity. */
const duration = (s: number) => {
  if (!Number.isFinite(s)) return 'never (within the run)';
  const whole = Math.round(s);
  const min = Math.floor(whole / 60);
  const sec = whole % 60;
  return min === 0 ? `${sec} s` : sec === 0 ? `${min} min` : `${min} min ${sec} s`;
};

/** Labels used before any run; worstLag's depends on the source, so it gets a general one. */
const LABELS: Readonly<Record<MeasureName, string>> = {
  worstLag: 'Worst lag',
  throttles: 'Throttles',
  monthlyCost: 'Monthly cost',
  processedRecords: 'Records processed',
  backlogRecords: 'Records left waiting',
  invocations: 'Invocations',
  errors: 'Errors',
  lawAverage: 'Average ConcurrentExecutions',
  oldestRecordAge: 'Longest wait of a batch’s oldest record',
  droppedRecords: 'Records dropped',
  destinationRecords: 'Records sent to the on-failure destination',
  unprocessedGoodRecords: 'Good records not processed',
  recoverySeconds: 'Time to absorb the rise in traffic',
  writeThrottledRecords: 'Records the stream refused (write limit)',
};

/** Whether `name` is a measure (authors type them in MDX, by hand). */
export function isMeasureName(name: string): name is MeasureName {
  return (MEASURE_NAMES as readonly string[]).includes(name);
}

/** The measure's name for the reader when no run is at hand. */
export function measureLabel(name: MeasureName): string {
  return LABELS[name];
}

/** How a value of the measure is written when no run is at hand (worstLag's unit is unknown then). */
export function formatMeasure(name: MeasureName, value: number): string {
  if (name === 'oldestRecordAge') return seconds(value);
  if (name === 'recoverySeconds') return duration(value);
  return name === 'monthlyCost' ? formatMoney(value) : count(value);
}

/**
 * The measure on a run, or undefined when the run does not have it: lawAverage exists only
 * for experiments that chart ConcurrentExecutions (the workbench computes the law for those).
 */
export function readMeasure(name: MeasureName, run: Measured): Reading | undefined {
  const o = run.outcomes;
  switch (name) {
    case 'worstLag': {
      const { metric, unit } = o.worstLag;
      // Requests wait in no stream, so their "lag" is the peak of ConcurrentExecutions.
      const label = metric === 'ConcurrentExecutions' ? 'Peak ConcurrentExecutions' : `Highest ${metric}`;
      return { label, value: o.worstLag.value, format: (v) => `${count(v)} ${unit}` };
    }
    case 'lawAverage':
      return run.law ? { label: LABELS.lawAverage, value: run.law.average, format: count } : undefined;
    case 'monthlyCost':
      return { label: LABELS.monthlyCost, value: o.monthlyCost, format: formatMoney };
    case 'oldestRecordAge':
      // The simulator's measure of a stream run, in ms, written in seconds.
      return o.oldestRecordAgeMs === undefined ? undefined : { label: LABELS.oldestRecordAge, value: o.oldestRecordAgeMs, format: seconds };
    case 'recoverySeconds':
      // A run that never recovers reads as an infinite time, so "at most 5 minutes" fails on it.
      return o.recoverySeconds === undefined ? undefined : { label: LABELS.recoverySeconds, value: o.recoverySeconds ?? Infinity, format: duration };
    default:
      return { label: LABELS[name], value: o[name], format: count };
  }
}
