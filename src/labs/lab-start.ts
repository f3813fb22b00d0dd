/**
 * Build time only: what a lab page's islands start with. A step's experiment starts from the
 * step's exact starting scenario (the broken one with the earlier steps' solutions applied),
 * so "Reset this step" returns there; the closing challenge starts from the broken scenario
 * with every knob of the lab. A wrong lab or step id stops the build, naming it.
 */
import type { Condition } from '../chapters/task-conditions.ts';
import { KNOBS } from '../workbench/knobs.ts';
import { experimentFromScenario, type ExperimentStart } from '../workbench/start.ts';
import { findLab, LABS } from './catalog.ts';
import { labKnobs, stepStart, type Lab, type LabStep } from './lab-definition.ts';

/** What a step's "How do you know it worked?" island needs. */
export interface LabCheckStart {
  lab: string;
  /** The page's slug, which files the reader's progress. */
  chapter: string;
  step: string;
  number: number;
  /** The id of the step's experiment, whose runs are judged. */
  experiment: string;
  conditions: Condition[];
  hints: string[];
  /** The solution as lines ("ShardCount: 3 shards") and the reason. */
  solution: { lines: string[]; why: string };
  afterDiagnosis?: string;
}

/** What the closing challenge's island needs. */
export interface LabChallengeStart {
  lab: string;
  chapter: string;
  experiment: string;
  goal: string;
  pass: Condition[];
  challenge: Condition[];
}

function labById(id: string): Lab {
  const lab = findLab(id);
  if (!lab) throw new Error(`Lab "${id}": no such lab; labs: ${LABS.map((l) => l.id).join(', ')}`);
  return lab;
}

/** The experiment's id for a step: unique on the page and stable, since saved edits are keyed by it. */
function stepExperimentId(lab: Lab, step: LabStep): string {
  return `${lab.id}-step-${step.number}`;
}

/** A step's experiment and check, for `<LabStep lab step>`. */
export function labStepStart(labId: string, stepId: string, chapter: string): { experiment: ExperimentStart; check: LabCheckStart } {
  const lab = labById(labId);
  const index = lab.steps.findIndex((s) => s.id === stepId);
  const step = lab.steps[index];
  if (!step) throw new Error(`Lab "${labId}": no step "${stepId}"; its steps: ${lab.steps.map((s) => s.id).join(', ')}`);
  const earlier = lab.steps.slice(0, index);
  const scenario = {
    ...stepStart(lab, index),
    description:
      earlier.length === 0
        ? lab.start.description
        : `Where step ${step.number} starts: the broken scenario with the solution of ${earlier.length === 1 ? 'step 1' : `steps 1–${earlier.length}`} applied (${earlier.flatMap((s) => solutionLines(s)).join(', ')}).`,
  };
  const id = stepExperimentId(lab, step);
  const experiment = experimentFromScenario(scenario, {
    knobs: step.knobs,
    charts: lab.charts,
    id,
    title: `Step ${step.number}: the pipeline`,
    resetLabel: 'Reset this step',
    origin: `lab "${lab.id}" step ${step.number}`,
  });
  return {
    experiment,
    check: {
      lab: lab.id,
      chapter,
      step: step.id,
      number: step.number,
      experiment: id,
      conditions: step.check,
      hints: step.hints,
      solution: { lines: solutionLines(step), why: step.solution.why },
      ...(step.afterDiagnosis ? { afterDiagnosis: step.afterDiagnosis } : {}),
    },
  };
}

/** The closing challenge: the broken scenario, every knob of the lab, the pass and challenge conditions. */
export function labChallengeStart(labId: string, chapter: string): { experiment: ExperimentStart; challenge: LabChallengeStart } {
  const lab = labById(labId);
  const id = `${lab.id}-challenge`;
  const experiment = experimentFromScenario(lab.start, {
    knobs: labKnobs(lab),
    charts: lab.charts,
    id,
    title: 'Closing challenge: the broken pipeline, every knob',
    resetLabel: 'Start the challenge again',
    origin: `lab "${lab.id}" challenge`,
  });
  return { experiment, challenge: { lab: lab.id, chapter, experiment: id, goal: lab.challenge.goal, pass: lab.pass, challenge: lab.challenge.conditions } };
}

/** "ShardCount: 3 shards" for each knob a step's solution sets. */
function solutionLines(step: LabStep): string[] {
  return Object.entries(step.solution.change).map(([id, value]) => {
    const knob = KNOBS[id as keyof typeof KNOBS];
    return `${knob.label}: ${knob.display(value as number)}`;
  });
}
