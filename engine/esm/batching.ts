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
