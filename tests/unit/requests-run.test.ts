import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bindingLimits,
  createRun,
  MAX_PICTURED_ENVIRONMENTS,
  MAX_REQUESTS,
  parseScenario,
  ScenarioError,
  simulate,
  type Datapoint,
  type ScenarioInput,
  type SimulationResult,
} from '../../engine/index.ts';
import { summaryText } from '../../scripts/cli/summary-text.ts';
import { cliInputJson, metricsCsv, NO_MAPPING_TO_EXPORT, samTemplateFor, scenarioJson, terraformFor } from '../../src/workbench/export/index.ts';
import { total } from './support/scenarios.ts';

const load = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));
const STEADY = load('concurrency-steady-requests');
const BURST = load('concurrency-scaling-burst');

/** The steady preset with some fields replaced. */
function steady(changes: { function?: Partial<ScenarioInput['function']>; [key: string]: unknown } = {}): ScenarioInput {
  const { function: fn, ...rest } = changes;
  return { ...STEADY, ...rest, function: { ...STEADY.function, ...fn } } as ScenarioInput;
}

function problemsOf(input: unknown): string[] {
  const checked = parseScenario(input);
  return checked.ok ? [] : checked.problems.map((p) => p.message);
}

function expectLedgerBalanced(result: SimulationResult): void {
  const { ledger, summary } = result;
  expect(ledger.produced).toBe(ledger.writeThrottled + ledger.written);
  expect(ledger.written).toBe(ledger.processed + ledger.filteredOut + ledger.dropped + ledger.destination + ledger.expired + ledger.backlog);
  expect(ledger.backlog).toBe(ledger.backlogParts.inFlight);
  expect(ledger.backlogParts.unread + ledger.backlogParts.buffered).toBe(0);
  // A request is dropped when it is throttled or fails: nothing retries a synchronous call.
  expect(ledger.dropped).toBe(summary.throttles + summary.errors);
  expect(ledger.invokedWithRetries).toBe(summary.invocations);
  expect(summary.invocations + summary.throttles).toBe(ledger.written);
}

/** Time-weighted mean of ConcurrentExecutions over the periods starting at or after `from`. */
function meanConcurrency(result: SimulationResult, from: number): number {
  const points = result.metrics['AWS/Lambda']!.ConcurrentExecutions!.filter((p) => p.t >= from);
  return points.reduce((sum, p) => sum + p.Sum, 0) / points.reduce((sum, p) => sum + p.SampleCount, 0);
}

interface Traffic {
  /** Requests per second (the mean of a Poisson process). */
  rate: number;
  /** Handler time of each request. */
  baseMs: number;
  coldStartMs?: number;
  idleLifetimeSeconds?: number;
  durationSeconds?: number;
  seed?: number;
}

/** A requests scenario at a constant rate, each request taking exactly `baseMs`, with one-second metric periods. */
function requests({ rate, baseMs, coldStartMs = 250, idleLifetimeSeconds = 300, durationSeconds = 300, seed = 1 }: Traffic): ScenarioInput {
  return {
    name: 'requests-test',
    seed,
    durationSeconds,
    source: { type: 'requests' },
    producer: { rate: [{ at: 0, recordsPerSecond: rate }], recordSizeBytes: 1_024 },
    function: { MemorySize: 128, duration: { baseMs, perRecordMs: 0, coldStartMs } },
    metrics: { periodSeconds: 1 },
    assumptions: { idleLifetimeSeconds },
  };
}

/** Simulated seconds of requests in flight over the whole run: the area under ConcurrentExecutions. */
function inFlightSeconds(result: SimulationResult): number {
  return total(result.metrics['AWS/Lambda']!.ConcurrentExecutions);
}

describe('requests straight to a function: Little’s law', () => {
  const result = simulate(STEADY);
  const lambda = result.metrics['AWS/Lambda']!;
  // The steady part: after the first cold starts and durations have played out.
  const from = 10;
  const invocations = lambda.Invocations!.filter((p) => p.t >= from);
  const duration = lambda.Duration!.filter((p) => p.t >= from);
  const seconds = STEADY.durationSeconds - from;
  const rate = total(invocations) / seconds;
  const meanDurationS = total(duration) / duration.reduce((n, p) => n + p.SampleCount, 0) / 1000;

  it('holds within 10%: average ConcurrentExecutions ≈ request rate × mean Duration', () => {
    const predicted = rate * meanDurationS;
    const measured = meanConcurrency(result, from);
    expect(predicted).toBeGreaterThan(45);
    expect(predicted).toBeLessThan(55);
    expect(Math.abs(measured - predicted) / predicted).toBeLessThan(0.1);
  });

  // rate × duration from 0.1 to 800 concurrent requests; the prediction uses the scenario's rate and duration.
  for (const rate of [5, 20, 100, 400]) {
    for (const baseMs of [20, 100, 500, 2_000]) {
      it(`holds within 10% at ${rate} requests/s × ${baseMs} ms`, () => {
        for (const seed of [1, 2]) {
          const run = simulate(requests({ rate, baseMs, seed }));
          const predicted = rate * (baseMs / 1000);
          // Little's law speaks of the steady state: leave out the first cold start and duration.
          const measured = meanConcurrency(run, Math.ceil((250 + baseMs) / 1000));
          expect(Math.abs(measured - predicted) / predicted).toBeLessThanOrEqual(0.1);
          expect(run.summary.throttles).toBe(0);
        }
      });
    }
  }

  it('counts cold-start time as busy time, so long cold starts lift the average', () => {
    // One request every 20 s on average, and an environment idle for 1 s is reclaimed: nearly every request is cold.
    const at = (coldStartMs: number) => simulate(requests({ rate: 0.05, baseMs: 100, coldStartMs, idleLifetimeSeconds: 1, durationSeconds: 3_600 }));
    const quick = at(0);
    const slow = at(400);
    for (const [run, coldStartMs] of [[quick, 0], [slow, 400]] as const) {
      const { invocations, coldStarts } = run.summary;
      expect(coldStarts / invocations).toBeGreaterThan(0.9);
      // In flight: every request's handler time, and every cold start's Init time (cut at the end for a request still running).
      const busySeconds = (invocations * 100 + coldStarts * coldStartMs) / 1000;
      expect(inFlightSeconds(run)).toBeLessThanOrEqual(busySeconds + 1e-6);
      expect(inFlightSeconds(run)).toBeGreaterThanOrEqual(busySeconds - (run.ledger.backlog * (100 + coldStartMs)) / 1000 - 1e-6);
    }
    // The same arrivals: with 400 ms of Init, each request is in flight nearly five times as long.
    expect(slow.summary.invocations).toBe(quick.summary.invocations);
    expect(meanConcurrency(slow, 0) / meanConcurrency(quick, 0)).toBeGreaterThan(4.5);
  });

  it('reports one ConcurrentExecutions datapoint per period, with consistent statistics, peaking at the run’s maximum', () => {
    const points = lambda.ConcurrentExecutions!;
    expect(points).toHaveLength(STEADY.durationSeconds / STEADY.metrics!.periodSeconds!);
    for (const p of points) {
      expect(p.Minimum).toBeGreaterThanOrEqual(0);
      expect(p.Minimum!).toBeLessThanOrEqual(p.Average! + 1e-9);
      expect(p.Average!).toBeLessThanOrEqual(p.Maximum! + 1e-9);
    }
    expect(Math.max(...points.map((p) => p.Maximum!))).toBe(result.summary.maxConcurrency);
  });

  it('reports the function’s metrics and no stream metrics', () => {
    expect(Object.keys(result.metrics)).toEqual(['AWS/Lambda']);
    expect(Object.keys(lambda)).toEqual(['ClaimedAccountConcurrency', 'ConcurrentExecutions', 'Duration', 'Errors', 'Invocations', 'Throttles']);
    expect(result.summary.maxIteratorAgeMs).toBeUndefined();
    expect(result.summary.maxOffsetLag).toBeUndefined();
    expect(total(lambda.Invocations)).toBe(result.summary.invocations);
    expect(lambda.Duration![10]!.p99).toBeCloseTo(500, 6);
  });

  it('balances the ledger, and arrivals follow the rate', () => {
    expectLedgerBalanced(result);
    expect(result.summary.throttles).toBe(0);
    // Poisson arrivals at 100 a second for 300 s: 30,000 ± a few standard deviations (173).
    expect(Math.abs(result.ledger.produced - 30_000)).toBeLessThan(700);
  });

  it('bills Lambda requests and GB-seconds only', () => {
    expect(result.cost.lines.map((l) => l.item)).toEqual(['Requests', 'Duration (x86_64)']);
    expect(result.cost.lines[0]!.quantity).toBe(result.summary.invocations);
    // 128 MB for half a second per request, plus 250 ms for each cold start.
    const gbSeconds = ((result.summary.invocations * 500 + result.summary.coldStarts * 250) / 1000) * (128 / 1024);
    expect(result.cost.lines[1]!.quantity).toBeCloseTo(gbSeconds, 6);
  });

  it('gives a byte-identical result for the same scenario and seed, and another for another seed', () => {
    expect(JSON.stringify(simulate(STEADY, { frameEverySeconds: 2 }))).toBe(JSON.stringify(simulate(STEADY, { frameEverySeconds: 2 })));
    expect(JSON.stringify(simulate({ ...STEADY, seed: 43 }).metrics)).not.toBe(JSON.stringify(result.metrics));
  });

  it('gives the same result advanced in steps as in one go', () => {
    const run = createRun(STEADY, { frameEverySeconds: 3 });
    for (let t = 0.7; !run.done; t += 13.3) run.advanceTo(t);
    expect(JSON.stringify(run.snapshot())).toBe(JSON.stringify(simulate(STEADY, { frameEverySeconds: 3 })));
  });

  it('prints a summary with the law beside the measurement', () => {
    const text = summaryText(result);
    expect(text).toContain('requests straight to the function');
    expect(text).toMatch(/average concurrency \d+\.\d \(Little's law: \d+\.\d invocations\/s × 0\.500 s = \d+\.\d\)/);
    expect(text).toContain('throttled (429)     0');
    expect(text).not.toMatch(/IteratorAge|OffsetLag|mapping:/);
  });
});

describe('execution environments of requests', () => {
  it('are one when requests never overlap: it serves them all', () => {
    // A request of 1 ms every 10 s on average, and nothing reclaimed in the run.
    const { summary, scaling } = simulate(requests({ rate: 0.1, baseMs: 1, coldStartMs: 0, idleLifetimeSeconds: 7_200, durationSeconds: 3_600 }));
    expect(summary.invocations).toBeGreaterThan(300);
    expect(summary.maxConcurrency).toBe(1);
    expect(summary.coldStarts).toBe(1);
    expect(scaling!.reduce((n, p) => n + p.newEnvironments, 0)).toBe(1);
  });

  it('are needed for every request while the first cold start outlasts the gaps, then reused', () => {
    const scenario = requests({ rate: 10, baseMs: 10, coldStartMs: 2_000, idleLifetimeSeconds: 7_200, durationSeconds: 60 });
    const run = createRun(scenario);
    // No request can finish before 2.01 s: each one that arrives by then needs an environment of its own.
    run.advanceTo(2.01);
    const early = run.snapshot().summary;
    expect(early.invocations).toBeGreaterThan(5);
    expect(early.coldStarts).toBe(early.invocations);
    run.advanceTo(Infinity);
    const { summary } = run.snapshot();
    // Then 10 ms requests find those environments idle.
    expect(summary.coldStarts - early.coldStarts).toBeLessThan(5);
    expect((summary.invocations - summary.coldStarts) / summary.invocations).toBeGreaterThan(0.95);
    // The same traffic with no Init time needs far fewer environments.
    const quick = simulate({ ...scenario, function: { ...scenario.function, duration: { baseMs: 10, perRecordMs: 0, coldStartMs: 0 } } });
    expect(quick.summary.coldStarts).toBeLessThan(early.coldStarts / 2);
  });

  it('are as many as requests overlap at the peak when none is reclaimed, and more when some are', () => {
    for (const seed of [1, 2, 3]) {
      // 10 requests/s of 350 ms: 3.5 in flight on average, more at the peaks.
      const kept = simulate(requests({ rate: 10, baseMs: 350, coldStartMs: 0, idleLifetimeSeconds: 7_200, durationSeconds: 60, seed }));
      // A new environment is created only when every one is busy, so without reclaiming there are as many as the peak.
      expect(kept.summary.coldStarts).toBe(kept.summary.maxConcurrency);
      expect(kept.summary.maxConcurrency).toBeGreaterThanOrEqual(4);
      const reclaimed = simulate(requests({ rate: 10, baseMs: 350, coldStartMs: 0, idleLifetimeSeconds: 1, durationSeconds: 60, seed }));
      expect(reclaimed.summary.coldStarts).toBeGreaterThan(reclaimed.summary.maxConcurrency);
    }
  });

  it('are reclaimed after idleLifetimeSeconds idle, so the next request is cold', () => {
    // A request of 1 ms every 20 s on average: they never overlap, so one environment at a time serves them.
    const traffic = { rate: 0.05, baseMs: 1, coldStartMs: 0, durationSeconds: 3_600 };
    const kept = simulate(requests({ ...traffic, idleLifetimeSeconds: 7_200 }));
    expect(kept.summary.maxConcurrency).toBe(1);
    expect(kept.summary.coldStarts).toBe(1);
    const lifetime = 10;
    const result = simulate(requests({ ...traffic, idleLifetimeSeconds: lifetime }));
    expect(result.summary.maxConcurrency).toBe(1);
    // Each request's second, from the one-second Invocations periods: a gap is within a second of the difference.
    const seconds = result.metrics['AWS/Lambda']!.Invocations!.flatMap((p) => Array.from({ length: p.Sum }, () => p.t));
    // The first request is cold; after it, one is surely cold when it came more than lifetime + 1 ms after the
    // previous one, and surely warm when it came less than that after it.
    let surelyCold = 1;
    let maybeCold = 1;
    for (let k = 1; k < seconds.length; k++) {
      const apart = seconds[k]! - seconds[k - 1]!;
      if (apart - 1 >= lifetime + 0.001) surelyCold++;
      if (apart + 1 > lifetime + 0.001) maybeCold++;
    }
    expect(result.summary.coldStarts).toBeGreaterThanOrEqual(surelyCold);
    expect(result.summary.coldStarts).toBeLessThanOrEqual(maybeCold);
    // About e^(−0.05 × 10) ≈ 61% of the gaps outlast the lifetime.
    expect(result.summary.coldStarts / result.summary.invocations).toBeGreaterThan(0.4);
    expect(result.summary.coldStarts / result.summary.invocations).toBeLessThan(0.8);
  });

  it('are mostly reused under steady traffic', () => {
    const { summary } = simulate(STEADY);
    expect((summary.invocations - summary.coldStarts) / summary.invocations).toBeGreaterThan(0.99);
    expect(summary.coldStarts).toBeGreaterThanOrEqual(summary.maxConcurrency);
  });
});

describe('throttles', () => {
  it('appear only above the limit: a reservation of 10 for about 50 concurrent requests throttles, the default 1,000 does not', () => {
    const reserved = simulate(steady({ function: { ReservedConcurrentExecutions: 10 } }));
    expect(reserved.summary.maxConcurrency).toBe(10);
    expect(reserved.summary.throttles).toBeGreaterThan(10_000);
    expectLedgerBalanced(reserved);
    expect(bindingLimits(reserved).at(-1)!.text).toBe('function concurrency: 10 concurrent executions, 100% used at the peak');
    expect(simulate(STEADY).summary.throttles).toBe(0);
  });

  it('appear at the account’s concurrency when there is no reservation, each one counted in Throttles', () => {
    const result = simulate({ ...requests({ rate: 100, baseMs: 500, durationSeconds: 120 }), account: { ConcurrentExecutions: 10 } });
    const { summary } = result;
    expect(summary.maxConcurrency).toBe(10);
    expect(summary.throttles).toBeGreaterThan(result.ledger.written / 2);
    expect(total(result.metrics['AWS/Lambda']!.Throttles)).toBe(summary.throttles);
    expect(total(result.metrics['AWS/Lambda']!.Invocations)).toBe(result.ledger.written - summary.throttles);
    expectLedgerBalanced(result);
  });

  it('come from the scaling rate in the burst, from the jump until Lambda has caught up, and not after', () => {
    const result = simulate(BURST);
    const throttles = result.metrics['AWS/Lambda']!.Throttles!;
    const throttled = throttles.filter((p) => p.Sum > 0).map((p) => p.t);
    expect(result.summary.throttles).toBeGreaterThan(10_000);
    // 200 requests/s of 1 s need about 200 environments; at 0:20 the rate jumps to 4,000.
    expect(throttled[0]).toBe(20);
    // 1,000 more at once, then 100 a second: about 28 s to reach ~4,000 (and its spread).
    expect(throttled.at(-1)!).toBeGreaterThan(35);
    expect(throttled.at(-1)!).toBeLessThan(55);
    expect(throttles.filter((p) => p.t >= 55).reduce((n, p) => n + p.Sum, 0)).toBe(0);
    expect(result.summary.maxConcurrency).toBeGreaterThan(4_000);
    expect(result.summary.maxConcurrency).toBeLessThan(10_000);
    expectLedgerBalanced(result);
  });

  it('name the scaling rate as the binding limit while it is spent, then the concurrency limit', () => {
    const result = simulate(BURST);
    const limits = bindingLimits(result);
    expect(limits[20]).toMatchObject({ limit: 'scaling rate', used: expect.closeTo(1, 1) });
    expect(limits[20]!.text).toMatch(/^scaling rate: \+1,000 environments every 10 s, 100% used \(1,\d{3} new environments of the 1,100 it allowed in the period\)$/);
    expect(limits[30]!.text).toMatch(/^scaling rate: \+1,000 environments every 10 s, (99|100)% used \(\d+ new environments of the 10\d it allowed/);
    expect(limits.at(-1)!.limit).toBe('function concurrency');
    // Only what the run measured: every period's new environments stay within what the rate allowed.
    for (const period of result.scaling!) expect(period.newEnvironments).toBeLessThanOrEqual(period.allowedNewEnvironments);
    expect(result.scaling!.reduce((n, p) => n + p.newEnvironments, 0)).toBe(result.summary.coldStarts);
  });
});

describe('failures of requests', () => {
  it('are errors, returned to the caller and never retried', () => {
    const result = simulate(steady({ function: { failures: { errorRate: 0.1 } } }));
    const { summary } = result;
    expect(summary.invocations).toBe(result.ledger.written);
    expect(summary.errors / summary.invocations).toBeGreaterThan(0.08);
    expect(summary.errors / summary.invocations).toBeLessThan(0.12);
    expect(total(result.metrics['AWS/Lambda']!.Errors)).toBe(summary.errors);
    expectLedgerBalanced(result);
  });

  it('include timeouts: a handler past Timeout is stopped at it', () => {
    const result = simulate(steady({ function: { Timeout: 1, duration: { baseMs: 1_500 } } }));
    expect(result.summary.errors).toBe(result.summary.invocations - result.ledger.backlog);
    expect(result.summary.processedRecords).toBe(0);
    expect(result.metrics['AWS/Lambda']!.Duration![5]!.Maximum).toBe(1_000);
  });
});

describe('a requests scenario', () => {
  it('rejects event source mapping settings by name, with their value', () => {
    const messages = problemsOf({ ...STEADY, eventSourceMapping: { BatchSize: 10, ParallelizationFactor: 2, MaximumBatchingWindowInSeconds: 1 } });
    expect(messages).toContain('eventSourceMapping.BatchSize: 10 has no effect: a requests source has no event source mapping; remove it');
    expect(messages).toContain('eventSourceMapping.ParallelizationFactor: 2 has no effect: a requests source has no event source mapping; remove it');
    expect(messages).toContain('eventSourceMapping.MaximumBatchingWindowInSeconds: 1 has no effect: a requests source has no event source mapping; remove it');
    expect(problemsOf({ ...STEADY, eventSourceMapping: { ProvisionedPollerConfig: {} } })[0]).toMatch(/^eventSourceMapping\.ProvisionedPollerConfig: .* a requests source has no event source mapping; remove it$/);
    expect(problemsOf({ ...STEADY, eventSourceMapping: { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:1:q' } } } })).toHaveLength(1);
  });

  it('accepts the mapping defaults the schema fills in, so a parsed scenario parses again unchanged', () => {
    const parsed = parseScenario(STEADY);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.eventSourceMapping.ParallelizationFactor).toBeUndefined();
    const again = parseScenario(JSON.parse(JSON.stringify(parsed.value)));
    expect(again.ok && again.value).toStrictEqual(parsed.value);
  });

  it('rejects settings about the records of a stream, and an unknown source field', () => {
    expect(problemsOf({ ...STEADY, producer: { ...STEADY.producer, partitionKeys: { type: 'hot', hotShare: 0.5 } } })[0]).toMatch(/^producer\.partitionKeys: .* has no effect/);
    expect(problemsOf(steady({ function: { failures: { poisonPill: { Filters: [{ Pattern: '{"data":{"a":["b"]}}' }] } } } }))[0]).toMatch(/^function\.failures\.poisonPill: /);
    expect(problemsOf({ ...STEADY, producer: { ...STEADY.producer, payload: { type: 'telemetry' } } })[0]).toMatch(/^producer\.payload: .* has no effect/);
    expect(problemsOf({ ...STEADY, account: { filtersPerEventSourceMapping: 10 } })).toEqual([
      'account.filtersPerEventSourceMapping: 10 has no effect: a requests source has no event source mapping; remove it',
    ]);
    // Only the environments' idle lifetime is an assumption requests use; the others are about streams.
    expect(problemsOf({ ...STEADY, assumptions: { idleLifetimeSeconds: 60, throttleRetrySeconds: 2 } })).toEqual([
      'assumptions.throttleRetrySeconds: 2 has no effect: it is an assumption about streams and their event source mappings, which a requests source does not have; remove it',
    ]);
    expect(problemsOf({ ...STEADY, source: { type: 'requests', ShardCount: 2 } })).toEqual(['source.ShardCount: is not a known field']);
    expect(problemsOf({ ...STEADY, source: { type: 'sqs' } })[0]).toMatch(/^source\.type: .*must be "kinesis", "kafka" or "requests"/);
  });

  it('lists every problem with the field, the value and what is allowed, and is never simulated', () => {
    const invalid = { ...requests({ rate: -3, baseMs: 'fast' as unknown as number }), colour: 'red' };
    expect(problemsOf(invalid)).toEqual([
      'producer.rate.0.recordsPerSecond: -3 must be a number from 0 to 1,000,000 records per second',
      'function.duration.baseMs: "fast" must be a number from 0 to 900,000 ms',
      'colour: is not a known field',
    ]);
    expect(() => simulate(invalid)).toThrow(ScenarioError);
    expect(() => simulate(invalid)).toThrow(/producer\.rate\.0\.recordsPerSecond: -3/);
  });

  it('is refused when it holds too many requests to simulate, naming the field', () => {
    const messages = problemsOf({ ...STEADY, durationSeconds: 3_600, producer: { ...STEADY.producer, rate: [{ at: 0, recordsPerSecond: 2_000 }] } });
    expect(messages).toEqual([
      `durationSeconds: 3600 is too long for producer.rate: about 7,200,000 requests expected, and a requests scenario may hold at most ${MAX_REQUESTS.toLocaleString('en-US')} (lower the rate or the duration)`,
    ]);
  });
});

describe('pictures of a requests run', () => {
  const result = simulate(STEADY, { frameEverySeconds: 2.5 });
  const concurrency = result.metrics['AWS/Lambda']!.ConcurrentExecutions!;

  it('has no lanes, and counts that agree with the characters', () => {
    const frames = result.frames!;
    expect(frames.map((f) => f.t)).toEqual(Array.from({ length: 121 }, (_, k) => k * 2.5));
    for (const frame of frames) {
      expect(frame).toMatchObject({ lanes: '', busyLanes: 0, waitingLanes: 0 });
      expect(frame.pollers).toBeUndefined();
      const { states, active, initializing, idle } = frame.environments;
      const count = (c: string) => [...states].filter((s) => s === c).length;
      expect([count('a'), count('c'), count('i'), count('-')]).toEqual([active, initializing, idle, 0]);
    }
    expect(frames[0]!.environments).toEqual({ initializing: 0, active: 0, idle: 0, states: '' });
  });

  it('shows as many requests in flight as ConcurrentExecutions held in that period', () => {
    const period = STEADY.metrics!.periodSeconds!;
    for (const frame of result.frames!.slice(1)) {
      const p = Math.min(concurrency.length - 1, Math.floor(frame.t / period));
      // The picture is taken just before any event at t, so it may show the previous period's last value.
      const around = [concurrency[p], frame.t % period === 0 ? concurrency[p - 1] : undefined].filter((d): d is Datapoint => d !== undefined);
      const inFlight = frame.environments.active + frame.environments.initializing;
      expect(inFlight).toBeGreaterThanOrEqual(Math.min(...around.map((d) => d.Minimum!)));
      expect(inFlight).toBeLessThanOrEqual(Math.max(...around.map((d) => d.Maximum!)));
    }
  });

  it('leaves the rest of the result unchanged, and shows cold starts as they happen', () => {
    const { frames, ...rest } = result;
    expect(JSON.stringify(rest)).toBe(JSON.stringify(simulate(STEADY)));
    // The burst starts a thousand environments at once: they are caught initializing, and the picture is capped.
    const burst = simulate(BURST, { frameEverySeconds: 0.1 }).frames!;
    expect(burst.find((f) => f.t === 20.2)!.environments.initializing).toBeGreaterThan(500);
    const big = burst.find((f) => f.environments.active + f.environments.idle > MAX_PICTURED_ENVIRONMENTS)!;
    expect(big.environments.states).toHaveLength(MAX_PICTURED_ENVIRONMENTS);
  });
});

describe('exporters of a requests scenario', () => {
  const parsed = parseScenario(STEADY);
  if (!parsed.ok) throw new Error('the preset is valid');
  const scenario = parsed.value;

  it('refuse the event source mapping documents with a clear message', () => {
    for (const exporter of [cliInputJson, samTemplateFor, terraformFor]) {
      expect(() => exporter(scenario)).toThrow(NO_MAPPING_TO_EXPORT);
    }
    expect(NO_MAPPING_TO_EXPORT).toBe('this experiment has no event source mapping to export');
  });

  it('export the scenario as JSON and the metrics as CSV as usual', () => {
    const text = scenarioJson(scenario);
    const again = parseScenario(JSON.parse(text));
    expect(again.ok && again.value).toStrictEqual(scenario);
    const csv = metricsCsv(simulate(scenario), { namespace: 'AWS/Lambda', metrics: ['ConcurrentExecutions', 'Throttles'], statistic: 'Maximum' });
    expect(csv.split('\r\n')[0]).toBe('t,ConcurrentExecutions Maximum,Throttles Maximum');
    expect(csv.split('\r\n')).toHaveLength(62);
  });
});

describe('requests invariants over random scenarios', () => {
  const scenarios: fc.Arbitrary<ScenarioInput> = fc
    .record({
      seed: fc.nat(),
      durationSeconds: fc.integer({ min: 1, max: 120 }),
      rates: fc.array(fc.record({ at: fc.integer({ min: 0, max: 120 }), recordsPerSecond: fc.integer({ min: 0, max: 400 }), shape: fc.constantFrom('step' as const, 'ramp' as const) }), { minLength: 1, maxLength: 3 }),
      bursts: fc.option(fc.record({ meanSecondsBetween: fc.integer({ min: 5, max: 60 }), durationSeconds: fc.integer({ min: 1, max: 10 }), extraRecordsPerSecond: fc.integer({ min: 0, max: 500 }) }), { nil: undefined }),
      baseMs: fc.integer({ min: 0, max: 3_000 }),
      spread: fc.option(fc.record({ p50: fc.double({ min: 0.5, max: 1.5, noNaN: true }), extra: fc.double({ min: 0, max: 3, noNaN: true }) }), { nil: undefined }),
      coldStartMs: fc.integer({ min: 0, max: 2_000 }),
      Timeout: fc.integer({ min: 1, max: 5 }),
      reserved: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      errorRate: fc.constantFrom(0, 0, 0.2, 1),
      idleLifetimeSeconds: fc.integer({ min: 1, max: 120 }),
      periodSeconds: fc.integer({ min: 1, max: 60 }),
    })
    .map((r) => ({
      name: 'requests-property',
      seed: r.seed,
      durationSeconds: r.durationSeconds,
      source: { type: 'requests' as const },
      producer: { rate: [...r.rates].sort((a, b) => a.at - b.at), recordSizeBytes: 100, ...(r.bursts ? { bursts: r.bursts } : {}) },
      function: {
        Timeout: r.Timeout,
        ReservedConcurrentExecutions: r.reserved,
        duration: { baseMs: r.baseMs, coldStartMs: r.coldStartMs, ...(r.spread ? { spread: { p50: r.spread.p50, p99: r.spread.p50 + r.spread.extra } } : {}) },
        failures: { errorRate: r.errorRate },
      },
      metrics: { periodSeconds: r.periodSeconds },
      assumptions: { idleLifetimeSeconds: r.idleLifetimeSeconds },
    }));

  it('account for every request, stay within the limit and picture every environment', () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const result = simulate(scenario, { frameEverySeconds: 1 });
        expectLedgerBalanced(result);
        const lambda = result.metrics['AWS/Lambda']!;
        expect(total(lambda.Invocations)).toBe(result.summary.invocations);
        expect(total(lambda.Throttles)).toBe(result.summary.throttles);
        expect(total(lambda.Errors)).toBe(result.summary.errors);
        const limit = scenario.function.ReservedConcurrentExecutions ?? 1_000;
        expect(result.summary.maxConcurrency).toBeLessThanOrEqual(limit);
        // Every environment was a cold start; without reclaiming (a lifetime past the run) there are as many as the peak.
        expect(result.summary.coldStarts).toBeGreaterThanOrEqual(result.summary.maxConcurrency);
        if (scenario.assumptions!.idleLifetimeSeconds! >= scenario.durationSeconds) expect(result.summary.coldStarts).toBe(result.summary.maxConcurrency);
        for (const p of lambda.ConcurrentExecutions!) expect(p.Minimum).toBeGreaterThanOrEqual(0);
        for (const frame of result.frames!) {
          const e = frame.environments;
          expect(Math.min(MAX_PICTURED_ENVIRONMENTS, e.active + e.initializing + e.idle)).toBe(e.states.length);
          expect(e.active + e.initializing).toBeLessThanOrEqual(result.summary.maxConcurrency);
          // An environment is created only when every one is busy, so even idle ones stay within the limit.
          expect(e.active + e.initializing + e.idle).toBeLessThanOrEqual(limit);
        }
        expect(result.frames!.at(-1)!.t).toBe(scenario.durationSeconds);
      }),
      { numRuns: 80, seed: 2026_11_28 },
    );
  }, 60_000);
});
