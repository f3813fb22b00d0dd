import type { ValidationProblem } from '../core/validation.ts';
import { formatProblems } from '../core/validation.ts';
import type { Scenario } from '../scenario/schema.ts';

/**
 * The most engine events one run may process. Validation bounds a scenario's memory
 * (MAX_LANE_SECONDS, MAX_REQUESTS) but not its work: a valid scenario can still ask for
 * tens of millions of invocations (BatchSize 1 on many busy shards for hours). At the
 * engine's measured 2–4 million events per wall second, this budget stops any run within
 * several seconds. The busiest preset needs about 722,000 events and the heaviest slider
 * setting of any chapter or lab about 10.7 million; a requests scenario within MAX_REQUESTS
 * needs at most two events per request (docs/engine.md, "The event budget").
 */
export const MAX_EVENTS_PER_RUN = 20_000_000;

/** Thrown when a scenario is not valid; carries every problem found. */
export class ScenarioError extends Error {
  constructor(
    readonly problems: ValidationProblem[],
    heading = 'the scenario is not valid',
  ) {
    super(`${heading}:\n${formatProblems(problems)}`);
    this.name = 'ScenarioError';
  }
}

/**
 * Thrown by a run that reached its event budget before the scenario's end: the scenario is
 * valid but too large to simulate. It is a ScenarioError, so every caller that shows a
 * refused scenario's problems shows this one too; its one problem names durationSeconds
 * and the fields that make a run lighter.
 */
export class ScenarioTooLargeError extends ScenarioError {
  constructor(
    readonly budget: number,
    readonly stoppedAt: number,
    problem: ValidationProblem,
  ) {
    super([problem], 'the scenario is too large to simulate');
    this.name = 'ScenarioTooLargeError';
  }
}

/** Checks a run's `maxEvents` option: a whole number from 1 to MAX_EVENTS_PER_RUN. */
export function eventBudget(maxEvents: number | undefined): number {
  if (maxEvents === undefined) return MAX_EVENTS_PER_RUN;
  if (!Number.isInteger(maxEvents) || maxEvents < 1 || maxEvents > MAX_EVENTS_PER_RUN) {
    throw new RangeError(`maxEvents must be a whole number from 1 to ${MAX_EVENTS_PER_RUN.toLocaleString('en-US')}, got ${maxEvents}`);
  }
  return maxEvents;
}

/** The settings that make a run of this source lighter, in the words of the scenario's fields. */
function lighterSettings(scenario: Scenario): string {
  switch (scenario.source.type) {
    case 'kinesis':
      return 'durationSeconds, source.ShardCount, eventSourceMapping.ParallelizationFactor or producer.rate, or raise eventSourceMapping.BatchSize or MaximumBatchingWindowInSeconds so that fewer, larger batches are sent';
    case 'kafka':
      return 'durationSeconds, source.partitions or producer.rate, or raise eventSourceMapping.BatchSize or MaximumBatchingWindowInSeconds so that fewer, larger batches are sent';
    case 'requests':
      return 'durationSeconds or producer.rate (each request is one or two events)';
  }
}

/** The error a run throws when it has processed `budget` events and more remain before its end. */
export function tooLarge(scenario: Scenario, budget: number, stoppedAt: number): ScenarioTooLargeError {
  const value = JSON.stringify(scenario.durationSeconds);
  const reached = Math.floor(stoppedAt * 10) / 10;
  const allowed =
    `is more than one run can simulate: the scenario is too large to simulate. It needed more than ${budget.toLocaleString('en-US')} engine events ` +
    `(the engine's limit, MAX_EVENTS_PER_RUN, is ${MAX_EVENTS_PER_RUN.toLocaleString('en-US')}) and was stopped at ${reached.toLocaleString('en-US')} s of simulated time. ` +
    `Reduce ${lighterSettings(scenario)}.`;
  return new ScenarioTooLargeError(budget, stoppedAt, { path: 'durationSeconds', value, allowed, message: `durationSeconds: ${value} ${allowed}` });
}
