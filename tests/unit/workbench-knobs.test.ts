import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type ScenarioInput } from '../../engine/index.ts';
import { KNOBS, isKnobId, type KnobId } from '../../src/workbench/knobs.ts';
import { experimentView, METRICS, metricChart } from '../../src/workbench/metric-charts.ts';
import { experimentStart } from '../../src/workbench/start.ts';

const load = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));
const KAFKA_ONLY: KnobId[] = ['partitions', 'MinimumPollers', 'ProvisionedMode'];
const KINESIS_ONLY: KnobId[] = ['ShardCount', 'ParallelizationFactor', 'otherSharedConsumers'];
/** Knobs that need a scenario of a particular kind, and the preset to try them on. */
const NEEDS_PRESET: Partial<Record<KnobId, string>> = { filterInMapping: 'filtering-iot-in-code' };

describe('knobs', () => {
  for (const knob of Object.values(KNOBS)) {
    it(`${knob.id}: its slider stays inside the documented range and reads back what it sets`, () => {
      const needs = NEEDS_PRESET[knob.id];
      const presets = needs ? [needs] : KAFKA_ONLY.includes(knob.id) ? ['kafka-spike-provisioned'] : KINESIS_ONLY.includes(knob.id) ? ['kinesis-4-shards'] : ['kinesis-4-shards', 'kafka-spike-provisioned'];
      for (const preset of presets) {
        for (const value of [knob.min, knob.max, knob.min + knob.step]) {
          const changed = knob.set(load(preset), value);
          const checked = parseScenario(changed);
          expect(checked.ok ? [] : checked.problems.map((p) => p.message)).toEqual([]);
          expect(knob.get(changed)).toBe(value);
        }
      }
      expect(knob.display(knob.min)).not.toMatch(/undefined|NaN/);
      expect(knob.limit.length).toBeGreaterThan(10);
    });
  }

  it('filterInMapping moves the code’s own check into the mapping, and back out', () => {
    const inCode = load('filtering-iot-in-code');
    const mapped = KNOBS.filterInMapping.set(inCode, 1);
    expect(mapped.eventSourceMapping?.FilterCriteria).toEqual(inCode.function.actionable);
    expect(KNOBS.filterInMapping.get(load('filtering-iot-esm'))).toBe(1);
    expect(KNOBS.filterInMapping.set(mapped, 0)).toEqual(inCode);
    // Without a check in the code there is nothing to move: the scenario stays as it is.
    const plain = load('kinesis-4-shards');
    expect(KNOBS.filterInMapping.set(plain, 1)).toEqual(plain);
  });

  it('change nothing but their own field', () => {
    const before = load('kinesis-4-shards');
    const after = KNOBS.BatchSize.set(before, 250);
    expect({ ...after, eventSourceMapping: { ...after.eventSourceMapping, BatchSize: before.eventSourceMapping?.BatchSize } }).toEqual(before);
    expect(isKnobId('BatchSize')).toBe(true);
    expect(isKnobId('toString')).toBe(false);
  });
});

describe('metric charts', () => {
  const result = simulate(load('kinesis-4-shards'));

  it('name the metric, its namespace, statistic and period, and summarise the peak', () => {
    const chart = metricChart(result, 'IteratorAge')!;
    expect(chart.title).toBe('IteratorAge (AWS/Lambda), Maximum per 1 minute');
    expect(chart.summary).toMatch(/^Maximum of IteratorAge, .* per 1 minute over 10:00 of simulated time; highest [\d,.]+ ms in the period starting at \d+:\d\d\.$/);
    // One stepped point per period, plus one closing the last period.
    expect(chart.series[0]!.points).toHaveLength(result.metrics['AWS/Lambda']!.IteratorAge!.length + 1);
  });

  it('leave out metrics the run does not have (another source) instead of drawing zeros', () => {
    expect(metricChart(result, 'OffsetLag')).toBeUndefined();
    expect(metricChart(result, 'NoSuchMetric')).toBeUndefined();
    expect(experimentView(result, ['OffsetLag', 'Invocations']).charts.map((c) => c.metric)).toEqual(['Invocations']);
  });

  it('exist for every metric in the catalogue on one source or the other', () => {
    const kafka = simulate(load('kafka-spike-provisioned'));
    for (const metric of Object.keys(METRICS)) expect(metricChart(result, metric) ?? metricChart(kafka, metric), metric).toBeDefined();
  });
});

describe('an experiment’s start', () => {
  it('runs the preset at build time', () => {
    const start = experimentStart('kinesis-4-shards', { title: 'Four shards', knobs: ['ShardCount'], charts: ['IteratorAge'] });
    expect(start.title).toBe('Four shards');
    expect(start.id).toBe('kinesis-4-shards');
    expect(start.view.outcomes.processedRecords).toBe(simulate(load('kinesis-4-shards')).summary.processedRecords);
  });

  it('stops the build on an author’s typo, naming it', () => {
    expect(() => experimentStart('no-such-preset', { title: 'None', knobs: [], charts: [] })).toThrow(/no preset named "no-such-preset"/);
    expect(() => experimentStart('kinesis-4-shards', { title: 'Typo', knobs: ['ShardCuont'], charts: [] })).toThrow(/unknown knob "ShardCuont"/);
    expect(() => experimentStart('kinesis-4-shards', { title: 'Typo', knobs: [], charts: ['IteratorAges'] })).toThrow(/unknown chart "IteratorAges"/);
    expect(() => experimentStart('kinesis-4-shards', { title: '  ', knobs: [], charts: [] })).toThrow(/"kinesis-4-shards": give it a title/);
    // As MDX passes a forgotten prop.
    expect(() => experimentStart('kinesis-4-shards', { knobs: [], charts: [] } as unknown as { title: string; knobs: string[]; charts: string[] })).toThrow(/give it a title/);
  });
});
