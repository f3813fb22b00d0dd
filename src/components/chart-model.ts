/**
 * The data a chart shows, independent of how it is drawn. Kept apart from Chart.svelte so
 * that the data-table view and the drawing always describe the same numbers.
 */

/** One line on a chart. */
export interface ChartSeries {
  /** Legend text; for CloudWatch metrics, the metric name and statistic. */
  label: string;
  points: readonly { x: number; y: number }[];
  /** Which colour of the site's chart palette to use (1–4). */
  tone?: 1 | 2 | 3 | 4;
  /** A reference line (a prediction, a limit) rather than a measurement. */
  dashed?: boolean;
  /**
   * Draw the line as steps: each point's value holds until the next point. Build such
   * series with `periodSeries` so the last period is drawn to its end.
   */
  stepped?: boolean;
}

/** A row of the data table: the x value, then one cell per series (blank where it has no point). */
export interface TableRow {
  x: number;
  cells: (number | undefined)[];
}

/** Lines up every series on a shared set of x values for the data table. */
export function toTableRows(series: readonly ChartSeries[]): TableRow[] {
  const xs = new Set<number>();
  for (const s of series) for (const p of s.points) xs.add(p.x);
  const lookups = series.map((s) => new Map(s.points.map((p) => [p.x, p.y])));
  return [...xs].sort((a, b) => a - b).map((x) => ({ x, cells: lookups.map((m) => m.get(x)) }));
}

/** Formats seconds as m:ss (or h:mm:ss), the way the site labels simulated time. */
export function formatClock(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Formats a number for reading: grouped thousands, at most `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/**
 * Turns per-period datapoints (each stamped with its period's start) into the points of a
 * stepped line: one point per period plus one closing the last period at `endSeconds`.
 */
export function periodSeries<P extends { t: number }>(
  datapoints: readonly P[],
  endSeconds: number,
  value: (datapoint: P) => number,
): { x: number; y: number }[] {
  const points = datapoints.map((d) => ({ x: d.t, y: value(d) }));
  const last = points.at(-1);
  if (last && last.x < endSeconds) points.push({ x: endSeconds, y: last.y });
  return points;
}
