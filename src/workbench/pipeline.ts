/**
 * The event source mapping's pipeline (poll → filter → batch → invoke) period by period, read
 * from a run's own metrics, for the pipeline view of an experiment. Rates are per second of
 * the period, so a reader can compare stages directly: what the stream took in, what the
 * mapping polled, what its filter dropped, what it sent to the function and in how many
 * invocations, how many ran at once, and how far behind the consumer was.
 */
import type { Datapoint, SimulationResult } from '../../engine/index.ts';

export interface PipelinePeriod {
  /** Start of the period, in simulated seconds. */
  t: number;
  /** Records the stream accepted (Kinesis IncomingRecords); undefined for Kafka, which has no such count. */
  writtenPerSecond: number | undefined;
  /** Records the mapping read (PolledEventCount). */
  polledPerSecond: number;
  /** Records the mapping's filter dropped (FilteredOutEventCount). */
  filteredPerSecond: number;
  /** Records sent to the function, retries included (InvokedEventCount). */
  invokedRecordsPerSecond: number;
  invocationsPerSecond: number;
  /** Records per invocation, on average; undefined when nothing was invoked. */
  recordsPerBatch: number | undefined;
  /** The most invocations running at once (ConcurrentExecutions Maximum). */
  concurrency: number;
  /** Average Duration in ms; undefined when nothing finished in the period. */
  durationMs: number | undefined;
  errorsPerSecond: number;
  /** How far behind the consumer was: IteratorAge (ms) on Kinesis, OffsetLag (records) on Kafka. */
  lag: { metric: 'IteratorAge' | 'OffsetLag'; value: number };
}

function series(result: SimulationResult, namespace: string, name: string): readonly Datapoint[] {
  return result.metrics[namespace as keyof SimulationResult['metrics']]?.[name] ?? [];
}

/**
 * The pipeline of every metric period of a run of a stream; undefined for requests sent
 * straight to a function, which pass through no mapping.
 */
export function pipelinePeriods(result: SimulationResult): PipelinePeriod[] | undefined {
  const type = result.scenario.source.type;
  if (type === 'requests') return undefined;
  const period = result.scenario.metrics.periodSeconds;
  const end = result.summary.simulatedSeconds;
  const lambda = (name: string) => series(result, 'AWS/Lambda', name);
  const polled = lambda('PolledEventCount');
  const filtered = lambda('FilteredOutEventCount');
  const invoked = lambda('InvokedEventCount');
  const invocations = lambda('Invocations');
  const concurrency = lambda('ConcurrentExecutions');
  const duration = lambda('Duration');
  const errors = lambda('Errors');
  const lagMetric = type === 'kafka' ? 'OffsetLag' : 'IteratorAge';
  const lag = lambda(lagMetric);
  const written = type === 'kinesis' ? series(result, 'AWS/Kinesis', 'IncomingRecords') : undefined;

  const periods: PipelinePeriod[] = [];
  const count = Math.ceil(end / period);
  for (let i = 0; i < count; i++) {
    const t = i * period;
    // The last period may be cut short by the run's end: rates are per second actually simulated.
    const seconds = Math.max(1e-9, Math.min(period, end - t));
    const at = (points: readonly Datapoint[]) => points.find((p) => p.t === t);
    const rate = (points: readonly Datapoint[]) => (at(points)?.Sum ?? 0) / seconds;
    const calls = at(invocations)?.Sum ?? 0;
    const sentRecords = at(invoked)?.Sum ?? 0;
    const timed = at(duration);
    periods.push({
      t,
      writtenPerSecond: written ? rate(written) : undefined,
      polledPerSecond: rate(polled),
      filteredPerSecond: rate(filtered),
      invokedRecordsPerSecond: sentRecords / seconds,
      invocationsPerSecond: calls / seconds,
      recordsPerBatch: calls > 0 ? sentRecords / calls : undefined,
      concurrency: at(concurrency)?.Maximum ?? 0,
      durationMs: timed && timed.SampleCount > 0 && timed.Average !== null ? timed.Average : undefined,
      errorsPerSecond: rate(errors),
      lag: { metric: lagMetric, value: at(lag)?.Maximum ?? 0 },
    });
  }
  return periods;
}

/** The period a moment falls in (the last one at the very end of the run). */
export function pipelineAt(periods: readonly PipelinePeriod[], moment: number, periodSeconds: number): PipelinePeriod | undefined {
  if (periods.length === 0) return undefined;
  const index = Math.min(periods.length - 1, Math.max(0, Math.floor(moment / periodSeconds)));
  return periods[index];
}
