import { EventQueue } from '../core/event-queue.ts';
import { MAX_EVENTS_PER_RUN, tooLarge, type ScenarioTooLargeError } from './event-budget.ts';
import { createRandom, type Random } from '../core/random.ts';
import { priceUsage, type CostReport } from '../cost/bill.ts';
import { BatchBook, LaneState } from '../esm/batch-book.ts';
import { batchDecision, batchingWindowSeconds, batchTrigger, largestBatch, payloadBytesPerRecord, BatchingTally } from '../esm/batching.ts';
import { classifyRecords, type RecordClasses } from '../esm/record-classes.ts';
import {
  DEFAULT_MAXIMUM_POLLERS,
  EVENT_POLLER_UNIT_BYTES_PER_SECOND,
  POLLER_BYTES_PER_SECOND,
  POLLER_CONCURRENT_INVOCATIONS,
  POLLERS_PER_EVENT_POLLER_UNIT,
  SCALING_EVALUATION_SECONDS,
} from '../kafka/limits.ts';
import { nextPollers, type ScalerRule } from '../kafka/poller-scaler.ts';
import { writeToStream, type StreamLog } from '../kinesis/stream-log.ts';
import { ConcurrencyControl, functionConcurrencyLimit } from '../lambda/concurrency-control.ts';
import { EnvironmentPool, pictureEnvironments } from '../lambda/environment-pool.ts';
import { FunctionModel } from '../lambda/function-model.ts';
import { scaled } from '../metrics/derive.ts';
import { MetricRecorder, type Datapoint } from '../metrics/recorder.ts';
import { ratePerSecond } from '../producer/rate-profile.ts';
import type { KafkaSource, Scenario } from '../scenario/schema.ts';
import type { InvocationTrace } from './kinesis-run.ts';
import { FrameSchedule, pictureLanes } from './frames.ts';
import { lambdaMetrics } from './lambda-metrics.ts';
import { recordCounts, sortKeys, type Ledger, type MetricsByNamespace, type PollerChange, type RunFrame, type SimulationResult, type Summary } from './result.ts';

/** One partition of the topic: read in order, one batch at a time. */
class Partition extends LaneState<InvocationTrace> {
  /** The poller whose invocation slot the batch under way holds. */
  poller = 0;
  /** Whether the partition waits in its poller's queue for a free slot. */
  waiting = false;
  readonly checkEvent: KafkaEvent = { kind: 'check', partition: this };
  readonly endEvent: KafkaEvent = { kind: 'end', partition: this };

  constructor(index: number) {
    super(index);
  }
}

type KafkaEvent =
  | { readonly kind: 'check' | 'end'; readonly partition: Partition }
  | { readonly kind: 'tick' }
  | { readonly kind: 'apply'; readonly pollers: number };

const TICK: KafkaEvent = { kind: 'tick' };

/** Retries when MaximumRetryAttempts is -1 and an on-failure destination is set (documented for Kafka). */
const KAFKA_RETRIES_WITH_DESTINATION = 10;

const RECORDED = {
  InvokedEventCount: {},
  CommittedEventCount: {},
  Throttles: {},
  Duration: { percentiles: true },
  OffsetLag: {},
  MaxOffsetLag: {},
  IncomingRecords: {},
} as const;

/**
 * A run of a Kafka scenario (Amazon MSK). Records are written to the topic's partitions up
 * front; the event loop simulates the mapping's pollers, batches and invocations, and the
 * poller scaler (on demand, or provisioned mode between its bounds).
 *
 * Each partition is read in order by the poller it is assigned to (partition i to poller
 * i mod pollers), one batch at a time. A poller runs at most 5 invocations at once and
 * passes at most 5 MB/s; a partition whose batch is ready waits in its poller's queue for
 * a slot. The batching window starts at the first record of a batch.
 */
export class KafkaRun {
  private readonly queue = new EventQueue<KafkaEvent>();
  private readonly metrics: MetricRecorder;
  private readonly record: {
    invoked: (t: number, v: number) => void;
    committed: (t: number, v: number) => void;
    throttles: (t: number, v: number) => void;
    duration: (t: number, v: number) => void;
    offsetLag: (t: number, v: number) => void;
    maxOffsetLag: (t: number, v: number) => void;
    concurrency: (t: number, v: number) => void;
    pollers: ((t: number, v: number) => void) | undefined;
  };
  private readonly log: StreamLog;
  /** What happens to each batch's records: filtering, success, failures. */
  private readonly book: BatchBook;
  private readonly classes: RecordClasses | undefined;
  private readonly partitions: Partition[] = [];
  private readonly pool: EnvironmentPool;
  private readonly control: ConcurrencyControl;
  private readonly model: FunctionModel;
  private readonly durations: Random;
  private readonly largest: number;
  private readonly windowSeconds: number;
  private readonly retentionSeconds: number;
  private readonly end: number;
  private readonly provisioned: boolean;
  private readonly rule: ScalerRule;
  private readonly recordBytes: number;
  /** Invocations by the trigger that sent their batch, per metric period. */
  private readonly triggers: BatchingTally;

  // Pollers: how many serve the topic now, what the scaler works towards, and their slots.
  private pollerCount: number;
  private plannedPollers: number;
  private readonly active: Int32Array;
  /** Slots in use over all pollers: the sum of each poller's active invocations, at most 5 each. */
  private busySlots = 0;
  private readonly waitingQueues: Partition[][];
  private readonly tokens: Float64Array;
  private readonly tokensAt: Float64Array;
  private readonly pollerHistory: PollerChange[] = [];

  // What the scaler measures between evaluations.
  private slotArea = 0;
  private capacityArea = 0;
  private areaSince = 0;
  private throttledSinceEvaluation = false;
  private busyMsSinceEvaluation = 0;
  /** Offsets committed over all partitions at the last tick, and records expired by then. */
  private settledAtTick = 0;
  private expiredAtTick = 0;
  private invocationsSinceEvaluation = 0;
  /** When the on-demand scaler last changed its plan. */
  private lastChangeAt = -Infinity;
  /** Event poller unit seconds used (provisioned mode), for the bill. */
  private epuSeconds = 0;

  private time = 0;
  private events = 0;
  /** The most events this run may process (its `maxEvents` option). */
  private readonly maxEvents: number;
  /** Set when the run reached its event budget: it stays stopped, and says why again. */
  private stopped: ScenarioTooLargeError | undefined;
  private finished = false;
  private readonly counts = { expired: 0, invocations: 0, throttles: 0, coldStarts: 0, invoked: 0, maxConcurrency: 0, maxOffsetLag: 0, billedMs: 0 };
  private readonly traces: InvocationTrace[] | undefined;
  /** Pictures for playback, when the run was created with `frameEverySeconds`. */
  private readonly frames: FrameSchedule | undefined;
  /** When the next picture is due: Infinity without pictures, so the event loop pays one comparison. */
  private nextFrameAt = Infinity;

  constructor(
    readonly scenario: Scenario,
    options: { trace?: boolean; frameEverySeconds?: number; maxEvents?: number } = {},
  ) {
    this.maxEvents = options.maxEvents ?? MAX_EVENTS_PER_RUN;
    this.traces = options.trace ? [] : undefined;
    if (options.frameEverySeconds !== undefined) {
      this.frames = new FrameSchedule(options.frameEverySeconds, scenario.durationSeconds);
      this.nextFrameAt = this.frames.next;
    }
    const source = scenario.source as KafkaSource;
    const esm = scenario.eventSourceMapping;
    const a = scenario.assumptions;
    this.end = scenario.durationSeconds;
    const traffic = createRandom(scenario.seed);
    this.durations = createRandom((scenario.seed ^ 0x5bd1e995) >>> 0);
    this.metrics = new MetricRecorder(scenario.metrics.periodSeconds, this.end);
        for (const [name, opts] of Object.entries(RECORDED)) this.metrics.declareSamples(name, opts);
    const sampler = (name: keyof typeof RECORDED) => this.metrics.sampler(name);
    this.provisioned = esm.ProvisionedPollerConfig !== undefined;
    this.record = {
      invoked: sampler('InvokedEventCount'),
      committed: sampler('CommittedEventCount'),
      throttles: sampler('Throttles'),
      duration: sampler('Duration'),
      offsetLag: sampler('OffsetLag'),
      maxOffsetLag: sampler('MaxOffsetLag'),
      concurrency: this.metrics.gaugeSetter('ConcurrentExecutions'),
      pollers: this.provisioned ? this.metrics.gaugeSetter('ProvisionedPollers') : undefined,
    };

    this.recordBytes = scenario.producer.recordSizeBytes;
    const rates = ratePerSecond(scenario.producer, this.end, traffic);
    const keys = scenario.producer.partitionKeys;
    // Kafka has no per-partition write limit like a Kinesis shard's; brokers' capacity is not modelled.
    this.log = writeToStream(
      rates,
      { shardCount: source.partitions, lanesPerShard: 1, recordSizeBytes: this.recordBytes, hotShare: keys.type === 'hot' ? keys.hotShare : 0, recordsPerShardSecond: Infinity },
      traffic,
    );
    for (let s = 0; s < this.log.seconds; s++) this.metrics.addSample('IncomingRecords', s, this.log.writtenPerSecond[s] as number);
    this.classes = classifyRecords(scenario, this.log);
    // "When you configure both infinite retries and an on-failure destination, Lambda
    // automatically applies a maximum of 10 retry attempts" (Kafka retry configurations).
    const maxRetries = esm.MaximumRetryAttempts < 0 && esm.DestinationConfig ? KAFKA_RETRIES_WITH_DESTINATION : esm.MaximumRetryAttempts;
    this.book = new BatchBook(this.classes, esm, this.metrics, createRandom((scenario.seed ^ 0x68e31da4) >>> 0), scenario.function.failures.errorRate, maxRetries);

    this.model = new FunctionModel(scenario.function);
    // The pool keeps a list of its environments only for pictures.
    this.pool = new EnvironmentPool(a.idleLifetimeSeconds, this.frames ? 'live' : 'none');
    this.control = new ConcurrencyControl(functionConcurrencyLimit(scenario.account, scenario.function.ReservedConcurrentExecutions));
    this.largest = largestBatch(esm.BatchSize, payloadBytesPerRecord(this.recordBytes, a.eventOverheadBytes));
    this.triggers = new BatchingTally(scenario.metrics.periodSeconds, this.end, this.largest);
    this.windowSeconds = batchingWindowSeconds(scenario);
    this.retentionSeconds = source.retentionHours * 3600;

    // At most one poller per partition keeps each partition in order.
    const config = esm.ProvisionedPollerConfig;
    const maximum = Math.min(source.partitions, config ? config.MaximumPollers : DEFAULT_MAXIMUM_POLLERS);
    const minimum = Math.min(maximum, config ? config.MinimumPollers : 1);
    this.rule = { step: a.kafkaScalingStep, busyShare: a.kafkaBusySlotShare, idleShare: a.kafkaIdleSlotShare, backlogFactor: a.kafkaBacklogFactor, minimum, maximum };
    this.pollerCount = config ? minimum : Math.max(minimum, Math.min(maximum, a.kafkaInitialPollers));
    this.plannedPollers = this.pollerCount;
    this.active = new Int32Array(maximum);
    this.waitingQueues = Array.from({ length: maximum }, () => []);
    this.tokens = new Float64Array(maximum).fill(POLLER_BYTES_PER_SECOND);
    this.tokensAt = new Float64Array(maximum);
    this.pollerHistory.push({ t: 0, pollers: this.pollerCount });
    this.record.pollers?.(0, this.pollerCount);

    for (let i = 0; i < source.partitions; i++) {
      const partition = new Partition(i);
      this.partitions.push(partition);
      this.scheduleCheck(partition, 0);
    }
    this.queue.push(1, TICK);
  }

  get now(): number {
    return this.time;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Processes every event before `seconds` (capped at the scenario's end). */
  advanceTo(seconds: number): void {
    if (this.stopped) throw this.stopped;
    const until = Math.min(seconds, this.end);
    for (let time = this.queue.peekTime(); time < until; time = this.queue.peekTime()) {
      if (this.events === this.maxEvents) throw (this.stopped = tooLarge(this.scenario, this.maxEvents, time));
      if (time >= this.nextFrameAt) this.takeFrames(time);
      const event = this.queue.popEvent();
      this.time = time;
      this.events++;
      switch (event.kind) {
        case 'check':
          if (this.queue.poppedSeq === event.partition.checkSeq) this.check(event.partition, time);
          break;
        case 'end':
          if (event.partition.trace) event.partition.trace.end = time;
          this.finishInvocation(event.partition, time);
          break;
        case 'tick':
          this.tick(time);
          break;
        case 'apply':
          this.setPollers(event.pollers, time);
          break;
      }
    }
    this.time = Math.max(this.time, until);
    if (until >= this.nextFrameAt) this.takeFrames(until);
    if (until >= this.end && !this.finished) {
      // The last second's lag and poller units, measured at the end.
      this.tick(this.end);
      this.finished = true;
    }
  }

  /** The result so far. */
  snapshot(): SimulationResult {
    const ledger = this.ledger();
    const summary: Summary = {
      ...recordCounts(ledger),
      invocations: this.counts.invocations,
      errors: this.book.counts.errors,
      throttles: this.counts.throttles,
      coldStarts: this.counts.coldStarts,
      maxConcurrency: this.counts.maxConcurrency,
      maxOffsetLag: this.counts.maxOffsetLag,
      simulatedSeconds: this.time,
      engineEvents: this.events,
    };
    const result: SimulationResult = {
      scenario: this.scenario,
      summary,
      ledger,
      metrics: this.collectMetrics(),
      cost: this.cost(),
      pollers: this.pollerHistory.map((c) => ({ ...c })),
      batching: this.triggers.report(),
    };
    if (this.classes) {
      const at = this.finished ? this.end : this.time;
      result.filtering = this.classes.report((lane) => this.log.arrivedBy(lane, at));
    }
    if (this.traces) result.invocations = this.traces.map((t) => ({ ...t }));
    if (this.frames) result.frames = this.frames.frames.slice();
    return result;
  }

  // --- pictures ---------------------------------------------------------------------------

  /** Takes the pictures due at or before `t`, before any event at `t` happens. */
  private takeFrames(t: number): void {
    const frames = this.frames as FrameSchedule;
    frames.takeUntil(t, (at) => this.picture(at));
    this.nextFrameAt = frames.next;
  }

  private picture(t: number): RunFrame {
    return {
      t,
      environments: pictureEnvironments(this.pool, t),
      ...pictureLanes(this.partitions, (partition) => (partition.invoking ? 'b' : this.holdsRecords(partition, t) ? 'w' : '.')),
      pollers: this.pollerCount,
    };
  }

  /**
   * Whether a partition not invoking holds records at `t`: a poller fetches records as they
   * arrive, so any record arrived and not yet settled waits (for the window, for a slot in
   * its poller, or for a retry).
   */
  private holdsRecords(partition: Partition, t: number): boolean {
    if (partition.waiting || partition.batchKept > 0 || partition.splitEnds.length > 0) return true;
    return this.log.arrivedBy(partition.index, t) > partition.settled;
  }

  // --- partitions and pollers -------------------------------------------------------------

  private scheduleCheck(partition: Partition, at: number): void {
    partition.checkSeq = at < this.end ? this.queue.push(at, partition.checkEvent) : -1;
  }

  private pollerOf(partition: Partition): number {
    return partition.index % this.pollerCount;
  }

  /** Decides, for one partition at `now`, whether to invoke and otherwise when to look again. */
  private check(partition: Partition, now: number): void {
    if (partition.invoking || partition.waiting) return;
    const book = this.book;
    this.expireOldRecords(partition, now);
    const arrived = this.log.arrivedBy(partition.index, now);
    if (partition.batchKept === 0) {
      // The rest of a bisected batch goes next, in order.
      while (partition.splitEnds.length > 0 && !book.setBatch(partition, partition.splitEnds.pop() as number, now));
    }
    if (partition.batchKept === 0) {
      const keptSettled = book.keptBefore(partition, partition.settled);
      // Filtering comes before batching: only kept records count towards a batch.
      const waitingKept = book.keptBefore(partition, arrived) - keptSettled;
      if (waitingKept <= 0) {
        if (arrived > partition.settled) book.settleFilteredOut(partition, arrived, now);
        const next = this.log.arrivalTime(partition.index, book.indexOfKept(partition, keptSettled));
        // With a filter, look at least every second, so that records it drops are passed (and counted) as they come.
        const wake = book.classifies ? Math.min(next, now + 1) : next;
        if (wake !== Infinity) this.scheduleCheck(partition, wake);
        return;
      }
      // Kafka's window starts at the first record of the batch.
      const windowEnd = this.log.arrivalTime(partition.index, book.indexOfKept(partition, keptSettled)) + this.windowSeconds;
      const records = batchDecision(waitingKept, this.largest, now, windowEnd);
      if (records === 0) {
        this.scheduleCheck(partition, Math.min(windowEnd, this.log.arrivalTime(partition.index, book.indexOfKept(partition, keptSettled + this.largest - 1))));
        return;
      }
      partition.trigger = batchTrigger(records, this.largest, this.scenario.eventSourceMapping.BatchSize);
      book.setBatch(partition, records === waitingKept ? arrived : book.indexOfKept(partition, keptSettled + records - 1) + 1, now);
    }
    const poller = this.pollerOf(partition);
    this.refill(poller, now);
    if ((this.active[poller] as number) >= POLLER_CONCURRENT_INVOCATIONS) {
      partition.waiting = true;
      (this.waitingQueues[poller] as Partition[]).push(partition);
      return;
    }
    if ((this.tokens[poller] as number) <= 0) {
      // The poller has passed its 5 MB/s: look again when its budget allows.
      this.scheduleCheck(partition, now + -(this.tokens[poller] as number) / POLLER_BYTES_PER_SECOND + 1e-6);
      return;
    }
    this.invoke(partition, poller, now);
  }

  private refill(poller: number, now: number): void {
    const since = this.tokensAt[poller] as number;
    if (now <= since) return;
    this.tokens[poller] = Math.min(POLLER_BYTES_PER_SECOND, (this.tokens[poller] as number) + (now - since) * POLLER_BYTES_PER_SECOND);
    this.tokensAt[poller] = now;
  }

  /**
   * Records older than the topic's retention are deleted, and records older than
   * MaximumRecordAgeInSeconds are given up on; the partition moves past both.
   */
  private expireOldRecords(partition: Partition, now: number): void {
    if (now > this.retentionSeconds) {
      const gone = this.log.arrivedBy(partition.index, now - this.retentionSeconds);
      if (gone > partition.settled) {
        this.counts.expired += gone - partition.settled;
        this.book.moveTo(partition, gone, now);
      }
    }
    this.book.giveUpOld(partition, now, Infinity, (t) => this.log.arrivedBy(partition.index, t));
  }

  private invoke(partition: Partition, poller: number, now: number): void {
    const records = partition.batchKept;
    const handlerMs = this.model.durationMs(records, partition.batchActionable, this.durations);
    const busyMs = Math.min(handlerMs, this.model.timeoutMs);
    const failure = this.book.outcome(partition, handlerMs, this.model.timeoutMs);
    const ok = failure === undefined;
    let environment = this.pool.reuse(now, busyMs / 1000);
    let coldMs = 0;
    if (!environment) {
      if (this.control.refusal(now, this.pool.concurrency) !== undefined) {
        // Throttled: the batch waits and is retried; the scaler hears of it.
        this.counts.throttles++;
        this.record.throttles(now, 1);
        this.throttledSinceEvaluation = true;
        this.scheduleCheck(partition, now + this.scenario.assumptions.throttleRetrySeconds);
        return;
      }
      this.control.spend(now);
      coldMs = this.model.coldStartMs;
      environment = this.pool.create(now, busyMs / 1000, coldMs / 1000);
      this.counts.coldStarts++;
    }
    this.accumulateSlots(now);
    this.active[poller] = (this.active[poller] as number) + 1;
    if ((this.active[poller] as number) <= POLLER_CONCURRENT_INVOCATIONS) this.busySlots++;
    this.tokens[poller] = (this.tokens[poller] as number) - records * this.recordBytes;
    partition.invoking = true;
    partition.poller = poller;
    partition.environment = environment;
    partition.failure = failure;
    partition.busyMs = busyMs;
    this.counts.invocations++;
    this.counts.invoked += records;
    this.counts.billedMs += Math.ceil(coldMs + busyMs);
    this.record.invoked(now, records);
    this.triggers.add(partition.trigger, now, this.log.arrivalTime(partition.index, this.book.indexOfKept(partition, this.book.keptBefore(partition, partition.settled))));
    this.setConcurrency(now);
    partition.trace = undefined;
    if (this.traces) {
      partition.trace = { lane: partition.index, first: partition.settled, count: records, start: now, end: Infinity, ok, coldStart: environment.served === 1, trigger: partition.trigger };
      this.traces.push(partition.trace);
    }
    this.queue.push(now + (coldMs + busyMs) / 1000, partition.endEvent);
  }

  private finishInvocation(partition: Partition, now: number): void {
    this.pool.release(partition.environment!, now);
    partition.environment = undefined;
    this.accumulateSlots(now);
    const poller = partition.poller;
    if ((this.active[poller] as number) <= POLLER_CONCURRENT_INVOCATIONS) this.busySlots--;
    this.active[poller] = Math.max(0, (this.active[poller] as number) - 1);
    this.setConcurrency(now);
    this.record.duration(now, partition.busyMs);
    this.busyMsSinceEvaluation += partition.busyMs;
    this.invocationsSinceEvaluation++;
    partition.invoking = false;
    if (partition.failure === undefined) {
      this.book.succeedBatch(partition, now);
      this.check(partition, now);
    } else if (this.book.fail(partition, partition.failure, now) === 'retry-later') {
      this.scheduleCheck(partition, now + this.scenario.assumptions.errorRetrySeconds);
    } else {
      this.check(partition, now);
    }
    this.serveWaiting(poller, now);
  }

  /** Gives a poller's free slots to the partitions waiting for one, in the order they came. */
  private serveWaiting(poller: number, now: number): void {
    const waiting = this.waitingQueues[poller] as Partition[];
    while (waiting.length > 0 && (this.active[poller] as number) < POLLER_CONCURRENT_INVOCATIONS) {
      const next = waiting.shift() as Partition;
      next.waiting = false;
      this.check(next, now);
    }
  }

  /** Puts a new poller count into effect: partitions are spread over the pollers afresh. */
  private setPollers(count: number, now: number): void {
    if (count === this.pollerCount) return;
    this.accumulateSlots(now);
    this.pollerCount = count;
    this.pollerHistory.push({ t: now, pollers: count });
    this.record.pollers?.(now, count);
    this.active.fill(0);
    this.busySlots = 0;
    for (const queue of this.waitingQueues) queue.length = 0;
    for (const partition of this.partitions) {
      if (partition.invoking) {
        partition.poller = this.pollerOf(partition);
        this.active[partition.poller] = (this.active[partition.poller] as number) + 1;
        if ((this.active[partition.poller] as number) <= POLLER_CONCURRENT_INVOCATIONS) this.busySlots++;
      } else {
        partition.waiting = false;
        this.scheduleCheck(partition, now);
      }
    }
  }

  private accumulateSlots(now: number): void {
    const dt = now - this.areaSince;
    if (dt <= 0) return;
    this.slotArea += this.busySlots * dt;
    this.capacityArea += this.pollerCount * POLLER_CONCURRENT_INVOCATIONS * dt;
    this.areaSince = now;
  }

  /** Every second: the lag metrics; every minute: the scaler's evaluation. */
  private tick(now: number): void {
    let sum = 0;
    let max = 0;
    let settled = 0;
    for (const partition of this.partitions) {
      settled += partition.settled;
      // Ticks fall on whole seconds, where the records arrived are the count before that second.
      const lag = Math.max(0, this.log.countBefore(partition.index, now) - partition.settled);
      sum += lag;
      if (lag > max) max = lag;
    }
    // Samples belong to the second that just ended. Lambda commits the offsets of every
    // record it moved past (processed, filtered out or given up on), not of expired ones.
    this.record.committed(now - 1, settled - this.settledAtTick - (this.counts.expired - this.expiredAtTick));
    this.settledAtTick = settled;
    this.expiredAtTick = this.counts.expired;
    this.record.offsetLag(now - 1, sum);
    this.record.maxOffsetLag(now - 1, max);
    if (sum > this.counts.maxOffsetLag) this.counts.maxOffsetLag = sum;
    if (this.provisioned) {
      // Event poller units, billed per second: one per 10 pollers or per 20 MB/s, whichever needs more.
      const bytes = (this.log.writtenPerSecond[now - 1] as number) * this.recordBytes;
      this.epuSeconds += Math.max(Math.ceil(this.pollerCount / POLLERS_PER_EVENT_POLLER_UNIT), Math.ceil(bytes / EVENT_POLLER_UNIT_BYTES_PER_SECOND));
    }
    if (now >= this.end) {
      this.accumulateSlots(this.end);
      return;
    }
    if (now % SCALING_EVALUATION_SECONDS === 0) this.evaluate(now, sum);
    this.queue.push(Math.min(now + 1, this.end), TICK);
  }

  private evaluate(now: number, lag: number): void {
    this.accumulateSlots(now);
    const a = this.scenario.assumptions;
    const slotUse = this.capacityArea > 0 ? this.slotArea / this.capacityArea : 0;
    let arrived = 0;
    for (let s = Math.max(0, now - SCALING_EVALUATION_SECONDS); s < now; s++) arrived += this.log.writtenPerSecond[s] as number;
    const rate = arrived / Math.min(now, SCALING_EVALUATION_SECONDS);
    const averageSeconds = this.invocationsSinceEvaluation > 0 ? this.busyMsSinceEvaluation / this.invocationsSinceEvaluation / 1000 : 0;
    const view = { planned: this.plannedPollers, lag, caughtUpLag: rate * (this.windowSeconds + averageSeconds), slotUse, throttled: this.throttledSinceEvaluation };
    this.slotArea = 0;
    this.capacityArea = 0;
    this.throttledSinceEvaluation = false;
    this.busyMsSinceEvaluation = 0;
    this.invocationsSinceEvaluation = 0;
    // On demand, the scaler changes course at most every few minutes, and each change takes
    // effect within three minutes of its evaluation; provisioned mode's scaling is
    // responsive: it may change at every evaluation, at once.
    if (!this.provisioned && now - this.lastChangeAt < a.kafkaOnDemandScalingIntervalSeconds) return;
    const target = nextPollers(view, this.rule);
    if (target === this.plannedPollers) return;
    this.plannedPollers = target;
    this.lastChangeAt = now;
    const delay = this.provisioned ? 0 : a.kafkaOnDemandScalingDelaySeconds;
    if (delay === 0) this.setPollers(target, now);
    else if (now + delay < this.end) this.queue.push(now + delay, { kind: 'apply', pollers: target });
  }

  private setConcurrency(now: number): void {
    const c = this.pool.concurrency;
    if (c > this.counts.maxConcurrency) this.counts.maxConcurrency = c;
    this.record.concurrency(now, c);
  }

  // --- results ----------------------------------------------------------------------------

  private ledger(): Ledger {
    const now = this.finished ? this.end : this.time;
    let written = 0;
    let waiting = 0;
    let inFlight = 0;
    for (const partition of this.partitions) {
      const arrived = this.log.arrivedBy(partition.index, now);
      written += arrived;
      const held = Math.max(0, arrived - partition.settled);
      const flying = partition.invoking || partition.batchKept > 0 ? partition.batchEnd - partition.settled : 0;
      inFlight += flying;
      waiting += held - flying;
    }
    return {
      produced: written,
      writeThrottled: 0,
      written,
      processed: this.book.counts.processed,
      filteredOut: this.book.counts.filteredOut,
      dropped: this.book.counts.dropped,
      destination: this.book.counts.destination,
      expired: this.counts.expired,
      backlog: waiting + inFlight,
      // A Kafka poller fetches records as they arrive: none wait unread.
      backlogParts: { unread: 0, buffered: waiting, inFlight },
      invokedWithRetries: this.counts.invoked,
    };
  }

  private cost(): CostReport {
    const s = this.scenario;
    const source = s.source as KafkaSource;
    const seconds = this.finished ? this.end : this.time;
    return priceUsage(
      {
        seconds,
        invocations: this.counts.invocations,
        billedMs: this.counts.billedMs,
        memoryMb: s.function.MemorySize,
        architecture: s.function.Architectures[0],
        kafka: {
          brokers: source.brokers,
          brokerInstanceType: source.brokerInstanceType,
          // Provisioned mode bills event poller units per second, with a one-minute minimum.
          ...(this.provisioned ? { eventPollerUnitSeconds: Math.max(this.epuSeconds, Math.min(seconds, 60)) } : {}),
        },
      },
      s.cost,
    );
  }

  private collectMetrics(): MetricsByNamespace {
    const m = this.metrics;
    const invoked = m.sampleSeries('InvokedEventCount');
    const incoming = m.sampleSeries('IncomingRecords');
    const offsetLag = m.sampleSeries('OffsetLag');
    const maxOffsetLag = m.sampleSeries('MaxOffsetLag');
    const lambda: Record<string, Datapoint[]> = {
      ...lambdaMetrics(m, this.scenario),
      OffsetLag: offsetLag,
      // A Kafka poller hands on every record it fetches: polled and invoked are the same here.
      PolledEventCount: invoked,
      CommittedEventCount: m.sampleSeries('CommittedEventCount'),
      MaxOffsetLag: maxOffsetLag,
      SumOffsetLag: offsetLag,
    };
    if (this.provisioned) lambda.ProvisionedPollers = m.gaugeDatapoints('ProvisionedPollers');
    const bytesIn = perSecond(scaled(incoming, this.recordBytes), this.metrics.periodSeconds, this.end);
    const kafka: Record<string, Datapoint[]> = {
      BytesInPerSec: bytesIn,
      BytesOutPerSec: perSecond(scaled(invoked, this.recordBytes), this.metrics.periodSeconds, this.end),
      MaxOffsetLag: maxOffsetLag,
      SumOffsetLag: offsetLag,
      EstimatedMaxTimeLag: this.estimatedMaxTimeLag(maxOffsetLag),
    };
    return { 'AWS/Lambda': sortKeys(lambda), 'AWS/Kafka': sortKeys(kafka) };
  }

  /**
   * MSK's estimate of the seconds needed to drain MaxOffsetLag: the lag divided by the rate
   * at which one partition's records were committed in the period (the topic's rate ÷ partitions).
   */
  private estimatedMaxTimeLag(maxOffsetLag: readonly Datapoint[]): Datapoint[] {
    const committed = this.metrics.sampleSeries('CommittedEventCount');
    const partitions = this.partitions.length;
    return maxOffsetLag.map((p, i) => {
      const seconds = Math.min(this.metrics.periodSeconds, this.end - p.t);
      const perPartitionRate = (committed[i] as Datapoint).Sum / seconds / partitions;
      const estimate = (lag: number | null) => (lag === null ? null : perPartitionRate > 0 ? lag / perPartitionRate : lag > 0 ? null : 0);
      const average = estimate(p.Average);
      return { t: p.t, Sum: (average ?? 0) * p.SampleCount, SampleCount: average === null ? 0 : p.SampleCount, Average: average, Minimum: estimate(p.Minimum), Maximum: estimate(p.Maximum) };
    });
  }
}

/** A per-second rate metric (such as BytesInPerSec) from totals per period: Average is the rate. */
function perSecond(series: readonly Datapoint[], periodSeconds: number, end: number): Datapoint[] {
  return series.map((p) => {
    const seconds = Math.min(periodSeconds, end - p.t);
    const rate = p.Sum / seconds;
    return { t: p.t, Sum: p.Sum, SampleCount: seconds, Average: rate, Minimum: null, Maximum: null };
  });
}

