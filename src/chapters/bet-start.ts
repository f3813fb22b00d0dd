/**
 * Build time only: a bet's answer. The engine runs the chapter's preset and the preset with
 * the bet's change, the bet's measure is read on both runs, and the option that covers the
 * move is the right one. A wrong preset, knob, measure or set of options stops the build
 * with a message naming the bet and the field.
 */
import type { SimulationResult } from '../../engine/index.ts';
import { isKnobId, KNOBS } from '../workbench/knobs.ts';
import { lawCheck, outcomesOf } from '../workbench/metric-charts.ts';
import { decideBet, parseBetOptions } from './bets.ts';
import { presetRun } from './figures.ts';
import { isMeasureName, MEASURE_NAMES, readMeasure } from './measures.ts';
import { describeValue } from './problems.ts';
import { checkWidgetId } from './widget-id.ts';

export interface BetProps {
  id: string;
  question: string;
  /** A file in scenarios/, without .json. */
  preset: string;
  /** Knob id → the value the changed run uses. */
  change: Record<string, number>;
  /** A measure name (as in task conditions). */
  measure: string;
  options: unknown;
}

/** What the bet's island gets: the question, the options' labels and the answer with its figures. */
export interface BetStart {
  id: string;
  chapter: string;
  question: string;
  options: string[];
  correct: number;
  /** "Average ConcurrentExecutions went from 49.8 to 99.6: ×2". */
  explanation: string;
}

/** Runs both sides of a bet and finds its right option; throws, naming the problem, when it cannot. */
export function betStart(props: BetProps, chapter: string): BetStart {
  const fail = (message: string): never => {
    throw new Error(`Bet "${props.id}" in chapter "${chapter}": ${message}`);
  };
  checkWidgetId(props.id, fail);
  if (typeof props.question !== 'string' || props.question.trim() === '') fail(`question: ${describeValue(props.question)} must be text`);
  if (!isMeasureName(String(props.measure))) fail(`measure: ${describeValue(props.measure)} is not a measure; allowed: ${MEASURE_NAMES.join(', ')}`);
  const measure = props.measure as (typeof MEASURE_NAMES)[number];
  const change = Object.entries(props.change ?? {});
  if (change.length === 0) fail('change: give at least one knob and its value, e.g. { requestDurationMs: 1000 }');
  for (const [knob, value] of change) {
    if (!isKnobId(knob)) fail(`change.${knob}: is not a knob; allowed: ${Object.keys(KNOBS).join(', ')}`);
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(`change.${knob}: ${describeValue(value)} must be a finite number`);
  }
  const options = parseBetOptions(props.options);
  if (!options.ok) return fail(options.problems.join('; '));

  // The same runs the chapter's figures use: one way to run a preset at build time, simulated once.
  let base: SimulationResult;
  let changed: SimulationResult;
  try {
    base = presetRun(props.preset);
    changed = presetRun(props.preset, Object.fromEntries(change) as Record<string, number>);
  } catch (error) {
    return fail((error as Error).message);
  }

  const before = readMeasure(measure, { outcomes: outcomesOf(base), law: lawCheck(base) });
  const after = readMeasure(measure, { outcomes: outcomesOf(changed), law: lawCheck(changed) });
  if (!before || !after) return fail(`measure: ${measure} is not measured on preset "${props.preset}"`);
  const decision = decideBet(options.value, before, after);
  if (!decision.ok) return fail(decision.problem);
  return {
    id: props.id,
    chapter,
    question: props.question.trim(),
    options: options.value.options.map((o) => o.label),
    correct: decision.correct,
    explanation: decision.explanation,
  };
}
