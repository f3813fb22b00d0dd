import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate, type ScenarioInput } from '../../engine/index.ts';
import { expectLanesInOrder } from './support/scenarios.ts';

/** Random valid Kinesis scenarios, kept small so a hundred of them run in seconds. */
const scenarios: fc.Arbitrary<ScenarioInput> = fc
  .record({
    seed: fc.nat(),
    durationSeconds: fc.integer({ min: 5, max: 90 }),
    ShardCount: fc.integer({ min: 1, max: 4 }),
    consumer: fc.constantFrom('shared' as const, 'efo' as const),
    otherSharedConsumers: fc.integer({ min: 0, max: 3 }),
    rates: fc.array(fc.record({ at: fc.integer({ min: 0, max: 120 }), recordsPerSecond: fc.integer({ min: 0, max: 1_500 }), shape: fc.constantFrom('step' as const, 'ramp' as const) }), { minLength: 1, maxLength: 4 }),
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
    filter: fc.option(
      fc.constantFrom(
        '{"data":{"tire_pressure":[{"numeric":["<",34]}]}}',
        '{"data":{"speed":[{"numeric":[">",100]}]}}',
        '{"data":{"fleet_id":[{"prefix":"fleet-1"}]}}',
        '{"data":{"no_such_field":["x"]}}',
      ),
      { nil: undefined },
    ),
    nonJsonShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
    errorRate: fc.constantFrom(0, 0, 0.1, 0.5),
    poison: fc.boolean(),
    MaximumRetryAttempts: fc.integer({ min: -1, max: 3 }),
    MaximumRecordAgeInSeconds: fc.constantFrom(-1, 60),
    BisectBatchOnFunctionError: fc.boolean(),
    partialBatch: fc.boolean(),
    destination: fc.boolean(),
  })
  .map((r) => ({
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
      ...(r.filter ? { FilterCriteria: { Filters: [{ Pattern: r.filter }] } } : {}),
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

describe('engine invariants over random scenarios', () => {
  it('accounts for every record, never goes negative, and keeps each lane in order', () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const result = simulate(scenario, { trace: true });
        const { ledger, summary, metrics } = result;
        expect(ledger.produced).toBe(ledger.writeThrottled + ledger.written);
        expect(ledger.written).toBe(ledger.processed + ledger.filteredOut + ledger.dropped + ledger.destination + ledger.expired + ledger.backlog);
        for (const part of Object.values(ledger.backlogParts)) expect(part).toBeGreaterThanOrEqual(0);
        expect(ledger.invokedWithRetries).toBeGreaterThanOrEqual(ledger.processed);

        const limit = scenario.function.ReservedConcurrentExecutions ?? 1_000;
        expect(summary.maxConcurrency).toBeLessThanOrEqual(Math.min(limit, (scenario.source as { ShardCount: number }).ShardCount * (scenario.eventSourceMapping?.ParallelizationFactor ?? 1)));
        for (const points of Object.values(metrics['AWS/Lambda']!)) {
          for (const p of points) {
            expect(p.Sum).toBeGreaterThanOrEqual(0);
            if (p.Minimum !== null) expect(p.Minimum).toBeGreaterThanOrEqual(0);
          }
        }
        expect(summary.maxIteratorAgeMs ?? 0).toBeGreaterThanOrEqual(0);
        const sum = (name: string) => metrics['AWS/Lambda']![name]!.reduce((total, p) => total + p.Sum, 0);
        expect(sum('FilteredOutEventCount')).toBe(ledger.filteredOut);
        expect(sum('DroppedEventCount')).toBe(ledger.dropped);
        expect(sum('OnFailureDestinationDeliveredEventCount')).toBe(ledger.destination);
        if (!scenario.eventSourceMapping?.DestinationConfig) expect(ledger.destination).toBe(0);
        else expect(ledger.dropped).toBe(0);
        expect(sum('InvokedEventCount')).toBe(ledger.invokedWithRetries);
        expect(result.cost.monthly).toBeGreaterThan(0);

        // Records of a lane go out in order, one batch at a time; a failed batch is resent.
        expectLanesInOrder(result.invocations ?? [], (actual, expected) => expect(actual).toBeGreaterThanOrEqual(expected));
      }),
      { numRuns: 60, seed: 2026_11_26 },
    );
  }, 60_000);

  it('gives the same result for the same scenario and seed', () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        expect(JSON.stringify(simulate(scenario))).toBe(JSON.stringify(simulate(scenario)));
      }),
      { numRuns: 15, seed: 7 },
    );
  }, 60_000);

  it('holds the same invariants on Kafka topics, on demand and in provisioned mode', () => {
    const kafkaScenarios: fc.Arbitrary<ScenarioInput> = fc
      .record({
        seed: fc.nat(),
        durationSeconds: fc.integer({ min: 5, max: 400 }),
        partitions: fc.integer({ min: 1, max: 12 }),
        rate: fc.integer({ min: 0, max: 4_000 }),
        spikeAt: fc.integer({ min: 0, max: 300 }),
        spikeRate: fc.integer({ min: 0, max: 8_000 }),
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
      .map((r) => ({
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
    fc.assert(
      fc.property(kafkaScenarios, (scenario) => {
        const result = simulate(scenario, { trace: true });
        const { ledger, summary, metrics } = result;
        expect(ledger.written).toBe(ledger.processed + ledger.filteredOut + ledger.dropped + ledger.destination + ledger.expired + ledger.backlog);
        for (const part of Object.values(ledger.backlogParts)) expect(part).toBeGreaterThanOrEqual(0);
        const partitions = (scenario.source as { partitions: number }).partitions;
        expect(summary.maxConcurrency).toBeLessThanOrEqual(partitions);
        for (const change of result.pollers ?? []) expect(change.pollers).toBeLessThanOrEqual(partitions);
        const sum = (name: string) => metrics['AWS/Lambda']![name]!.reduce((total, p) => total + p.Sum, 0);
        expect(sum('CommittedEventCount')).toBe(ledger.processed + ledger.filteredOut + ledger.dropped + ledger.destination);
        expect(sum('InvokedEventCount')).toBe(ledger.invokedWithRetries);
        for (const p of metrics['AWS/Lambda']!.OffsetLag!) expect(p.Minimum ?? 0).toBeGreaterThanOrEqual(0);
        expectLanesInOrder(result.invocations ?? [], (actual, expected) => expect(actual).toBeGreaterThanOrEqual(expected));
        expect(JSON.stringify(simulate(scenario))).toBe(JSON.stringify(simulate(scenario)));
      }),
      { numRuns: 40, seed: 2026_11_27 },
    );
  }, 120_000);
});
