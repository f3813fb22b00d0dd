/**
 * The pipeline view's numbers (src/workbench/pipeline.ts): read from the run's own metrics,
 * per second of each period, so that over the whole run they add back up to the metrics.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationResult } from '../../engine/index.ts';
import { experimentView } from '../../src/workbench/metric-charts.ts';
import { pipelineAt, pipelinePeriods, type PipelinePeriod } from '../../src/workbench/pipeline.ts';

const run = (name: string) => simulate(JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8')));
const total = (result: SimulationResult, name: string) => (result.metrics['AWS/Lambda']?.[name] ?? []).reduce((n, p) => n + p.Sum, 0);

describe('pipelinePeriods', () => {
  const result = run('esm-pipeline');
  const periods = pipelinePeriods(result)!;
  const period = result.scenario.metrics.periodSeconds;
  const overRun = (rate: (p: PipelinePeriod) => number) => periods.reduce((n, p) => n + rate(p) * period, 0);

  it('has one entry per metric period of a Kinesis run', () => {
    expect(periods).toHaveLength(Math.ceil(result.summary.simulatedSeconds / period));
    expect(periods.map((p) => p.t)).toEqual(periods.map((_, i) => i * period));
  });

  it('adds back up to the run’s metrics', () => {
    expect(overRun((p) => p.polledPerSecond)).toBeCloseTo(total(result, 'PolledEventCount'), 6);
    expect(overRun((p) => p.filteredPerSecond)).toBeCloseTo(total(result, 'FilteredOutEventCount'), 6);
    expect(overRun((p) => p.invocationsPerSecond)).toBeCloseTo(result.summary.invocations, 6);
    const written = (result.metrics['AWS/Kinesis']?.['IncomingRecords'] ?? []).reduce((n, p) => n + p.Sum, 0);
    expect(overRun((p) => p.writtenPerSecond ?? Number.NaN)).toBeCloseTo(written, 6);
  });

  it('gives records per batch as records sent over invocations, and the lag as IteratorAge', () => {
    for (const p of periods) {
      if (p.invocationsPerSecond > 0) expect(p.recordsPerBatch).toBeCloseTo(p.invokedRecordsPerSecond / p.invocationsPerSecond, 9);
      else expect(p.recordsPerBatch).toBeUndefined();
      expect(p.recordsPerBatch ?? 0).toBeLessThanOrEqual(result.scenario.eventSourceMapping.BatchSize);
      expect(p.lag.metric).toBe('IteratorAge');
    }
    // The traffic triples at 2:00; the mapping sends fuller batches rather than more of them.
    const before = periods.find((p) => p.t === 60)!;
    const after = periods.find((p) => p.t === 200)!;
    expect(after.polledPerSecond / before.polledPerSecond).toBeGreaterThan(2.5);
    expect(after.recordsPerBatch! / before.recordsPerBatch!).toBeGreaterThan(2);
    expect(after.invocationsPerSecond).toBeLessThan(before.invocationsPerSecond * 1.5);
  });

  it('reads Kafka’s OffsetLag, has no stream-side count there, and nothing for direct requests', () => {
    const kafka = pipelinePeriods(run('kafka-spike-on-demand'))!;
    expect(kafka.every((p) => p.lag.metric === 'OffsetLag' && p.writtenPerSecond === undefined)).toBe(true);
    expect(Math.max(...kafka.map((p) => p.lag.value))).toBeGreaterThan(0);
    expect(pipelinePeriods(run('concurrency-steady-requests'))).toBeUndefined();
  }, 30_000); // two runs, one of them Kafka's half hour

  it('is part of the experiment view only when asked for', () => {
    expect(experimentView(result, ['Invocations']).pipeline).toBeUndefined();
    expect(experimentView(result, ['Invocations'], { pipeline: true }).pipeline).toEqual(periods);
  });
});

describe('pipelineAt', () => {
  const periods = [0, 10, 20].map((t) => ({ t }) as PipelinePeriod);

  it('finds the period a moment falls in, the last one at the very end', () => {
    expect(pipelineAt(periods, 0, 10)?.t).toBe(0);
    expect(pipelineAt(periods, 9.99, 10)?.t).toBe(0);
    expect(pipelineAt(periods, 10, 10)?.t).toBe(10);
    expect(pipelineAt(periods, 30, 10)?.t).toBe(20);
    expect(pipelineAt(periods, -1, 10)?.t).toBe(0);
    expect(pipelineAt([], 5, 10)).toBeUndefined();
  });
});
