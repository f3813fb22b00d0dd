/**
 * Documented limits of Kafka event source mappings (sources in docs/engine.md,
 * kafka-scaling-modes).
 */
import { MIB } from '../kinesis/limits.ts';

/** An event poller handles up to 5 concurrent invocations... */
export const POLLER_CONCURRENT_INVOCATIONS = 5;
/** ...or up to 5 MB/s of records. */
export const POLLER_BYTES_PER_SECOND = 5 * MIB;
/** Lambda evaluates the offset lag of the topic's partitions every minute. */
export const SCALING_EVALUATION_SECONDS = 60;
/** Provisioned mode: MinimumPollers 1–200 (default 1), MaximumPollers 1–2,000 (default 200). */
export const DEFAULT_MINIMUM_POLLERS = 1;
export const DEFAULT_MAXIMUM_POLLERS = 200;
/** One event poller unit holds up to 10 pollers or 20 MB/s (the Lambda pricing page). */
export const POLLERS_PER_EVENT_POLLER_UNIT = 10;
export const EVENT_POLLER_UNIT_BYTES_PER_SECOND = 20 * MIB;
