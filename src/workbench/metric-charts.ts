/**
 * What the workbench's charts show: CloudWatch metrics of a run, by their AWS names, with
 * the namespace, statistic and period said in the title. Pure data, so the same view is
 * built at build time (the page teaches with JavaScript off) and in the browser.
 */
import { bindingLimits, recoveryAfterRise, type Datapoint, type Namespace, type SimulationResult } from '../../engine/index.ts';
import { formatClock, periodSeries, type ChartSeries } from '../components/chart-model.ts';
import { formatNumber } from '../components/number-format.ts';
import { pipelinePeriods, type PipelinePeriod } from './pipeline.ts';
import { runMoments, type RunMoment } from './run-moments.ts';

type Statistic = 'Sum' | 'Average' | 'Maximum';

interface MetricSpec {
  namespace: Namespace;
  statistic: Statistic;
  unit: string;
  /** What one value means, for the chart's summary. */
  meaning: string;
}

/** The metrics a chapter may chart, with the statistic a practitioner reads them by. */
export const METRICS: Readonly<Record<string, MetricSpec>> = {
  IteratorAge: { namespace: 'AWS/Lambda', statistic: 'Maximum', unit: 'ms', meaning: 'the age of the newest record of a batch when it was sent to the function' },
  ConcurrentExecutions: { namespace: 'AWS/Lambda', statistic: 'Maximum', unit: 'executions', meaning: 'invocations running at once' },
  Invocations: { namespace: 'AWS/Lambda', statistic: 'Sum', unit: 'invocations', meaning: 'invocations of the function' },
  Throttles: { namespace: 'AWS/Lambda', statistic: 'Sum', unit: 'throttles', meaning: 'invocations refused for lack of concurrency' },
  Errors: { namespace: 'AWS/Lambda', statistic: 'Sum', unit: 'errors', meaning: 'invocations that failed' },
  Duration: { namespace: 'AWS/Lambda', statistic: 'Average', unit: 'ms', meaning: 'time an invocation took' },
  OffsetLag: { namespace: 'AWS/Lambda', statistic: 'Maximum', unit: 'records', meaning: 'records written to the topic and not yet committed' },
  ProvisionedPollers: { namespace: 'AWS/Lambda', statistic: 'Maximum', unit: 'pollers', meaning: 'event pollers in provisioned mode' },
  PolledEventCount: { namespace: 'AWS/Lambda', statistic: 'Sum', unit: 'records', meaning: 'records the mapping read' },
  FilteredOutEventCount: { namespace: 'AWS/Lambda', statistic: 'Sum', unit: 'records', meaning: 'records the filter dropped' },
  DroppedEventCount: { namespace: 'AWS/Lambda', statistic: 'Sum', unit: 'records', meaning: 'records given up on without a destination' },
  IncomingRecords: { namespace: 'AWS/Kinesis', statistic: 'Sum', unit: 'records', meaning: 'records written to the stream' },
  ReadProvisionedThroughputExceeded: { namespace: 'AWS/Kinesis', statistic: 'Sum', unit: 'calls', meaning: 'reads Kinesis throttled' },
  WriteProvisionedThroughputExceeded: { namespace: 'AWS/Kinesis', statistic: 'Sum', unit: 'records', meaning: 'writes Kinesis rejected' },
  OnFailureDestinationDeliveredEventCount: { namespace: 'AWS/Lambda', statistic: 'Sum', unit: 'records', meaning: 'records given up on and described to the on-failure destination' },
  FailedInvokeEventCount: { namespace: 'AWS/Lambda', statistic: 'Sum', unit: 'records', meaning: 'records sent in invocations that failed' },
  InvokedEventCount: { namespace: 'AWS/Lambda', statistic: 'Sum', unit: 'records', meaning: 'records sent to the function, each retry counted again' },
  'GetRecords.IteratorAgeMilliseconds': { namespace: 'AWS/Kinesis', statistic: 'Maximum', unit: 'ms', meaning: 'the age of the last record a GetRecords call returned, over every reader of the stream' },
};

export interface MetricChartData {
  metric: string;
  title: string;
  summary: string;
  yLabel: string;
  series: ChartSeries[];
}

/** The chart of one metric of a run, or undefined when the run has no such metric (another source). */
export function metricChart(result: SimulationResult, metric: string): MetricChartData | undefined {
  if (Object.hasOwn(SIMULATOR_CHARTS, metric)) return SIMULATOR_CHARTS[metric]!(result);
  const spec = METRICS[metric];
  const points: Datapoint[] | undefined = spec ? result.metrics[spec.namespace]?.[metric] : undefined;
  if (!spec || !points) return undefined;
  const period = result.scenario.metrics.periodSeconds;
  const end = result.summary.simulatedSeconds;
  const value = (p: Datapoint) => p[spec.statistic] ?? 0;
  let peak = points[0];
  for (const p of points) if (peak === undefined || value(p) > value(peak)) peak = p;
  const per = period === 60 ? '1 minute' : `${period} s`;
  const title = `${metric} (${spec.namespace}), ${spec.statistic} per ${per}`;
  const summary =
    `${spec.statistic} of ${metric}, ${spec.meaning}, per ${per} over ${formatClock(end)} of simulated time` +
    (peak ? `; highest ${formatNumber(value(peak))} ${spec.unit} in the period starting at ${formatClock(peak.t)}.` : '.');
  const series: ChartSeries[] = [{ label: `${metric} ${spec.statistic}`, points: periodSeries(points, end, value), stepped: true, tone: 1 }];
  if (metric === 'ConcurrentExecutions') series.push(...concurrencyReferences(result, points, end));
  return { metric, title, summary, yLabel: `${metric} (${spec.unit})`, series };
}

/**
 * Beside ConcurrentExecutions' peak: its average, and what Little's law predicts from two
 * other metrics of the same run (invocations per second × average Duration), so the reader
 * sees the law hold, or see where it stops holding (throttles, cold starts).
 */
function concurrencyReferences(result: SimulationResult, points: Datapoint[], end: number): ChartSeries[] {
  const lambda = result.metrics['AWS/Lambda'] ?? {};
  const invocations = lambda.Invocations;
  const duration = lambda.Duration;
  const period = result.scenario.metrics.periodSeconds;
  const series: ChartSeries[] = [
    { label: 'ConcurrentExecutions Average', points: periodSeries(points, end, (p) => Math.round((p.Average ?? 0) * 100) / 100), stepped: true, tone: 3 },
  ];
  if (invocations && duration) {
    const law = invocations.map((p, i) => {
      const seconds = Math.max(1e-9, Math.min(period, end - p.t));
      return { t: p.t, value: (p.Sum / seconds) * ((duration[i]?.Average ?? 0) / 1000) };
    });
    series.push({
      label: "Little's law: Invocations per second × average Duration",
      points: periodSeries(law, end, (p) => Math.round(p.value * 100) / 100),
      stepped: true,
      dashed: true,
      tone: 2,
    });
  }
  return series;
}

/** The outcomes a trial is judged by. */
export interface Outcomes {
  processedRecords: number;
  backlogRecords: number;
  invocations: number;
  throttles: number;
  errors: number;
  /**
   * Kinesis: the largest IteratorAge in ms; Kafka: the largest offset lag in records. Requests
   * straight to a function wait in no stream, so their headline is the peak concurrency.
   */
  worstLag: { metric: 'IteratorAge' | 'OffsetLag' | 'ConcurrentExecutions'; value: number; unit: 'ms' | 'records' | 'executions' };
  monthlyCost: number;
  /**
   * Kinesis and Kafka: the longest a batch's oldest record had waited when the batch was sent,
   * in ms (the simulator's measure; IteratorAge is the newest record's age). Absent for requests.
   */
  oldestRecordAgeMs?: number;
  /** Records the producer could not write because a shard was at its write limit (Kinesis). */
  writeThrottledRecords: number;
  /** Records given up on (retries or age exhausted) with no destination: DroppedEventCount. */
  droppedRecords: number;
  /** Records given up on and reported to the on-failure destination. */
  destinationRecords: number;
  /**
   * Records written that the function never processed and the filter did not drop, poison
   * records aside: good records dropped, sent to the destination, expired or still waiting.
   */
  unprocessedGoodRecords: number;
  /**
   * Seconds from the producer's largest step up until the lag was back to its level before
   * it (`recoveryAfterRise`); null when it never was within the run. Absent when the traffic
   * never steps up, and for requests.
   */
  recoverySeconds?: number | null;
}

export function outcomesOf(result: SimulationResult): Outcomes {
  const s = result.summary;
  const type = result.scenario.source.type;
  return {
    processedRecords: s.processedRecords,
    backlogRecords: s.backlogRecords,
    invocations: s.invocations,
    throttles: s.throttles,
    errors: s.errors,
    worstLag:
      type === 'kafka'
        ? { metric: 'OffsetLag', value: s.maxOffsetLag ?? 0, unit: 'records' }
        : type === 'kinesis'
          ? { metric: 'IteratorAge', value: s.maxIteratorAgeMs ?? 0, unit: 'ms' }
          : { metric: 'ConcurrentExecutions', value: s.maxConcurrency, unit: 'executions' },
    monthlyCost: result.cost.monthly,
    ...(result.batching ? { oldestRecordAgeMs: result.batching.maxOldestRecordAgeMs } : {}),
    writeThrottledRecords: s.writeThrottledRecords,
    droppedRecords: s.droppedRecords,
    destinationRecords: s.destinationRecords,
    unprocessedGoodRecords: Math.max(0, s.writtenRecords - s.processedRecords - s.filteredOutRecords - (result.filtering?.poisonRecords ?? 0)),
    ...recoveryOutcome(result),
  };
}

function recoveryOutcome(result: SimulationResult): Pick<Outcomes, 'recoverySeconds'> {
  const recovery = recoveryAfterRise(result);
  return recovery ? { recoverySeconds: recovery.seconds } : {};
}

/** The limit that bound the run hardest, in the period where it was closest to (or past) it. */
export interface Binding {
  /** Start of that period, seconds. */
  t: number;
  periodSeconds: number;
  text: string;
}

/**
 * Little's law checked on a whole run: the function's average concurrency against
 * invocations per second × their average Duration, both read from the run's own metrics.
 */
export interface LawCheck {
  invocationsPerSecond: number;
  averageDurationMs: number;
  /** invocationsPerSecond × averageDurationMs / 1,000. */
  predicted: number;
  /** Time-weighted average of ConcurrentExecutions over the run. */
  average: number;
}

export function lawCheck(result: SimulationResult): LawCheck | undefined {
  const lambda = result.metrics['AWS/Lambda'] ?? {};
  const duration = lambda.Duration ?? [];
  const concurrency = lambda.ConcurrentExecutions ?? [];
  const end = result.summary.simulatedSeconds;
  const period = result.scenario.metrics.periodSeconds;
  let samples = 0;
  let totalMs = 0;
  for (const p of duration) {
    samples += p.SampleCount;
    totalMs += (p.Average ?? 0) * p.SampleCount;
  }
  if (samples === 0 || end <= 0) return undefined;
  let area = 0;
  for (const p of concurrency) area += (p.Average ?? 0) * Math.max(0, Math.min(period, end - p.t));
  const invocationsPerSecond = samples / end;
  const averageDurationMs = totalMs / samples;
  return { invocationsPerSecond, averageDurationMs, predicted: (invocationsPerSecond * averageDurationMs) / 1000, average: area / end };
}

/** Everything an experiment shows of a run: its charts, outcomes and binding limit. */
export interface ExperimentView {
  charts: MetricChartData[];
  outcomes: Outcomes;
  binding: Binding | undefined;
  /** Per metric period: the limit that binds hardest in it (null when none applies). */
  bindings: (string | null)[];
  /** The moments charts mark and playback announces. */
  moments: RunMoment[];
  durationSeconds: number;
  periodSeconds: number;
  /** Present when the experiment charts ConcurrentExecutions and the run invoked the function. */
  law: LawCheck | undefined;
  /** The mapping's pipeline per period, when the experiment shows it (streams only). */
  pipeline?: PipelinePeriod[];
}

export interface ViewOptions {
  /** Read the pipeline (poll, filter, batch, invoke) per period for the pipeline view. */
  pipeline?: boolean;
}

export function experimentView(result: SimulationResult, charts: readonly string[], options: ViewOptions = {}): ExperimentView {
  const limits = bindingLimits(result);
  let at = -1;
  limits.forEach((l, i) => {
    if (l && (at < 0 || l.used > (limits[at]?.used ?? 0))) at = i;
  });
  const period = result.scenario.metrics.periodSeconds;
  const pipeline = options.pipeline ? pipelinePeriods(result) : undefined;
  return {
    charts: charts.map((m) => metricChart(result, m)).filter((c): c is MetricChartData => c !== undefined),
    outcomes: outcomesOf(result),
    binding: at >= 0 ? { t: at * period, periodSeconds: period, text: (limits[at] as { text: string }).text } : undefined,
    bindings: limits.map((l) => l?.text ?? null),
    moments: runMoments(result),
    durationSeconds: result.summary.simulatedSeconds,
    periodSeconds: period,
    law: charts.includes('ConcurrentExecutions') ? lawCheck(result) : undefined,
    ...(pipeline ? { pipeline } : {}),
  };
}

/**
 * Invocations by the trigger that sent their batch, per period: the simulator's own breakdown
 * of a stream run (`result.batching`), which CloudWatch does not have. Its title says so.
 */
function batchTriggersChart(result: SimulationResult): MetricChartData | undefined {
  const batching = result.batching;
  if (!batching) return undefined;
  const period = result.scenario.metrics.periodSeconds;
  const end = result.summary.simulatedSeconds;
  const per = period === 60 ? '1 minute' : `${period} s`;
  const { batchSize, window, payloadLimit } = batching.triggers;
  const total = batchSize + window + payloadLimit;
  const share = (n: number) => (total > 0 ? `${formatNumber((n / total) * 100, 1)}%` : '0%');
  const summary =
    `Invocations per ${per} over ${formatClock(end)} of simulated time, by why the mapping sent the batch (the simulator's breakdown, not a CloudWatch metric): ` +
    `the batch reached BatchSize ${formatNumber(batchSize)} times (${share(batchSize)}), the batching window ended ${formatNumber(window)} times (${share(window)}), ` +
    `the next record would have passed the 6 MB payload limit ${formatNumber(payloadLimit)} times (${share(payloadLimit)}).`;
  return {
    metric: 'BatchTriggers',
    title: `Invocations by batching trigger (simulator, not CloudWatch), per ${per}`,
    summary,
    yLabel: 'Invocations',
    series: [
      { label: 'Batch reached BatchSize', points: periodSeries(batching.periods, end, (p) => p.batchSize), stepped: true, tone: 1 },
      { label: 'Batching window ended', points: periodSeries(batching.periods, end, (p) => p.window), stepped: true, tone: 2 },
      { label: 'Next record would pass 6 MB', points: periodSeries(batching.periods, end, (p) => p.payloadLimit), stepped: true, tone: 3 },
    ],
  };
}

/**
 * Charts of the simulator's own measures, which are not CloudWatch metrics: a chapter names
 * them in `charts` like a metric, and their titles say where they come from.
 */
export const SIMULATOR_CHARTS: Readonly<Record<string, (result: SimulationResult) => MetricChartData | undefined>> = {
  BatchTriggers: batchTriggersChart,
};

/** Whether a chapter may chart `name`: a CloudWatch metric of METRICS or one of SIMULATOR_CHARTS. */
export function isChartName(name: string): boolean {
  return Object.hasOwn(METRICS, name) || Object.hasOwn(SIMULATOR_CHARTS, name);
}
