import { EventQueue } from '../core/event-queue.ts';
import { createRandom } from '../core/random.ts';
import { formatProblems } from '../core/validation.ts';
import { MetricRecorder, type Datapoint, type GaugeDatapoint } from '../metrics/recorder.ts';
import { ConcurrencyControl } from './concurrency-control.ts';
import { EnvironmentPool, type Environment } from './environment-pool.ts';
import { parseConcurrencyParams, type ConcurrencyInput, type ConcurrencyParams } from './concurrency-params.ts';

/** One picture of every environment created so far, taken at time `t`. */
export interface EnvironmentFrame {
  t: number;
  /**
   * One character per environment, by creation order: `c` initializing (cold start),
   * `a` active, `i` idle, `-` reclaimed.
   */
  states: string;
  active: number;
  idle: number;
}

export interface ConcurrencySummary {
  requests: number;
  coldStarts: number;
  warmStarts: number;
  throttles: number;
  environmentsCreated: number;
  maxConcurrency: number;
  /** Little's law: average arrival rate × average duration. */
  predictedConcurrency: number;
  /** Time-weighted mean of in-flight requests over the steady window. */
  averageConcurrency: number;
  /** (average − predicted) / predicted. */
  relativeDifference: number;
  /** The steady window: from the end of the warm-up to the end of the run, in seconds. */
  steadyFromSeconds: number;
  steadyToSeconds: number;
}

export interface ConcurrencyResult {
  params: ConcurrencyParams;
  summary: ConcurrencySummary;
  metrics: {
    ConcurrentExecutions: GaugeDatapoint[];
    Invocations: Datapoint[];
    Throttles: Datapoint[];
  };
  frames: EnvironmentFrame[];
}

type ConcurrencyEvent =
  | { kind: 'arrival' }
  | { kind: 'init-done'; environment: Environment }
  | { kind: 'completion'; environment: Environment };

const STATE_CHAR = { initializing: 'c', busy: 'a', idle: 'i', reclaimed: '-' } as const;

/**
 * Simulates requests arriving at one function and being served by its execution
 * environments, event by event. Throws with the list of problems when the input is invalid
 * (use `parseConcurrencyParams` first to show them to a reader).
 */
export function simulateConcurrency(input: ConcurrencyInput): ConcurrencyResult {
  const parsed = parseConcurrencyParams(input);
  if (!parsed.ok) throw new Error(`invalid concurrency experiment:\n${formatProblems(parsed.problems)}`);
  const params = parsed.value;

  const end = params.runSeconds;
  const duration = params.durationMs / 1000;
  const coldStart = params.coldStartMs / 1000;
  const random = createRandom(params.seed);
  const queue = new EventQueue<ConcurrencyEvent>();
  const pool = new EnvironmentPool(params.idleLifetimeSeconds, true);
  const control = new ConcurrencyControl(params.concurrencyLimit);
  const metrics = new MetricRecorder(params.periodSeconds, end);
  metrics.declareSamples('Invocations');
  metrics.declareSamples('Throttles');
  const invocation = metrics.sampler('Invocations');
  const throttle = metrics.sampler('Throttles');
  const frames: EnvironmentFrame[] = [];
  let nextFrameAt = 0;
  let requests = 0;
  let coldStarts = 0;
  let throttles = 0;
  let maxConcurrency = 0;

  const gap = (): number =>
    params.arrivals === 'poisson' ? random.exponential(params.requestsPerSecond) : 1 / params.requestsPerSecond;

  const takeFramesBefore = (t: number): void => {
    while (nextFrameAt < t && nextFrameAt <= end) {
      frames.push(picture(pool, nextFrameAt));
      nextFrameAt = roundTime(nextFrameAt + params.frameEverySeconds);
    }
  };

  const first = params.arrivals === 'poisson' ? gap() : 0;
  if (first < end) queue.push(first, { kind: 'arrival' });

  while (queue.peekTime() < end) {
    const { time: now, event } = queue.pop()!;
    takeFramesBefore(now);
    switch (event.kind) {
      case 'arrival': {
        requests++;
        const warm = pool.reuse(now, duration);
        if (warm) {
          invocation(now, 1);
          queue.push(now + duration, { kind: 'completion', environment: warm });
        } else if (control.refusal(now, pool.concurrency) === undefined) {
          control.spend(now);
          const environment = pool.create(now, duration, coldStart);
          coldStarts++;
          invocation(now, 1);
          if (coldStart > 0) queue.push(now + coldStart, { kind: 'init-done', environment });
          queue.push(now + coldStart + duration, { kind: 'completion', environment });
        } else {
          throttles++;
          throttle(now, 1);
        }
        const next = now + gap();
        if (next < end) queue.push(next, { kind: 'arrival' });
        break;
      }
      case 'init-done':
        pool.finishInit(event.environment);
        break;
      case 'completion':
        pool.release(event.environment, now);
        break;
    }
    maxConcurrency = Math.max(maxConcurrency, pool.concurrency);
    metrics.setGauge('ConcurrentExecutions', now, pool.concurrency);
  }
  takeFramesBefore(end + params.frameEverySeconds);

  // Before the first requests finish, concurrency is still climbing; Little's law speaks of
  // the steady state, so the average is taken after one cold start plus one duration.
  const warmUp = Math.ceil((coldStart + duration) / params.periodSeconds) * params.periodSeconds;
  const steadyFrom = Math.min(warmUp, Math.floor(end / 2 / params.periodSeconds) * params.periodSeconds);
  const averageConcurrency = metrics.gaugeMean('ConcurrentExecutions', steadyFrom, end);
  const predictedConcurrency = params.requestsPerSecond * duration;

  return {
    params,
    summary: {
      requests,
      coldStarts,
      warmStarts: requests - coldStarts - throttles,
      throttles,
      environmentsCreated: pool.createdCount,
      maxConcurrency,
      predictedConcurrency,
      averageConcurrency,
      relativeDifference: (averageConcurrency - predictedConcurrency) / predictedConcurrency,
      steadyFromSeconds: steadyFrom,
      steadyToSeconds: end,
    },
    metrics: {
      ConcurrentExecutions: metrics.gaugeSeries('ConcurrentExecutions'),
      Invocations: metrics.sampleSeries('Invocations'),
      Throttles: metrics.sampleSeries('Throttles'),
    },
    frames,
  };
}

/** Little's law: the average number of requests in flight. */
export function littlesLaw(requestsPerSecond: number, durationMs: number): number {
  return requestsPerSecond * (durationMs / 1000);
}

function picture(pool: EnvironmentPool, t: number): EnvironmentFrame {
  pool.reclaimIdle(t);
  let states = '';
  for (const environment of pool.environments) states += STATE_CHAR[environment.kind];
  return { t, states, active: pool.concurrency, idle: pool.idleCount };
}

/** Keeps frame times free of floating-point drift (0.1 + 0.2 and the like). */
function roundTime(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}
