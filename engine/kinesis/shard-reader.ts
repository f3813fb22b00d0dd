import {
  EFO_BYTES_PER_SECOND,
  GET_RECORDS_MAX_BYTES,
  GET_RECORDS_MAX_RECORDS,
  SHARD_GET_RECORDS_CALLS_PER_SECOND,
  SHARD_READ_BYTES_PER_SECOND,
} from './limits.ts';
import type { StreamLog } from './stream-log.ts';

/** The mapping polls a caught-up shard once per second (documented base rate). */
export const POLL_INTERVAL_SECONDS = 1;

/**
 * Where a reader records what it does. One sample per read stands for several CloudWatch
 * metrics (GetRecords.Success, GetRecords.Records, OutgoingRecords, OutgoingBytes,
 * PolledEventCount), which are derived from it at the end of the run.
 */
export interface ReaderMetrics {
  /** A GetRecords call (shared throughput) and the records it returned (0 for an empty poll). */
  getRecords: (t: number, records: number) => void;
  /** Records pushed to an enhanced fan-out consumer. */
  pushed: (t: number, records: number) => void;
  getRecordsIteratorAgeMilliseconds: (t: number, value: number) => void;
  readProvisionedThroughputExceeded: (t: number, value: number) => void;
}

/** What the reader needs to know of a lane of its shard: how far the mapping has processed it. */
export interface LaneProgress {
  readonly index: number;
  /** Records of the lane processed (or otherwise settled) from its start. */
  readonly settled: number;
}

export interface ShardReaderSettings {
  mode: 'shared' | 'efo';
  /** Other shared-throughput consumers of the stream: they use the same share of the read limits. */
  otherSharedConsumers: number;
  /** Most records the mapping holds for a shard, read but not yet processed. */
  bufferCapRecords: number;
  efoPropagationSeconds: number;
  readThrottleRetrySeconds: number;
}

/**
 * How the event source mapping reads one shard. The reader's position is a time: every
 * record that arrived at or before `readTime` has been read. Reading is lazy: `advance(now)`
 * performs, in order, every poll due by `now`, so polls cost no events in the queue.
 *
 * Shared throughput: GetRecords calls, at most 5 per second per shard and 2 MiB/s per
 * shard, both shared with the stream's other shared consumers; up to 10,000 records or
 * 10 MiB per call. A call may overdraw the byte budget (Kinesis lets a large call through,
 * then throttles the calls that follow until the budget recovers). Caught up, the mapping
 * polls once per second; behind, as often as the call limit allows.
 *
 * Enhanced fan-out: records are pushed as they arrive, after a short propagation delay, at
 * up to 2 MiB/s per shard dedicated to this consumer.
 */
export class ShardReader {
  readTime = 0;
  nextPollAt = 0;
  private tokens: number;
  private tokensAt = 0;
  private readonly bytesPerSecond: number;
  private readonly callSpacing: number;
  private readonly lanes: number[];
  private progress: readonly LaneProgress[] = [];
  /** Set by `read`: whether it read everything that had arrived. */
  private caughtUp = true;

  constructor(
    private readonly log: StreamLog,
    readonly shard: number,
    private readonly settings: ShardReaderSettings,
    private readonly metrics: ReaderMetrics,
  ) {
    const share = 1 + (settings.mode === 'shared' ? settings.otherSharedConsumers : 0);
    this.bytesPerSecond = settings.mode === 'efo' ? EFO_BYTES_PER_SECOND : SHARD_READ_BYTES_PER_SECOND / share;
    this.callSpacing = share / SHARD_GET_RECORDS_CALLS_PER_SECOND;
    this.tokens = this.bytesPerSecond;
    this.lanes = Array.from({ length: log.lanesPerShard }, (_, i) => log.laneIndex(shard, i));
  }

  /** Global indexes of this shard's lanes. */
  get laneIndexes(): readonly number[] {
    return this.lanes;
  }

  /**
   * Gives the reader the mapping's progress on each of its lanes, so that it holds no more
   * than the buffer allows. Until then it counts every read record as buffered.
   */
  attach(progress: readonly LaneProgress[]): void {
    this.progress = progress;
  }

  /** Performs every read due by `now`. */
  advance(now: number): void {
    if (this.settings.mode === 'efo') {
      this.push(now);
      return;
    }
    while (this.nextPollAt <= now) this.poll(this.nextPollAt);
  }

  /**
   * The earliest time at which this lane's record number `index` can have been read, if
   * reading keeps up: its arrival, then the poll that picks it up (shared) or the push
   * delay (EFO). Infinity when the record is never written.
   */
  readableAt(lane: number, index: number, now: number): number {
    const arrival = this.log.arrivalTime(lane, index);
    if (arrival === Infinity) return Infinity;
    if (this.settings.mode === 'efo') return Math.max(now, arrival + this.settings.efoPropagationSeconds);
    if (this.nextPollAt >= arrival) return Math.max(now, this.nextPollAt);
    const polls = Math.ceil((arrival - this.nextPollAt) / POLL_INTERVAL_SECONDS - 1e-9);
    return Math.max(now, this.nextPollAt + polls * POLL_INTERVAL_SECONDS);
  }

  /**
   * The earliest time after `now` at which this reader could read more: the next poll
   * (shared), or when the byte budget allows another push (EFO). A lane that cannot
   * proceed waits at least until then, so waiting never spins.
   */
  nextReadAfter(now: number): number {
    if (this.settings.mode === 'shared') return Math.max(this.nextPollAt, now + 1e-6);
    this.refill(now);
    const wait = this.tokens > 0 ? 0 : -this.tokens / this.bytesPerSecond;
    return now + Math.max(wait, this.settings.efoPropagationSeconds, 0.01);
  }

  /** Records read but not yet processed (the mapping's buffer), over the shard's lanes. */
  private buffered(): number {
    let total = 0;
    for (const lane of this.progress) total += this.log.arrivedBy(lane.index, this.readTime) - lane.settled;
    return total;
  }

  private arrivedBy(t: number): number {
    let total = 0;
    for (const lane of this.lanes) total += this.log.arrivedBy(lane, t);
    return total;
  }

  private refill(now: number): void {
    if (now <= this.tokensAt) return;
    this.tokens = Math.min(this.bytesPerSecond, this.tokens + (now - this.tokensAt) * this.bytesPerSecond);
    this.tokensAt = now;
  }

  private poll(p: number): void {
    const m = this.metrics;
    const room = this.settings.bufferCapRecords - this.buffered();
    if (room <= 0) {
      // Nothing can be held: no call is made; try again as soon as a call would be allowed.
      this.nextPollAt = p + this.callSpacing;
      return;
    }
    this.refill(p);
    if (this.tokens <= 0) {
      m.readProvisionedThroughputExceeded(p, 1);
      this.nextPollAt = p + Math.max(this.callSpacing, this.settings.readThrottleRetrySeconds);
      return;
    }
    const size = this.log.recordSizeBytes;
    const most = Math.min(GET_RECORDS_MAX_RECORDS, Math.floor(GET_RECORDS_MAX_BYTES / size), room);
    const records = this.read(p, most);
    this.tokens -= records * size;
    m.getRecords(p, records);
    m.getRecordsIteratorAgeMilliseconds(p, this.caughtUp ? 0 : Math.max(0, (p - this.readTime) * 1000));
    this.nextPollAt = p + (this.caughtUp ? POLL_INTERVAL_SECONDS : this.callSpacing);
  }

  private push(now: number): void {
    const target = now - this.settings.efoPropagationSeconds;
    if (target <= this.readTime) return;
    const room = this.settings.bufferCapRecords - this.buffered();
    if (room <= 0) return;
    this.refill(now);
    if (this.tokens <= 0) return;
    const most = Math.min(room, Math.floor(this.tokens / this.log.recordSizeBytes) + 1);
    const records = this.read(target, most);
    if (records === 0) return;
    this.tokens -= records * this.log.recordSizeBytes;
    this.metrics.pushed(now, records);
  }

  /**
   * Moves the read position (`readTime`) towards `target`, reading at most `most` records,
   * and sets `caughtUp` to whether everything that had arrived was read. Returns the number
   * of records read.
   */
  private read(target: number, most: number): number {
    const before = this.arrivedBy(this.readTime);
    const all = this.arrivedBy(target) - before;
    if (all <= most) {
      this.readTime = Math.max(this.readTime, target);
      this.caughtUp = true;
      return all;
    }
    const { until, records } = this.readPart(before, most);
    this.readTime = until;
    this.caughtUp = false;
    return records;
  }

  /** Where reading `most` of the unread records (`before` were read) stops, when not all can be. */
  private readPart(before: number, most: number): { until: number; records: number } {
    // Find, second by second, where the `most`-th unread record arrives.
    let s = Math.floor(this.readTime);
    let counted = this.arrivedBy(s) - before;
    for (;;) {
      let inSecond = 0;
      for (const lane of this.lanes) inSecond += this.log.inSecond(lane, s);
      if (counted + inSecond >= most) {
        const fraction = Math.min(1, Math.max(0, (most - counted - 0.5) / inSecond));
        let until = Math.max(this.readTime, s + fraction);
        let records = this.arrivedBy(until) - before;
        // Rounding across lanes can overshoot by a record or two; step back until within the limit.
        while (records > most && until > this.readTime) {
          until = Math.max(this.readTime, until - 0.5 / inSecond);
          records = this.arrivedBy(until) - before;
        }
        if (records === 0) {
          // Always make progress: read up to the next unread record of any lane.
          until = Infinity;
          for (const lane of this.lanes) {
            until = Math.min(until, this.log.arrivalTime(lane, this.log.arrivedBy(lane, this.readTime)));
          }
          records = this.arrivedBy(until) - before;
        }
        return { until, records };
      }
      counted += inSecond;
      s++;
    }
  }
}
