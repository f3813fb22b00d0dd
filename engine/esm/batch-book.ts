import type { Random } from '../core/random.ts';
import type { Environment } from '../lambda/environment-pool.ts';
import type { MetricRecorder } from '../metrics/recorder.ts';
import type { EventSourceMappingSettings } from '../scenario/schema.ts';
import type { BatchTrigger } from './batching.ts';
import type { RecordClasses } from './record-classes.ts';

/** Why an invocation failed: it timed out, it hit a poison record, or it failed at random. */
export type FailureKind = 'timeout' | 'poison' | 'error';

/**
 * A sequence the mapping reads in order, one batch at a time: a lane of a Kinesis shard or a
 * Kafka partition. Positions count every record of the sequence from its start.
 */
export interface BatchLane {
  /** The sequence's index in the stream log and the record classes. */
  readonly index: number;
  /** Records settled (processed, filtered out, given up on or expired) from the start. */
  settled: number;
  /**
   * The batch being invoked or waiting to be retried: it starts at the first unsettled record
   * and ends before record `batchEnd`; `batchKept` of its records passed the filter and go to
   * the function (0 when there is no batch), `batchActionable` of them are ones the code acts
   * on, `batchPoison` are poison pills.
   */
  batchEnd: number;
  batchKept: number;
  batchActionable: number;
  batchPoison: number;
  /** Failed invocations of the current batch that count as retries (throttles and splits do not). */
  retries: number;
  /** Ends of the parts of a bisected batch still to send; the next part's end is on top. */
  readonly splitEnds: number[];
}

/**
 * A lane's batch state and its invocation under way, as both runs keep it: a Kinesis lane
 * and a Kafka partition extend it with what their source adds.
 */
export class LaneState<Trace> implements BatchLane {
  settled = 0;
  batchEnd = 0;
  batchKept = 0;
  batchActionable = 0;
  batchPoison = 0;
  retries = 0;
  readonly splitEnds: number[] = [];
  invoking = false;
  /** Queue sequence of the lane's one pending check; an older check that comes due is ignored. */
  checkSeq = -1;
  /** The invocation under way, while `invoking`: its environment, how it ends and how long it runs. */
  environment: Environment | undefined = undefined;
  failure: FailureKind | undefined = undefined;
  busyMs = 0;
  trace: Trace | undefined = undefined;
  /** Why the lane's current batch was sent (set when the batch is formed; its retries and halves keep it). */
  trigger: BatchTrigger = 'window';

  constructor(readonly index: number) {}
}

/** Counts of where settled records went, for the ledger. */
export interface BatchCounts {
  processed: number;
  filteredOut: number;
  dropped: number;
  destination: number;
  errors: number;
}

/** The metrics the book records, declared by the run beforehand. */
export const BATCH_METRICS = ['FilteredOutEventCount', 'FailedInvokeEventCount', 'DroppedEventCount', 'OnFailureDestinationDeliveredEventCount', 'Errors'] as const;

/**
 * What happens to the records of a batch: the one set of rules, shared by the Kinesis and
 * Kafka runs, for filtering before batching, success, function errors (retries, bisecting,
 * partial batch responses, giving up to a destination or dropping) and the counts and
 * metrics they produce. Without record classes every record is kept and none is actionable
 * or poison.
 */
export class BatchBook {
  readonly counts: BatchCounts = { processed: 0, filteredOut: 0, dropped: 0, destination: 0, errors: 0 };
  private readonly record: {
    filteredOut: (t: number, v: number) => void;
    failedInvoke: (t: number, v: number) => void;
    dropped: (t: number, v: number) => void;
    destination: (t: number, v: number) => void;
    errors: (t: number, v: number) => void;
  };

  constructor(
    private readonly classes: RecordClasses | undefined,
    private readonly esm: EventSourceMappingSettings,
    metrics: MetricRecorder,
    /** Random failures of the function draw from here, apart from traffic and durations. */
    private readonly failureDraws: Random,
    private readonly errorRate: number,
    /** Retries before a batch is given up on; negative for no limit. */
    private readonly maxRetries: number,
  ) {
    for (const name of BATCH_METRICS) metrics.declareSamples(name);
    this.record = {
      filteredOut: metrics.sampler('FilteredOutEventCount'),
      failedInvoke: metrics.sampler('FailedInvokeEventCount'),
      dropped: metrics.sampler('DroppedEventCount'),
      destination: metrics.sampler('OnFailureDestinationDeliveredEventCount'),
      errors: metrics.sampler('Errors'),
    };
  }

  // --- where records stand -----------------------------------------------------------------

  keptBefore(lane: BatchLane, index: number): number {
    return this.classes ? this.classes.keptBefore(lane.index, index) : index;
  }

  actionableBefore(lane: BatchLane, index: number): number {
    return this.classes ? this.classes.actionableBefore(lane.index, index) : 0;
  }

  indexOfKept(lane: BatchLane, ordinal: number): number {
    return this.classes ? this.classes.indexOfKept(lane.index, ordinal) : ordinal;
  }

  poisonBefore(lane: BatchLane, index: number): number {
    return this.classes ? this.classes.poisonBefore(lane.index, index) : 0;
  }

  indexOfPoison(lane: BatchLane, ordinal: number): number {
    return this.classes ? this.classes.indexOfPoison(lane.index, ordinal) : Infinity;
  }

  /** Whether the run filters or classifies records at all (then it looks at lanes more often). */
  get classifies(): boolean {
    return this.classes !== undefined;
  }

  // --- batches -------------------------------------------------------------------------------

  /**
   * Makes the records from the lane's first unsettled one up to `end` its batch. A range with
   * no kept record is passed as filtered out instead; returns whether there is a batch.
   */
  setBatch(lane: BatchLane, end: number, now: number): boolean {
    const kept = this.keptBefore(lane, end) - this.keptBefore(lane, lane.settled);
    if (kept === 0) {
      lane.batchKept = 0;
      if (end > lane.settled) this.settleFilteredOut(lane, end, now);
      return false;
    }
    lane.batchEnd = end;
    lane.batchKept = kept;
    lane.batchActionable = this.actionableBefore(lane, end) - this.actionableBefore(lane, lane.settled);
    lane.batchPoison = this.poisonBefore(lane, end) - this.poisonBefore(lane, lane.settled);
    return true;
  }

  /** How the invocation of the lane's batch ends, decided when it starts. */
  outcome(lane: BatchLane, handlerMs: number, timeoutMs: number): FailureKind | undefined {
    if (handlerMs > timeoutMs) return 'timeout';
    if (lane.batchPoison > 0) return 'poison';
    if (this.errorRate > 0 && this.failureDraws.next() < this.errorRate) return 'error';
    return undefined;
  }

  /** Passes records the filter dropped: the iterator moves past them and they are counted. */
  settleFilteredOut(lane: BatchLane, upTo: number, now: number): void {
    const count = upTo - lane.settled;
    this.counts.filteredOut += count;
    this.record.filteredOut(now, count);
    lane.settled = upTo;
  }

  /** The lane's batch succeeded: its kept records are processed, the others were filtered out. */
  succeedBatch(lane: BatchLane, now: number): number {
    const processed = lane.batchKept;
    this.succeed(lane, lane.batchEnd, now);
    lane.batchKept = 0;
    lane.retries = 0;
    return processed;
  }

  /**
   * A function error (a timeout, a poison record or a random failure). By default the batch
   * is retried until it succeeds or its records expire, and the lane waits behind it. The
   * mapping's settings change that: a partial batch response checkpoints at the first failed
   * record, bisecting retries each half (without using up retries), and after
   * MaximumRetryAttempts the batch is given up on. Says whether the lane retries after the
   * retry delay or goes on at once (with a half of a split batch, or the next batch).
   */
  fail(lane: BatchLane, failure: FailureKind, now: number): 'retry-later' | 'go-on' {
    const esm = this.esm;
    this.counts.errors++;
    this.record.errors(now, 1);
    this.record.failedInvoke(now, lane.batchKept);
    if (failure === 'poison' && esm.FunctionResponseTypes.includes('ReportBatchItemFailures')) {
      // The function names the poison record; Lambda checkpoints there and retries from it.
      const firstPoison = this.indexOfPoison(lane, this.poisonBefore(lane, lane.settled));
      if (firstPoison > lane.settled) {
        this.succeed(lane, firstPoison, now);
        this.setBatch(lane, lane.batchEnd, now);
      }
    }
    if (esm.BisectBatchOnFunctionError && lane.batchKept > 1) {
      const half = Math.floor(lane.batchKept / 2);
      lane.splitEnds.push(lane.batchEnd);
      this.setBatch(lane, this.indexOfKept(lane, this.keptBefore(lane, lane.settled) + half - 1) + 1, now);
      return 'go-on';
    }
    lane.retries++;
    if (this.maxRetries >= 0 && lane.retries > this.maxRetries) {
      this.giveUp(lane, lane.batchEnd, now);
      return 'go-on';
    }
    return 'retry-later';
  }

  /**
   * Gives up on the lane's records before `end` (retries or age exhausted): the kept ones go
   * to the on-failure destination when there is one, and are dropped otherwise.
   */
  giveUp(lane: BatchLane, end: number, now: number): void {
    const kept = this.keptBefore(lane, end) - this.keptBefore(lane, lane.settled);
    const filtered = end - lane.settled - kept;
    if (filtered > 0) {
      this.counts.filteredOut += filtered;
      this.record.filteredOut(now, filtered);
    }
    if (kept > 0) {
      if (this.esm.DestinationConfig) {
        this.counts.destination += kept;
        this.record.destination(now, kept);
      } else {
        this.counts.dropped += kept;
        this.record.dropped(now, kept);
      }
    }
    this.moveTo(lane, end, now);
  }

  /**
   * Gives up on the lane's records older than MaximumRecordAgeInSeconds, up to `readUpTo`
   * (only records the mapping has read). `arrivedBy` gives the lane's records arrived by a time.
   */
  giveUpOld(lane: BatchLane, now: number, readUpTo: number, arrivedBy: (t: number) => number): void {
    const maxAge = this.esm.MaximumRecordAgeInSeconds;
    if (maxAge < 0 || now <= maxAge) return;
    const tooOld = Math.min(readUpTo, arrivedBy(now - maxAge));
    if (tooOld > lane.settled) this.giveUp(lane, tooOld, now);
  }

  /** Makes the lane's records before `index` settled, shrinking or ending the batch and its pending parts. */
  moveTo(lane: BatchLane, index: number, now: number): void {
    lane.settled = index;
    while (lane.splitEnds.length > 0 && (lane.splitEnds[lane.splitEnds.length - 1] as number) <= index) lane.splitEnds.pop();
    if (lane.batchKept > 0) {
      if (index >= lane.batchEnd) {
        lane.batchKept = 0;
        lane.retries = 0;
      } else {
        this.setBatch(lane, lane.batchEnd, now);
      }
    }
  }

  /** Records before `end` were processed: the kept ones by the function, the others filtered out. */
  private succeed(lane: BatchLane, end: number, now: number): void {
    const kept = this.keptBefore(lane, end) - this.keptBefore(lane, lane.settled);
    const filtered = end - lane.settled - kept;
    if (filtered > 0) {
      this.counts.filteredOut += filtered;
      this.record.filteredOut(now, filtered);
    }
    this.counts.processed += kept;
    lane.settled = end;
  }
}
