import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../engine/index.ts';
import { describeCondition, evaluate, type Condition, type TaskRun } from '../../src/chapters/task-conditions.ts';
import { parseConditions } from '../../src/chapters/task-conditions-parse.ts';
import { taskStart } from '../../src/chapters/task-start.ts';
import { KNOBS } from '../../src/workbench/knobs.ts';
import type { Outcomes } from '../../src/workbench/metric-charts.ts';

const steady = JSON.parse(readFileSync(new URL('../../scenarios/concurrency-steady-requests.json', import.meta.url), 'utf8')) as ScenarioInput;

const outcomes: Outcomes = {
  processedRecords: 243_298,
  backlogRecords: 4_050,
  invocations: 247_348,
  throttles: 37_072,
  errors: 0,
  worstLag: { metric: 'IteratorAge', value: 1_665, unit: 'ms' },
  monthlyCost: 61_037.84,
  droppedRecords: 0,
  destinationRecords: 0,
  unprocessedGoodRecords: 4_050,
  writeThrottledRecords: 0,
};
const run = (changes: Partial<TaskRun> = {}): TaskRun => ({
  scenario: steady,
  outcomes,
  law: { invocationsPerSecond: 100.5, averageDurationMs: 500, predicted: 50.27, average: 50.38 },
  ...changes,
});

function parsed(input: unknown): Condition[] {
  const result = parseConditions(input);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.conditions;
}

function problems(input: unknown): string[] {
  const result = parseConditions(input);
  return result.ok ? [] : result.problems;
}

describe('task conditions: validation', () => {
  it('accepts outcome and knob conditions and gives them one shape', () => {
    expect(parsed([{ outcome: 'throttles', atMost: 0 }, { knob: 'requestsPerSecond', equals: 100 }])).toEqual([
      { on: 'outcome', name: 'throttles', comparator: 'atMost', bound: 0 },
      { on: 'knob', name: 'requestsPerSecond', comparator: 'equals', bound: 100 },
    ]);
  });

  it('names the field, the value and what is allowed for an unknown outcome or knob', () => {
    const [outcome] = problems([{ outcome: 'throtles', atMost: 0 }]);
    expect(outcome).toMatch(/^conditions\[0\]\.outcome: "throtles" is not an outcome; allowed: worstLag, throttles, .*lawAverage(, \w+)*$/);
    const [knob] = problems([{ outcome: 'errors', atMost: 0 }, { knob: 'ShardCoun', atLeast: 2 }]);
    expect(knob).toMatch(/^conditions\[1\]\.knob: "ShardCoun" is not a knob; allowed: ShardCount, /);
  });

  it('rejects a misspelt comparator, listing the fields that are allowed', () => {
    expect(problems([{ outcome: 'throttles', bellow: 3 }])).toEqual([
      'conditions[0]: "bellow" is not a known field; allowed: outcome, below, atMost, above, atLeast',
      'conditions[0]: needs exactly one of below, atMost, above, atLeast (found none)',
    ]);
    // A knob has no "below": its comparators are equals, atMost and atLeast.
    expect(problems([{ knob: 'BatchSize', below: 3 }])[0]).toBe('conditions[0]: "below" is not a known field; allowed: knob, equals, atMost, atLeast');
  });

  it('wants exactly one finite bound per condition', () => {
    expect(problems([{ outcome: 'throttles', atMost: 0, atLeast: 0 }])).toEqual(['conditions[0]: needs exactly one of below, atMost, above, atLeast (found atMost and atLeast)']);
    expect(problems([{ outcome: 'throttles', atMost: '0' }])).toEqual(['conditions[0].atMost: "0" must be a finite number']);
    expect(problems([{ outcome: 'throttles', atMost: Infinity }])).toEqual(['conditions[0].atMost: Infinity must be a finite number']);
  });

  it('wants a non-empty list of objects with either an outcome or a knob', () => {
    expect(problems([])).toEqual(['conditions: [] must be a list of at least one condition']);
    expect(problems(undefined)).toEqual(['conditions: nothing must be a list of at least one condition']);
    expect(problems([{ atMost: 3 }, 'throttles', { outcome: 'errors', knob: 'BatchSize', atMost: 1 }])).toEqual([
      'conditions[0]: {"atMost":3} must have either an "outcome" or a "knob" field',
      'conditions[1]: "throttles" must have either an "outcome" or a "knob" field',
      'conditions[2]: {"outcome":"errors","knob":"BatchSize","atMost":1} must have either an "outcome" or a "knob" field',
    ]);
  });

  it('stops a task at build time with its id, chapter and the problem', () => {
    const props = { id: 'busy', experiment: 'concurrency-steady-requests', goal: 'Keep them busy.', conditions: [{ knob: 'Shards', equals: 2 }] };
    expect(() => taskStart(props, 'concurrency')).toThrow(/^Task "busy" in chapter "concurrency": conditions\[0\]\.knob: "Shards" is not a knob/);
    expect(() => taskStart({ ...props, id: 'Busy Task' }, 'concurrency')).toThrow(/id: "Busy Task" must be a lowercase slug/);
    expect(() => taskStart({ ...props, conditions: [{ knob: 'ShardCount', equals: 2 }], goal: ' ' }, 'concurrency')).toThrow(/goal: " " must be text/);
    expect(taskStart({ ...props, conditions: [{ knob: 'ShardCount', equals: 2 }] }, 'concurrency').conditions).toHaveLength(1);
  });
});

describe('task conditions: evaluation', () => {
  it('says where the run stands for each condition, numbers formatted for reading', () => {
    const check = evaluate(run(), parsed([{ outcome: 'throttles', atMost: 0 }, { outcome: 'worstLag', below: 60_000 }]));
    expect(check.met).toBe(false);
    expect(check.checks).toEqual([
      { met: false, text: 'Throttles: 37,072, needs 0' },
      { met: true, text: 'Highest IteratorAge: 1,665 ms, needs less than 60,000 ms' },
    ]);
  });

  it('is met only when every condition holds, knobs read from the run’s scenario', () => {
    const conditions = parsed([{ knob: 'requestsPerSecond', equals: 100 }, { outcome: 'lawAverage', atLeast: 60 }]);
    expect(evaluate(run(), conditions).checks.map((c) => c.text)).toEqual([
      'Requests per second: 100 requests/s, needs 100 requests/s',
      'Average ConcurrentExecutions: 50.4, needs at least 60',
    ]);
    const slower = run({ scenario: KNOBS.requestDurationMs.set(steady, 700), law: { invocationsPerSecond: 100.5, averageDurationMs: 700, predicted: 70.4, average: 70.5 } });
    expect(evaluate(slower, conditions).met).toBe(true);
    // Raising the rate instead also lifts the average, but breaks the first condition.
    const faster = run({ scenario: KNOBS.requestsPerSecond.set(steady, 150), law: { invocationsPerSecond: 150, averageDurationMs: 500, predicted: 75, average: 75 } });
    expect(evaluate(faster, conditions)).toMatchObject({ met: false, checks: [{ met: false }, { met: true }] });
  });

  it('treats bounds as the author wrote them: below and above are strict, atMost and atLeast are not', () => {
    const at = (value: number, c: object) => evaluate(run({ outcomes: { ...outcomes, errors: value } }), parsed([{ outcome: 'errors', ...c }])).met;
    expect([at(5, { below: 5 }), at(5, { atMost: 5 }), at(5, { above: 5 }), at(5, { atLeast: 5 })]).toEqual([false, true, false, true]);
  });

  it('writes money as dollars and knob values with their units', () => {
    const check = evaluate(run(), parsed([{ outcome: 'monthlyCost', atMost: 100 }, { knob: 'requestDurationMs', atMost: 80 }]));
    expect(check.checks.map((c) => c.text)).toEqual(['Monthly cost: $61,037.84, needs at most $100.00', 'Duration of one request: 500 ms, needs at most 80 ms']);
  });

  it('does not pass a condition on the law when the experiment does not measure it', () => {
    const check = evaluate(run({ law: undefined }), parsed([{ outcome: 'lawAverage', atLeast: 0 }]));
    expect(check).toEqual({ met: false, checks: [{ met: false, text: 'Average ConcurrentExecutions: not measured by this experiment' }] });
  });

  it('describes each condition before any run', () => {
    expect(parsed([{ outcome: 'throttles', atMost: 0 }, { outcome: 'invocations', atLeast: 280_000 }, { knob: 'ShardCount', equals: 4 }]).map(describeCondition)).toEqual([
      'Throttles: needs 0',
      'Invocations: needs at least 280,000',
      'ShardCount: needs 4 shards',
    ]);
  });
});
