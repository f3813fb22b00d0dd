/**
 * What a task asks of a run, as data an author writes in MDX:
 *   [{ "knob": "requestsPerSecond", "equals": 100 }, { "outcome": "lawAverage", "atLeast": 60 }]
 * Every condition must hold. Conditions are validated while the page builds (a typo must stop
 * the build, not leave a task no reader can finish: task-conditions-parse.ts) and judged here
 * on each run the reader makes, with one line per condition saying where the run stands.
 */
import type { ScenarioInput } from '../../engine/index.ts';
import { KNOBS, type KnobId } from '../workbench/knobs.ts';
import { formatMeasure, measureLabel, readMeasure, type MeasureName, type Measured } from './measures.ts';

export const OUTCOME_COMPARATORS = ['below', 'atMost', 'above', 'atLeast'] as const;
export const KNOB_COMPARATORS = ['equals', 'atMost', 'atLeast'] as const;
export type OutcomeComparator = (typeof OUTCOME_COMPARATORS)[number];
export type KnobComparator = (typeof KNOB_COMPARATORS)[number];
export type Comparator = OutcomeComparator | KnobComparator;

/** A validated condition, in one shape whatever the author's spelling. */
export type Condition =
  | { on: 'outcome'; name: MeasureName; comparator: OutcomeComparator; bound: number }
  | { on: 'knob'; name: KnobId; comparator: KnobComparator; bound: number };

/** What a task is judged on: an experiment's run (its settings and what came of them). */
export interface TaskRun extends Measured {
  scenario: ScenarioInput;
}

export interface ConditionCheck {
  met: boolean;
  /** For the reader: "Throttles: 37,072, needs 0". */
  text: string;
}

export interface TaskCheck {
  met: boolean;
  checks: ConditionCheck[];
}

function holds(value: number, comparator: Comparator, limit: number): boolean {
  switch (comparator) {
    case 'below':
      return value < limit;
    case 'atMost':
      return value <= limit;
    case 'above':
      return value > limit;
    case 'atLeast':
      return value >= limit;
    case 'equals':
      // Knob values come from slider steps; the tolerance only absorbs floating-point noise.
      return Math.abs(value - limit) <= 1e-9 * Math.max(1, Math.abs(limit));
  }
}

/** "at least 60", "less than 1 minute"…; "at most 0" reads as plain "0". */
function needs(comparator: Comparator, limit: number, format: (value: number) => string): string {
  const written = format(limit);
  switch (comparator) {
    case 'below':
      return `less than ${written}`;
    case 'atMost':
      return limit === 0 ? written : `at most ${written}`;
    case 'above':
      return `more than ${written}`;
    case 'atLeast':
      return `at least ${written}`;
    case 'equals':
      return written;
  }
}

/** The condition before any run: "Throttles: needs 0". */
export function describeCondition(condition: Condition): string {
  if (condition.on === 'knob') {
    const knob = KNOBS[condition.name];
    return `${knob.label}: needs ${needs(condition.comparator, condition.bound, knob.display)}`;
  }
  const name = condition.name;
  return `${measureLabel(name)}: needs ${needs(condition.comparator, condition.bound, (v) => formatMeasure(name, v))}`;
}

/** One condition judged on one run. */
export function checkCondition(run: TaskRun, condition: Condition): ConditionCheck {
  if (condition.on === 'knob') {
    const knob = KNOBS[condition.name];
    const value = knob.get(run.scenario);
    const text = `${knob.label}: ${knob.display(value)}, needs ${needs(condition.comparator, condition.bound, knob.display)}`;
    return { met: holds(value, condition.comparator, condition.bound), text };
  }
  const reading = readMeasure(condition.name, run);
  if (!reading) return { met: false, text: `${measureLabel(condition.name)}: not measured by this experiment` };
  const text = `${reading.label}: ${reading.format(reading.value)}, needs ${needs(condition.comparator, condition.bound, reading.format)}`;
  return { met: holds(reading.value, condition.comparator, condition.bound), text };
}

/** Judges a run by every condition of a task; the task is met when all of them hold. */
export function evaluate(run: TaskRun, conditions: readonly Condition[]): TaskCheck {
  const checks = conditions.map((c) => checkCondition(run, c));
  return { met: checks.length > 0 && checks.every((c) => c.met), checks };
}
