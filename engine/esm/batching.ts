import { MIB } from '../kinesis/limits.ts';

/** The most an invocation payload may carry: 6 MB, which cannot be changed. */
export const INVOCATION_PAYLOAD_LIMIT_BYTES = 6 * MIB;

/**
 * Bytes one record adds to the invocation payload: its data, base64-encoded as Lambda
 * delivers stream records (4 bytes for every 3), plus the event's per-record fields.
 */
export function payloadBytesPerRecord(recordSizeBytes: number, overheadBytes: number): number {
  return Math.ceil(recordSizeBytes / 3) * 4 + overheadBytes;
}

/** The largest batch: BatchSize, or fewer records if they would pass the 6 MB payload limit. */
export function largestBatch(batchSize: number, payloadPerRecord: number): number {
  return Math.max(1, Math.min(batchSize, Math.floor(INVOCATION_PAYLOAD_LIMIT_BYTES / payloadPerRecord)));
}

/**
 * The mapping's batching window in seconds: MaximumBatchingWindowInSeconds, or the source's
 * default when it is not set (Kinesis 0 s; Kafka 500 ms; requests have no mapping: 0).
 */
export function batchingWindowSeconds(scenario: { source: { type: 'kinesis' | 'kafka' | 'requests' }; eventSourceMapping: { MaximumBatchingWindowInSeconds?: number | undefined } }): number {
  return scenario.eventSourceMapping.MaximumBatchingWindowInSeconds ?? (scenario.source.type === 'kafka' ? 0.5 : 0);
}

/** Which of the documented triggers fired an invocation. */
export type BatchTrigger = 'batch-size' | 'payload-limit' | 'window';

/**
 * The mapping's decision for one lane at `now`: how many records to invoke with, or 0 to
 * wait. Lambda invokes when the batch is full (BatchSize or the payload limit) or when the
 * batching window has ended with at least one record waiting.
 */
export function batchDecision(buffered: number, largest: number, now: number, windowEnd: number): number {
  if (buffered >= largest) return largest;
  if (buffered > 0 && now >= windowEnd) return buffered;
  return 0;
}

/** Why a batch of `records` was sent: it was full (by count or payload), or its window ended. */
export function batchTrigger(records: number, largest: number, batchSize: number): BatchTrigger {
  if (records < largest) return 'window';
  return largest < batchSize ? 'payload-limit' : 'batch-size';
}

/** How many invocations each trigger sent: the batch reached BatchSize, its window ended, or the next record would pass 6 MB. */
export interface BatchTriggerCounts {
  batchSize: number;
  window: number;
  payloadLimit: number;
}

/** The counts of one metric period, starting at `t` seconds. */
export interface BatchTriggerPeriod extends BatchTriggerCounts {
  t: number;
}

/**
 * How the mapping batched a run: why it sent each batch, over the run and per metric period,
 * and how long records waited for their batch. This is the simulator's own breakdown:
 * CloudWatch has no such metric. Each invocation counts once, under the trigger that formed
 * the batch it carries (a retried batch, or a half of a bisected one, keeps the trigger of
 * the batch it came from), so in every period the three counts add up to the period's
 * Invocations.
 */
export interface BatchingReport {
  /** The most records one batch can hold: BatchSize, or fewer when 6 MB of payload comes first. */
  largestBatchRecords: number;
  /** Invocations by trigger over the run so far. */
  triggers: BatchTriggerCounts;
  /** Invocations by trigger, one entry per metric period. */
  periods: BatchTriggerPeriod[];
  /**
   * The longest a batch's oldest record had been in the stream when the batch was sent, in
   * ms. IteratorAge measures the newest record of a batch; this is the other end of it.
   */
  maxOldestRecordAgeMs: number;
}

/** Counts invocations by trigger in the periods of a run's metrics (the same periods, the same edges). */
export class BatchingTally {
  private readonly periods: number;
  /** Per period, invocations sent because the batch was full, its window ended, or 6 MB came first. */
  private readonly full: Float64Array;
  private readonly ended: Float64Array;
  private readonly payload: Float64Array;
  private maxOldestAgeMs = 0;

  constructor(
    readonly periodSeconds: number,
    readonly endSeconds: number,
    readonly largestBatchRecords: number,
  ) {
    // As MetricRecorder: periods cover [0, endSeconds), the last one possibly short.
    this.periods = Math.max(1, Math.ceil(endSeconds / periodSeconds - 1e-9));
    this.full = new Float64Array(this.periods);
    this.ended = new Float64Array(this.periods);
    this.payload = new Float64Array(this.periods);
  }

  /** One invocation at `t`, sent by `trigger`, whose oldest record arrived at `oldestArrival`. */
  add(trigger: BatchTrigger, t: number, oldestArrival: number): void {
    if (t < 0 || t >= this.endSeconds) return;
    const p = Math.min(this.periods - 1, Math.floor(t / this.periodSeconds));
    const series = trigger === 'batch-size' ? this.full : trigger === 'window' ? this.ended : this.payload;
    series[p] = (series[p] as number) + 1;
    const ageMs = (t - oldestArrival) * 1000;
    if (ageMs > this.maxOldestAgeMs) this.maxOldestAgeMs = ageMs;
  }

  /** The report so far. */
  report(): BatchingReport {
    const triggers: BatchTriggerCounts = { batchSize: 0, window: 0, payloadLimit: 0 };
    const periods: BatchTriggerPeriod[] = [];
    for (let p = 0; p < this.periods; p++) {
      const batchSize = this.full[p] as number;
      const ended = this.ended[p] as number;
      const payloadLimit = this.payload[p] as number;
      triggers.batchSize += batchSize;
      triggers.window += ended;
      triggers.payloadLimit += payloadLimit;
      periods.push({ t: p * this.periodSeconds, batchSize, window: ended, payloadLimit });
    }
    return { largestBatchRecords: this.largestBatchRecords, triggers, periods, maxOldestRecordAgeMs: this.maxOldestAgeMs };
  }
}
