import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../engine/index.ts';
import { runJob } from '../../src/workbench/run-job.ts';

const scenario = JSON.parse(readFileSync(new URL('../../scenarios/kinesis-4-shards.json', import.meta.url), 'utf8'));

describe('a workbench run', () => {
  it('gives the same result as simulate, reporting progress up to the end', () => {
    const fractions: number[] = [];
    const outcome = runJob({ scenario }, (f) => fractions.push(f));
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(JSON.stringify(outcome.result)).toBe(JSON.stringify(simulate(scenario)));
    expect(fractions.length).toBeGreaterThan(5);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThan(fractions[i - 1]!);
    expect(fractions.at(-1)).toBe(1);
  });

  it('returns the problems of a scenario the engine refuses, instead of throwing', () => {
    const outcome = runJob({ scenario: { ...scenario, eventSourceMapping: { ParallelizationFactor: 12 } } });
    expect(outcome).toMatchObject({ ok: false, problems: [{ path: 'eventSourceMapping.ParallelizationFactor' }] });
    expect(runJob({ scenario: 'not a scenario' }).ok).toBe(false);
  });

  it('keeps every invocation only when asked', () => {
    const plain = runJob({ scenario });
    const traced = runJob({ scenario, trace: true });
    expect(plain.ok && plain.result.invocations).toBeUndefined();
    expect(traced.ok && traced.result.invocations!.length).toBeGreaterThan(0);
  });
});
