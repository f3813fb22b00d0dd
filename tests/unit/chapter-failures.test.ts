import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, type ScenarioInput } from '../../engine/index.ts';
import { betStart, type BetProps } from '../../src/chapters/bet-start.ts';
import { evaluate } from '../../src/chapters/task-conditions.ts';
import { parseConditions } from '../../src/chapters/task-conditions-parse.ts';
import { FAILURE_QUEUE_ARN, KNOBS, type KnobId } from '../../src/workbench/knobs.ts';
import { outcomesOf } from '../../src/workbench/metric-charts.ts';

// The failures chapter (content/chapters/error-handling.mdx): its knobs, outcomes, bets and task,
// checked on the engine so that a change to the engine that breaks the lesson fails here first.
const load = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));
const start = load('failures-poison-pill-default');
const withKnobs = (changes: Partial<Record<KnobId, number>>): ScenarioInput =>
  Object.entries(changes).reduce((s, [id, v]) => KNOBS[id as KnobId].set(s, v as number), start);
const run = (changes: Partial<Record<KnobId, number>>) => {
  const scenario = withKnobs(changes);
  return { scenario, outcomes: outcomesOf(simulate(scenario)), law: undefined };
};

const task = (() => {
  const parsed = parseConditions([
    { outcome: 'worstLag', atMost: 10_000 },
    { outcome: 'unprocessedGoodRecords', atMost: 0 },
    { outcome: 'droppedRecords', atMost: 0 },
  ]);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.conditions;
})();

describe('failure handling knobs', () => {
  it('write the mapping’s settings by their AWS names and read them back', () => {
    const all = withKnobs({ BisectBatchOnFunctionError: 1, MaximumRetryAttempts: 2, MaximumRecordAgeInSeconds: 120, ReportBatchItemFailures: 1, OnFailureDestination: 1 });
    expect(all.eventSourceMapping).toMatchObject({
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 2,
      MaximumRecordAgeInSeconds: 120,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: FAILURE_QUEUE_ARN } },
    });
    const off = [
      KNOBS.BisectBatchOnFunctionError,
      KNOBS.MaximumRetryAttempts,
      KNOBS.MaximumRecordAgeInSeconds,
      KNOBS.ReportBatchItemFailures,
      KNOBS.OnFailureDestination,
    ].reduce((s, knob) => knob.set(s, knob.min), all);
    expect(off.eventSourceMapping?.DestinationConfig).toBeUndefined();
    expect(off.eventSourceMapping).toMatchObject({ BisectBatchOnFunctionError: false, MaximumRetryAttempts: -1, MaximumRecordAgeInSeconds: -1, FunctionResponseTypes: [] });
    expect(simulate(off).summary).toEqual(simulate(start).summary);
  });

  it('say what the slider’s ends mean', () => {
    expect(KNOBS.MaximumRetryAttempts.display(-1)).toBe('-1: until the records expire');
    expect(KNOBS.MaximumRecordAgeInSeconds.display(0)).toBe('-1: no limit');
    expect(KNOBS.MaximumRecordAgeInSeconds.display(60)).toBe('60 s');
    expect(KNOBS.OnFailureDestination.display(1)).toBe('on');
  });
});

describe('failure outcomes', () => {
  it('count the good records not processed apart from the poison ones', () => {
    const result = simulate(load('failures-poison-pill-handled'));
    const o = outcomesOf(result);
    expect(result.filtering?.poisonRecords).toBeGreaterThan(0);
    expect(o.destinationRecords).toBe(result.filtering?.poisonRecords);
    expect(o.droppedRecords).toBe(0);
    expect(o.unprocessedGoodRecords).toBe(0);
  });
});

describe('the chapter’s task: unblock the shards', () => {
  it('is not met by doing nothing', () => {
    expect(evaluate(run({}), task).met).toBe(false);
  });

  it('is not met by a retry limit alone, nor with a destination: good records go with the bad', () => {
    expect(evaluate(run({ MaximumRetryAttempts: 0 }), task).met).toBe(false);
    expect(evaluate(run({ MaximumRetryAttempts: 0, OnFailureDestination: 1 }), task).met).toBe(false);
    expect(evaluate(run({ ReportBatchItemFailures: 1, MaximumRetryAttempts: 1, OnFailureDestination: 1 }), task).met).toBe(false);
  });

  it('is not met by bisecting alone, nor by a maximum age', () => {
    expect(evaluate(run({ BisectBatchOnFunctionError: 1 }), task).met).toBe(false);
    expect(evaluate(run({ MaximumRecordAgeInSeconds: 60, BisectBatchOnFunctionError: 1, OnFailureDestination: 1 }), task).met).toBe(false);
    // Bisecting with a limit isolates the bad records, but without a destination they are dropped.
    expect(evaluate(run({ BisectBatchOnFunctionError: 1, MaximumRetryAttempts: 0 }), task).met).toBe(false);
  });

  it('is met by bisecting, a few retries and a destination, with or without partial batch responses', () => {
    expect(evaluate(run({ BisectBatchOnFunctionError: 1, MaximumRetryAttempts: 2, OnFailureDestination: 1 }), task).met).toBe(true);
    expect(evaluate(run({ BisectBatchOnFunctionError: 1, MaximumRetryAttempts: 0, OnFailureDestination: 1 }), task).met).toBe(true);
    expect(evaluate(run({ BisectBatchOnFunctionError: 1, ReportBatchItemFailures: 1, MaximumRetryAttempts: 1, OnFailureDestination: 1 }), task).met).toBe(true);
    // Too many retries of the lone bad record keep the shard waiting too long.
    expect(evaluate(run({ BisectBatchOnFunctionError: 1, MaximumRetryAttempts: 20, OnFailureDestination: 1 }), task).met).toBe(false);
  });
});

describe('the chapter’s bets', () => {
  const bet = (props: Omit<BetProps, 'question'>) => betStart({ question: 'Which?', ...props }, 'error-handling');

  it('no retries: whole batches are dropped, not only the bad records', () => {
    const b = bet({
      id: 'no-retries',
      preset: 'failures-poison-pill-default',
      change: { MaximumRetryAttempts: 0 },
      measure: 'droppedRecords',
      options: [
        { label: 'none', difference: [0, 1] },
        { label: 'only the bad records', difference: [1, 100] },
        { label: 'whole batches', difference: [100, Infinity] },
      ],
    });
    expect(b.options[b.correct]).toBe('whole batches');
  });

  it('bisecting alone leaves the shards stuck', () => {
    const b = bet({
      id: 'bisect-alone',
      preset: 'failures-poison-pill-default',
      change: { BisectBatchOnFunctionError: 1 },
      measure: 'processedRecords',
      options: [
        { label: 'stuck', ratio: [0, 2] },
        { label: 'partly', ratio: [2, 100] },
        { label: 'nearly all', ratio: [100, Infinity] },
      ],
    });
    expect(b.options[b.correct]).toBe('stuck');
  });
});
