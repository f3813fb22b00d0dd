/**
 * Build-time only: what an experiment starts with. Astro runs the engine on the chapter's
 * preset while building the page, so the page shows a real run before any JavaScript loads;
 * the island takes over from the same data.
 */
import { parseScenario, simulate, type Scenario } from '../../engine/index.ts';
import { isKnobId, type KnobId } from './knobs.ts';
import { presetInput } from './presets.ts';
import { scenarioText } from './scenario-text.ts';
import { experimentView, isChartName, type ExperimentView } from './metric-charts.ts';

export interface ExperimentStart {
  id: string;
  scenario: Scenario;
  knobs: KnobId[];
  charts: string[];
  view: ExperimentView;
  /** The scenario editor's starting text (written here so the page need not load the schema to show it). */
  editorText: string;
  /** Show the mapping's pipeline (poll, filter, batch, invoke) at the playback moment. */
  pipeline: boolean;
  /** How many engine events the run of the starting scenario took: tells a heavy experiment before the page has timed a run. */
  engineEvents: number;
  /** The heading: what the experiment shows, in the reader's words (not the preset's file name). */
  title: string;
  /** The Reset button's words, for a lab step ("Reset this step"). */
  resetLabel?: string;
}

/**
 * The starting state of an experiment on preset `preset` (a file name in scenarios/,
 * without .json; the experiment's id unless `id` is given). A wrong preset, knob or chart
 * name, or a missing title, stops the build with a message that names it: an author's typo
 * must not reach readers.
 */
export function experimentStart(preset: string, options: Omit<ExperimentOptions, 'origin' | 'id'> & { id?: string }): ExperimentStart {
  return experimentFromScenario(presetInput(preset), { ...options, id: options.id ?? preset, origin: `preset "${preset}"` });
}

export interface ExperimentOptions {
  knobs: readonly string[];
  charts: readonly string[];
  id: string;
  pipeline?: boolean;
  title: string;
  resetLabel?: string;
  /** Names the scenario in an error ("preset "x"", "lab "y" step 2"). */
  origin: string;
}

/** The starting state of an experiment on a scenario given as data (a lab step's start). */
export function experimentFromScenario(input: unknown, options: ExperimentOptions): ExperimentStart {
  const { knobs, charts, id, pipeline = false, title, resetLabel, origin } = options;
  const checked = parseScenario(input);
  if (!checked.ok) throw new Error(`Experiment: ${origin} is not valid: ${checked.problems[0]?.message}`);
  // MDX does not type-check a component's props: a missing title arrives as undefined.
  if (typeof title !== 'string' || title.trim() === '') throw new Error(`Experiment "${id}": give it a title, the heading readers see`);
  for (const knob of knobs) if (!isKnobId(knob)) throw new Error(`Experiment "${id}": unknown knob "${knob}"`);
  for (const chart of charts) if (!isChartName(chart)) throw new Error(`Experiment "${id}": unknown chart "${chart}"`);
  if (pipeline && checked.value.source.type === 'requests') throw new Error(`Experiment "${id}": requests pass through no event source mapping, so there is no pipeline to show`);
  const result = simulate(checked.value);
  const view = experimentView(result, charts, { pipeline });
  return { id, scenario: checked.value, knobs: knobs as KnobId[], charts: [...charts], view, engineEvents: result.summary.engineEvents, editorText: scenarioText(checked.value), pipeline, title, ...(resetLabel ? { resetLabel } : {}) };
}
