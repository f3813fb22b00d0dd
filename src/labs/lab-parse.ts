/**
 * Validates a lab definition written by hand (labs/*.json) into a Lab (lab-definition.ts):
 * each problem names the lab, the field, the value and what is allowed. Used by the catalog
 * (build time and the scoreboard), apart from the lab islands, which need no schema.
 */
import { z } from 'zod';
import { parseScenario, type Scenario } from '../../engine/index.ts';
import type { Condition } from '../chapters/task-conditions.ts';
import { parseConditions } from '../chapters/task-conditions-parse.ts';
import { MEASURE_NAMES } from '../chapters/measures.ts';
import { describeValue, problemsOf } from '../chapters/problems.ts';
import { KNOBS, isKnobId, type KnobId } from '../workbench/knobs.ts';
import { isChartName } from '../workbench/metric-charts.ts';
import { LEVELS, type Lab, type LabStep } from './lab-definition.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = z.string().regex(SLUG, 'must be a lowercase slug such as "survive-the-spike"');
const text = z.string().trim().min(1, 'must be text');
const knobValues = z.record(z.string(), z.number({ error: 'must be a number' }));

const stepSchema = z.strictObject({
  id: slug,
  title: text,
  /** The knobs on this step's sliders. */
  knobs: z.array(z.string()).min(1),
  /** "How do you know it worked?": the conditions a run of this step must meet. */
  check: z.unknown(),
  /** Opened one at a time, in this order. */
  hints: z.array(text).min(1),
  /** Shown only on request: the knob values that solve the step, and why. */
  solution: z.strictObject({ change: knobValues, why: text }),
  /** A `<Diagnosis>` on the lab's page whose cause the reader must name before this step counts. */
  afterDiagnosis: slug.optional(),
});

const labSchema = z.strictObject({
  id: slug,
  /** The lab's number in the Labs section, which also orders the sidebar. */
  number: z.number().int().min(1).max(99),
  title: text,
  level: z.enum(LEVELS),
  minutes: z.number().int().min(5).max(240),
  /** Slugs of the chapters to read first. */
  chapters: z.array(slug),
  goal: text,
  /** The deliberately broken starting scenario: a file in scenarios/, without .json. */
  preset: slug,
  charts: z.array(z.string()).min(1),
  steps: z.array(stepSchema).min(1).max(8),
  /** What a scenario must meet to pass the lab: the result code and the CLI check use it. */
  pass: z.unknown(),
  challenge: z.strictObject({
    goal: text,
    /** Met on top of `pass`; no solution is given. */
    conditions: z.unknown(),
  }),
  /** How the scoreboard orders passing results. */
  rank: z.strictObject({ outcome: z.enum(MEASURE_NAMES), order: z.enum(['lowest', 'highest']) }),
});

export type ParsedLab = { ok: true; lab: Lab } | { ok: false; problems: string[] };

/** Knob values checked against the knobs and their slider ranges. */
function checkChange(change: Record<string, number>, at: string, problems: string[]): Partial<Record<KnobId, number>> {
  const out: Partial<Record<KnobId, number>> = {};
  for (const [id, value] of Object.entries(change)) {
    if (!isKnobId(id)) {
      problems.push(`${at}.${id}: is not a knob; allowed: ${Object.keys(KNOBS).join(', ')}`);
      continue;
    }
    out[id] = value;
  }
  return out;
}

/**
 * Validates a lab definition. `presets` maps a preset's name to its JSON. Never throws: every
 * problem is a line naming the lab and the field.
 */
export function parseLab(input: unknown, presets: Readonly<Record<string, unknown>>): ParsedLab {
  const name = typeof input === 'object' && input !== null && 'id' in input ? String((input as { id: unknown }).id) : '?';
  const root = `lab "${name}"`;
  const parsed = labSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error.issues, root, Object.keys(labSchema.shape)) };
  const raw = parsed.data;
  const problems: string[] = [];

  const preset = presets[raw.preset];
  let start: Scenario | undefined;
  if (preset === undefined) problems.push(`${root}.preset: ${describeValue(raw.preset)} is not a file in scenarios/`);
  else {
    const checked = parseScenario(preset);
    if (checked.ok) start = checked.value;
    else problems.push(`${root}.preset: "${raw.preset}" is not a valid scenario (${checked.problems[0]?.message})`);
  }
  for (const [i, chart] of raw.charts.entries()) if (!isChartName(chart)) problems.push(`${root}.charts[${i}]: ${describeValue(chart)} is not a chart name`);

  const conditions = (value: unknown, at: string): Condition[] => {
    const result = parseConditions(value, at);
    if (result.ok) return result.conditions;
    problems.push(...result.problems);
    return [];
  };

  const ids = new Set<string>();
  const steps: LabStep[] = raw.steps.map((step, i) => {
    const at = `${root}.steps[${i}]`;
    if (ids.has(step.id)) problems.push(`${at}.id: "${step.id}" is used by two steps; step ids key the reader's progress`);
    ids.add(step.id);
    const knobs = step.knobs.filter((knob, k) => {
      if (isKnobId(knob)) return true;
      problems.push(`${at}.knobs[${k}]: "${knob}" is not a knob; allowed: ${Object.keys(KNOBS).join(', ')}`);
      return false;
    }) as KnobId[];
    const change = checkChange(step.solution.change, `${at}.solution.change`, problems);
    for (const id of Object.keys(change) as KnobId[]) {
      if (!knobs.includes(id)) problems.push(`${at}.solution.change.${id}: the solution sets a knob the step does not open; its knobs: ${knobs.join(', ')}`);
    }
    return { id: step.id, number: i + 1, title: step.title, knobs, check: conditions(step.check, `${at}.check`), hints: step.hints, solution: { change, why: step.solution.why }, ...(step.afterDiagnosis ? { afterDiagnosis: step.afterDiagnosis } : {}) };
  });

  const lab: Lab = {
    id: raw.id,
    number: raw.number,
    title: raw.title,
    level: raw.level,
    minutes: raw.minutes,
    chapters: raw.chapters,
    goal: raw.goal,
    preset: raw.preset,
    charts: raw.charts,
    steps,
    pass: conditions(raw.pass, `${root}.pass`),
    challenge: { goal: raw.challenge.goal, conditions: conditions(raw.challenge.conditions, `${root}.challenge.conditions`) },
    rank: raw.rank,
    start: start as Scenario,
  };
  return problems.length > 0 || start === undefined ? { ok: false, problems } : { ok: true, lab };
}
