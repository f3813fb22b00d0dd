import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, type ScenarioInput } from '../../engine/index.ts';
import { differenceRows, onSameTraffic, overlayCharts } from '../../src/workbench/compare.ts';
import { KNOBS } from '../../src/workbench/knobs.ts';
import { experimentView, outcomesOf } from '../../src/workbench/metric-charts.ts';
import { advance, frameAt, frameStep, MAX_FRAMES, periodIndex, step } from '../../src/workbench/playback.ts';
import { momentsPassed, runMoments } from '../../src/workbench/run-moments.ts';

const preset = (name: string) => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8')) as ScenarioInput;

describe('playback clock', () => {
  it('takes at most MAX_FRAMES pictures of any run, as finely as that allows', () => {
    expect(frameStep(120)).toBe(0.5);
    expect(frameStep(600)).toBe(2);
    expect(frameStep(2_700)).toBe(10);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 604_800 }), (duration) => {
        expect(duration / frameStep(duration)).toBeLessThanOrEqual(MAX_FRAMES);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('moves at the chosen speed and stops at the end', () => {
    expect(advance(10, 0.5, 60, 600)).toBe(40);
    expect(advance(590, 1, 60, 600)).toBe(600);
    expect(advance(10, -3, 60, 600)).toBe(10);
  });

  it('steps to the next picture boundary in either direction, inside the run', () => {
    expect(step(0, 1, 2, 600)).toBe(2);
    expect(step(3, 1, 2, 600)).toBe(4);
    expect(step(4, 1, 2, 600)).toBe(6);
    expect(step(4, -1, 2, 600)).toBe(2);
    expect(step(3, -1, 2, 600)).toBe(2);
    expect(step(0, -1, 2, 600)).toBe(0);
    expect(step(599, 1, 2, 600)).toBe(600);
  });

  it('finds the picture taken at or before a moment', () => {
    const frames = [0, 2, 4, 6].map((t) => ({ t }) as never);
    expect(frameAt(frames, -1)).toBeUndefined();
    expect((frameAt(frames, 0) as { t: number }).t).toBe(0);
    expect((frameAt(frames, 3.9) as { t: number }).t).toBe(2);
    expect((frameAt(frames, 100) as { t: number }).t).toBe(6);
    expect(periodIndex(59.9, 60, 10)).toBe(0);
    expect(periodIndex(60, 60, 10)).toBe(1);
    expect(periodIndex(600, 60, 10)).toBe(9);
  });
});

describe('run moments', () => {
  it('mark the spike of the Kafka experiment where the producer steps up', () => {
    const moments = runMoments(simulate(preset('kafka-spike-on-demand')));
    const rise = moments.find((m) => m.kind === 'rise');
    expect(rise?.t).toBe(1_200);
    expect(rise?.label).toBe('traffic ×3');
    expect(rise?.text).toContain('3,000 to 9,000 records/s');
    // On demand, the scaler changes the pollers during the run, and each change is announced.
    expect(moments.filter((m) => m.kind === 'pollers').length).toBeGreaterThan(0);
    expect(moments.filter((m) => m.kind === 'pollers').every((m) => !m.marked)).toBe(true);
  });

  it('mark the first throttle in the period where Throttles first counts one, and nothing on a run without throttles', () => {
    const throttled = simulate(preset('lambda-reserved-concurrency'));
    const first = runMoments(throttled).find((m) => m.kind === 'throttle');
    const firstPeriod = throttled.metrics['AWS/Lambda']!.Throttles!.find((p) => p.Sum > 0)!;
    expect(first?.t).toBe(firstPeriod.t);
    expect(first?.marked).toBe(true);
    const calm = runMoments(simulate(preset('kinesis-4-shards')));
    expect(calm.some((m) => m.kind === 'throttle')).toBe(false);
  });

  it('are in time order, and each is passed exactly once by a playback that goes from start to end in any steps', () => {
    const moments = runMoments(simulate(preset('kafka-spike-on-demand')));
    for (let i = 1; i < moments.length; i++) expect(moments[i]!.t).toBeGreaterThanOrEqual(moments[i - 1]!.t);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 400, noNaN: true }), { minLength: 1, maxLength: 60 }), (steps) => {
        let at = -1;
        let seen = 0;
        for (const d of [...steps, 3_000]) {
          const next = Math.min(2_700, Math.max(0, at) + d);
          seen += momentsPassed(moments, at, next).length;
          at = next;
        }
        expect(seen).toBe(moments.length);
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  it('give a binding limit for every metric period of the run', () => {
    const result = simulate(preset('kinesis-4-shards'));
    const view = experimentView(result, ['IteratorAge']);
    expect(view.bindings).toHaveLength(result.metrics['AWS/Lambda']!.ConcurrentExecutions!.length);
    expect(view.bindings.every((b) => b === null || b.length > 0)).toBe(true);
    expect(view.durationSeconds).toBe(result.scenario.durationSeconds);
  });
});

describe('compare', () => {
  const a = preset('kinesis-4-shards');

  it('keeps B on A’s traffic: same seed, whatever B set', () => {
    const b = { ...KNOBS.ShardCount.set(a, 8), seed: 99 };
    expect(onSameTraffic(a, b).seed).toBe(a.seed);
    expect(KNOBS.ShardCount.get(onSameTraffic(a, b))).toBe(8);
  });

  it('gives B − A and the relative change for every outcome, from the two runs', () => {
    const ra = outcomesOf(simulate(a));
    const rb = outcomesOf(simulate(onSameTraffic(a, KNOBS.ShardCount.set(a, 8))));
    const rows = differenceRows(ra, rb);
    const processed = rows.find((r) => r.label === 'Records processed')!;
    expect(processed.a).toBe(ra.processedRecords);
    expect(processed.b).toBe(rb.processedRecords);
    expect(processed.difference).toBe(rb.processedRecords - ra.processedRecords);
    const cost = rows.find((r) => r.label === 'Cost per month')!;
    expect(cost.relative).toBeCloseTo((rb.monthlyCost - ra.monthlyCost) / ra.monthlyCost, 12);
    // More shards cost more Kinesis shard-hours: the table must show it.
    expect(cost.difference).toBeGreaterThan(0);
    expect(rows.find((r) => r.label === 'Largest IteratorAge')).toBeDefined();
    expect(rows.find((r) => r.label === 'Throttles')!.relative).toBeUndefined();
  });

  it('identical settings on identical traffic give identical outcomes (B differs only by what it changes)', () => {
    const rows = differenceRows(outcomesOf(simulate(a)), outcomesOf(simulate(onSameTraffic(a, { ...a, seed: 5 }))));
    expect(rows.every((r) => r.difference === 0)).toBe(true);
  });

  it('overlays each chart’s main series of A and B', () => {
    const va = experimentView(simulate(a), ['IteratorAge', 'ConcurrentExecutions']);
    const vb = experimentView(simulate(KNOBS.ShardCount.set(a, 8)), ['IteratorAge', 'ConcurrentExecutions']);
    const charts = overlayCharts(va.charts, vb.charts);
    expect(charts.map((c) => c.series.map((s) => s.label))).toEqual([
      ['A: IteratorAge Maximum', 'B: IteratorAge Maximum'],
      ['A: ConcurrentExecutions Maximum', 'B: ConcurrentExecutions Maximum'],
    ]);
    expect(charts[0]!.series[1]!.points).toEqual(vb.charts[0]!.series[0]!.points);
  });
});

describe('ConcurrentExecutions chart', () => {
  it('shows Little’s law from the run’s own Invocations and Duration beside the measured average', () => {
    const result = simulate(preset('kinesis-4-shards'));
    const chart = experimentView(result, ['ConcurrentExecutions']).charts[0]!;
    expect(chart.series.map((s) => s.label)).toEqual([
      'ConcurrentExecutions Maximum',
      'ConcurrentExecutions Average',
      "Little's law: Invocations per second × average Duration",
    ]);
    // Little's law holds for any queue: in a steady period the two agree closely.
    const average = chart.series[1]!.points;
    const law = chart.series[2]!.points;
    const middle = Math.floor(average.length / 2);
    expect(law[middle]!.y).toBeGreaterThan(0);
    expect(Math.abs(law[middle]!.y - average[middle]!.y) / average[middle]!.y).toBeLessThan(0.1);
  });
});
