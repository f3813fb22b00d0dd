import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRun, simulate, type ScenarioInput, type SimulationResult } from '../../engine/index.ts';
import { BatchingTally, INVOCATION_PAYLOAD_LIMIT_BYTES, largestBatch, payloadBytesPerRecord } from '../../engine/esm/batching.ts';
import { engineFigure } from '../../src/chapters/figures.ts';
import { readMeasure } from '../../src/chapters/measures.ts';
import { batchTriggersCsv } from '../../src/workbench/export/index.ts';
import { experimentView, isChartName, metricChart, outcomesOf } from '../../src/workbench/metric-charts.ts';
import { kinesisScenario } from './support/scenarios.ts';

const load = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));

/** A small Kafka scenario: a steady rate over a few partitions. */
function kafka(changes: { rate?: number; size?: number; esm?: Record<string, unknown> } = {}): ScenarioInput {
  return {
    name: 'kafka-triggers',
    seed: 5,
    durationSeconds: 300,
    source: { type: 'kafka', partitions: 4 },
    producer: { rate: [{ at: 0, recordsPerSecond: changes.rate ?? 400 }], recordSizeBytes: changes.size ?? 1_000 },
    eventSourceMapping: { BatchSize: 100, ...changes.esm },
    function: { MemorySize: 1_024, duration: { baseMs: 100, perRecordMs: 0 } },
    metrics: { periodSeconds: 10 },
  } as ScenarioInput;
}

/** Per period, the three trigger counts add up to the period's Invocations; in total, to the summary's. */
function expectCountsAddUp(r: SimulationResult): void {
  const batching = r.batching!;
  const invocations = r.metrics['AWS/Lambda']!.Invocations!;
  expect(batching.periods.map((p) => p.t)).toEqual(invocations.map((p) => p.t));
  batching.periods.forEach((p, i) => expect(p.batchSize + p.window + p.payloadLimit, `period at ${p.t}`).toBe(invocations[i]!.Sum));
  const { batchSize, window, payloadLimit } = batching.triggers;
  expect(batchSize + window + payloadLimit).toBe(r.summary.invocations);
}

const only = (r: SimulationResult) => {
  const t = r.batching!.triggers;
  return Object.entries(t)
    .filter(([, n]) => n > 0)
    .map(([k]) => k);
};

describe('why the mapping sent each batch (Kinesis)', () => {
  it('counts every invocation once: the counts add up to Invocations, per period and in total', () => {
    // A window that BatchSize 200 sometimes beats: both triggers fire in one run.
    const r = simulate(load('batching-latency-cost'));
    expectCountsAddUp(r);
    const mixed = simulate({ ...load('batching-latency-cost'), eventSourceMapping: { BatchSize: 200, MaximumBatchingWindowInSeconds: 5 } });
    expectCountsAddUp(mixed);
    expect(only(mixed)).toEqual(['batchSize', 'window']);
  });

  it('a tiny BatchSize on a busy stream: every batch is sent because it is full', () => {
    const r = simulate(kinesisScenario({ eventSourceMapping: { BatchSize: 1, MaximumBatchingWindowInSeconds: 5 }, durationSeconds: 30 }));
    expect(r.summary.invocations).toBeGreaterThan(0);
    expect(only(r)).toEqual(['batchSize']);
    expectCountsAddUp(r);
  });

  it('a quiet stream with a window: every batch is sent because the window ended', () => {
    const r = simulate(load('esm-batching-window'));
    expect(only(r)).toEqual(['window']);
    expectCountsAddUp(r);
  });

  it('big records: every batch is sent because the next record would pass 6 MB', () => {
    const r = simulate(load('esm-payload-limit'));
    expect(only(r)).toEqual(['payloadLimit']);
    expect(r.batching!.largestBatchRecords).toBe(largestBatch(10_000, payloadBytesPerRecord(100_000, 250)));
    expect(r.batching!.largestBatchRecords * payloadBytesPerRecord(100_000, 250)).toBeLessThanOrEqual(INVOCATION_PAYLOAD_LIMIT_BYTES);
    expectCountsAddUp(r);
  });

  it('the defaults on a quiet stream (BatchSize 100, no window): each poll’s records go at once, sent because the zero window ended', () => {
    const r = simulate(load('batching-latency-cost'));
    expect(only(r)).toEqual(['window']);
  });

  it('a traced run names the same trigger as the counts, retried batches keeping theirs', () => {
    const run = createRun(kinesisScenario({ eventSourceMapping: { BatchSize: 150, MaximumBatchingWindowInSeconds: 2 }, function: { failures: { errorRate: 0.2 } }, durationSeconds: 60 }), { trace: true });
    run.advanceTo(Infinity);
    const r = run.snapshot();
    const traced = { batchSize: 0, window: 0, payloadLimit: 0 };
    for (const t of r.invocations!) traced[t.trigger === 'batch-size' ? 'batchSize' : t.trigger === 'window' ? 'window' : 'payloadLimit']++;
    expect(traced).toEqual(r.batching!.triggers);
    expect(r.summary.errors).toBeGreaterThan(0);
    expectCountsAddUp(r);
  });

  it('a lane with nothing buffered still sends a full batch before its window ends (whichever comes first)', () => {
    // 100 records/s, BatchSize 100, a 10 s window: the batch is full long before the window ends.
    const run = createRun(kinesisScenario({ eventSourceMapping: { BatchSize: 100, MaximumBatchingWindowInSeconds: 10 }, durationSeconds: 30 }), { trace: true });
    run.advanceTo(Infinity);
    const r = run.snapshot();
    expect(r.invocations![0]!.start).toBeLessThan(3);
    expect(only(r)).toEqual(['batchSize']);
  });

  it('the oldest record of a batch waits for the window, while IteratorAge (the newest record) stays near the poll interval', () => {
    const scenario = { ...load('batching-latency-cost'), eventSourceMapping: { BatchSize: 1_000, MaximumBatchingWindowInSeconds: 5 } };
    const r = simulate(scenario);
    expect(r.batching!.maxOldestRecordAgeMs).toBeGreaterThan(5_000);
    expect(r.summary.maxIteratorAgeMs!).toBeLessThan(1_500);
    expect(r.batching!.maxOldestRecordAgeMs).toBeGreaterThanOrEqual(r.summary.maxIteratorAgeMs!);
  });

  it('is deterministic: the same scenario and seed give the same report', () => {
    const a = simulate(load('batching-latency-cost'));
    const b = simulate(load('batching-latency-cost'));
    expect(JSON.stringify(a.batching)).toBe(JSON.stringify(b.batching));
  });
});

describe('why the mapping sent each batch (Kafka)', () => {
  it('counts add up, and a busy topic with a small BatchSize fills its batches', () => {
    const r = simulate(kafka({ esm: { BatchSize: 10 } }));
    expectCountsAddUp(r);
    expect(only(r)).toEqual(['batchSize']);
  });

  it('a quiet topic sends on its window (500 ms by default)', () => {
    const r = simulate(kafka({ rate: 20 }));
    expectCountsAddUp(r);
    expect(only(r)).toEqual(['window']);
  });

  it('big records hit the payload limit, which traces now name too', () => {
    const run = createRun(kafka({ rate: 200, size: 200_000, esm: { BatchSize: 1_000, MaximumBatchingWindowInSeconds: 5 } }), { trace: true });
    run.advanceTo(Infinity);
    const r = run.snapshot();
    expectCountsAddUp(r);
    expect(r.batching!.triggers.payloadLimit).toBeGreaterThan(0);
    expect(r.invocations!.some((t) => t.trigger === 'payload-limit')).toBe(true);
  });
});

describe('the tally', () => {
  it('puts an invocation in the period its time falls in, and ignores times outside the run', () => {
    const tally = new BatchingTally(60, 150, 100);
    tally.add('window', 0, 0);
    tally.add('batch-size', 59.999, 58);
    tally.add('batch-size', 60, 59);
    tally.add('payload-limit', 149.9, 140);
    tally.add('window', 150, 0);
    tally.add('window', -1, -2);
    const report = tally.report();
    expect(report.periods).toEqual([
      { t: 0, batchSize: 1, window: 1, payloadLimit: 0 },
      { t: 60, batchSize: 1, window: 0, payloadLimit: 0 },
      { t: 120, batchSize: 0, window: 0, payloadLimit: 1 },
    ]);
    expect(report.triggers).toEqual({ batchSize: 2, window: 1, payloadLimit: 1 });
    expect(report.maxOldestRecordAgeMs).toBeCloseTo(9_900, 6);
    expect(report.largestBatchRecords).toBe(100);
  });

  it('requests runs have no mapping, so no report', () => {
    expect(simulate(load('concurrency-steady-requests')).batching).toBeUndefined();
  });
});

describe('the site’s view of it', () => {
  const r = simulate(load('esm-payload-limit'));

  it('charts the breakdown as the simulator’s, not as a CloudWatch metric', () => {
    expect(isChartName('BatchTriggers')).toBe(true);
    expect(isChartName('IteratorAge')).toBe(true);
    expect(isChartName('BatchTrigger')).toBe(false);
    const chart = metricChart(r, 'BatchTriggers')!;
    expect(chart.title).toMatch(/simulator, not CloudWatch/);
    expect(chart.series.map((s) => s.label)).toEqual(['Batch reached BatchSize', 'Batching window ended', 'Next record would pass 6 MB']);
    expect(chart.summary).toMatch(/6 MB payload limit 52 times \(100%\)/);
    expect(experimentView(r, ['BatchTriggers', 'Invocations']).charts.map((c) => c.metric)).toEqual(['BatchTriggers', 'Invocations']);
    expect(metricChart(simulate(load('concurrency-steady-requests')), 'BatchTriggers')).toBeUndefined();
  });

  it('gives tasks the oldest record’s wait, in seconds', () => {
    const reading = readMeasure('oldestRecordAge', { outcomes: outcomesOf(r), law: undefined })!;
    expect(reading.value).toBe(r.batching!.maxOldestRecordAgeMs);
    expect(reading.format(6_452)).toBe('6.5 s');
    expect(readMeasure('oldestRecordAge', { outcomes: outcomesOf(simulate(load('concurrency-steady-requests'))), law: undefined })).toBeUndefined();
  });

  it('lets the prose quote shares of invocations by trigger', () => {
    expect(engineFigure('esm-payload-limit', 'triggerShare.payloadLimit', 'percent')).toBe('100%');
    expect(engineFigure('esm-payload-limit', 'batching.largestBatchRecords', 'integer')).toBe('47');
    expect(() => engineFigure('concurrency-steady-requests', 'triggerShare.window', 'percent')).toThrow(/no event source mapping/);
  });

  it('exports the breakdown as CSV, one row per period', () => {
    const text = batchTriggersCsv(r);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^t,Invocations sent because the batch reached BatchSize,/);
    expect(lines).toHaveLength(r.batching!.periods.length + 1);
  });
});
