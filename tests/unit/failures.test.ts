import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type ScenarioInput, type SimulationResult } from '../../engine/index.ts';
import { expectLanesInOrder, kinesisScenario, total } from './support/scenarios.ts';

const load = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));
const withMapping = (name: string, esm: Record<string, unknown>): ScenarioInput => {
  const s = load(name);
  return { ...s, eventSourceMapping: { ...s.eventSourceMapping, ...esm } };
};
const lambda = (r: SimulationResult, metric: string) => r.metrics['AWS/Lambda']![metric];
const DESTINATION = { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:failures' } };

function expectBalanced(r: SimulationResult): void {
  const l = r.ledger;
  expect(l.written).toBe(l.processed + l.filteredOut + l.dropped + l.destination + l.expired + l.backlog);
  expect(total(lambda(r, 'DroppedEventCount'))).toBe(l.dropped);
  expect(total(lambda(r, 'OnFailureDestinationDeliveredEventCount'))).toBe(l.destination);
  expect(total(lambda(r, 'Errors'))).toBe(r.summary.errors);
}

describe('a poison pill with the default settings', () => {
  const r = simulate(load('failures-poison-pill-default'), { trace: true });

  it('blocks each shard at its first bad record: IteratorAge climbs for the rest of the run', () => {
    const ages = lambda(r, 'IteratorAge')!.map((p) => p.Maximum ?? 0);
    for (let i = 1; i < ages.length; i++) expect(ages[i]!).toBeGreaterThan(ages[i - 1]!);
    expect(r.summary.maxIteratorAgeMs!).toBeGreaterThan(800_000);
    expect(r.ledger.processed).toBeLessThan(r.ledger.written * 0.01);
  });

  it('retries forever: errors pile up, nothing is dropped or sent anywhere', () => {
    expect(r.summary.errors).toBeGreaterThan(1_000);
    expect(r.ledger.dropped + r.ledger.destination).toBe(0);
    expect(total(lambda(r, 'FailedInvokeEventCount'))).toBeGreaterThan(0);
    expectBalanced(r);
  });

  it('resends the same batch, in order, every time', () => {
    expectLanesInOrder(r.invocations!, (actual, expected) => expect(actual).toBeGreaterThanOrEqual(expected));
  });
});

describe("the talk's advice: bisect, limit retries, send failures to a destination", () => {
  const r = simulate(load('failures-poison-pill-handled'), { trace: true });

  it('sends exactly the bad records to the destination and processes every other one', () => {
    expect(r.filtering!.poisonRecords).toBeGreaterThan(0);
    expect(r.ledger.destination).toBe(r.filtering!.poisonRecords);
    expect(r.ledger.dropped).toBe(0);
    expect(r.ledger.processed + r.ledger.destination).toBe(r.ledger.written);
    expectBalanced(r);
  });

  it('keeps the shard moving: IteratorAge stays within seconds', () => {
    expect(r.summary.maxIteratorAgeMs!).toBeLessThan(10_000);
  });

  it('keeps order per lane through retries and splits', () => {
    expectLanesInOrder(r.invocations!, (actual, expected) => expect(actual).toBeGreaterThanOrEqual(expected));
  });
});

describe('partial batch responses (ReportBatchItemFailures)', () => {
  it('keep the records before the failed one and retry from it', () => {
    const rbif = simulate(load('failures-partial-batch-response'));
    const wholeBatch = simulate(withMapping('failures-partial-batch-response', { FunctionResponseTypes: [] }));
    // Without the response, each failing batch goes to the destination whole.
    expect(rbif.ledger.destination).toBeLessThan(wholeBatch.ledger.destination);
    expect(rbif.ledger.destination).toBeGreaterThanOrEqual(rbif.filtering!.poisonRecords);
    expectBalanced(rbif);
  });

  it('with bisecting too, give up on the bad records only', () => {
    const r = simulate(withMapping('failures-partial-batch-response', { BisectBatchOnFunctionError: true }));
    expect(r.ledger.destination).toBe(r.filtering!.poisonRecords);
  });
});

describe('MaximumRecordAgeInSeconds', () => {
  const r = simulate(load('failures-maximum-record-age'));

  it('caps how far behind a stuck shard falls, and drops what it gives up on without a destination', () => {
    expect(r.summary.maxIteratorAgeMs!).toBeLessThanOrEqual(61_000);
    expect(r.ledger.dropped).toBeGreaterThan(r.filtering!.poisonRecords);
    expect(r.ledger.destination).toBe(0);
    expectBalanced(r);
  });

  it('sends the same records to the destination when one is set', () => {
    const routed = simulate(withMapping('failures-maximum-record-age', { DestinationConfig: DESTINATION }));
    expect(routed.ledger.destination).toBe(r.ledger.dropped);
    expect(routed.ledger.dropped).toBe(0);
  });
});

describe('retries', () => {
  it('give up after MaximumRetryAttempts: 0 means no retry at all', () => {
    const none = simulate(withMapping('failures-poison-pill-default', { MaximumRetryAttempts: 0 }));
    const two = simulate(withMapping('failures-poison-pill-default', { MaximumRetryAttempts: 2 }));
    // Each failing batch is tried once, or three times.
    expect(two.summary.errors).toBe(3 * none.summary.errors);
    expect(none.ledger.dropped).toBeGreaterThan(0);
    expect(two.ledger.dropped).toBe(none.ledger.dropped);
  });

  it('are not used up by throttles: a throttled batch waits and blocks its shard', () => {
    const throttled = simulate(
      kinesisScenario({ function: { ReservedConcurrentExecutions: 0 } as never, eventSourceMapping: { MaximumRetryAttempts: 0 } as never }),
    );
    expect(throttled.summary.throttles).toBeGreaterThan(0);
    expect(throttled.summary.errors).toBe(0);
    expect(throttled.ledger.dropped).toBe(0);
    expect(throttled.ledger.backlog).toBe(throttled.ledger.written);
  });

  it('apply to random failures too', () => {
    const flaky = simulate(kinesisScenario({ function: { failures: { errorRate: 0.2 } } as never, eventSourceMapping: { MaximumRetryAttempts: 0 } as never }));
    const failedShare = flaky.ledger.dropped / flaky.ledger.written;
    expect(failedShare).toBeGreaterThan(0.1);
    expect(failedShare).toBeLessThan(0.3);
    expect(flaky.summary.errors / flaky.summary.invocations).toBeCloseTo(0.2, 1);
    expectBalanced(flaky);
  });
});

describe('failure settings', () => {
  const problems = (esm: Record<string, unknown>) => {
    const checked = parseScenario(kinesisScenario({ eventSourceMapping: esm as never }));
    return checked.ok ? [] : checked.problems.map((p) => p.message);
  };

  it('take the documented ranges and name what is allowed', () => {
    expect(problems({ MaximumRecordAgeInSeconds: 30 })).toEqual(['eventSourceMapping.MaximumRecordAgeInSeconds: 30 must be -1 (no limit) or a whole number from 60 to 604,800 seconds']);
    expect(problems({ MaximumRecordAgeInSeconds: -1, MaximumRetryAttempts: 10_000 })).toEqual([]);
    expect(problems({ MaximumRetryAttempts: -2 })[0]).toMatch(/^eventSourceMapping\.MaximumRetryAttempts: -2 must be a whole number from -1 to 10,000/);
    expect(problems({ DestinationConfig: { OnFailure: { Destination: 'my-queue' } } })[0]).toMatch(/Destination: "my-queue" must be the ARN of an SQS queue, SNS topic or S3 bucket/);
    expect(problems({ FunctionResponseTypes: ['Everything'] })[0]).toMatch(/FunctionResponseTypes\.0: "Everything" must be "ReportBatchItemFailures"/);
  });
});
