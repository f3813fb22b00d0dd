/**
 * The numbers a chapter's prose quotes from the engine. `engineFigure` runs a preset (once
 * per preset and change: a page quoting ten numbers of one run simulates it once), reads one
 * measure of the run and writes it the way the site writes numbers. `<Figure>` (in
 * src/components/Figure.astro) checks the number an author wrote against it while the page
 * is built, and tests/unit/chapter-figures.test.ts checks every chapter's figures in `npm test`.
 *
 * Pure: no DOM and no Astro. The presets come bundled (`presets.ts`), so it runs
 * wherever Vite does (the Astro build, Vitest).
 */
import { parseScenario, recoveryAfterRise, simulate, type Datapoint, type ScenarioInput, type SimulationResult } from '../../engine/index.ts';
import { formatClock } from '../components/chart-model.ts';
import { formatNumber } from '../components/number-format.ts';
import { formatMoney, formatShare } from '../filtering/format.ts';
import { isKnobId, KNOBS } from '../workbench/knobs.ts';
import { presetInput } from '../workbench/presets.ts';
import { experimentView, lawCheck, METRICS } from '../workbench/metric-charts.ts';

/** Knob changes to the preset before it runs: knob id (src/workbench/knobs.ts) → value. */
export type FigureChange = Readonly<Record<string, number>>;

/**
 * How a figure is written. The time formats read the value's unit from its name: a name
 * ending in `Ms` is in milliseconds; `seconds`, a name ending in `Seconds` or `At`, `at` and
 * `t` are in seconds. A time format on a value whose unit the name does not tell is refused.
 */
export const FIGURE_FORMATS = {
  /** Whole number, grouped thousands: 3,199. */
  integer: (v: number) => formatNumber(v, 0),
  /** At most one decimal, grouped thousands: 4.5, 1,234.5, 3. */
  decimal1: (v: number) => formatNumber(v, 1),
  /** Dollars and cents: $1,234.56 (under $0.01 says so). */
  usd: formatMoney,
  /** A share (0–1) as a percentage: 92.7% (two decimals under 1%). */
  percent: formatShare,
  /** A whole number from zero to twelve as a word (four), larger ones grouped (1,000). */
  words: (v: number) => {
    if (!Number.isInteger(v)) throw new Error(`${formatNumber(v, 3)} is not a whole number`);
    return WORDS[v] ?? formatNumber(v, 0);
  },
  /** A duration in seconds: one decimal under 10 s (1.7 s), whole above (25 s). */
  seconds: (seconds: number) => `${formatNumber(seconds, Math.abs(seconds) < 9.95 ? 1 : 0)} s`,
  /** A duration in minutes: one decimal under 10 min (2.5 min), whole above (14 min). */
  minutes: (seconds: number) => {
    const minutes = seconds / 60;
    return `${formatNumber(minutes, Math.abs(minutes) < 9.95 ? 1 : 0)} min`;
  },
  /** Simulated time as m:ss (or h:mm:ss): 5:00. */
  clock: formatClock,
  /** A ratio, for a figure with a `base`: one decimal under 10 (×7.9), whole above (×32). */
  times: (ratio: number) => `×${formatNumber(ratio, Math.abs(ratio) < 9.95 ? 1 : 0)}`,
  /** A large count in millions: 446 million (one decimal under 10 million: 9.6 million). */
  millions: (v: number) => `${formatNumber(v / 1e6, Math.abs(v) < 9.95e6 ? 1 : 0)} million`,
} as const satisfies Record<string, (value: number) => string>;

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** `text` writes a measure that is a sentence (binding.text) as it is. */
export type FigureFormat = keyof typeof FIGURE_FORMATS | 'text';

const TIME_FORMATS: ReadonlySet<string> = new Set(['seconds', 'minutes', 'clock']);

/**
 * Measures that paths into the SimulationResult cannot reach, computed on demand:
 *   law.*            lawCheck: law.average, law.predicted, law.invocationsPerSecond, law.averageDurationMs
 *   recovery.*       recoveryAfterRise: recovery.riseAt, recovery.recoveredAt, recovery.seconds
 *   binding.*        the limit that bound hardest (the experiment's "What binds hardest"): binding.text, binding.t
 *   afterRise.M      metric M's Sum per second, from the producer's largest step up to the end
 *   beforeRise.M     the same, before that step
 *   afterRise.perShard.M, beforeRise.perShard.M   the same per shard (Kinesis)
 *   throughput.recordsPerSecond   records the consumer got through per simulated second: processed
 *                    by the function or dropped by the mapping's filter (failures do not count)
 *   triggerShare.*   the share of invocations each batching trigger sent (the simulator's
 *                    breakdown, result.batching): triggerShare.batchSize, .window, .payloadLimit
 *   perMonth.P       the number at path P (summary.invocations, cost.lines.1.quantity) over a
 *                    month at the run's rate, as the bill projects it (cost.monthDays days)
 */
export const DERIVED_ROOTS = ['law', 'recovery', 'binding', 'afterRise', 'beforeRise', 'throughput', 'triggerShare', 'perMonth'] as const;

interface CachedRun {
  result: SimulationResult;
  derived: Map<string, unknown>;
}

const runs = new Map<string, CachedRun>();

/** Runs simulated so far (for tests of the cache). */
export function cachedRunCount(): number {
  return runs.size;
}

/** What a figure names, for error messages: `value "x" of preset "p" with ShardCount 8`. */
function nameOf(preset: string, value: string, change: FigureChange | undefined): string {
  const changes = Object.entries(change ?? {}).map(([k, v]) => `${k} ${v}`);
  return `value "${value}" of preset "${preset}"${changes.length > 0 ? ` with ${changes.join(', ')}` : ''}`;
}

function runOf(preset: string, change: FigureChange | undefined): CachedRun {
  const entries = Object.entries(change ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = `${preset}\u0000${JSON.stringify(entries)}`;
  const cached = runs.get(key);
  if (cached) return cached;

  let input = presetInput(preset) as ScenarioInput;
  for (const [id, v] of entries) {
    if (!isKnobId(id)) throw new Error(`preset "${preset}": unknown knob "${id}" in change (knobs: ${Object.keys(KNOBS).join(', ')})`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`preset "${preset}": change ${id} must be a number, not ${JSON.stringify(v)}`);
    input = KNOBS[id].set(input, v);
  }
  const checked = parseScenario(input);
  if (!checked.ok) {
    const what = entries.length > 0 ? `preset "${preset}" with ${entries.map(([k, v]) => `${k} ${v}`).join(', ')}` : `preset "${preset}"`;
    throw new Error(`${what} is not a valid scenario: ${checked.problems.map((p) => p.message).join('; ')}`);
  }
  // A knob on a field this source does not have would be dropped by the schema: say so.
  for (const [id, v] of entries) {
    if (KNOBS[id as keyof typeof KNOBS].get(checked.value) !== v) {
      throw new Error(`preset "${preset}": knob ${id} does not apply to its ${checked.value.source.type} source`);
    }
  }
  const run: CachedRun = { result: simulate(checked.value), derived: new Map() };
  runs.set(key, run);
  return run;
}

/**
 * The run of a preset, with knob changes applied: simulated once per build for every figure
 * and bet that asks for it. Throws, naming the preset and the change, when it cannot run.
 */
export function presetRun(preset: string, change?: FigureChange): SimulationResult {
  return runOf(preset, change).result;
}

/** Looks up a metric by name in whichever namespace has it. */
function metricNamed(result: SimulationResult, name: string): Datapoint[] | undefined {
  for (const namespace of Object.values(result.metrics)) {
    const points = namespace?.[name];
    if (points) return points;
  }
  return undefined;
}

/** The producer's largest step up in rate (the rise recoveryAfterRise measures from), or undefined. */
function largestStepRise(result: SimulationResult): number | undefined {
  const points = result.scenario.producer.rate;
  let at: number | undefined;
  let largest = 0;
  for (let i = 1; i < points.length; i++) {
    const rise = points[i]!.recordsPerSecond - points[i - 1]!.recordsPerSecond;
    if (rise > largest && points[i]!.shape === 'step') {
      largest = rise;
      at = points[i]!.at;
    }
  }
  return at;
}

/**
 * afterRise / beforeRise: `M` or `perShard.M`, metric M's Sum per second over the periods
 * that start at or after the rise (or end by it).
 */
function riseRate(result: SimulationResult, root: 'afterRise' | 'beforeRise', rest: string): number {
  const riseAt = largestStepRise(result);
  if (riseAt === undefined) throw new Error(`${root} needs a step up in the producer's rate, and this preset has none`);
  const perShard = rest.startsWith('perShard.');
  const name = perShard ? rest.slice('perShard.'.length) : rest;
  const spec = METRICS[name];
  if (spec && spec.statistic !== 'Sum') throw new Error(`${root} adds up a count per second; ${name} is read by its ${spec.statistic}, not summed`);
  const points = metricNamed(result, name);
  if (!points) {
    const names = Object.values(result.metrics).flatMap((n) => Object.keys(n ?? {}));
    throw new Error(`${root}: the run has no metric "${name}" (it has ${names.join(', ')})`);
  }
  const period = result.scenario.metrics.periodSeconds;
  const end = result.summary.simulatedSeconds;
  let sum = 0;
  let seconds = 0;
  for (const p of points) {
    const length = Math.max(0, Math.min(period, end - p.t));
    const inside = root === 'afterRise' ? p.t >= riseAt : p.t + period <= riseAt;
    if (!inside) continue;
    sum += p.Sum;
    seconds += length;
  }
  if (seconds === 0) throw new Error(`${root}: no whole metric period lies ${root === 'afterRise' ? 'after' : 'before'} the rise at ${formatClock(riseAt)}`);
  let rate = sum / seconds;
  if (perShard) {
    const source = result.scenario.source;
    if (source.type !== 'kinesis') throw new Error(`${root}.perShard needs a Kinesis source, not ${source.type}`);
    rate /= source.ShardCount;
  }
  return rate;
}

/** The object a derived root names, computed once per run. */
function derivedRoot(run: CachedRun, root: string): unknown {
  if (run.derived.has(root)) return run.derived.get(root);
  const { result } = run;
  let value: unknown;
  if (root === 'law') {
    value = lawCheck(result);
    if (value === undefined) throw new Error('law: the run never invoked the function, so there is no Little\'s law to check');
  } else if (root === 'throughput') {
    const { processedRecords, filteredOutRecords, simulatedSeconds } = result.summary;
    value = { recordsPerSecond: (processedRecords + filteredOutRecords) / simulatedSeconds };
  } else if (root === 'recovery') {
    value = recoveryAfterRise(result);
    if (value === undefined) throw new Error('recovery: the run has no step up in its rate, or no lag to recover from');
  } else if (root === 'triggerShare') {
    const triggers = result.batching?.triggers;
    if (triggers === undefined) throw new Error('triggerShare: the run has no event source mapping, so no batches');
    const total = triggers.batchSize + triggers.window + triggers.payloadLimit;
    if (total === 0) throw new Error('triggerShare: the run never invoked the function');
    value = { batchSize: triggers.batchSize / total, window: triggers.window / total, payloadLimit: triggers.payloadLimit / total };
  } else {
    const binding = experimentView(result, []).binding;
    if (binding === undefined) throw new Error('binding: no documented limit applies to this run');
    value = { text: binding.text, t: binding.t };
  }
  run.derived.set(root, value);
  return value;
}

/** Walks a dotted path (numbers index arrays) from `start`, naming the first step that fails. */
function walk(start: unknown, path: readonly string[], shown: string[]): unknown {
  let at: unknown = start;
  for (const step of path) {
    if (at === null || typeof at !== 'object') throw new Error(`"${shown.join('.')}" is ${at === null ? 'null' : typeof at}, so it has no "${step}"`);
    if (!Object.hasOwn(at, step)) {
      const keys = Array.isArray(at) ? `indexes 0–${at.length - 1}` : Object.keys(at).join(', ');
      const derived = shown.length === 0 ? `; or a derived measure: ${DERIVED_ROOTS.join(', ')}` : '';
      throw new Error(`no "${step}" in ${shown.length > 0 ? `"${shown.join('.')}"` : 'the run'} (it has ${keys}${derived})`);
    }
    at = (at as Record<string, unknown>)[step];
    shown.push(step);
  }
  return at;
}

/**
 * perMonth.P: the number at P scaled from the simulated time to the bill's month, the same
 * projection as `cost.*.monthly` (monthDays × 86,400 s ÷ summary.simulatedSeconds).
 */
function perMonth(run: CachedRun, rest: readonly string[]): number {
  if (rest.length === 0 || rest[0] === 'perMonth') throw new Error('perMonth needs a path to a number: perMonth.summary.invocations');
  const inner = measure(run, rest.join('.'));
  if (typeof inner !== 'number') throw new Error(`perMonth needs a number, and "${rest.join('.')}" is ${inner === null ? 'null' : typeof inner}`);
  const { result } = run;
  const seconds = result.summary.simulatedSeconds;
  if (!(seconds > 0)) throw new Error('perMonth: the run simulated no time');
  return (inner * result.cost.monthDays * 86_400) / seconds;
}

/** The raw measure: a number, or a string for `binding.text`. */
function measure(run: CachedRun, value: string): unknown {
  if (!/^[A-Za-z0-9_./]+$/.test(value) || value.split('.').some((s) => s === '')) {
    throw new Error(`"${value}" is not a dotted path (letters, digits, _, / and dots between names)`);
  }
  const [root, ...rest] = value.split('.') as [string, ...string[]];
  if (root === 'afterRise' || root === 'beforeRise') {
    if (rest.length === 0) throw new Error(`${root} needs a metric: ${root}.WriteProvisionedThroughputExceeded, ${root}.perShard.IncomingRecords`);
    return riseRate(run.result, root, rest.join('.'));
  }
  if (root === 'perMonth') return perMonth(run, rest);
  if ((DERIVED_ROOTS as readonly string[]).includes(root)) return walk(derivedRoot(run, root), rest, [root]);
  return walk(run.result, [root, ...rest], []);
}

/** The unit a value's name tells, for the time formats. */
function unitOfName(value: string): 'ms' | 's' | undefined {
  const last = value.split('.').at(-1) ?? '';
  if (/Ms$/.test(last)) return 'ms';
  if (last === 'seconds' || last === 'at' || last === 't' || /(Seconds|At)$/.test(last)) return 's';
  return undefined;
}

/**
 * The text of one measure of a run of `preset` (a file in scenarios/, without .json), as the
 * reader sees it. `value` is a dotted path into the SimulationResult (summary.maxIteratorAgeMs,
 * cost.monthly, scenario.source.ShardCount) or a derived measure (see DERIVED_ROOTS);
 * `change` sets knobs first. With `base` (another preset) the figure is the ratio of the
 * measure on this run to the same measure on the base preset's run: a lever's gain, written
 * with the `times` format. Throws an Error naming the figure when anything does not resolve.
 */
export function engineFigure(preset: string, value: string, format: string, change?: FigureChange, base?: string): string {
  const what = `${nameOf(preset, value, change)}${base !== undefined ? ` against preset "${base}"` : ''}`;
  try {
    if (format !== 'text' && !Object.hasOwn(FIGURE_FORMATS, format)) {
      throw new Error(`unknown format "${format}" (formats: ${[...Object.keys(FIGURE_FORMATS), 'text'].join(', ')})`);
    }
    if (format === 'times' && base === undefined) throw new Error('format "times" writes a ratio, so it needs a base preset to divide by');
    const raw = numberOrText(measure(runOf(preset, change), value), value, format);
    if (format === 'text') return raw as string;
    let number = raw as number;
    if (base !== undefined) {
      if (TIME_FORMATS.has(format)) throw new Error(`a ratio to a base preset has no unit, so format "${format}" does not apply (use "times")`);
      const divisor = numberOrText(measure(runOf(base, undefined), value), value, format) as number;
      if (divisor === 0) throw new Error(`the base preset "${base}" has 0 for it, so there is no ratio`);
      number /= divisor;
    } else if (TIME_FORMATS.has(format)) {
      const unit = unitOfName(value);
      if (!unit) throw new Error(`format "${format}" needs to know the value's unit, and "${value}" does not end in Ms, Seconds, At, seconds, at or t`);
      if (unit === 'ms') number /= 1000;
    }
    return FIGURE_FORMATS[format as keyof typeof FIGURE_FORMATS](number);
  } catch (error) {
    throw new Error(`${what}, format "${format}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A measure checked against its format: a sentence for "text", a finite number otherwise. */
function numberOrText(raw: unknown, value: string, format: string): number | string {
  if (format === 'text') {
    if (typeof raw !== 'string') throw new Error(`format "text" is for sentences, and this is ${raw === null ? 'null' : typeof raw}`);
    return raw;
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    const hint = value.startsWith('recovery.') && raw === null ? ' (the run did not recover by its end)' : '';
    throw new Error(`it is ${raw === null ? 'null' : typeof raw === 'number' ? String(raw) : typeof raw}, not a number${hint}`);
  }
  return raw;
}

/** Written text and the engine's text compare after collapsing white space (line breaks in MDX). */
export function sameFigureText(written: string, engine: string): boolean {
  const normal = (s: string) => s.replace(/\s+/g, ' ').trim();
  return normal(written) === normal(engine);
}
