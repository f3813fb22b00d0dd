import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { batchingWindowSeconds, parseScenario, recoveryAfterRise, simulate, type ScenarioInput, type SimulationResult } from '../../engine/index.ts';
import { total } from './support/scenarios.ts';

const load = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));

/** A small Kafka scenario: a steady rate over a few partitions, 100 ms per batch. */
function kafka(changes: { partitions?: number; rate?: number; esm?: Record<string, unknown>; seconds?: number; fn?: Record<string, unknown> } = {}): ScenarioInput {
  return {
    name: 'kafka-test',
    seed: 9,
    durationSeconds: changes.seconds ?? 600,
    source: { type: 'kafka', partitions: changes.partitions ?? 10 },
    producer: { rate: [{ at: 0, recordsPerSecond: changes.rate ?? 500 }], recordSizeBytes: 1_000 },
    eventSourceMapping: { BatchSize: 100, ...changes.esm },
    function: { MemorySize: 1_024, duration: { baseMs: 100, perRecordMs: 0 }, ...changes.fn },
    metrics: { periodSeconds: 10 },
  } as ScenarioInput;
}

function expectBalanced(r: SimulationResult): void {
  const l = r.ledger;
  expect(l.written).toBe(l.processed + l.filteredOut + l.dropped + l.destination + l.expired + l.backlog);
  // Committed offsets move past every record the mapping settled, filtered out or given up on included.
  expect(total(r.metrics['AWS/Lambda']!.CommittedEventCount)).toBe(l.processed + l.filteredOut + l.dropped + l.destination);
}

describe("the talk's Kafka spike: on-demand vs provisioned mode", () => {
  const onDemand = simulate(load('kafka-spike-on-demand'));
  const provisioned = simulate(load('kafka-spike-provisioned'));
  const minutes = (r: SimulationResult) => recoveryAfterRise(r)!.seconds! / 60;

  it('on demand takes 10 to 20 minutes to absorb the spike, provisioned mode 4 to 10', () => {
    expect(minutes(onDemand)).toBeGreaterThanOrEqual(10);
    expect(minutes(onDemand)).toBeLessThanOrEqual(20);
    expect(minutes(provisioned)).toBeGreaterThanOrEqual(4);
    expect(minutes(provisioned)).toBeLessThanOrEqual(10);
  });

  it('provisioned mode absorbs it at least 1.7 times faster', () => {
    expect(minutes(onDemand) / minutes(provisioned)).toBeGreaterThanOrEqual(1.7);
  });

  it('starts on demand with one poller and provisioned mode with MinimumPollers', () => {
    expect(onDemand.pollers![0]).toEqual({ t: 0, pollers: 1 });
    expect(provisioned.pollers![0]).toEqual({ t: 0, pollers: 5 });
    expect(provisioned.metrics['AWS/Lambda']!.ProvisionedPollers![0]!.Minimum).toBe(5);
    expect(onDemand.metrics['AWS/Lambda']!.ProvisionedPollers).toBeUndefined();
  });

  it('reports the metrics AWS emits for Kafka and accounts for every record', () => {
    expect(Object.keys(provisioned.metrics['AWS/Kafka']!)).toEqual(['BytesInPerSec', 'BytesOutPerSec', 'EstimatedMaxTimeLag', 'MaxOffsetLag', 'SumOffsetLag']);
    for (const name of ['OffsetLag', 'CommittedEventCount', 'PolledEventCount', 'InvokedEventCount', 'ConcurrentExecutions']) expect(provisioned.metrics['AWS/Lambda']![name]).toBeDefined();
    // 3,000 records/s of 1.5 KB in the first minutes.
    expect(provisioned.metrics['AWS/Kafka']!.BytesInPerSec![5]!.Average).toBeCloseTo(3_000 * 1_536, -5);
    expectBalanced(onDemand);
    expectBalanced(provisioned);
  });

  it('bills event poller units in provisioned mode and the MSK brokers in both', () => {
    const item = (r: SimulationResult, name: string) => r.cost.lines.find((l) => l.item.startsWith(name));
    expect(item(onDemand, 'Broker hours')!.quantity).toBeCloseTo((2 * 2_700) / 3_600, 9);
    expect(item(onDemand, 'Provisioned mode')).toBeUndefined();
    // At least one unit (up to 10 pollers) all the time.
    expect(item(provisioned, 'Provisioned mode')!.quantity).toBeGreaterThanOrEqual(2_700 / 3_600);
  });
});

describe('Kafka pollers and partitions', () => {
  it('never run more concurrent invocations than the topic has partitions', () => {
    const r = simulate(kafka({ partitions: 4, rate: 20_000, esm: { ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 200 } } }));
    expect(r.summary.maxConcurrency).toBeLessThanOrEqual(4);
    expect(Math.max(...r.pollers!.map((c) => c.pollers))).toBeLessThanOrEqual(4);
  });

  it('run at most 5 invocations per poller', () => {
    const r = simulate(kafka({ partitions: 50, rate: 20_000, esm: { ProvisionedPollerConfig: { MinimumPollers: 2, MaximumPollers: 2 } } }));
    expect(r.summary.maxConcurrency).toBeLessThanOrEqual(10);
    expect(r.summary.maxConcurrency).toBeGreaterThanOrEqual(9);
  });

  it('stay at MinimumPollers when those carry the load, and the lag stays flat', () => {
    const r = simulate(kafka({ partitions: 20, rate: 2_000, seconds: 900, esm: { ProvisionedPollerConfig: { MinimumPollers: 4, MaximumPollers: 20 } } }));
    expect(r.pollers).toEqual([{ t: 0, pollers: 4 }]);
    const lag = r.metrics['AWS/Lambda']!.OffsetLag!.map((p) => p.Maximum ?? 0);
    const early = Math.max(...lag.slice(6, 30));
    const late = Math.max(...lag.slice(-24));
    expect(late).toBeLessThan(early * 1.5);
  });

  it('start the batching window at the first record: 500 ms by default', () => {
    const checked = parseScenario(kafka());
    expect(checked.ok && batchingWindowSeconds(checked.value)).toBe(0.5);
    // A slow trickle: each batch waits half a second after its first record.
    const r = simulate(kafka({ partitions: 1, rate: 4, seconds: 300 }), { trace: true });
    const sizes = r.invocations!.map((i) => i.count);
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length).toBeGreaterThan(1.5);
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length).toBeLessThan(4);
  });

  it('are removed on demand when the function is throttled', () => {
    const r = simulate(kafka({ partitions: 40, rate: 8_000, seconds: 1_800, fn: { ReservedConcurrentExecutions: 3 } }));
    expect(r.summary.throttles).toBeGreaterThan(0);
    const counts = r.pollers!.map((c) => c.pollers);
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
  });

  it('keep each partition in order, one batch at a time', () => {
    const r = simulate(kafka({ partitions: 3, rate: 300, seconds: 120 }), { trace: true });
    const byPartition = Map.groupBy(r.invocations!, (i) => i.lane);
    for (const list of byPartition.values()) {
      let next = 0;
      let free = 0;
      for (const inv of list) {
        expect(inv.first).toBe(next);
        expect(inv.start).toBeGreaterThanOrEqual(free);
        next = inv.first + inv.count;
        free = inv.end;
      }
    }
  });

  it('give the same result for the same seed', () => {
    expect(JSON.stringify(simulate(kafka()))).toBe(JSON.stringify(simulate(kafka())));
    expect(JSON.stringify(simulate({ ...kafka(), seed: 10 }))).not.toBe(JSON.stringify(simulate(kafka())));
  });
});

describe('Kafka settings', () => {
  const problems = (input: unknown) => {
    const checked = parseScenario(input);
    return checked.ok ? [] : checked.problems.map((p) => p.message);
  };

  it('take the documented ranges of provisioned mode', () => {
    expect(problems(kafka({ esm: { ProvisionedPollerConfig: { MinimumPollers: 0 } } }))[0]).toMatch(/^eventSourceMapping\.ProvisionedPollerConfig\.MinimumPollers: 0 must be a whole number from 1 to 200/);
    expect(problems(kafka({ esm: { ProvisionedPollerConfig: { MaximumPollers: 2_001 } } }))[0]).toMatch(/MaximumPollers: 2001 must be a whole number from 1 to 2,000/);
    expect(problems(kafka({ esm: { ProvisionedPollerConfig: { MinimumPollers: 10, MaximumPollers: 5 } } }))).toEqual(['eventSourceMapping.ProvisionedPollerConfig.MaximumPollers: 5 must be at least MinimumPollers (10)']);
  });

  it('reject settings of the other source by name', () => {
    expect(problems(kafka({ esm: { ParallelizationFactor: 2 } }))[0]).toMatch(/^eventSourceMapping\.ParallelizationFactor: 2 applies to Kinesis and DynamoDB streams only/);
    const kinesis = { ...load('lever-baseline'), eventSourceMapping: { BatchSize: 1, ProvisionedPollerConfig: { MinimumPollers: 2 } } };
    expect(problems(kinesis)[0]).toMatch(/^eventSourceMapping\.ProvisionedPollerConfig: .* applies to Kafka event sources only/);
  });

  it('take retry settings, bisecting and partial batch responses in provisioned mode only', () => {
    expect(problems(kafka({ esm: { BisectBatchOnFunctionError: true } }))).toEqual([
      'eventSourceMapping.BisectBatchOnFunctionError: true needs provisioned mode on Kafka: add eventSourceMapping.ProvisionedPollerConfig',
    ]);
    expect(problems(kafka({ esm: { MaximumRetryAttempts: 2, ProvisionedPollerConfig: {} } }))).toEqual([]);
    // An SQS destination works on demand too; a Kafka topic as the destination needs provisioned mode.
    expect(problems(kafka({ esm: { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:q' } } } }))).toEqual([]);
    expect(problems(kafka({ esm: { DestinationConfig: { OnFailure: { Destination: 'kafka://failed-readings' } } } }))[0]).toMatch(/Destination: "kafka:\/\/failed-readings" needs provisioned mode/);
  });

  it('filter on the value key, as Kafka mappings require', () => {
    const on = (key: string) => ({ Filters: [{ Pattern: JSON.stringify({ [key]: { tire_pressure: [{ numeric: ['<', 32] }] } }) }] });
    expect(problems(kafka({ esm: { FilterCriteria: on('data') }, fn: {} }))[0]).toMatch(/^eventSourceMapping\.FilterCriteria\.Filters\[0\]\.Pattern/);
    const withPayload = { ...kafka({ esm: { FilterCriteria: on('value') } }), producer: { rate: [{ at: 0, recordsPerSecond: 500 }], recordSizeBytes: 1_000, payload: { type: 'telemetry' } } } as ScenarioInput;
    const r = simulate(withPayload);
    expect(r.filtering!.keptShare).toBeGreaterThan(0.015);
    expect(r.filtering!.keptShare).toBeLessThan(0.03);
    expect(r.ledger.filteredOut).toBeGreaterThan(r.ledger.written * 0.9);
    expectBalanced(r);
  });

  it('parse again unchanged once parsed', () => {
    const once = parseScenario(kafka());
    expect(once.ok).toBe(true);
    if (once.ok) expect(parseScenario(once.value)).toEqual(once);
  });
});

describe('failures on Kafka', () => {
  // One fleet in a thousand sends readings the function cannot handle.
  const poisonPill = { Filters: [{ Pattern: '{"value":{"fleet_id":["fleet-13"]}}' }] };
  const withPoison = (esm: Record<string, unknown>) =>
    ({
      ...kafka({ partitions: 6, rate: 1_000, seconds: 900, esm, fn: { failures: { poisonPill } } }),
      producer: { rate: [{ at: 0, recordsPerSecond: 1_000 }, { at: 780, recordsPerSecond: 0 }], recordSizeBytes: 600, payload: { type: 'telemetry' } },
    }) as ScenarioInput;
  const SQS = { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:failed-readings' } };

  it('block a partition at a poison record by default, retrying it until it expires', () => {
    const r = simulate(withPoison({}));
    expect(r.filtering!.poisonRecords).toBeGreaterThan(0);
    expect(r.summary.errors).toBeGreaterThan(100);
    expect(r.ledger.dropped + r.ledger.destination).toBe(0);
    expect(r.ledger.backlog).toBeGreaterThan(r.ledger.written * 0.1);
    expectBalanced(r);
  });

  it('in provisioned mode, bisect down to the bad records and send exactly those to the destination', () => {
    const r = simulate(withPoison({ ProvisionedPollerConfig: { MinimumPollers: 2 }, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 1, DestinationConfig: SQS }), { trace: true });
    expect(r.ledger.destination).toBe(r.filtering!.poisonRecords);
    expect(r.ledger.processed + r.ledger.destination).toBe(r.ledger.written);
    expect(total(r.metrics['AWS/Lambda']!.OnFailureDestinationDeliveredEventCount)).toBe(r.ledger.destination);
    expectBalanced(r);
    // Each partition's records still go out in order.
    for (const list of Map.groupBy(r.invocations!, (i) => i.lane).values()) {
      for (let i = 1; i < list.length; i++) expect(list[i]!.first).toBeGreaterThanOrEqual(list[i - 1]!.first);
    }
  });

  it('with a destination and no retry limit, retry ten times and then give up', () => {
    const r = simulate(withPoison({ DestinationConfig: SQS }), { trace: true });
    expect(r.ledger.destination).toBeGreaterThanOrEqual(r.filtering!.poisonRecords);
    expect(r.ledger.dropped).toBe(0);
    expectBalanced(r);
    // Each batch given up on was tried once and retried ten times, then the partition moved on.
    const tries: number[] = [];
    for (const list of Map.groupBy(r.invocations!, (i) => i.lane).values()) {
      let run = 0;
      for (let i = 0; i < list.length; i++) {
        const inv = list[i]!;
        if (!inv.ok) run++;
        const next = list[i + 1];
        if (run > 0 && next && next.first !== inv.first) {
          tries.push(run);
          run = 0;
        }
      }
    }
    expect(tries.length).toBeGreaterThan(0);
    expect(new Set(tries)).toEqual(new Set([11]));
  });
});
