/**
 * A lab as data: the broken scenario it starts from, its numbered steps (the knobs each step
 * opens, the check the engine decides, hints, the solution), the check that passes the whole
 * lab and the closing challenge. The prose around the steps is in the lab's MDX page; what a
 * run is judged by lives here, so the page, the scoreboard and `npm run sim -- check` judge
 * with exactly the same rules.
 *
 * Definitions are written by hand (labs/*.json), so they are validated like any other input
 * (lab-parse.ts): each problem names the lab, the field, the value and what is allowed. This
 * module holds what the lab islands use, without the schema library.
 */
import type { Scenario, ScenarioInput } from '../../engine/index.ts';
import type { Condition } from '../chapters/task-conditions.ts';
import type { MeasureName } from '../chapters/measures.ts';
import { KNOBS, type KnobId } from '../workbench/knobs.ts';

/** How demanding a lab is, as its page says. */
export const LEVELS = ['introductory', 'intermediate', 'advanced'] as const;

export interface LabStep {
  id: string;
  /** 1-based, as the page writes it. */
  number: number;
  title: string;
  knobs: KnobId[];
  check: Condition[];
  hints: string[];
  solution: { change: Partial<Record<KnobId, number>>; why: string };
  afterDiagnosis?: string;
}

export interface Lab {
  id: string;
  number: number;
  title: string;
  level: (typeof LEVELS)[number];
  minutes: number;
  chapters: string[];
  goal: string;
  preset: string;
  charts: string[];
  steps: LabStep[];
  pass: Condition[];
  challenge: { goal: string; conditions: Condition[] };
  rank: { outcome: MeasureName; order: 'lowest' | 'highest' };
  /** The broken scenario every step builds on. */
  start: Scenario;
}

/** Every knob any step of the lab opens, in the order the steps open them. */
export function labKnobs(lab: Lab): KnobId[] {
  return [...new Set(lab.steps.flatMap((s) => s.knobs))];
}

/** The scenario with the given knob values set. */
export function withKnobs(scenario: ScenarioInput, change: Partial<Record<KnobId, number>>): ScenarioInput {
  let next = scenario;
  for (const [id, value] of Object.entries(change) as [KnobId, number][]) next = KNOBS[id].set(next, value);
  return next;
}

/** Where step `index` (0-based) starts: the broken scenario with every earlier step's solution applied. */
export function stepStart(lab: Lab, index: number): ScenarioInput {
  return lab.steps.slice(0, index).reduce<ScenarioInput>((s, step) => withKnobs(s, step.solution.change), lab.start);
}

/** The broken scenario with every step's solution applied: what the lab's documented answer is. */
export function solutionScenario(lab: Lab): ScenarioInput {
  return stepStart(lab, lab.steps.length);
}
