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

/** Which of the documented triggers fired an invocation. */
export type BatchTrigger = 'batch-size' | 'payload-limit' | 'window';

/**
 * The mapping's decision for one lane at `now`: invoke with `records` (and why), or wait.
 * Lambda invokes when the batch is full (BatchSize or the payload limit) or when the
 * batching window has ended with at least one record waiting.
 */
export function batchDecision(
  buffered: number,
  largest: number,
  batchSize: number,
  now: number,
  windowEnd: number,
): { invoke: true; records: number; trigger: BatchTrigger } | { invoke: false } {
  if (buffered >= largest) return { invoke: true, records: largest, trigger: largest < batchSize ? 'payload-limit' : 'batch-size' };
  if (buffered > 0 && now >= windowEnd) return { invoke: true, records: buffered, trigger: 'window' };
  return { invoke: false };
}
