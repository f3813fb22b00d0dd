/**
 * Results as CSV (RFC 4180): a header row, fields quoted when they hold a comma, a quote or
 * a line break, CRLF line ends, and numbers written as JavaScript writes them (no locale
 * grouping or decimal comma), so any spreadsheet or script reads the same values.
 */
import type { Datapoint, Namespace, SimulationResult } from '../../../engine/index.ts';

export type Statistic = 'Sum' | 'SampleCount' | 'Average' | 'Minimum' | 'Maximum' | 'p50' | 'p90' | 'p99';
export type Cell = string | number | null | undefined;

export interface MetricsCsvOptions {
  namespace: Namespace;
  /** Metric names as the result keys them, e.g. `IteratorAge`; one column each. */
  metrics: readonly string[];
  statistic: Statistic;
}

/**
 * One row per period: its start `t` in seconds, then the chosen statistic of each metric.
 * A period without data (CloudWatch shows none) or a statistic the metric lacks (p99 of
 * Invocations) is an empty field, never a made-up zero.
 */
export function metricsCsv(result: SimulationResult, { namespace, metrics, statistic }: MetricsCsvOptions): string {
  const byName = result.metrics[namespace] ?? {};
  const series = metrics.map((name) => {
    const points = byName[name];
    if (!points) {
      const known = Object.keys(byName).join(', ') || 'none';
      throw new RangeError(`${namespace} has no metric "${name}" in this result (it has: ${known})`);
    }
    return new Map(points.map((p: Datapoint) => [p.t, p[statistic]]));
  });
  // Metrics of one run share their periods, but merging the times keeps a column that
  // starts late or ends early in line with the others.
  const times = [...new Set(series.flatMap((s) => [...s.keys()]))].sort((a, b) => a - b);
  const header = ['t', ...metrics.map((name) => `${name} ${statistic}`)];
  const rows = times.map((t) => [t, ...series.map((s) => s.get(t))]);
  return csv([header, ...rows]);
}

/**
 * The simulator's breakdown of a stream run's invocations by batching trigger (not a
 * CloudWatch metric), one row per period; empty for a run without a mapping.
 */
export function batchTriggersCsv(result: SimulationResult): string {
  const periods = result.batching?.periods;
  if (!periods) return '';
  const header = ['t', 'Invocations sent because the batch reached BatchSize', 'Invocations sent because the batching window ended', 'Invocations sent because the next record would pass 6 MB'];
  return csv([header, ...periods.map((p) => [p.t, p.batchSize, p.window, p.payloadLimit])]);
}

/**
 * One row per trial, one column per key. Columns are `columns` if given, otherwise every
 * key in the order first seen; a key a row lacks is an empty field.
 */
export function summaryCsv(rows: readonly Readonly<Record<string, Cell>>[], columns?: readonly string[]): string {
  const keys = columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  if (keys.length === 0) return '';
  return csv([keys, ...rows.map((row) => keys.map((k) => row[k]))]);
}

function csv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** A number's text, or a string that is nothing but a number: neither can start a formula. */
const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(cell: Cell): string {
  let text: string;
  if (cell === null || cell === undefined) text = '';
  else if (typeof cell === 'number') text = Number.isFinite(cell) ? String(cell) : '';
  else text = FORMULA_START.test(cell) && !NUMERIC_TEXT.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
