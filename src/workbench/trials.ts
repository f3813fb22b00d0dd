/**
 * The trials table: every finished run of an experiment becomes a row, naming the knobs
 * that differ from the chapter's experiment and the outcomes a practitioner compares.
 */
import type { ScenarioInput } from '../../engine/index.ts';
import { summaryCsv } from './export/results-csv.ts';
import { KNOBS, knobSetting, type KnobId } from './knobs.ts';
import type { Outcomes } from './metric-charts.ts';

export interface TrialRow {
  /** 1, 2, 3… in the order the runs finished. */
  number: number;
  /** The knobs that differ from the chapter's experiment, e.g. "ShardCount 10 shards"; empty for the experiment itself. */
  changes: string[];
  outcomes: Outcomes;
}

/** The most rows kept: older ones give way, so a long session does not grow without end. */
export const MAX_TRIALS = 50;

/** The row for a finished run of `scenario`, compared with the chapter's `start`. */
export function trialRow(number: number, start: ScenarioInput, scenario: ScenarioInput, knobs: readonly KnobId[], outcomes: Outcomes): TrialRow {
  const changes: string[] = [];
  for (const id of knobs) {
    const knob = KNOBS[id];
    const value = knob.get(scenario);
    if (value !== knob.get(start)) changes.push(knobSetting(id, value));
  }
  return { number, changes, outcomes };
}

/** Adds a row, dropping the oldest beyond MAX_TRIALS. */
export function withTrial(rows: readonly TrialRow[], row: TrialRow): TrialRow[] {
  const next = [...rows, row];
  return next.length > MAX_TRIALS ? next.slice(next.length - MAX_TRIALS) : next;
}

/** The table as CSV, one row per trial, numbers unformatted. */
export function trialsCsv(rows: readonly TrialRow[]): string {
  return summaryCsv(
    rows.map((r) => ({
      trial: r.number,
      changes: r.changes.length > 0 ? r.changes.join('; ') : 'the starting scenario',
      processed_records: r.outcomes.processedRecords,
      waiting_at_end: r.outcomes.backlogRecords,
      [`max_${r.outcomes.worstLag.metric}_${r.outcomes.worstLag.unit}`]: r.outcomes.worstLag.value,
      invocations: r.outcomes.invocations,
      throttles: r.outcomes.throttles,
      errors: r.outcomes.errors,
      cost_per_month_usd: Math.round(r.outcomes.monthlyCost * 100) / 100,
    })),
  );
}
