/**
 * How an experiment tells the rest of the page about its runs: a DOM event on `window`
 * after each run the reader caused (a knob, an edit, a link, saved edits), never for the
 * quiet re-run the island makes for itself. Chapter widgets (tasks, bets, progress) listen
 * to it, so they need no reference to the experiment island and work with any of them.
 */
import type { ScenarioInput } from '../../engine/index.ts';
import type { LawCheck, Outcomes } from './metric-charts.ts';

export const EXPERIMENT_RUN_EVENT = 'lab:experiment-run';

export interface ExperimentRun {
  /** The experiment's id (its preset name unless the chapter gave another). */
  experiment: string;
  /** Which side of a comparison ran: A is the experiment itself. */
  side: 'A' | 'B';
  scenario: ScenarioInput;
  outcomes: Outcomes;
  law: LawCheck | undefined;
}

/** Tells the page that an experiment finished a run. */
export function announceRun(run: ExperimentRun): void {
  window.dispatchEvent(new CustomEvent<ExperimentRun>(EXPERIMENT_RUN_EVENT, { detail: run }));
}

/** Calls `listener` after each run of any experiment on the page; returns the way to stop listening. */
export function onExperimentRun(listener: (run: ExperimentRun) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<ExperimentRun>).detail);
  window.addEventListener(EXPERIMENT_RUN_EVENT, handler);
  return () => window.removeEventListener(EXPERIMENT_RUN_EVENT, handler);
}
