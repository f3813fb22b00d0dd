import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate } from '../../engine/index.ts';

const DIR = new URL('../../scenarios/', import.meta.url);
const presets = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (file: string): unknown => JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));

describe('presets in scenarios/', () => {
  it('exist for every mechanism and lever', () => {
    expect(presets.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of presets) {
    it(`${file} is valid, named after its file and described in one line`, () => {
      const checked = parseScenario(load(file));
      expect(checked.ok ? [] : checked.problems.map((p) => p.message)).toEqual([]);
      if (!checked.ok) return;
      expect(`${checked.value.name}.json`).toBe(file);
      expect(checked.value.description?.length ?? 0).toBeGreaterThan(40);
      expect(checked.value.description).not.toContain('\n');
    });
  }
});

describe("the talk's throughput levers, measured by the engine", () => {
  const throughput = (file: string) => simulate(load(file)).summary.processedRecords;
  const baseline = throughput('lever-baseline.json');

  it('shorter duration (8× the CPU) gives about ×8', () => {
    expect(throughput('lever-shorter-duration.json') / baseline).toBeCloseTo(8, 0);
  });

  it('batching 32 records per invocation gives about ×32', () => {
    expect(Math.abs(throughput('lever-batching.json') / baseline - 32) / 32).toBeLessThan(0.05);
  });

  it('ParallelizationFactor 10 gives about ×10', () => {
    expect(throughput('lever-parallelization.json') / baseline).toBeCloseTo(10, 0);
  });
});

describe('mechanism presets behave as their descriptions say', () => {
  it('kinesis-retention: records older than the retention expire', () => {
    const { summary } = simulate(load('kinesis-retention.json'));
    expect(summary.expiredRecords).toBeGreaterThan(0);
    expect(summary.maxIteratorAgeMs).toBeLessThanOrEqual(24 * 3600 * 1000);
  });

  it('lambda-scaling-rate: throttles only while environments are being added', () => {
    const { metrics, summary } = simulate(load('lambda-scaling-rate.json'));
    expect(summary.maxConcurrency).toBe(3_000);
    const throttles = metrics['AWS/Lambda']!['Throttles']!;
    const late = throttles.filter((p) => p.t >= 30).reduce((n, p) => n + p.Sum, 0);
    expect(summary.throttles).toBeGreaterThan(1_000);
    expect(late).toBe(0);
  });

  it('kinesis-efo keeps up where kinesis-shared-read-limit falls behind', () => {
    const shared = simulate(load('kinesis-shared-read-limit.json')).summary;
    const efo = simulate(load('kinesis-efo.json')).summary;
    expect(shared.backlogRecords).toBeGreaterThan(1_000);
    expect(efo.backlogRecords).toBeLessThan(50);
  });
});
