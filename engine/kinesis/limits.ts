/**
 * Documented Kinesis Data Streams limits (sources in docs/engine.md). One mebibyte is
 * used for "MB", as the Kinesis quotas page states sizes in MiB.
 */
export const MIB = 1_048_576;

/** A shard accepts up to 1,000 records per second for writes... */
export const SHARD_WRITE_RECORDS_PER_SECOND = 1_000;
/** ...and up to 1 MiB per second, whichever is reached first. */
export const SHARD_WRITE_BYTES_PER_SECOND = MIB;
/** Shared-throughput reads: 2 MiB per second per shard, across all shared consumers. */
export const SHARD_READ_BYTES_PER_SECOND = 2 * MIB;
/** Shared-throughput reads: 5 GetRecords calls per second per shard. */
export const SHARD_GET_RECORDS_CALLS_PER_SECOND = 5;
/** One GetRecords call returns at most 10,000 records... */
export const GET_RECORDS_MAX_RECORDS = 10_000;
/** ...or 10 MiB. */
export const GET_RECORDS_MAX_BYTES = 10 * MIB;
/** Enhanced fan-out: 2 MiB per second per shard for each registered consumer. */
export const EFO_BYTES_PER_SECOND = 2 * MIB;
/** A PutRecords call carries at most 500 records. */
export const PUT_RECORDS_MAX_RECORDS = 500;

/** Records a shard accepts in one second, for records of the given size. */
export function shardWriteLimit(recordSizeBytes: number): number {
  return Math.min(SHARD_WRITE_RECORDS_PER_SECOND, Math.floor(SHARD_WRITE_BYTES_PER_SECOND / recordSizeBytes));
}
