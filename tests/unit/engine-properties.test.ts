import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../engine/index.ts';
import { expectLanesInOrder, expectLedgerBalances, kafkaScenarios, kinesisScenarios } from './support/scenarios.ts';

const scenarios = kinesisScenarios();

describe('engine invariants over random scenarios', () => {
  it('accounts for every record, never goes negative, and keeps each lane in order', () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const result = simulate(scenario, { trace: true });
        const { ledger, summary, metrics } = result;
        expectLedgerBalances(ledger);

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
    fc.assert(
      fc.property(kafkaScenarios(), (scenario) => {
        const result = simulate(scenario, { trace: true });
        const { ledger, summary, metrics } = result;
        expectLedgerBalances(ledger);
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
