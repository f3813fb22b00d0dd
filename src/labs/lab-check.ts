/**
 * How a lab judges a run: the step's (or the lab's) conditions, after checking that the run
 * kept the lab's workload. The page judges the runs its experiments make; the scoreboard and
 * `npm run sim -- check` first run the submitted scenario with the engine, then judge it the
 * same way.
 */
import type { ScenarioInput, SimulationResult } from '../../engine/index.ts';
import { evaluate, type Condition, type TaskCheck, type TaskRun } from '../chapters/task-conditions.ts';
import { readMeasure } from '../chapters/measures.ts';
import { KNOBS, type KnobId } from '../workbench/knobs.ts';
import { experimentView } from '../workbench/metric-charts.ts';
import { labKnobs, withKnobs, type Lab } from './lab-definition.ts';
import { keepsWorkload } from './workload-guard.ts';

export interface LabVerdict extends TaskCheck {
  /** Set when the run changed something the lab keeps fixed; the run is then not met. */
  outsideKnobs?: string;
}

/**
 * Judges one run by `conditions`. A run that changed more than the lab's knobs is not met,
 * whatever its outcomes, and says what it changed.
 */
export function judgeLabRun(lab: Lab, conditions: readonly Condition[], run: TaskRun): LabVerdict {
  const verdict = evaluate(run, conditions);
  const guard = keepsWorkload(lab.start, run.scenario, labKnobs(lab));
  return guard.ok ? verdict : { ...verdict, met: false, outsideKnobs: guard.message };
}

/** The measured outcomes of a finished run, as the lab's pages measure them (the lab's charts decide `lawAverage`). */
export function measuredRun(lab: Lab, scenario: ScenarioInput, result: SimulationResult): TaskRun {
  const view = experimentView(result, lab.charts);
  return { scenario, outcomes: view.outcomes, law: view.law };
}

export interface Submission {
  pass: LabVerdict;
  /** The challenge's own conditions on the run; met only when the run also passes the lab. */
  challenge: TaskCheck;
  /** The lab's ranking outcome on this run (undefined when the run does not measure it). */
  rankValue: number | undefined;
  /** How the ranking outcome is written ("$38.12"). */
  rankText: string;
}

/** Judges a finished run as a submission: the lab's pass conditions, its challenge, its rank. */
export function judgeSubmission(lab: Lab, run: TaskRun): Submission {
  const pass = judgeLabRun(lab, lab.pass, run);
  const extra = evaluate(run, lab.challenge.conditions);
  const reading = readMeasure(lab.rank.outcome, run);
  return { pass, challenge: { met: pass.met && extra.met, checks: extra.checks }, rankValue: reading?.value, rankText: reading ? reading.format(reading.value) : 'not measured' };
}

/** The lab's scenario with a result code's knob values: unknown knobs are named, not ignored. */
export function scenarioFromKnobs(lab: Lab, knobs: Readonly<Record<string, number>>): { ok: true; scenario: ScenarioInput } | { ok: false; message: string } {
  const allowed = labKnobs(lab);
  const change: Partial<Record<KnobId, number>> = {};
  for (const [id, value] of Object.entries(knobs)) {
    if (!(allowed as string[]).includes(id)) return { ok: false, message: `it sets "${id}", which is not a knob of this lab (its knobs: ${allowed.join(', ')})` };
    change[id as KnobId] = value;
  }
  return { ok: true, scenario: withKnobs(lab.start, change) };
}

/** The values of the lab's knobs in a scenario: what a result code carries. */
export function knobValues(lab: Lab, scenario: ScenarioInput): Record<string, number> {
  return Object.fromEntries(labKnobs(lab).map((id) => [id, KNOBS[id].get(scenario)]));
}
