/**
 * Fuzzing the engine with random valid scenarios (issue #9): every run either finishes with
 * every record accounted for, or stops at its event budget with the "too large to simulate"
 * problem, and never processes more events than the budget allows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRun, MAX_EVENTS_PER_RUN, ScenarioError, ScenarioTooLargeError, simulate, type ScenarioInput } from '../../engine/index.ts';
import { runJob } from '../../src/workbench/run-job.ts';
import { expectLedgerBalances, kafkaScenarios, kinesisScenarios, requestsScenarios } from './support/scenarios.ts';

/** Small enough that 2,000 of them run in seconds: short runs on a few lanes. */
const small = { maxDurationSeconds: 30, maxLanes: 3, maxRecordsPerSecond: 1_200, more: true };
const anyScenario = fc.oneof(
  { arbitrary: kinesisScenarios(small), weight: 5 },
  { arbitrary: kafkaScenarios({ ...small, maxLanes: 6 }), weight: 4 },
  { arbitrary: requestsScenarios({ maxDurationSeconds: 30 }), weight: 1 },
);
/** A budget per run: often the engine's own, often small enough that the run must stop. */
const budgets = fc.oneof(fc.constant(MAX_EVENTS_PER_RUN), fc.integer({ min: 1, max: 4_000 }));

/** The problem a stopped run reports, checked in full. */
function expectTooLarge(error: unknown, budget: number): void {
  expect(error).toBeInstanceOf(ScenarioTooLargeError);
  const { problems, message } = error as ScenarioTooLargeError;
  expect(message).toMatch(/^the scenario is too large to simulate:\n- durationSeconds: /);
  expect(problems).toHaveLength(1);
  expect(problems[0]!.path).toBe('durationSeconds');
  expect(problems[0]!.message).toContain(`more than ${budget.toLocaleString('en-US')} engine events`);
  expect(problems[0]!.message).toContain('MAX_EVENTS_PER_RUN');
  expect(problems[0]!.message).toMatch(/Reduce durationSeconds(, source\.ShardCount|, source\.partitions| or producer\.rate)/);
}

describe('2,000 random valid scenarios', () => {
  it('each finish with a balanced ledger, or stop at the event budget saying the scenario is too large', () => {
    let stopped = 0;
    let finished = 0;
    fc.assert(
      fc.property(anyScenario, budgets, (scenario, budget) => {
        const run = createRun(scenario, { maxEvents: budget });
        let error: unknown;
        try {
          run.advanceTo(Infinity);
        } catch (caught) {
          error = caught;
        }
        const result = run.snapshot();
        // Whether it finished or stopped, what it did is accounted for, within the budget.
        expectLedgerBalances(result.ledger);
        expect(result.summary.engineEvents).toBeLessThanOrEqual(budget);
        if (error === undefined) {
          finished++;
          expect(run.done).toBe(true);
          expect(result.summary.simulatedSeconds).toBe(scenario.durationSeconds);
          return;
        }
        stopped++;
        expectTooLarge(error, budget);
        expect(run.done).toBe(false);
        expect(result.summary.engineEvents).toBe(budget);
        expect(result.summary.simulatedSeconds).toBeLessThan(scenario.durationSeconds);
        // A stopped run stays stopped, with the same reason.
        expect(() => run.advanceTo(Infinity)).toThrow(error as Error);
      }),
      { numRuns: 2_000, seed: 2026_11_26 },
    );
    // Both outcomes were exercised.
    expect(stopped).toBeGreaterThan(100);
    expect(finished).toBeGreaterThan(100);
  }, 120_000);
});

describe('the event budget', () => {
  const preset = JSON.parse(readFileSync(new URL('../../scenarios/kinesis-4-shards.json', import.meta.url), 'utf8')) as ScenarioInput;

  it('stops a run that needs more events, with a problem naming the limit and the fields to reduce', () => {
    const needed = simulate(preset).summary.engineEvents;
    expect(needed).toBeGreaterThan(1_000);
    expect(simulate(preset, { maxEvents: needed }).summary.engineEvents).toBe(needed);
    let error: unknown;
    try {
      simulate(preset, { maxEvents: needed - 1 });
    } catch (caught) {
      error = caught;
    }
    expectTooLarge(error, needed - 1);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems[0]!.message).toMatch(
      /^durationSeconds: 600 is more than one run can simulate: the scenario is too large to simulate\. It needed more than [\d,]+ engine events \(the engine's limit, MAX_EVENTS_PER_RUN, is 20,000,000\) and was stopped at [\d,.]+ s of simulated time\. Reduce durationSeconds, source\.ShardCount, eventSourceMapping\.ParallelizationFactor or producer\.rate, or raise eventSourceMapping\.BatchSize or MaximumBatchingWindowInSeconds/,
    );
  });

  it('refuses a budget that is not a whole number from 1 to MAX_EVENTS_PER_RUN', () => {
    for (const maxEvents of [0, -1, 1.5, Number.NaN, MAX_EVENTS_PER_RUN + 1]) {
      expect(() => createRun(preset, { maxEvents })).toThrow(/maxEvents must be a whole number from 1 to 20,000,000/);
    }
  });

  it('comes back to the workbench as the scenario’s problem, not an exception', () => {
    // A scenario that validates yet needs more than the engine's whole budget: a thousand
    // partitions at 50,000 records/s in batches of 10 for an hour (the budget's cheapest events: about 5 s).
    const heavy = {
      name: 'heavy',
      durationSeconds: 3_600,
      source: { type: 'kafka', partitions: 1_000 },
      producer: { rate: [{ at: 0, recordsPerSecond: 50_000 }], recordSizeBytes: 1_000 },
      eventSourceMapping: { BatchSize: 10 },
      function: { duration: { baseMs: 1 } },
    };
    const outcome = runJob({ scenario: heavy });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problems[0]!.message).toMatch(/durationSeconds: 3600 is more than one run can simulate: the scenario is too large to simulate/);
      expect(outcome.problems[0]!.message).toContain('more than 20,000,000 engine events');
      expect(outcome.problems[0]!.message).toContain('Reduce durationSeconds, source.partitions or producer.rate');
    }
  }, 30_000);
});
