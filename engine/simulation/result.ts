import type { CostReport } from '../cost/bill.ts';
import type { BatchingReport } from '../esm/batching.ts';
import type { EnvironmentPicture } from '../lambda/environment-pool.ts';
import type { Datapoint } from '../metrics/recorder.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { InvocationTrace } from './kinesis-run.ts';

/** Metric namespaces, as CloudWatch names them. The mapping's own metrics live in AWS/Lambda. */
export type Namespace = 'AWS/Lambda' | 'AWS/Kinesis' | 'AWS/Kafka';

/** Namespace → metric name → one datapoint per period. */
export type MetricsByNamespace = Partial<Record<Namespace, Record<string, Datapoint[]>>>;

/**
 * Where every record went. Counts of records. The two balances always hold:
 * produced = writeThrottled + written, and
 * written = processed + filteredOut + dropped + destination + expired + backlog.
 * For requests straight to a function a record is a request: dropped when it is throttled or
 * fails (nothing retries a synchronous call), in the backlog while it is in flight.
 */
export interface Ledger {
  produced: number;
  writeThrottled: number;
  written: number;
  processed: number;
  filteredOut: number;
  dropped: number;
  destination: number;
  /** Records that aged out of the stream's retention before they were processed. */
  expired: number;
  /** Records still waiting at the end: not yet read, read and waiting, or in an invocation. */
  backlog: number;
  backlogParts: { unread: number; buffered: number; inFlight: number };
  /** Records sent to the function, counting every retry (at-least-once delivery). */
  invokedWithRetries: number;
}

export interface Summary {
  producedRecords: number;
  writeThrottledRecords: number;
  writtenRecords: number;
  processedRecords: number;
  filteredOutRecords: number;
  droppedRecords: number;
  destinationRecords: number;
  expiredRecords: number;
  backlogRecords: number;
  invocations: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  maxConcurrency: number;
  /** Largest Lambda IteratorAge seen (Kinesis), in milliseconds. */
  maxIteratorAgeMs?: number;
  /** Largest offset lag seen (Kafka), in records. */
  maxOffsetLag?: number;
  /** Simulated seconds covered by this result. */
  simulatedSeconds: number;
  /** Events the engine processed (for the benchmark). */
  engineEvents: number;
}

/** What the mapping's filter and the function's own check make of the records, from sample payloads. */
export interface FilteringReport {
  /** Sample payloads the filters were tried on. */
  sampleSize: number;
  /** Share of records the mapping's FilterCriteria keeps (1 without a filter). */
  keptShare: number;
  /** Share of the kept records the function's code acts on. */
  actionableShareOfKept: number;
  /** Share of the kept records that are poison pills (any batch holding one fails). */
  poisonShareOfKept: number;
  /** Poison records written to the stream by the time of the result. */
  poisonRecords: number;
}

/**
 * A picture of a run at time `t`, taken when the run was created with `frameEverySeconds`:
 * the state just before any event at exactly `t` (everything earlier has happened).
 */
export interface RunFrame {
  t: number;
  /** The function's execution environments (see EnvironmentPicture for the characters). */
  environments: EnvironmentPicture;
  /**
   * One character per lane, at most MAX_PICTURED_LANES of them: Kinesis lanes (shard ×
   * ParallelizationFactor, in global lane order) or Kafka partitions. `b`: an invocation is
   * in flight; `w`: no invocation in flight, but records wait (arrived and not yet settled:
   * in the shard for the next read, read while a batching window fills, or in a batch held
   * back by a throttle or a retry); `.`: nothing waiting. Empty for requests.
   */
  lanes: string;
  /** Lanes with an invocation in flight, over every lane (not only the pictured ones). */
  busyLanes: number;
  /** Lanes with records waiting and no invocation in flight, over every lane. */
  waitingLanes: number;
  /** Kafka: the event pollers serving the topic at `t`. */
  pollers?: number;
}

/**
 * How much of the scaling rate one metric period used (requests runs): the environments
 * created in it, and the most the rate would have let it create (what the rate had in hand
 * at the period's start plus its refill over the period).
 */
export interface ScalingPeriod {
  t: number;
  newEnvironments: number;
  allowedNewEnvironments: number;
}

/** From time `t` on, the Kafka mapping had `pollers` event pollers. */
export interface PollerChange {
  t: number;
  pollers: number;
}

export interface SimulationResult {
  scenario: Scenario;
  summary: Summary;
  ledger: Ledger;
  metrics: MetricsByNamespace;
  /** What the run costs, itemised, with a monthly projection. */
  cost: CostReport;
  /** Present when the scenario sets a FilterCriteria, an actionable check or poison pills. */
  filtering?: FilteringReport;
  /**
   * Kinesis and Kafka: how many invocations each batching trigger sent (BatchSize reached,
   * window ended, 6 MB payload limit), in total and per metric period, and how long records
   * waited for their batch. The simulator's own breakdown, not a CloudWatch metric.
   */
  batching?: BatchingReport;
  /** Kafka: the event pollers over time (on demand or provisioned), one entry per change. */
  pollers?: PollerChange[];
  /** Every invocation, present only when the run was created with `{ trace: true }`. */
  invocations?: InvocationTrace[];
  /** Requests: the scaling rate's use, one entry per metric period. */
  scaling?: ScalingPeriod[];
  /** Pictures of the run every `frameEverySeconds`, present only when the run was created with it. */
  frames?: RunFrame[];
}

/** The record counts of a summary, read from the ledger: the same for every source. */
export function recordCounts(ledger: Ledger): Pick<
  Summary,
  | 'producedRecords'
  | 'writeThrottledRecords'
  | 'writtenRecords'
  | 'processedRecords'
  | 'filteredOutRecords'
  | 'droppedRecords'
  | 'destinationRecords'
  | 'expiredRecords'
  | 'backlogRecords'
> {
  return {
    producedRecords: ledger.produced,
    writeThrottledRecords: ledger.writeThrottled,
    writtenRecords: ledger.written,
    processedRecords: ledger.processed,
    filteredOutRecords: ledger.filteredOut,
    droppedRecords: ledger.dropped,
    destinationRecords: ledger.destination,
    expiredRecords: ledger.expired,
    backlogRecords: ledger.backlog,
  };
}

/** A namespace's metrics with their names in order, so results read (and compare) the same way every time. */
export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
