import fc from 'fast-check';
import { expect } from 'vitest';
import type { Ledger, ScenarioInput } from '../../../engine/index.ts';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

/** A small Kinesis scenario for tests: one shard, a steady 100 records/s, a fast function. */
export function kinesisScenario(changes: DeepPartial<ScenarioInput> = {}): ScenarioInput {
  const base: ScenarioInput = {
    name: 'test',
    seed: 1,
    durationSeconds: 120,
    source: { type: 'kinesis', ShardCount: 1, consumer: 'shared' },
    producer: { rate: [{ at: 0, recordsPerSecond: 100 }], recordSizeBytes: 1_000 },
    eventSourceMapping: { BatchSize: 100, MaximumBatchingWindowInSeconds: 0, ParallelizationFactor: 1 },
    function: { MemorySize: 1_024, duration: { baseMs: 50, perRecordMs: 0 } },
    metrics: { periodSeconds: 1 },
  };
  return merge(base, changes) as ScenarioInput;
}

function merge(target: unknown, changes: unknown): unknown {
  if (changes === undefined) return target;
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) return changes;
  const out: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) out[key] = merge(out[key], value);
  return out;
}

/** Sum of a metric's Sum statistic over the whole run. */
export function total(points: readonly { Sum: number }[] | undefined): number {
  return (points ?? []).reduce((sum, p) => sum + p.Sum, 0);
}

/** Largest Maximum of a metric over the whole run. */
export function peak(points: readonly { Maximum: number | null }[] | undefined): number {
  return Math.max(0, ...(points ?? []).map((p) => p.Maximum ?? 0));
}

/**
 * Checks that every lane sent its records in order, one batch at a time: each batch starts
 * after the previous one ended, at the next record (or the same one again after a failure).
 */
export function expectLanesInOrder(
  invocations: readonly { lane: number; first: number; count: number; start: number; end: number; ok: boolean }[],
  check: (actual: number, expected: number, what: 'first' | 'start') => void,
): number {
  const byLane = Map.groupBy(invocations, (i) => i.lane);
  for (const list of byLane.values()) {
    let next = 0;
    let free = 0;
    for (const inv of list) {
      check(inv.first, next, 'first');
      check(inv.start, free, 'start');
      next = inv.ok ? inv.first + inv.count : inv.first;
      free = inv.end;
    }
  }
  return byLane.size;
}

/**
 * How large the random scenarios below may be. The defaults are the engine property tests'
 * (a hundred runs in seconds); the fuzz tests pass smaller ones to run thousands.
 */
export interface ScenarioSize {
  maxDurationSeconds?: number;
  /** Kinesis shards, or Kafka partitions. */
  maxLanes?: number;
  maxRecordsPerSecond?: number;
  /**
   * Also vary what the property tests keep fixed: bursts, memory and CPU share, cold starts,
   * the architecture, the function's own record check, a second mapping filter, other
   * functions' concurrency; on Kafka a filter, a window and partial batch responses.
   */
  more?: boolean;
}

/** Patterns over the telemetry payload (`data` on Kinesis, `value` on Kafka), each keeping a different share. */
const TELEMETRY_PATTERNS = [
  '{"#":{"tire_pressure":[{"numeric":["<",34]}]}}',
  '{"#":{"speed":[{"numeric":[">",100]}]}}',
  '{"#":{"fleet_id":[{"prefix":"fleet-1"}]}}',
  '{"#":{"no_such_field":["x"]}}',
] as const;
const onPayload = (pattern: string, root: 'data' | 'value') => pattern.replace('#', root);

/** What `more` adds to a scenario of either stream source. */
const extras = fc.record({
  bursts: fc.option(fc.record({ meanSecondsBetween: fc.integer({ min: 1, max: 30 }), durationSeconds: fc.integer({ min: 1, max: 10 }), extraRecordsPerSecond: fc.integer({ min: 0, max: 2_000 }) }), { nil: undefined }),
  MemorySize: fc.integer({ min: 128, max: 10_240 }),
  cpuBoundShare: fc.double({ min: 0, max: 1, noNaN: true }),
  coldStartMs: fc.integer({ min: 0, max: 3_000 }),
  arm64: fc.boolean(),
  actionable: fc.option(fc.constantFrom(...TELEMETRY_PATTERNS), { nil: undefined }),
  perActionableRecordMs: fc.double({ min: 0, max: 50, noNaN: true }),
  secondFilter: fc.option(fc.constantFrom(...TELEMETRY_PATTERNS), { nil: undefined }),
  otherFunctionsConcurrency: fc.integer({ min: 0, max: 850 }),
  kafkaWindow: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  kafkaPartialBatch: fc.boolean(),
});
type Extras = typeof extras extends fc.Arbitrary<infer T> ? T : never;

/** Random valid Kinesis scenarios: every mapping setting, failures and their handling, filters. */
export function kinesisScenarios(size: ScenarioSize = {}): fc.Arbitrary<ScenarioInput> {
  const base = fc
    .record({
      seed: fc.nat(),
      durationSeconds: fc.integer({ min: 5, max: size.maxDurationSeconds ?? 90 }),
      ShardCount: fc.integer({ min: 1, max: size.maxLanes ?? 4 }),
      consumer: fc.constantFrom('shared' as const, 'efo' as const),
      otherSharedConsumers: fc.integer({ min: 0, max: 3 }),
      rates: fc.array(fc.record({ at: fc.integer({ min: 0, max: 120 }), recordsPerSecond: fc.integer({ min: 0, max: size.maxRecordsPerSecond ?? 1_500 }), shape: fc.constantFrom('step' as const, 'ramp' as const) }), { minLength: 1, maxLength: 4 }),
      recordSizeBytes: fc.integer({ min: 10, max: 200_000 }),
      hotShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      BatchSize: fc.integer({ min: 5, max: 2_000 }),
      window: fc.integer({ min: 0, max: 5 }),
      ParallelizationFactor: fc.integer({ min: 1, max: 10 }),
      baseMs: fc.integer({ min: 0, max: 3_000 }),
      perRecordMs: fc.double({ min: 0, max: 20, noNaN: true }),
      spread: fc.option(fc.record({ p50: fc.double({ min: 0.5, max: 1.5, noNaN: true }), extra: fc.double({ min: 0, max: 3, noNaN: true }) }), { nil: undefined }),
      Timeout: fc.integer({ min: 1, max: 10 }),
      reserved: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      periodSeconds: fc.integer({ min: 1, max: 60 }),
      filter: fc.option(fc.constantFrom(...TELEMETRY_PATTERNS), { nil: undefined }),
      nonJsonShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
      errorRate: fc.constantFrom(0, 0, 0.1, 0.5),
      poison: fc.boolean(),
      MaximumRetryAttempts: fc.integer({ min: -1, max: 3 }),
      MaximumRecordAgeInSeconds: fc.constantFrom(-1, 60),
      BisectBatchOnFunctionError: fc.boolean(),
      partialBatch: fc.boolean(),
      destination: fc.boolean(),
    })
    .map((r): ScenarioInput => ({
      name: 'property',
      seed: r.seed,
      durationSeconds: r.durationSeconds,
      source: { type: 'kinesis' as const, ShardCount: r.ShardCount, consumer: r.consumer, otherSharedConsumers: r.otherSharedConsumers },
      producer: {
        rate: [...r.rates].sort((a, b) => a.at - b.at),
        recordSizeBytes: r.recordSizeBytes,
        partitionKeys: r.hotShare === undefined ? { type: 'random' as const } : { type: 'hot' as const, hotShare: r.hotShare },
        ...(r.filter || r.poison ? { payload: { type: 'telemetry' as const, nonJsonShare: r.nonJsonShare } } : {}),
      },
      eventSourceMapping: {
        BatchSize: r.BatchSize,
        MaximumBatchingWindowInSeconds: r.window,
        ParallelizationFactor: r.ParallelizationFactor,
        ...(r.filter ? { FilterCriteria: { Filters: [{ Pattern: onPayload(r.filter, 'data') }] } } : {}),
        MaximumRetryAttempts: r.MaximumRetryAttempts,
        MaximumRecordAgeInSeconds: r.MaximumRecordAgeInSeconds,
        BisectBatchOnFunctionError: r.BisectBatchOnFunctionError,
        FunctionResponseTypes: r.partialBatch ? ['ReportBatchItemFailures' as const] : [],
        ...(r.destination ? { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:failures' } } } : {}),
      },
      assumptions: { payloadSampleSize: 1_024 },
      function: {
        Timeout: r.Timeout,
        ReservedConcurrentExecutions: r.reserved,
        duration: {
          baseMs: r.baseMs,
          perRecordMs: r.perRecordMs,
          ...(r.spread ? { spread: { p50: r.spread.p50, p99: r.spread.p50 + r.spread.extra } } : {}),
        },
        failures: {
          errorRate: r.errorRate,
          // Fleet 1's vehicles: about one record in a thousand.
          ...(r.poison ? { poisonPill: { Filters: [{ Pattern: '{"data":{"fleet_id":["fleet-1"]}}' }] } } : {}),
        },
      },
      metrics: { periodSeconds: r.periodSeconds },
    }));
  return size.more ? fc.tuple(base, extras).map(([scenario, more]) => withExtras(scenario, more, 'data')) : base;
}

/** Random valid Kafka scenarios, on demand and in provisioned mode (where retries, bisecting and destinations apply). */
export function kafkaScenarios(size: ScenarioSize = {}): fc.Arbitrary<ScenarioInput> {
  const base = fc
    .record({
      seed: fc.nat(),
      durationSeconds: fc.integer({ min: 5, max: size.maxDurationSeconds ?? 400 }),
      partitions: fc.integer({ min: 1, max: size.maxLanes ?? 12 }),
      rate: fc.integer({ min: 0, max: size.maxRecordsPerSecond ?? 4_000 }),
      spikeAt: fc.integer({ min: 0, max: 300 }),
      spikeRate: fc.integer({ min: 0, max: 2 * (size.maxRecordsPerSecond ?? 4_000) }),
      BatchSize: fc.integer({ min: 1, max: 500 }),
      window: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      provisioned: fc.option(fc.record({ MinimumPollers: fc.integer({ min: 1, max: 4 }), extra: fc.integer({ min: 0, max: 6 }) }), { nil: undefined }),
      baseMs: fc.integer({ min: 0, max: 2_000 }),
      reserved: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      poison: fc.boolean(),
      bisect: fc.boolean(),
      retries: fc.integer({ min: -1, max: 2 }),
      destination: fc.boolean(),
    })
    .map((r): ScenarioInput => ({
      name: 'kafka-property',
      seed: r.seed,
      durationSeconds: r.durationSeconds,
      source: { type: 'kafka' as const, partitions: r.partitions },
      producer: {
        rate: [{ at: 0, recordsPerSecond: r.rate }, { at: r.spikeAt, recordsPerSecond: r.spikeRate }],
        recordSizeBytes: 1_000,
        ...(r.poison ? { payload: { type: 'telemetry' as const } } : {}),
      },
      eventSourceMapping: {
        BatchSize: r.BatchSize,
        ...(r.window === undefined ? {} : { MaximumBatchingWindowInSeconds: r.window }),
        ...(r.provisioned
          ? {
              ProvisionedPollerConfig: { MinimumPollers: r.provisioned.MinimumPollers, MaximumPollers: r.provisioned.MinimumPollers + r.provisioned.extra },
              BisectBatchOnFunctionError: r.bisect,
              MaximumRetryAttempts: r.retries,
            }
          : {}),
        ...(r.destination ? { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:failures' } } } : {}),
      },
      function: {
        ReservedConcurrentExecutions: r.reserved,
        duration: { baseMs: r.baseMs },
        ...(r.poison ? { failures: { poisonPill: { Filters: [{ Pattern: '{"value":{"fleet_id":["fleet-1"]}}' }] } } } : {}),
      },
      metrics: { periodSeconds: 10 },
      assumptions: { payloadSampleSize: 1_024 },
    }));
  return size.more ? fc.tuple(base, extras).map(([scenario, more]) => withExtras(scenario, more, 'value')) : base;
}

/** Random valid scenarios of requests straight to a function (no stream, no mapping). */
export function requestsScenarios(size: ScenarioSize = {}): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      seed: fc.nat(),
      durationSeconds: fc.integer({ min: 5, max: size.maxDurationSeconds ?? 120 }),
      rates: fc.array(fc.record({ at: fc.integer({ min: 0, max: 120 }), recordsPerSecond: fc.integer({ min: 0, max: size.maxRecordsPerSecond ?? 400 }), shape: fc.constantFrom('step' as const, 'ramp' as const) }), { minLength: 1, maxLength: 3 }),
      baseMs: fc.integer({ min: 1, max: 3_000 }),
      Timeout: fc.integer({ min: 1, max: 5 }),
      reserved: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
      errorRate: fc.constantFrom(0, 0, 0.2),
      coldStartMs: fc.integer({ min: 0, max: 2_000 }),
    })
    .map((r): ScenarioInput => ({
      name: 'requests-property',
      seed: r.seed,
      durationSeconds: r.durationSeconds,
      source: { type: 'requests' as const },
      producer: { rate: [...r.rates].sort((a, b) => a.at - b.at), recordSizeBytes: 1_000 },
      function: { Timeout: r.Timeout, ReservedConcurrentExecutions: r.reserved, duration: { baseMs: r.baseMs, coldStartMs: r.coldStartMs }, failures: { errorRate: r.errorRate } },
      metrics: { periodSeconds: 10 },
    }));
}

function withExtras(scenario: ScenarioInput, more: Extras, root: 'data' | 'value'): ScenarioInput {
  const esm = { ...scenario.eventSourceMapping } as Record<string, unknown>;
  const filters = (esm['FilterCriteria'] as { Filters: { Pattern: string }[] } | undefined)?.Filters ?? [];
  if (more.secondFilter) esm['FilterCriteria'] = { Filters: [...filters, { Pattern: onPayload(more.secondFilter, root) }] };
  if (root === 'value') {
    if (more.kafkaWindow !== undefined) esm['MaximumBatchingWindowInSeconds'] = more.kafkaWindow;
    // Partial batch responses exist on Kafka in provisioned mode only.
    if (more.kafkaPartialBatch && esm['ProvisionedPollerConfig']) esm['FunctionResponseTypes'] = ['ReportBatchItemFailures'];
  }
  const needsPayload = more.secondFilter !== undefined || more.actionable !== undefined;
  const reserved = scenario.function.ReservedConcurrentExecutions ?? 0;
  return {
    ...scenario,
    producer: {
      ...scenario.producer,
      ...(more.bursts ? { bursts: more.bursts } : {}),
      ...(needsPayload && !scenario.producer.payload ? { payload: { type: 'telemetry' as const } } : {}),
    },
    eventSourceMapping: esm as ScenarioInput['eventSourceMapping'],
    function: {
      ...scenario.function,
      MemorySize: more.MemorySize,
      Architectures: [more.arm64 ? 'arm64' : 'x86_64'],
      duration: {
        ...scenario.function.duration,
        cpuBoundShare: more.cpuBoundShare,
        coldStartMs: more.coldStartMs,
        ...(more.actionable ? { perActionableRecordMs: more.perActionableRecordMs } : {}),
      },
      ...(more.actionable ? { actionable: { Filters: [{ Pattern: onPayload(more.actionable, root) }] } } : {}),
    },
    // Other functions may use the unreserved pool down to what a reservation leaves.
    account: { otherFunctionsConcurrency: Math.min(more.otherFunctionsConcurrency, 900 - reserved) },
  };
}

/**
 * The ledger's two balances: every record produced was refused by the stream or written, and
 * every record written is accounted for exactly once (processed, filtered out, dropped, sent
 * to a destination, expired, or still waiting), with no part of the backlog negative and at
 * least one delivery per processed record.
 */
export function expectLedgerBalances(ledger: Ledger): void {
  expect(ledger.produced).toBe(ledger.writeThrottled + ledger.written);
  expect(ledger.written).toBe(ledger.processed + ledger.filteredOut + ledger.dropped + ledger.destination + ledger.expired + ledger.backlog);
  expect(ledger.backlog).toBe(ledger.backlogParts.unread + ledger.backlogParts.buffered + ledger.backlogParts.inFlight);
  for (const part of Object.values(ledger.backlogParts)) expect(part).toBeGreaterThanOrEqual(0);
  for (const count of Object.values(ledger)) if (typeof count === 'number') expect(count).toBeGreaterThanOrEqual(0);
  expect(ledger.invokedWithRetries).toBeGreaterThanOrEqual(ledger.processed);
}
