import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { checkFrameSpacing } from './frames.ts';
import { KafkaRun } from './kafka-run.ts';
import { KinesisRun } from './kinesis-run.ts';
import { RequestsRun } from './requests-run.ts';
import type { SimulationResult } from './result.ts';
import { eventBudget, ScenarioError } from './event-budget.ts';

export { ScenarioError, ScenarioTooLargeError, MAX_EVENTS_PER_RUN } from './event-budget.ts';

/** A run that can be advanced in steps, to animate it or show progress. */
export interface Run {
  /** Simulated seconds reached. */
  readonly now: number;
  /** True once the scenario's whole duration has been simulated. */
  readonly done: boolean;
  /**
   * Simulates up to `seconds` of simulated time (capped at the scenario's duration). Throws
   * ScenarioTooLargeError when the run reaches its event budget first; the run then stays
   * where it stopped, and every later call throws the same error.
   */
  advanceTo(seconds: number): void;
  /** The result so far. After the run is done, the same result `simulate` returns. */
  snapshot(): SimulationResult;
}

/** Options of a run. */
export interface RunOptions {
  /** Record every invocation in the result (`invocations`); costs memory on long runs. Kinesis and Kafka only. */
  trace?: boolean;
  /**
   * Take a picture of the run (environments, lanes, Kafka's pollers) every this many simulated
   * seconds, at 0, f, 2f, … up to the end, into the result's `frames`. At least 0.1 s, and at
   * most MAX_RUN_FRAMES pictures. Without it a run takes none and pays nothing for them.
   */
  frameEverySeconds?: number;
  /**
   * The most events the run may process: at most (and by default) MAX_EVENTS_PER_RUN. A run
   * that needs more stops with ScenarioTooLargeError, the scenario being too large to simulate.
   */
  maxEvents?: number;
}

/**
 * Validates a scenario (raw JSON or already parsed) and prepares a run of it. Throws
 * ScenarioError when the scenario is invalid, and a RangeError naming the option when an
 * option is. Advancing the run throws ScenarioTooLargeError (a ScenarioError) when it
 * would need more than its event budget.
 */
export function createRun(input: unknown, options: RunOptions = {}): Run {
  const checked = parseScenario(input);
  if (!checked.ok) throw new ScenarioError(checked.problems);
  if (options.frameEverySeconds !== undefined) checkFrameSpacing(options.frameEverySeconds, checked.value.durationSeconds);
  return runOf(checked.value, { ...options, maxEvents: eventBudget(options.maxEvents) });
}

/**
 * Runs a whole scenario and returns its result. Same scenario and seed, byte-identical result.
 * Throws ScenarioError for an invalid scenario, ScenarioTooLargeError for one that needs more
 * than the event budget.
 */
export function simulate(input: unknown, options: RunOptions = {}): SimulationResult {
  const run = createRun(input, options);
  run.advanceTo(Infinity);
  return run.snapshot();
}

function runOf(scenario: Scenario, options: RunOptions & { maxEvents: number }): Run {
  switch (scenario.source.type) {
    case 'kinesis':
      return new KinesisRun(scenario, options);
    case 'kafka':
      return new KafkaRun(scenario, options);
    case 'requests':
      return new RequestsRun(scenario, options);
  }
}
