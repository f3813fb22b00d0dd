import { EventQueue } from '../core/event-queue.ts';
import { MAX_EVENTS_PER_RUN, tooLarge, type ScenarioTooLargeError } from './event-budget.ts';
import { createRandom, type Random } from '../core/random.ts';
import { priceUsage, type CostReport } from '../cost/bill.ts';
import { ConcurrencyControl, functionConcurrencyLimit } from '../lambda/concurrency-control.ts';
import { EnvironmentPool, pictureEnvironments, type Environment } from '../lambda/environment-pool.ts';
import { FunctionModel } from '../lambda/function-model.ts';
import { MetricRecorder } from '../metrics/recorder.ts';
import { ratePerSecond } from '../producer/rate-profile.ts';
import type { Scenario } from '../scenario/schema.ts';
import { FrameSchedule } from './frames.ts';
import { functionMetrics } from './lambda-metrics.ts';
import { recordCounts, sortKeys, type Ledger, type MetricsByNamespace, type RunFrame, type SimulationResult, type Summary } from './result.ts';

/**
 * The request an environment is serving. An environment serves one request at a time, so
 * each gets one of these (and its end event) when it is created, reused for every request.
 */
class Slot {
  failed = false;
  busyMs = 0;
  readonly endEvent: RequestEvent = { kind: 'end', slot: this };

  constructor(readonly environment: Environment) {}
}

type RequestEvent = { readonly kind: 'arrival' } | { readonly kind: 'end'; readonly slot: Slot };

const ARRIVAL: RequestEvent = { kind: 'arrival' };

const RECORDED = {
  Invocations: {},
  Errors: {},
  Throttles: {},
  // Of these, AWS documents percentile statistics for Duration only.
  Duration: { percentiles: true },
} as const;

/**
 * A run of a requests scenario: clients invoke the function directly and wait for the answer
 * (synchronous Invoke), with no stream and no event source mapping in between.
 *
 * Requests arrive as a Poisson process whose rate is the producer's, second by second. Each
 * takes an idle environment (the most recently freed) or, if the concurrency limit and the
 * scaling rate allow, a new one that first initializes (a cold start). A request that can
 * have neither is throttled: the caller gets TooManyRequestsException (429) and Lambda does
 * not retry it. A request whose handler fails (a timeout, or the scenario's errorRate) is an
 * error, returned to the caller and not retried either. In the ledger each request is a
 * record, and throttled or failed requests are `dropped`.
 */
export class RequestsRun {
  private readonly queue = new EventQueue<RequestEvent>();
  private readonly metrics: MetricRecorder;
  private readonly record: {
    invocations: (t: number, v: number) => void;
    errors: (t: number, v: number) => void;
    throttles: (t: number, v: number) => void;
    duration: (t: number, v: number) => void;
    concurrency: (t: number, v: number) => void;
  };
  private readonly pool: EnvironmentPool;
  private readonly control: ConcurrencyControl;
  private readonly model: FunctionModel;
  /** Separate streams of randomness: arrivals, durations and failures. */
  private readonly traffic: Random;
  private readonly durations: Random;
  private readonly failures: Random;
  private readonly errorRate: number;
  /** The producer's mean rate in each second: requests per second. */
  private readonly rates: Float64Array;
  /** One per environment, by environment id. */
  private readonly slots: Slot[] = [];
  private readonly end: number;
  private time = 0;
  private events = 0;
  /** The most events this run may process (its `maxEvents` option). */
  private readonly maxEvents: number;
  /** Set when the run reached its event budget: it stays stopped, and says why again. */
  private stopped: ScenarioTooLargeError | undefined;
  private finished = false;
  private readonly counts = {
    arrived: 0,
    throttles: 0,
    invocations: 0,
    succeeded: 0,
    errors: 0,
    coldStarts: 0,
    maxConcurrency: 0,
    /** Sum of billed durations: each invocation's init and handler time, rounded up to a whole ms. */
    billedMs: 0,
  };
  /** Pictures for playback, when the run was created with `frameEverySeconds`. */
  private readonly frames: FrameSchedule | undefined;
  /** When the next picture is due: Infinity without pictures, so the event loop pays one comparison. */
  private nextFrameAt = Infinity;

  /** `trace` is not used: each request is one invocation, and the metrics count them all. */
  constructor(
    readonly scenario: Scenario,
    options: { trace?: boolean; frameEverySeconds?: number; maxEvents?: number } = {},
  ) {
    this.maxEvents = options.maxEvents ?? MAX_EVENTS_PER_RUN;
    if (options.frameEverySeconds !== undefined) {
      this.frames = new FrameSchedule(options.frameEverySeconds, scenario.durationSeconds);
      this.nextFrameAt = this.frames.next;
    }
    this.end = scenario.durationSeconds;
    // The same seeds as the stream runs: the traffic does not change when the function does.
    this.traffic = createRandom(scenario.seed);
    this.durations = createRandom((scenario.seed ^ 0x5bd1e995) >>> 0);
    this.failures = createRandom((scenario.seed ^ 0x68e31da4) >>> 0);
    this.errorRate = scenario.function.failures.errorRate;
    this.metrics = new MetricRecorder(scenario.metrics.periodSeconds, this.end);
    for (const [name, options] of Object.entries(RECORDED)) this.metrics.declareSamples(name, options);
    const sampler = (name: keyof typeof RECORDED) => this.metrics.sampler(name);
    this.record = {
      invocations: sampler('Invocations'),
      errors: sampler('Errors'),
      throttles: sampler('Throttles'),
      duration: sampler('Duration'),
      concurrency: this.metrics.gaugeSetter('ConcurrentExecutions'),
    };
    this.model = new FunctionModel(scenario.function);
    this.pool = new EnvironmentPool(scenario.assumptions.idleLifetimeSeconds, this.frames ? 'live' : 'none');
    this.control = new ConcurrencyControl(functionConcurrencyLimit(scenario.account, scenario.function.ReservedConcurrentExecutions));
    this.control.tallyPeriods(scenario.metrics.periodSeconds, this.end);
    this.rates = ratePerSecond(scenario.producer, this.end, this.traffic);
    this.scheduleArrival(0);
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
      const event = this.queue.popEvent();
      this.time = time;
      this.events++;
      if (event.kind === 'arrival') this.arrive(time);
      else this.finishRequest(event.slot, time);
    }
    this.time = Math.max(this.time, until);
    if (until >= this.nextFrameAt) this.takeFrames(until);
    if (until >= this.end) this.finished = true;
  }

  /** The result so far: summary, ledger, metrics and bill up to the current time. */
  snapshot(): SimulationResult {
    const ledger = this.ledger();
    const summary: Summary = {
      ...recordCounts(ledger),
      invocations: this.counts.invocations,
      errors: this.counts.errors,
      throttles: this.counts.throttles,
      coldStarts: this.counts.coldStarts,
      maxConcurrency: this.counts.maxConcurrency,
      simulatedSeconds: this.time,
      engineEvents: this.events,
    };
    const result: SimulationResult = {
      scenario: this.scenario,
      summary,
      ledger,
      metrics: this.collectMetrics(),
      cost: this.cost(),
      scaling: this.control.scalingUse(),
    };
    if (this.frames) result.frames = this.frames.frames.slice();
    return result;
  }

  // --- requests --------------------------------------------------------------------------

  /**
   * Schedules the first arrival after `from`. The rate is constant within each second, and a
   * Poisson process forgets its past, so the gap is drawn at the second's rate and drawn
   * afresh at the next second's rate when it would cross into it.
   */
  private scheduleArrival(from: number): void {
    let t = from;
    for (let s = Math.floor(from); s < this.end; s++, t = s) {
      const rate = this.rates[s] as number;
      if (rate <= 0) continue;
      const next = t + this.traffic.exponential(rate);
      if (next < s + 1) {
        if (next < this.end) this.queue.push(next, ARRIVAL);
        return;
      }
    }
  }

  /** A request arrives: it runs on an idle environment or a new one, or it is throttled. */
  private arrive(now: number): void {
    this.counts.arrived++;
    const handlerMs = this.model.durationMs(1, 0, this.durations);
    const busyMs = Math.min(handlerMs, this.model.timeoutMs);
    let environment = this.pool.reuse(now, busyMs / 1000);
    let slot: Slot;
    let coldMs = 0;
    if (environment) {
      slot = this.slots[environment.id] as Slot;
    } else if (this.control.refusal(now, this.pool.concurrency) === undefined) {
      this.control.spend(now);
      coldMs = this.model.coldStartMs;
      environment = this.pool.create(now, busyMs / 1000, coldMs / 1000);
      slot = new Slot(environment);
      this.slots.push(slot);
      this.counts.coldStarts++;
    } else {
      // Throttled: the caller gets a 429 and Lambda does not retry a synchronous call.
      this.counts.throttles++;
      this.record.throttles(now, 1);
      this.scheduleArrival(now);
      return;
    }
    // A handler that runs past Timeout is stopped and fails; otherwise it fails at errorRate.
    slot.failed = handlerMs > this.model.timeoutMs || (this.errorRate > 0 && this.failures.next() < this.errorRate);
    slot.busyMs = busyMs;
    this.counts.invocations++;
    this.counts.billedMs += Math.ceil(coldMs + busyMs);
    this.record.invocations(now, 1);
    this.setConcurrency(now);
    this.queue.push(now + (coldMs + busyMs) / 1000, slot.endEvent);
    this.scheduleArrival(now);
  }

  private finishRequest(slot: Slot, now: number): void {
    this.pool.release(slot.environment, now);
    this.setConcurrency(now);
    this.record.duration(now, slot.busyMs);
    if (slot.failed) {
      this.counts.errors++;
      this.record.errors(now, 1);
    } else this.counts.succeeded++;
  }

  private setConcurrency(now: number): void {
    const c = this.pool.concurrency;
    if (c > this.counts.maxConcurrency) this.counts.maxConcurrency = c;
    this.record.concurrency(now, c);
  }

  // --- pictures ----------------------------------------------------------------------------

  /** Takes the pictures due at or before `t`, before any event at `t` happens. */
  private takeFrames(t: number): void {
    const frames = this.frames as FrameSchedule;
    frames.takeUntil(t, (at) => this.picture(at));
    this.nextFrameAt = frames.next;
  }

  /** Requests have no lanes: only the environments are pictured. */
  private picture(t: number): RunFrame {
    return { t, environments: pictureEnvironments(this.pool, t), lanes: '', busyLanes: 0, waitingLanes: 0 };
  }

  // --- results ---------------------------------------------------------------------------

  /**
   * Each request is a record: written when it arrives; processed when it succeeds; dropped
   * when it is throttled or fails (the caller gets the error, nothing retries it); in flight
   * (the backlog) while it runs.
   */
  private ledger(): Ledger {
    const c = this.counts;
    const inFlight = c.invocations - c.succeeded - c.errors;
    return {
      produced: c.arrived,
      writeThrottled: 0,
      written: c.arrived,
      processed: c.succeeded,
      filteredOut: 0,
      dropped: c.throttles + c.errors,
      destination: 0,
      expired: 0,
      backlog: inFlight,
      backlogParts: { unread: 0, buffered: 0, inFlight },
      invokedWithRetries: c.invocations,
    };
  }

  /** Lambda's requests and GB-seconds: nothing else runs. */
  private cost(): CostReport {
    const s = this.scenario;
    return priceUsage(
      {
        seconds: this.finished ? this.end : this.time,
        invocations: this.counts.invocations,
        billedMs: this.counts.billedMs,
        memoryMb: s.function.MemorySize,
        architecture: s.function.Architectures[0],
      },
      s.cost,
    );
  }

  private collectMetrics(): MetricsByNamespace {
    const m = this.metrics;
    return { 'AWS/Lambda': sortKeys(functionMetrics(m, this.scenario, m.sampleSeries('Invocations'))) };
  }
}
