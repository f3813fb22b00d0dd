/**
 * The engine's verdict on a scenario typed as JSON, with each problem placed in the text, so
 * the editor can mark the line: JSON syntax first (where the text stops being JSON), then
 * the scenario schema and its cross-field rules, by the path each problem names.
 */
import { parseJsonText, parseScenario, type Scenario } from '../../engine/index.ts';
import { locateJson } from '../filtering/json-locations.ts';
import { lineAndColumn, spanFor } from '../filtering/pattern-check.ts';
import { formatNumber } from '../components/number-format.ts';

export interface ScenarioProblem {
  from: number;
  to: number;
  line: number;
  message: string;
}

export type ScenarioCheck = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

/** The most text the editor accepts: far more than any scenario needs. */
export const MAX_SCENARIO_TEXT = 100_000;

export function checkScenarioText(text: string): ScenarioCheck {
  if (text.length > MAX_SCENARIO_TEXT) {
    return { ok: false, problems: [{ from: 0, to: 1, line: 1, message: `The scenario is ${formatNumber(text.length, 0)} characters long; at most ${formatNumber(MAX_SCENARIO_TEXT, 0)} are accepted.` }] };
  }
  const syntax = parseJsonText(text);
  if (!syntax.ok) {
    const from = Math.min(syntax.offset, Math.max(0, text.length - 1));
    const { line, column } = lineAndColumn(text, from);
    return { ok: false, problems: [{ from, to: Math.min(text.length, from + 1), line, message: `Not valid JSON: ${syntax.message} (line ${line}, column ${column}).` }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ from: 0, to: 1, line: 1, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const checked = parseScenario(value);
  if (checked.ok) return { ok: true, scenario: checked.value };
  const locations = locateJson(text);
  return {
    ok: false,
    problems: checked.problems.map((p) => {
      // The schema names list elements `rate.0`; the locator spells them `rate[0]`.
      const path = p.path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
      const span = spanFor(text, locations, path, undefined);
      return { ...span, line: lineAndColumn(text, span.from).line, message: p.message };
    }),
  };
}
