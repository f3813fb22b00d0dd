import { describe, expect, it } from 'vitest';
import { createRun, simulate } from '../../engine/index.ts';
import { expectLanesInOrder, kinesisScenario, peak, total } from './support/scenarios.ts';

describe('event source mapping on Kinesis: keeping up', () => {
  const cases = [
    { window: 0, baseMs: 50, rate: 100 },
    { window: 1, baseMs: 200, rate: 300 },
    { window: 3, baseMs: 100, rate: 50 },
  ];
  for (const { window, baseMs, rate } of cases) {
    it(`keeps IteratorAge under poll interval + window + one batch (window ${window} s, ${baseMs} ms, ${rate} rec/s)`, () => {
      const scenario = kinesisScenario({
        producer: { rate: [{ at: 0, recordsPerSecond: rate }] },
        eventSourceMapping: { MaximumBatchingWindowInSeconds: window },
        function: { duration: { baseMs, coldStartMs: 0 } },
      });
      const { summary, ledger } = simulate(scenario);
      const boundMs = 1_000 + window * 1_000 + baseMs;
      expect(summary.maxIteratorAgeMs).toBeLessThanOrEqual(boundMs);
      expect(summary.maxIteratorAgeMs).toBeGreaterThan(0);
      // Keeping up: at most a few seconds of records wait at the end.
      expect(ledger.backlog).toBeLessThan(rate * (2 + window));
    });
  }

  it('grows a backlog at the difference between input and processing rates', () => {
    // 500 records/s in; batches of 100 taking 500 ms: at most 200 records/s out.
    const { ledger, summary } = simulate(
      kinesisScenario({
        durationSeconds: 600,
        producer: { rate: [{ at: 0, recordsPerSecond: 500 }] },
        function: { duration: { baseMs: 500, coldStartMs: 0 } },
      }),
    );
    const growth = ledger.backlog / 600;
    expect(Math.abs(growth - 300) / 300).toBeLessThanOrEqual(0.1);
    expect(summary.maxIteratorAgeMs).toBeGreaterThan(300_000);
  });

  it('averages concurrency at invocation rate × duration', () => {
    const { summary, metrics } = simulate(
      kinesisScenario({
        durationSeconds: 300,
        source: { type: 'kinesis', ShardCount: 10, consumer: 'shared' },
        producer: { rate: [{ at: 0, recordsPerSecond: 5_000 }] },
        eventSourceMapping: { BatchSize: 50, ParallelizationFactor: 3 },
        function: { duration: { baseMs: 100, perRecordMs: 1, coldStartMs: 0 } },
        metrics: { periodSeconds: 10 },
      }),
    );
    const concurrency = metrics['AWS/Lambda']!['ConcurrentExecutions']!;
    const average = concurrency.reduce((sum, p) => sum + (p.Average ?? 0), 0) / concurrency.length;
    const durationSum = total(metrics['AWS/Lambda']!['Duration']);
    const predicted = durationSum / 1000 / 300; // invocations per second × mean duration
    expect(Math.abs(average - predicted) / predicted).toBeLessThanOrEqual(0.1);
    expect(summary.maxConcurrency).toBeLessThanOrEqual(30);
  });
});

describe('batching', () => {
  it('invokes as soon as BatchSize records are read, without waiting for the window', () => {
    const { invocations } = simulate(
      kinesisScenario({
        producer: { rate: [{ at: 0, recordsPerSecond: 500 }] },
        eventSourceMapping: { BatchSize: 100, MaximumBatchingWindowInSeconds: 10 },
        function: { duration: { baseMs: 10, coldStartMs: 0 } },
      }),
      { trace: true },
    );
    const sizes = invocations!.map((i) => i.count);
    expect(sizes.filter((n) => n === 100).length / sizes.length).toBeGreaterThan(0.95);
  });

  it('waits for the window when batches cannot fill, then sends what it has', () => {
    const { invocations } = simulate(
      kinesisScenario({
        producer: { rate: [{ at: 0, recordsPerSecond: 20 }] },
        eventSourceMapping: { BatchSize: 1_000, MaximumBatchingWindowInSeconds: 5 },
        function: { duration: { baseMs: 10, coldStartMs: 0 } },
      }),
      { trace: true },
    );
    const list = invocations!;
    for (let i = 1; i < list.length; i++) {
      // The next window starts when the previous invocation ends.
      expect(list[i]!.start - list[i - 1]!.end).toBeGreaterThanOrEqual(5 - 1e-9);
    }
    const mean = list.reduce((a, b) => a + b.count, 0) / list.length;
    expect(mean).toBeGreaterThan(80);
    expect(mean).toBeLessThan(130);
  });

  it('never sends a payload over 6 MB: large records make smaller batches', () => {
    const { invocations } = simulate(
      kinesisScenario({
        durationSeconds: 60,
        producer: { rate: [{ at: 0, recordsPerSecond: 9 }], recordSizeBytes: 100_000 },
        eventSourceMapping: { BatchSize: 10_000, MaximumBatchingWindowInSeconds: 10 },
        function: { duration: { baseMs: 10, coldStartMs: 0 } },
      }),
      { trace: true },
    );
    // 100,000 bytes become 133,336 in base64, plus 250 bytes of event fields: 47 fit in 6 MiB.
    expect(Math.max(...invocations!.map((i) => i.count))).toBe(47);
  });
});

describe('ParallelizationFactor and ordering', () => {
  it('runs up to ShardCount × ParallelizationFactor batches at once', () => {
    const { summary } = simulate(
      kinesisScenario({
        source: { type: 'kinesis', ShardCount: 2, consumer: 'shared' },
        producer: { rate: [{ at: 0, recordsPerSecond: 1_800 }] },
        eventSourceMapping: { BatchSize: 10, ParallelizationFactor: 5 },
        function: { duration: { baseMs: 500 } },
      }),
    );
    expect(summary.maxConcurrency).toBe(10);
  });

  it('processes each lane (a set of partition keys) one batch at a time, in order', () => {
    const { invocations } = simulate(
      kinesisScenario({
        source: { type: 'kinesis', ShardCount: 2, consumer: 'shared' },
        producer: { rate: [{ at: 0, recordsPerSecond: 1_000 }] },
        eventSourceMapping: { BatchSize: 25, ParallelizationFactor: 4 },
        function: { duration: { baseMs: 30, perRecordMs: 2 } },
      }),
      { trace: true },
    );
    const lanes = expectLanesInOrder(invocations!, (actual, expected, what) => {
      if (what === 'first') expect(actual).toBe(expected);
      else expect(actual).toBeGreaterThanOrEqual(expected);
    });
    expect(lanes).toBe(8);
  });
});

describe('shared throughput and enhanced fan-out', () => {
  it('makes at most 5 GetRecords calls per second per shard', () => {
    const { metrics } = simulate(
      kinesisScenario({
        durationSeconds: 60,
        producer: { rate: [{ at: 0, recordsPerSecond: 900 }] },
        function: { duration: { baseMs: 400 } },
      }),
    );
    for (const p of metrics['AWS/Kinesis']!['GetRecords.Success']!) expect(p.Sum).toBeLessThanOrEqual(5);
  });

  it('shares the 2 MiB/s read limit with other consumers, and a starved reader falls behind', () => {
    // 10 records/s of 80 KB written (800 KB/s); five consumers share 2 MiB/s: about 419 KB/s each.
    const scenario = kinesisScenario({
      durationSeconds: 600,
      source: { type: 'kinesis', ShardCount: 1, consumer: 'shared', otherSharedConsumers: 4 },
      producer: { rate: [{ at: 0, recordsPerSecond: 10 }], recordSizeBytes: 80_000 },
      eventSourceMapping: { BatchSize: 100, MaximumBatchingWindowInSeconds: 1 },
      function: { duration: { baseMs: 10 } },
    });
    const { metrics, ledger } = simulate(scenario);
    const share = (2 * 1_048_576) / 5;
    const readPerSecond = total(metrics['AWS/Kinesis']!['OutgoingBytes']) / 600;
    expect(Math.abs(readPerSecond - share) / share).toBeLessThanOrEqual(0.05);
    const expectedBacklog = ledger.written - (share * 600) / 80_000;
    expect(Math.abs(ledger.backlog - expectedBacklog) / expectedBacklog).toBeLessThanOrEqual(0.1);
    const alone = simulate({ ...scenario, source: { type: 'kinesis', ShardCount: 1, consumer: 'shared' } });
    expect(alone.ledger.backlog).toBeLessThan(30);
  });

  it('counts reads refused by the shared limit as ReadProvisionedThroughputExceeded', () => {
    const { metrics } = simulate(
      kinesisScenario({
        durationSeconds: 120,
        source: { type: 'kinesis', ShardCount: 1, consumer: 'shared', otherSharedConsumers: 4 },
        producer: { rate: [{ at: 0, recordsPerSecond: 10 }], recordSizeBytes: 100_000 },
        eventSourceMapping: { BatchSize: 1_000, MaximumBatchingWindowInSeconds: 0 },
        function: { duration: { baseMs: 10 } },
      }),
    );
    expect(total(metrics['AWS/Kinesis']!['ReadProvisionedThroughputExceeded'])).toBeGreaterThan(0);
  });

  it('delivers sooner with enhanced fan-out than with once-a-second polling', () => {
    const base = {
      producer: { rate: [{ at: 0, recordsPerSecond: 50 }] },
      eventSourceMapping: { BatchSize: 10, MaximumBatchingWindowInSeconds: 0 },
      function: { duration: { baseMs: 20, coldStartMs: 0 } },
    };
    const shared = simulate(kinesisScenario(base));
    const efo = simulate(kinesisScenario({ ...base, source: { type: 'kinesis', ShardCount: 1, consumer: 'efo' } }));
    const meanAge = (r: typeof shared) => {
      const points = r.metrics['AWS/Lambda']!['IteratorAge']!;
      return total(points) / points.reduce((n, p) => n + p.SampleCount, 0);
    };
    expect(meanAge(efo)).toBeLessThan(meanAge(shared) / 2);
    expect(efo.summary.maxIteratorAgeMs).toBeLessThan(400);
  });
});

describe('Lambda limits seen through the mapping', () => {
  it('throttles batches beyond reserved concurrency, retries them and loses nothing', () => {
    const { summary, ledger, metrics } = simulate(
      kinesisScenario({
        source: { type: 'kinesis', ShardCount: 4, consumer: 'shared' },
        producer: { rate: [{ at: 0, recordsPerSecond: 400 }] },
        function: { duration: { baseMs: 300 }, ReservedConcurrentExecutions: 2 },
      }),
    );
    expect(summary.maxConcurrency).toBeLessThanOrEqual(2);
    expect(summary.throttles).toBeGreaterThan(0);
    expect(total(metrics['AWS/Lambda']!['Throttles'])).toBe(summary.throttles);
    expect(ledger.written).toBe(ledger.processed + ledger.backlog);
    expect(peak(metrics['AWS/Lambda']!['ConcurrentExecutions'])).toBeLessThanOrEqual(2);
  });

  it('retries a batch that times out and blocks its shard behind it', () => {
    const { summary, ledger } = simulate(
      kinesisScenario({
        durationSeconds: 60,
        function: { Timeout: 1, duration: { baseMs: 5_000 } },
      }),
    );
    expect(summary.invocations).toBeGreaterThan(10);
    // Every invocation times out; the last may still be running when the run ends.
    expect(summary.errors).toBeGreaterThanOrEqual(summary.invocations - 1);
    expect(summary.errors).toBeLessThanOrEqual(summary.invocations);
    expect(ledger.processed).toBe(0);
    expect(summary.maxIteratorAgeMs).toBeGreaterThan(50_000);
  });
});

describe('runs', () => {
  const scenario = kinesisScenario({
    durationSeconds: 200,
    source: { type: 'kinesis', ShardCount: 3, consumer: 'shared' },
    producer: { rate: [{ at: 0, recordsPerSecond: 300 }, { at: 100, recordsPerSecond: 900, shape: 'ramp' }] },
    eventSourceMapping: { ParallelizationFactor: 2 },
    function: { duration: { baseMs: 40, perRecordMs: 1, spread: { p50: 1, p99: 3 } } },
  });

  it('gives a byte-identical result for the same scenario and seed', () => {
    expect(JSON.stringify(simulate(scenario))).toBe(JSON.stringify(simulate(scenario)));
  });

  it('gives a different result for another seed', () => {
    expect(JSON.stringify(simulate({ ...scenario, seed: 2 }).metrics)).not.toBe(JSON.stringify(simulate(scenario).metrics));
  });

  it('reaches the same result when advanced step by step', () => {
    const run = createRun(scenario);
    for (let t = 7; !run.done; t += 13) {
      run.advanceTo(t);
      const partial = run.snapshot();
      expect(partial.ledger.written).toBe(partial.ledger.processed + partial.ledger.backlog);
    }
    expect(JSON.stringify(run.snapshot())).toBe(JSON.stringify(simulate(scenario)));
  });

  it('emits the metrics under the names AWS uses', () => {
    const { metrics } = simulate(scenario);
    expect(Object.keys(metrics['AWS/Lambda']!)).toEqual(
      expect.arrayContaining([
        'Invocations', 'Errors', 'Throttles', 'Duration', 'ConcurrentExecutions', 'ClaimedAccountConcurrency', 'IteratorAge',
        'PolledEventCount', 'FilteredOutEventCount', 'InvokedEventCount', 'FailedInvokeEventCount', 'DroppedEventCount',
      ]),
    );
    expect(Object.keys(metrics['AWS/Kinesis']!)).toEqual(
      expect.arrayContaining([
        'IncomingRecords', 'IncomingBytes', 'PutRecords.Success', 'GetRecords.Success', 'GetRecords.IteratorAgeMilliseconds',
        'OutgoingRecords', 'OutgoingBytes', 'ReadProvisionedThroughputExceeded', 'WriteProvisionedThroughputExceeded',
      ]),
    );
    const duration = metrics['AWS/Lambda']!['Duration']!.find((p) => p.SampleCount > 10)!;
    expect(duration.p50).toBeLessThanOrEqual(duration.p90!);
    expect(duration.p90).toBeLessThanOrEqual(duration.p99!);
    expect(duration.p99).toBeLessThanOrEqual(duration.Maximum!);
  });
});
