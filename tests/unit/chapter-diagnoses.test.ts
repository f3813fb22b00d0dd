/**
 * Diagnoses ("name the cause" of a mystery): the options' validation, the answer key checked
 * by the engine (the right fix resolves the symptom, no wrong fix does), the progress they
 * keep, and the five mystery presets of the observability chapter.
 */
import { describe, expect, it } from 'vitest';
import { answerKeyProblems, diagnosisStart, parseDiagnosisOptions, type DiagnosisProps } from '../../src/chapters/diagnosis-start.ts';
import { presetRun } from '../../src/chapters/figures.ts';
import { countProgress, diagnosisChoice, parseProgress, progressSentence, withBet, withDiagnosis } from '../../src/chapters/progress.ts';
import type { TaskCheck } from '../../src/chapters/task-conditions.ts';
import { KNOBS } from '../../src/workbench/knobs.ts';
import { lawCheck } from '../../src/workbench/metric-charts.ts';

const causes = [
  { label: 'slow', fix: 'more memory', change: { MemorySize: 1769 } },
  { label: 'throttled', fix: 'reserve more', change: { ReservedConcurrentExecutions: 50 } },
  { label: 'poison pill', fix: 'bisect, 2 retries', change: { BisectBatchOnFunctionError: 1, MaximumRetryAttempts: 2 } },
  { label: 'hot shard', fix: 'spread the key', change: { hotKeyShare: 0 } },
  { label: 'too few shards', fix: 'add shards', change: { ShardCount: 8 } },
];
const resolved = [{ outcome: 'worstLag', atMost: 30000 }];
const props = (preset: string, answer: number, extra: Partial<DiagnosisProps> = {}): DiagnosisProps => ({
  id: 'mystery',
  preset,
  question: 'Why does IteratorAge grow?',
  resolved,
  options: causes,
  answer,
  ...extra,
});

describe('diagnosis options', () => {
  it('name the field, the value and what is allowed when an author gets them wrong', () => {
    const problems = (input: unknown) => {
      const parsed = parseDiagnosisOptions(input);
      return parsed.ok ? [] : parsed.problems;
    };
    expect(problems(causes)).toEqual([]);
    expect(problems([causes[0]])).toEqual([expect.stringMatching(/^options: .* must offer at least two options$/)]);
    expect(problems([{ ...causes[0], change: { Memory: 1 } }, causes[1]])).toEqual([expect.stringMatching(/^options\[0\]\.change\.Memory: is not a knob; allowed: .*MemorySize/)]);
    expect(problems([{ ...causes[0], change: {} }, causes[1]])).toEqual(['options[0].change: {} must set at least one knob, e.g. { MemorySize: 1769 }']);
    expect(problems([{ label: '', fix: 'x', change: { MemorySize: 1769 } }, causes[1]])).toEqual(['options[0].label: "" must not be empty']);
    expect(problems([{ ...causes[0], cure: 'x' }, causes[1]])).toEqual(['options[0]: "cure" is not a known field; allowed: label, fix, change']);
  });
});

describe('an answer key', () => {
  const check = (met: boolean): TaskCheck => ({ met, checks: [{ met, text: met ? 'Highest IteratorAge: 1,000 ms' : 'Highest IteratorAge: 400,000 ms' }] });
  const labels = ['a', 'b', 'c'];

  it('holds when only the right fix resolves a symptom that is there', () => {
    expect(answerKeyProblems(check(false), [check(false), check(true), check(false)], 1, labels)).toEqual([]);
  });

  it('is refused when there is no symptom, the right fix fails or a wrong one works too', () => {
    expect(answerKeyProblems(check(true), [check(true), check(false), check(false)], 0, labels)[0]).toMatch(/already meets "resolved" without any fix/);
    expect(answerKeyProblems(check(false), [check(false), check(false), check(false)], 1, labels)).toEqual([
      'answer: the fix of options[1] ("b") does not resolve the symptom (Highest IteratorAge: 400,000 ms)',
    ]);
    expect(answerKeyProblems(check(false), [check(true), check(true), check(false)], 1, labels)[0]).toMatch(/^options\[0\] \("a"\) is a wrong answer whose fix also resolves/);
  });
});

describe('the observability chapter’s mysteries', () => {
  const mysteries: [string, number][] = [
    ['mystery-orders', 0],
    ['mystery-payments', 1],
    ['mystery-telemetry', 2],
    ['mystery-clickstream', 3],
    ['mystery-logs', 4],
  ];
  for (const [preset, answer] of mysteries) {
    it(`${preset}: only "${causes[answer]!.label}" has a fix that brings IteratorAge under 30 s`, () => {
      const start = diagnosisStart(props(preset, answer), 'observability');
      expect(start.correct).toBe(answer);
      expect(start.options.map((o) => o.resolves)).toEqual(causes.map((_, i) => i === answer));
      expect(start.symptom).toMatch(/^Highest IteratorAge: [\d,.]+ ms, needs at most 30,000 ms$/);
    });
  }

  it('leave distinct marks on the dashboards', () => {
    const run = (preset: string) => presetRun(preset).summary;
    expect(run('mystery-payments').throttles).toBeGreaterThan(0);
    expect(run('mystery-telemetry').errors).toBeGreaterThan(0);
    expect(run('mystery-logs').writeThrottledRecords).toBeGreaterThan(0);
    for (const preset of ['mystery-orders', 'mystery-clickstream']) {
      const s = run(preset);
      expect([s.throttles, s.errors, s.writeThrottledRecords]).toEqual([0, 0, 0]);
    }
    // Every shard busy when the function is slow; some shards idle behind a hot key.
    const orders = lawCheck(presetRun('mystery-orders'))!;
    const clicks = lawCheck(presetRun('mystery-clickstream'))!;
    expect(orders.average / run('mystery-orders').maxConcurrency).toBeGreaterThan(0.95);
    expect(clicks.average / run('mystery-clickstream').maxConcurrency).toBeLessThan(0.7);
  });

  it('stop the build on a wrong answer key, an unknown preset or a bad answer, naming the diagnosis', () => {
    expect(() => diagnosisStart(props('mystery-orders', 1), 'observability')).toThrow(
      /^Diagnosis "mystery" in chapter "observability": options\[0\] \("slow"\) is a wrong answer whose fix also resolves .*; answer: the fix of options\[1\] \("throttled"\) does not resolve the symptom/,
    );
    expect(() => diagnosisStart(props('no-such-preset', 0), 'observability')).toThrow(/no-such-preset/);
    expect(() => diagnosisStart(props('mystery-orders', 7), 'observability')).toThrow(/answer: 7 must be the index of an option, from 0 to 4/);
    expect(() => diagnosisStart(props('mystery-orders', 0, { resolved: [{ knob: 'MemorySize', atLeast: 1 }] }), 'observability')).toThrow(/resolved: name outcomes only/);
    expect(() => diagnosisStart(props('mystery-orders', 0, { id: 'Mystery One' }), 'observability')).toThrow(/id: "Mystery One" must be a lowercase slug/);
  });
});

describe('diagnoses in the reader’s progress', () => {
  it('are kept per chapter beside tasks and bets, and cleared by Try again', () => {
    let p = withBet({}, 'observability', 'b', 2);
    p = withDiagnosis(p, 'observability', 'orders', 0);
    expect(p).toEqual({ observability: { tasks: {}, bets: { b: 2 }, diagnoses: { orders: 0 } } });
    expect(diagnosisChoice(p, 'observability', 'orders')).toBe(0);
    expect(diagnosisChoice(p, 'concurrency', 'orders')).toBeUndefined();
    expect(diagnosisChoice(withDiagnosis(p, 'observability', 'orders', undefined), 'observability', 'orders')).toBeUndefined();
  });

  it('survive storage and are validated on read; older progress without them reads as before', () => {
    expect(parseProgress(JSON.stringify({ observability: { tasks: {}, bets: {}, diagnoses: { orders: 3 } } })).progress.observability?.diagnoses).toEqual({ orders: 3 });
    expect(parseProgress('{"concurrency":{"tasks":{"a":true}}}')).toEqual({ progress: { concurrency: { tasks: { a: true }, bets: {} } } });
    expect(parseProgress(JSON.stringify({ observability: { tasks: {}, bets: {}, diagnoses: { orders: -1 } } })).notice).toMatch(/could not be read/);
  });

  it('count as mysteries solved (the right cause named) in the chapter’s counter', () => {
    const items = { tasks: ['t'], bets: [], diagnoses: [{ id: 'orders', correct: 0 }, { id: 'payments', correct: 1 }, { id: 'logs', correct: 4 }] };
    let p = withDiagnosis({}, 'observability', 'orders', 0);
    p = withDiagnosis(p, 'observability', 'payments', 3);
    const counts = countProgress(p, 'observability', items);
    expect(counts.diagnoses).toEqual({ named: 2, solved: 1, total: 3 });
    expect(progressSentence(counts)).toBe('0 of 1 task done, 1 of 3 mysteries solved');
    expect(progressSentence(countProgress({}, 'observability', { tasks: [], bets: [], diagnoses: [{ id: 'orders', correct: 0 }] }))).toBe('0 of 1 mystery solved');
    // Pages without mysteries count exactly as before.
    expect(countProgress(p, 'observability', { tasks: ['t'], bets: [] })).toEqual({ tasks: { done: 0, total: 1 }, bets: { placed: 0, right: 0, total: 0 } });
  });
});

describe('the knobs the mysteries add', () => {
  const scenario = presetRun('mystery-clickstream').scenario;
  it('switch between random keys and one hot key', () => {
    expect(KNOBS.hotKeyShare.get(scenario)).toBe(0.4);
    expect(KNOBS.hotKeyShare.set(scenario, 0).producer.partitionKeys).toEqual({ type: 'random' });
    expect(KNOBS.hotKeyShare.display(0)).toBe('none (random keys)');
    expect(KNOBS.hotKeyShare.display(0.4)).toBe('40% on one key');
  });
  it('read no reservation as 0 and write 0 back as none', () => {
    expect(KNOBS.ReservedConcurrentExecutions.get(scenario)).toBe(0);
    expect(KNOBS.ReservedConcurrentExecutions.set(scenario, 0).function.ReservedConcurrentExecutions).toBeNull();
    expect(KNOBS.ReservedConcurrentExecutions.set(scenario, 50).function.ReservedConcurrentExecutions).toBe(50);
  });
  it('turn BisectBatchOnFunctionError on and off, and say what -1 retries means', () => {
    expect(KNOBS.BisectBatchOnFunctionError.set(scenario, 1).eventSourceMapping?.BisectBatchOnFunctionError).toBe(true);
    expect(KNOBS.BisectBatchOnFunctionError.get(KNOBS.BisectBatchOnFunctionError.set(scenario, 0))).toBe(0);
    expect(KNOBS.MaximumRetryAttempts.display(-1)).toBe('-1: until the records expire');
    expect(KNOBS.MaximumRetryAttempts.get(scenario)).toBe(-1);
  });
});
