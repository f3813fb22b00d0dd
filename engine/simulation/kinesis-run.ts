import { EventQueue } from '../core/event-queue.ts';
import { MAX_EVENTS_PER_RUN, tooLarge, type ScenarioTooLargeError } from './event-budget.ts';
import { priceUsage, type CostReport } from '../cost/bill.ts';
import { createRandom, type Random } from '../core/random.ts';
import { batchDecision, batchingWindowSeconds, batchTrigger, largestBatch, payloadBytesPerRecord, BatchingTally, type BatchTrigger } from '../esm/batching.ts';
import { BatchBook, LaneState } from '../esm/batch-book.ts';
import { classifyRecords, type RecordClasses } from '../esm/record-classes.ts';
import { ShardReader, type ReaderMetrics } from '../kinesis/shard-reader.ts';
import { PUT_RECORDS_MAX_RECORDS } from '../kinesis/limits.ts';
import { writeToStream, type StreamLog } from '../kinesis/stream-log.ts';
import { ConcurrencyControl, functionConcurrencyLimit } from '../lambda/concurrency-control.ts';
import { EnvironmentPool, pictureEnvironments } from '../lambda/environment-pool.ts';
import { FunctionModel } from '../lambda/function-model.ts';
import { countOfSamples, merged, scaled } from '../metrics/derive.ts';
import { MetricRecorder, type Datapoint } from '../metrics/recorder.ts';
import { ratePerSecond } from '../producer/rate-profile.ts';
import type { KinesisSource, Scenario } from '../scenario/schema.ts';
import { FrameSchedule, pictureLanes } from './frames.ts';
import { lambdaMetrics } from './lambda-metrics.ts';
import { recordCounts, sortKeys, type Ledger, type MetricsByNamespace, type RunFrame, type SimulationResult, type Summary } from './result.ts';

/** One lane: the records of a shard that one of its ParallelizationFactor batches handles, in order. */
class Lane extends LaneState<InvocationTrace> {
  windowStart = 0;
  /** The lane's two queue events, made once: a lane has one check and one invocation pending at most. */
  readonly checkEvent: RunEvent = { kind: 'check', lane: this };
  readonly endEvent: RunEvent = { kind: 'end', lane: this };

  constructor(
    index: number,
    readonly reader: ShardReader,
  ) {
    super(index);
  }
}

/** One invocation, as recorded when a run is traced (for tests and step-by-step views). */
export interface InvocationTrace {
  /** Global lane index: shard × ParallelizationFactor + lane. */
  lane: number;
  /** First record of the batch (index within the lane) and how many. */
  first: number;
  count: number;
  start: number;
  end: number;
  ok: boolean;
  coldStart: boolean;
  /** Which documented trigger sent the batch. */
  trigger: BatchTrigger;
}

type RunEvent = { readonly kind: 'check' | 'end'; readonly lane: Lane };

/**
 * What the run records as it goes. Other metrics are derived from these at the end
 * (Invocations from InvokedEventCount, OutgoingBytes from the records read…).
 */
const RECORDED = {
  InvokedEventCount: {},
  Throttles: {},
  // Of these, AWS documents percentile statistics for Duration only.
  Duration: { percentiles: true },
  IteratorAge: {},
  GetRecords: {},
  Pushed: {},
  'GetRecords.IteratorAgeMilliseconds': {},
  ReadProvisionedThroughputExceeded: {},
  IncomingRecords: {},
  'PutRecords.Success': {},
  WriteProvisionedThroughputExceeded: {},
} as const;


/**
 * A run of a Kinesis scenario that can be advanced step by step. Records are written to
 * the stream up front (what the producer sends does not depend on the consumer), then the
 * event loop simulates the mapping's reads, batches and invocations.
 */
export class KinesisRun {
  private readonly queue = new EventQueue<RunEvent>();
  private readonly metrics: MetricRecorder;
  private readonly record: {
    throttles: (t: number, v: number) => void;
    invokedEventCount: (t: number, v: number) => void;
    duration: (t: number, v: number) => void;
    iteratorAge: (t: number, v: number) => void;
    concurrency: (t: number, v: number) => void;
  };
  /** What happens to each batch's records: filtering, success, failures. */
  private readonly book: BatchBook;
  /** Which records the filter keeps, the code acts on and are poison; undefined when none is set. */
  private readonly classes: RecordClasses | undefined;
  private readonly log: StreamLog;
  private readonly lanes: Lane[] = [];
  private readonly readers: ShardReader[] = [];
  private readonly pool: EnvironmentPool;
  private readonly control: ConcurrencyControl;
  private readonly model: FunctionModel;
  private readonly durations: Random;
  private readonly largest: number;
  private readonly windowSeconds: number;
  private readonly retentionSeconds: number;
  private readonly end: number;
  /** Invocations by the trigger that sent their batch, per metric period. */
  private readonly triggers: BatchingTally;
  private time = 0;
  private events = 0;
  /** The most events this run may process (its `maxEvents` option). */
  private readonly maxEvents: number;
  /** Set when the run reached its event budget: it stays stopped, and says why again. */
  private stopped: ScenarioTooLargeError | undefined;
  private finished = false;
  private readonly counts = {
    expired: 0,
    invocations: 0,
    throttles: 0,
    coldStarts: 0,
    invoked: 0,
    maxConcurrency: 0,
    maxIteratorAgeMs: 0,
    /** Sum of billed durations: each invocation's init and handler time, rounded up to a whole ms. */
    billedMs: 0,
  };

  /** Every invocation, in start order, when the run was created with `trace`. */
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
    const source = scenario.source as KinesisSource;
    const esm = scenario.eventSourceMapping;
    const a = scenario.assumptions;
    this.end = scenario.durationSeconds;
    // Separate streams of randomness for traffic and for durations, so that changing the
    // function does not change the traffic it receives.
    const traffic = createRandom(scenario.seed);
    this.durations = createRandom((scenario.seed ^ 0x5bd1e995) >>> 0);
    this.metrics = new MetricRecorder(scenario.metrics.periodSeconds, this.end);
        for (const [name, options] of Object.entries(RECORDED)) this.metrics.declareSamples(name, options);
    const sampler = (name: keyof typeof RECORDED) => this.metrics.sampler(name);
    this.record = {
      invokedEventCount: sampler('InvokedEventCount'),
      throttles: sampler('Throttles'),
      duration: sampler('Duration'),
      iteratorAge: sampler('IteratorAge'),
      concurrency: this.metrics.gaugeSetter('ConcurrentExecutions'),
    };
    const readerMetrics: ReaderMetrics = {
      getRecords: sampler('GetRecords'),
      pushed: sampler('Pushed'),
      getRecordsIteratorAgeMilliseconds: sampler('GetRecords.IteratorAgeMilliseconds'),
      readProvisionedThroughputExceeded: sampler('ReadProvisionedThroughputExceeded'),
    };

    const rates = ratePerSecond(scenario.producer, this.end, traffic);
    const keys = scenario.producer.partitionKeys;
    this.log = writeToStream(
      rates,
      {
        shardCount: source.ShardCount,
        lanesPerShard: esm.ParallelizationFactor ?? 1,
        recordSizeBytes: scenario.producer.recordSizeBytes,
        hotShare: keys.type === 'hot' ? keys.hotShare : 0,
      },
      traffic,
    );
    this.recordWrites();

    this.classes = classifyRecords(scenario, this.log);
    this.book = new BatchBook(this.classes, esm, this.metrics, createRandom((scenario.seed ^ 0x68e31da4) >>> 0), scenario.function.failures.errorRate, esm.MaximumRetryAttempts);

    this.model = new FunctionModel(scenario.function);
    // The pool keeps a list of its environments only for pictures.
    this.pool = new EnvironmentPool(a.idleLifetimeSeconds, this.frames ? 'live' : 'none');
    this.control = new ConcurrencyControl(functionConcurrencyLimit(scenario.account, scenario.function.ReservedConcurrentExecutions));
    this.largest = largestBatch(esm.BatchSize, payloadBytesPerRecord(scenario.producer.recordSizeBytes, a.eventOverheadBytes));
    this.windowSeconds = batchingWindowSeconds(scenario);
    this.triggers = new BatchingTally(scenario.metrics.periodSeconds, this.end, this.largest);
    this.retentionSeconds = source.RetentionPeriodHours * 3600;

    const bufferCap = Math.max(a.readAheadRecords, this.largest * (esm.ParallelizationFactor ?? 1));
    for (let shard = 0; shard < source.ShardCount; shard++) {
      const reader: ShardReader = new ShardReader(
        this.log,
        shard,
        {
          mode: source.consumer,
          otherSharedConsumers: source.otherSharedConsumers,
          bufferCapRecords: bufferCap,
          efoPropagationSeconds: a.efoPropagationMs / 1000,
          readThrottleRetrySeconds: a.readThrottleRetrySeconds,
        },
        readerMetrics,
      );
      // Polls of different shards are not aligned: each starts at its own offset in the first second.
      reader.nextPollAt = source.consumer === 'shared' ? traffic.next() : 0;
      this.readers.push(reader);
      const lanes = reader.laneIndexes.map((index) => new Lane(index, reader));
      reader.attach(lanes);
      for (const lane of lanes) {
        this.lanes.push(lane);
        this.scheduleCheck(lane, 0);
      }
    }
  }

  /** Simulated time reached so far, in seconds. */
  get now(): number {
    return this.time;
  }

  /** True once the run has reached the scenario's end. */
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
      const { kind, lane } = this.queue.popEvent();
      this.time = time;
      this.events++;
      if (kind === 'check') {
        if (this.queue.poppedSeq === lane.checkSeq) this.check(lane, time);
      } else {
        if (lane.trace) lane.trace.end = time;
        this.finishInvocation(lane, time);
      }
    }
    this.time = Math.max(this.time, until);
    if (until >= this.nextFrameAt) this.takeFrames(until);
    if (until >= this.end && !this.finished) {
      // Polls are lazy: perform the ones still due before the end, so the metrics are complete.
      for (const reader of this.readers) reader.advance(this.end - 1e-9);
      this.finished = true;
    }
  }

  /** The result so far: summary, ledger and metrics up to the current time. */
  snapshot(): SimulationResult {
    const ledger = this.ledger();
    const summary: Summary = {
      ...recordCounts(ledger),
      invocations: this.counts.invocations,
      errors: this.book.counts.errors,
      throttles: this.counts.throttles,
      coldStarts: this.counts.coldStarts,
      maxConcurrency: this.counts.maxConcurrency,
      maxIteratorAgeMs: this.counts.maxIteratorAgeMs,
      simulatedSeconds: this.time,
      engineEvents: this.events,
    };
    const metrics = this.collectMetrics();
    const result: SimulationResult = { scenario: this.scenario, summary, ledger, metrics, cost: this.cost(ledger), batching: this.triggers.report() };
    if (this.classes) {
      const at = this.finished ? this.end : this.time;
      result.filtering = this.classes.report((lane) => this.log.arrivedBy(lane, at));
    }
    if (this.traces) result.invocations = this.traces.map((t) => ({ ...t }));
    if (this.frames) result.frames = this.frames.frames.slice();
    return result;
  }

  // --- pictures ------------------------------------------------------------------------

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
      ...pictureLanes(this.lanes, (lane) => (lane.invoking ? 'b' : this.holdsRecords(lane, t) ? 'w' : '.')),
    };
  }

  /**
   * Whether a lane not invoking has records waiting at `t`: a batch held back (a throttle or
   * a retry waiting), or records arrived and not yet settled, whether the mapping has read
   * them (a batching window filling) or they wait in the shard for the next read. Reads are
   * lazy, so what the mapping has read by `t` is not known without performing them, and
   * performing them for a picture would change the run.
   */
  private holdsRecords(lane: Lane, t: number): boolean {
    if (lane.batchKept > 0 || lane.splitEnds.length > 0) return true;
    return this.log.arrivedBy(lane.index, t) > lane.settled;
  }

  // --- the mapping -------------------------------------------------------------------

  private scheduleCheck(lane: Lane, at: number): void {
    lane.checkSeq = at < this.end ? this.queue.push(at, lane.checkEvent) : -1;
  }

  /** Decides, for one lane at `now`, whether to invoke and otherwise when to look again. */
  private check(lane: Lane, now: number): void {
    if (lane.invoking) return;
    lane.reader.advance(now);
    this.expireOldRecords(lane, now);
    if (lane.batchKept > 0) {
      this.invoke(lane, now);
      return;
    }
    // The rest of a bisected batch goes next, straight away and in order.
    while (lane.splitEnds.length > 0) {
      if (this.book.setBatch(lane, lane.splitEnds.pop() as number, now)) {
        this.invoke(lane, now);
        return;
      }
    }
    const polled = this.log.arrivedBy(lane.index, lane.reader.readTime);
    const keptSettled = this.book.keptBefore(lane, lane.settled);
    const keptPolled = this.book.keptBefore(lane, polled);
    // Filtering comes before batching: only kept records count towards a batch.
    const buffered = keptPolled - keptSettled;
    if (buffered === 0 && polled > lane.settled) this.book.settleFilteredOut(lane, polled, now);
    const windowEnd = lane.windowStart + this.windowSeconds;
    const records = batchDecision(buffered, this.largest, now, windowEnd);
    if (records > 0) {
      lane.trigger = batchTrigger(records, this.largest, this.scenario.eventSourceMapping.BatchSize);
      // A batch that takes every kept record read so far also carries the iterator past the
      // filtered-out records read after them.
      this.book.setBatch(lane, records === buffered ? polled : this.book.indexOfKept(lane, keptSettled + records - 1) + 1, now);
      this.invoke(lane, now);
      return;
    }
    // Wait for the batch to fill, or for the window to end with a record to send: whichever
    // comes first. With nothing buffered yet, a full batch can still be read before the window ends.
    const full = lane.reader.readableAt(lane.index, this.book.indexOfKept(lane, keptSettled + this.largest - 1), now);
    let wake = buffered > 0 ? Math.min(windowEnd, full) : Math.min(full, Math.max(windowEnd, lane.reader.readableAt(lane.index, this.book.indexOfKept(lane, keptPolled), now)));
    // With a filter, look at least every poll interval, so that records it drops are passed
    // (and counted) as they are read, not only when a kept one comes.
    if (this.book.classifies) wake = Math.min(wake, Math.max(now, lane.reader.nextReadAfter(now)));
    if (wake === Infinity) return;
    // A predicted time already passed means reading is held back (read limits, a full
    // buffer): look again when the reader can next read, not sooner, but still in time
    // for the end of the window.
    if (wake <= now) wake = lane.reader.nextReadAfter(now);
    if (buffered > 0) wake = Math.min(wake, windowEnd);
    this.scheduleCheck(lane, wake);
  }

  /**
   * Records older than the stream's retention are gone, and records older than
   * MaximumRecordAgeInSeconds are given up on; the lane moves past both.
   */
  private expireOldRecords(lane: Lane, now: number): void {
    if (now > this.retentionSeconds) {
      const gone = this.log.arrivedBy(lane.index, now - this.retentionSeconds);
      if (gone > lane.settled) {
        this.counts.expired += gone - lane.settled;
        this.book.moveTo(lane, gone, now);
      }
    }
    // Only records the mapping has read can be given up on; the reader catches up with the rest.
    this.book.giveUpOld(lane, now, this.log.arrivedBy(lane.index, lane.reader.readTime), (t) => this.log.arrivedBy(lane.index, t));
  }

  /** Invokes the function with the lane's batch, or records a throttle and retries later. */
  private invoke(lane: Lane, now: number): void {
    const count = lane.batchKept;
    const m = this.record;
    const handlerMs = this.model.durationMs(count, lane.batchActionable, this.durations);
    const busyMs = Math.min(handlerMs, this.model.timeoutMs);
    const failure = this.book.outcome(lane, handlerMs, this.model.timeoutMs);
    const ok = failure === undefined;
    let environment = this.pool.reuse(now, busyMs / 1000);
    let coldMs = 0;
    if (!environment) {
      if (this.control.refusal(now, this.pool.concurrency) !== undefined) {
        // Throttled: the batch did not reach the function; it is retried and the lane waits.
        this.counts.throttles++;
        m.throttles(now, 1);
        this.scheduleCheck(lane, now + this.scenario.assumptions.throttleRetrySeconds);
        return;
      }
      this.control.spend(now);
      coldMs = this.model.coldStartMs;
      environment = this.pool.create(now, busyMs / 1000, coldMs / 1000);
      this.counts.coldStarts++;
    }
    lane.invoking = true;
    this.counts.invocations++;
    this.counts.billedMs += Math.ceil(coldMs + busyMs);
    this.counts.invoked += count;
    m.invokedEventCount(now, count);
    this.triggers.add(lane.trigger, now, this.log.arrivalTime(lane.index, this.book.indexOfKept(lane, this.book.keptBefore(lane, lane.settled))));
    const newest = this.log.arrivalTime(lane.index, lane.batchEnd - 1);
    const ageMs = Math.max(0, (now - newest) * 1000);
    this.counts.maxIteratorAgeMs = Math.max(this.counts.maxIteratorAgeMs, ageMs);
    m.iteratorAge(now, ageMs);
    this.setConcurrency(now);
    lane.environment = environment;
    lane.failure = failure;
    lane.busyMs = busyMs;
    lane.trace = undefined;
    if (this.traces) {
      lane.trace = { lane: lane.index, first: lane.settled, count, start: now, end: Infinity, ok, coldStart: environment.served === 1, trigger: lane.trigger };
      this.traces.push(lane.trace);
    }
    this.queue.push(now + (coldMs + busyMs) / 1000, lane.endEvent);
  }

  private finishInvocation(lane: Lane, now: number): void {
    this.pool.release(lane.environment!, now);
    lane.environment = undefined;
    this.setConcurrency(now);
    this.record.duration(now, lane.busyMs);
    lane.invoking = false;
    if (lane.failure === undefined) {
      this.book.succeedBatch(lane, now);
      lane.windowStart = now;
    } else if (this.book.fail(lane, lane.failure, now) === 'retry-later') {
      this.scheduleCheck(lane, now + this.scenario.assumptions.errorRetrySeconds);
      return;
    }
    this.check(lane, now);
  }

  private setConcurrency(now: number): void {
    const c = this.pool.concurrency;
    if (c > this.counts.maxConcurrency) this.counts.maxConcurrency = c;
    this.record.concurrency(now, c);
  }

  // --- results -------------------------------------------------------------------------

  /** Writes the producer's per-second totals into the Kinesis metrics. */
  private recordWrites(): void {
    for (let s = 0; s < this.log.seconds; s++) {
      const written = this.log.writtenPerSecond[s] as number;
      const throttled = this.log.throttledPerSecond[s] as number;
      this.metrics.addSample('IncomingRecords', s, written);
      // Assumption: the producer sends full PutRecords calls of 500 records.
      if (written > 0) this.metrics.addSample('PutRecords.Success', s, Math.ceil(written / PUT_RECORDS_MAX_RECORDS));
      if (throttled > 0) this.metrics.addSample('WriteProvisionedThroughputExceeded', s, throttled);
    }
  }

  /** The run's bill so far, from what it used. */
  private cost(ledger: Ledger): CostReport {
    const scenario = this.scenario;
    const source = scenario.source as KinesisSource;
    const size = scenario.producer.recordSizeBytes;
    let pushed = 0;
    if (source.consumer === 'efo') for (const point of this.metrics.sampleSeries('Pushed')) pushed += point.Sum;
    return priceUsage(
      {
        seconds: this.finished ? this.end : this.time,
        invocations: this.counts.invocations,
        billedMs: this.counts.billedMs,
        memoryMb: scenario.function.MemorySize,
        architecture: scenario.function.Architectures[0],
        kinesis: {
          shards: source.ShardCount,
          retentionHours: source.RetentionPeriodHours,
          writtenRecords: ledger.written,
          recordSizeBytes: size,
          ...(source.consumer === 'efo' ? { efoBytes: pushed * size } : {}),
        },
      },
      scenario.cost,
    );
  }

  private ledger(): Ledger {
    let written = 0;
    let throttled = 0;
    for (let s = 0; s < this.log.seconds; s++) {
      written += this.log.writtenPerSecond[s] as number;
      throttled += this.log.throttledPerSecond[s] as number;
    }
    // Only records that have arrived by now count as written so far.
    let writtenSoFar = 0;
    let unread = 0;
    let buffered = 0;
    let inFlight = 0;
    const now = this.finished ? this.end : this.time;
    for (const lane of this.lanes) {
      const arrived = this.log.arrivedBy(lane.index, now);
      const read = Math.min(arrived, this.log.arrivedBy(lane.index, lane.reader.readTime));
      writtenSoFar += arrived;
      unread += arrived - Math.max(read, lane.settled);
      const held = Math.max(0, read - lane.settled);
      const flying = lane.batchKept > 0 ? lane.batchEnd - lane.settled : 0;
      inFlight += flying;
      buffered += held - flying;
    }
    const scale = this.finished ? 1 : writtenSoFar / Math.max(1, written);
    const writeThrottledSoFar = this.finished ? throttled : Math.round(throttled * scale);
    const processed = this.book.counts.processed;
    const expired = this.counts.expired;
    return {
      produced: writtenSoFar + writeThrottledSoFar,
      writeThrottled: writeThrottledSoFar,
      written: writtenSoFar,
      processed,
      filteredOut: this.book.counts.filteredOut,
      dropped: this.book.counts.dropped,
      destination: this.book.counts.destination,
      expired,
      backlog: unread + buffered + inFlight,
      backlogParts: { unread, buffered, inFlight },
      invokedWithRetries: this.counts.invoked,
    };
  }

  private collectMetrics(): MetricsByNamespace {
    const m = this.metrics;
    const size = this.scenario.producer.recordSizeBytes;
    const getRecords = m.sampleSeries('GetRecords');
    const read = merged(getRecords, m.sampleSeries('Pushed'));
    const incoming = m.sampleSeries('IncomingRecords');
    const lambda: Record<string, Datapoint[]> = {
      ...lambdaMetrics(m, this.scenario),
      IteratorAge: m.sampleSeries('IteratorAge'),
      PolledEventCount: read,
    };
    const kinesis: Record<string, Datapoint[]> = {
      IncomingRecords: incoming,
      IncomingBytes: scaled(incoming, size),
      'PutRecords.Success': m.sampleSeries('PutRecords.Success'),
      WriteProvisionedThroughputExceeded: m.sampleSeries('WriteProvisionedThroughputExceeded'),
      'GetRecords.Success': countOfSamples(getRecords),
      'GetRecords.Records': getRecords,
      'GetRecords.IteratorAgeMilliseconds': m.sampleSeries('GetRecords.IteratorAgeMilliseconds'),
      OutgoingRecords: read,
      OutgoingBytes: scaled(read, size),
      ReadProvisionedThroughputExceeded: m.sampleSeries('ReadProvisionedThroughputExceeded'),
    };
    return { 'AWS/Lambda': sortKeys(lambda), 'AWS/Kinesis': sortKeys(kinesis) };
  }
}

