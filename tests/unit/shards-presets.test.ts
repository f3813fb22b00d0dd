import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, type ScenarioInput } from '../../engine/index.ts';
import { KNOBS } from '../../src/workbench/knobs.ts';

// The shards-and-partitions chapter's presets do what their descriptions (and the chapter) say.
const load = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));

describe('shards-parallelization', () => {
  const run = (factor: number) => simulate(KNOBS.ParallelizationFactor.set(load('shards-parallelization'), factor)).summary;

  it('runs one batch per shard at ParallelizationFactor 1 and falls further behind all run long', () => {
    const s = run(1);
    expect(s.maxConcurrency).toBe(4);
    expect(s.maxIteratorAgeMs).toBeGreaterThan(60_000);
  });

  it('keeps up once the factor covers rate × duration, and not before', () => {
    expect(run(2).maxConcurrency).toBe(8);
    expect(run(2).maxIteratorAgeMs).toBeGreaterThan(60_000);
    expect(run(10).maxIteratorAgeMs).toBeLessThan(5_000);
  });
});

describe('kafka-few-partitions', () => {
  const run = (change: Partial<Record<'MinimumPollers' | 'partitions', number>>) => {
    let scenario = load('kafka-few-partitions');
    for (const [knob, value] of Object.entries(change)) scenario = KNOBS[knob as 'partitions'].set(scenario, value);
    return simulate(scenario).summary;
  };

  it('never runs more batches at once than the topic has partitions, however many pollers are allowed', () => {
    const start = run({});
    const more = run({ MinimumPollers: 10 });
    expect(start.maxConcurrency).toBe(4);
    expect(more.maxConcurrency).toBe(4);
    expect(more.maxOffsetLag).toBe(start.maxOffsetLag);
    expect(start.backlogRecords).toBeGreaterThan(50_000);
  });

  it('keeps up with more partitions', () => {
    expect(run({ partitions: 6 }).maxOffsetLag).toBeLessThan(5_000);
  });
});

describe('kinesis-hot-key', () => {
  it('a hot key keeps its shard behind whatever the shard count', () => {
    const eight = simulate(load('kinesis-hot-key')).summary;
    const sixteen = simulate(KNOBS.ShardCount.set(load('kinesis-hot-key'), 16)).summary;
    expect(sixteen.maxIteratorAgeMs! / eight.maxIteratorAgeMs!).toBeGreaterThan(0.75);
    expect(sixteen.writeThrottledRecords).toBeGreaterThan(0.5 * eight.writeThrottledRecords);
  });
});

describe('kinesis-shared-read-limit', () => {
  it('other shared readers starve the mapping; a second shard gives it room', () => {
    const one = simulate(load('kinesis-shared-read-limit')).summary;
    const two = simulate(KNOBS.ShardCount.set(load('kinesis-shared-read-limit'), 2)).summary;
    expect(one.maxIteratorAgeMs).toBeGreaterThan(60_000);
    expect(two.maxIteratorAgeMs).toBeLessThan(5_000);
  });
});
