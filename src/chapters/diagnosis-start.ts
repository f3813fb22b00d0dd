/**
 * Build time only: a mystery's diagnosis checked by the engine. The reader is shown a run
 * whose symptom is there (the preset does not meet `resolved`) and names its cause among
 * options, each with the fix it implies (knob changes). While the page builds, the engine
 * runs every option's fix: the right option's must resolve the symptom, and every wrong
 * option's must not, so a wrong answer key, or a mystery that more than one fix solves,
 * stops the build with the figures that show why.
 */
import { z } from 'zod';
import type { SimulationResult } from '../../engine/index.ts';
import { isKnobId, KNOBS } from '../workbench/knobs.ts';
import { lawCheck, outcomesOf } from '../workbench/metric-charts.ts';
import { presetRun } from './figures.ts';
import { describeValue, problemsOf } from './problems.ts';
import { evaluate, type Condition, type TaskCheck } from './task-conditions.ts';
import { parseConditions } from './task-conditions-parse.ts';
import { checkWidgetId } from './widget-id.ts';

export interface DiagnosisOption {
  /** The cause, as the reader would name it: "The function is too slow". */
  label: string;
  /** The fix this cause implies, in words: "Give it more memory (MemorySize 1,769 MB)". */
  fix: string;
  /** The fix as knob changes (ids from src/workbench/knobs.ts). */
  change: Record<string, number>;
}

export interface DiagnosisProps {
  id: string;
  /** A file in scenarios/, without .json: the mystery's run. */
  preset: string;
  question: string;
  /** What "the symptom is gone" means, as task conditions on outcomes: [{ outcome: 'worstLag', atMost: 30000 }]. */
  resolved: unknown;
  options: unknown;
  /** The index of the right option. */
  answer: number;
}

/** What the island gets: the options, the answer, and what the engine made of each fix. */
export interface DiagnosisStart {
  id: string;
  chapter: string;
  question: string;
  options: { label: string; fix: string; outcome: string; resolves: boolean }[];
  correct: number;
  /** The mystery's own run against the same conditions: "Highest IteratorAge: 400,592 ms, needs at most 30,000 ms". */
  symptom: string;
}

const changeSchema = z.record(z.string(), z.number({ error: 'must be a number' }).refine(Number.isFinite, { error: 'must be a finite number' }));
const optionSchema = z.strictObject({
  label: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }),
  fix: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }),
  change: changeSchema,
});
const OPTION_FIELDS = ['label', 'fix', 'change'];
const optionsSchema = z.array(optionSchema, { error: 'must be a list of options' }).min(2, { error: 'must offer at least two options' }).max(8, { error: 'must offer at most eight options' });

export type ParsedDiagnosisOptions = { ok: true; options: DiagnosisOption[] } | { ok: false; problems: string[] };

/** Validates an author's options: text, a fix and at least one known knob each. Never throws. */
export function parseDiagnosisOptions(input: unknown): ParsedDiagnosisOptions {
  const parsed = optionsSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error.issues, 'options', OPTION_FIELDS) };
  const problems: string[] = [];
  parsed.data.forEach((option, i) => {
    const knobs = Object.keys(option.change);
    if (knobs.length === 0) problems.push(`options[${i}].change: {} must set at least one knob, e.g. { MemorySize: 1769 }`);
    for (const knob of knobs) {
      if (!isKnobId(knob)) problems.push(`options[${i}].change.${knob}: is not a knob; allowed: ${Object.keys(KNOBS).join(', ')}`);
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, options: parsed.data };
}

/** Judges a finished run by the diagnosis's conditions, as a task judges the reader's runs. */
export function judgeRun(result: SimulationResult, conditions: readonly Condition[]): TaskCheck {
  return evaluate({ scenario: result.scenario, outcomes: outcomesOf(result), law: lawCheck(result) }, conditions);
}

/**
 * The decision, given each run's verdict: the mystery must show its symptom, the right fix
 * must resolve it and no wrong fix may. Returns the problems (empty when the key holds).
 */
export function answerKeyProblems(symptom: TaskCheck, fixes: readonly TaskCheck[], answer: number, labels: readonly string[]): string[] {
  const text = (check: TaskCheck) => check.checks.map((c) => c.text).join('; ');
  const problems: string[] = [];
  if (symptom.met) problems.push(`the preset already meets "resolved" without any fix (${text(symptom)}), so there is no mystery`);
  fixes.forEach((fix, i) => {
    if (i === answer && !fix.met) problems.push(`answer: the fix of options[${i}] ("${labels[i]}") does not resolve the symptom (${text(fix)})`);
    if (i !== answer && fix.met) problems.push(`options[${i}] ("${labels[i]}") is a wrong answer whose fix also resolves the symptom (${text(fix)}); choose a fix that only the right cause explains`);
  });
  return problems;
}

/** Runs the mystery and every option's fix; throws, naming the diagnosis and the field, when the key does not hold. */
export function diagnosisStart(props: DiagnosisProps, chapter: string): DiagnosisStart {
  const fail = (message: string): never => {
    throw new Error(`Diagnosis "${props.id}" in chapter "${chapter}": ${message}`);
  };
  checkWidgetId(props.id, fail);
  if (typeof props.question !== 'string' || props.question.trim() === '') fail(`question: ${describeValue(props.question)} must be text`);
  const resolved = parseConditions(props.resolved, 'resolved');
  if (!resolved.ok) return fail(resolved.problems.join('; '));
  const knobConditions = resolved.conditions.filter((c) => c.on === 'knob');
  if (knobConditions.length > 0) fail(`resolved: name outcomes only (found the knob "${knobConditions[0]!.name}"): the fixes set the knobs`);
  const parsed = parseDiagnosisOptions(props.options);
  if (!parsed.ok) return fail(parsed.problems.join('; '));
  const options = parsed.options;
  if (typeof props.answer !== 'number' || !Number.isInteger(props.answer) || props.answer < 0 || props.answer >= options.length) {
    fail(`answer: ${describeValue(props.answer)} must be the index of an option, from 0 to ${options.length - 1}`);
  }

  let base: SimulationResult;
  let fixed: SimulationResult[];
  try {
    base = presetRun(props.preset);
    fixed = options.map((o) => presetRun(props.preset, o.change));
  } catch (error) {
    return fail((error as Error).message);
  }
  const symptom = judgeRun(base, resolved.conditions);
  const fixes = fixed.map((run) => judgeRun(run, resolved.conditions));
  const problems = answerKeyProblems(symptom, fixes, props.answer, options.map((o) => o.label));
  if (problems.length > 0) fail(problems.join('; '));
  return {
    id: props.id,
    chapter,
    question: props.question.trim(),
    options: options.map((o, i) => ({ label: o.label, fix: o.fix, outcome: fixes[i]!.checks.map((c) => c.text).join('; '), resolves: fixes[i]!.met })),
    correct: props.answer,
    symptom: symptom.checks.map((c) => c.text).join('; '),
  };
}
