/**
 * The data a chart shows, independent of how it is drawn. Kept apart from Chart.svelte so
 * that the data-table view and the drawing always describe the same numbers.
 */
import { formatNumber } from './number-format.ts';

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

/** What a chart's data table says: its caption, the x column's heading and how x values read. */
export interface TableText {
  caption: string;
  xLabel: string;
  formatX: (x: number) => string;
}

/**
 * The data table of a chart as HTML: a caption, one column per series, one row per x value.
 * Chart.svelte inserts it as markup rather than as a template, so that hydrating a page does
 * not walk thousands of cells (the tables of a lab page are about 380 KB of it) and a closed
 * table can be dropped once the chart is drawn. Every text is escaped here.
 */
export function tableHtml(series: readonly ChartSeries[], text: TableText): string {
  const parts: string[] = [`<table><caption class="sr-only">${escapeHtml(text.caption)}</caption><thead><tr><th scope="col">${escapeHtml(text.xLabel)}</th>`];
  for (const s of series) parts.push(`<th scope="col">${escapeHtml(s.label)}</th>`);
  parts.push('</tr></thead><tbody>');
  for (const row of toTableRows(series)) {
    parts.push(`<tr><th scope="row">${escapeHtml(text.formatX(row.x))}</th>`);
    for (const cell of row.cells) parts.push(`<td>${cell === undefined ? '' : escapeHtml(formatNumber(cell, 2))}</td>`);
    parts.push('</tr>');
  }
  parts.push('</tbody></table>');
  return parts.join('');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, between tags or in a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
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

/** A point of a series, as Chart.js draws it. */
export interface ChartPoint {
  x: number;
  y: number;
}

/** The points of a series drawn up to `until` (the playback cursor), for a run being scrubbed. */
export function pointsUntil(points: readonly ChartPoint[], until: number, stepped = false): ChartPoint[] {
  if (Number.isNaN(until)) return points.slice();
  // Points are in x order (Chart.js's `normalized` needs that too): find the first past `until`.
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.x <= until) lo = mid + 1;
    else hi = mid;
  }
  const kept = points.slice(0, lo);
  const last = kept.at(-1);
  const next = points[lo];
  // The line continues to the cursor: a step holds its value (so a period built by
  // periodSeries shows before its closing point is reached), a slope is interpolated.
  if (last && next && last.x < until) {
    const y = stepped || next.x === last.x ? last.y : last.y + ((next.y - last.y) * (until - last.x)) / (next.x - last.x);
    kept.push({ x: until, y });
  }
  return kept;
}

/** The smallest and largest x and y over every series, or undefined when there are no points. */
export interface SeriesExtent {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export function seriesExtent(series: readonly ChartSeries[]): SeriesExtent | undefined {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const s of series) {
    for (const p of s.points) {
      if (p.x < xMin) xMin = p.x;
      if (p.x > xMax) xMax = p.x;
      if (p.y < yMin) yMin = p.y;
      if (p.y > yMax) yMax = p.y;
    }
  }
  return xMin <= xMax ? { xMin, xMax, yMin, yMax } : undefined;
}

/** A marked moment on a chart: a vertical line at `x` with a few words at the top. */
export interface ChartAnnotation {
  x: number;
  label: string;
  /** Which colour of the site's chart palette the line takes (1–4); the text colour without. */
  tone?: 1 | 2 | 3 | 4;
}

/** Annotations in x order (ties keep their order). */
export function sortAnnotations<A extends { x: number }>(annotations: readonly A[]): A[] {
  return annotations
    .map((a, i) => ({ a, i }))
    .sort((p, q) => p.a.x - q.a.x || p.i - q.i)
    .map(({ a }) => a);
}

/** "Marked: spike at 1:00, first throttle at 1:12." — or '' when nothing is marked. */
export function annotationSentence(annotations: readonly ChartAnnotation[], formatX: (x: number) => string): string {
  if (annotations.length === 0) return '';
  return `Marked: ${sortAnnotations(annotations)
    .map((a) => `${a.label} at ${formatX(a.x)}`)
    .join(', ')}.`;
}

/**
 * The canvas's text alternative: the caller's summary, the marked moments, and how far the
 * chart is drawn when playback stops it short of the end.
 */
export function chartAriaLabel(options: {
  summary: string;
  annotations: readonly ChartAnnotation[];
  formatX: (x: number) => string;
  until?: number | undefined;
  xMax?: number | undefined;
}): string {
  const { summary, annotations, formatX, until, xMax } = options;
  const parts = [summary.trim(), annotationSentence(annotations, formatX)];
  if (until !== undefined && xMax !== undefined && until < xMax) {
    parts.push(`Drawn up to ${formatX(Math.max(until, 0))} of ${formatX(xMax)}.`);
  }
  return parts.filter((p) => p !== '').join(' ');
}

/** Shortens `text` with an ellipsis so that `measure(text)` fits in `maxWidth` (pixels). */
export function truncateToWidth(text: string, maxWidth: number, measure: (text: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  const chars = [...text];
  // The longest prefix (trailing spaces dropped) that still fits with the ellipsis.
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(`${chars.slice(0, mid).join('').trimEnd()}…`) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '…' : `${chars.slice(0, lo).join('').trimEnd()}…`;
}

/** Where a marker's label goes: its text starts at `start`, in `row` (0 is the top row). */
export interface PlacedLabel {
  start: number;
  end: number;
  row: number;
}

export interface LabelLayout {
  placed: PlacedLabel[];
  /** Rows in use (0 when there are no labels). */
  rows: number;
}

/** Pixels between a marker's line and its text. */
export const MARKER_TEXT_GAP = 4;
/** Rows of marker labels at most; a crowd beyond that shares the last row. */
export const MARKER_MAX_ROWS = 3;
/** Height of one row of marker labels, pixels. */
export const MARKER_ROW_HEIGHT = 16;

/** How wide a marker's label may be in a plot `plotWidth` pixels wide: always fits beside its line. */
export function markerLabelMaxWidth(plotWidth: number): number {
  return Math.max(0, Math.min(200, plotWidth / 2 - MARKER_TEXT_GAP - 2));
}

/**
 * Places marker labels above the plot, between `left` and `right` (pixels). A label sits to
 * the right of its line, or to the left near the right edge. Labels that would collide are
 * staggered into rows, and no label is put across another marker's line, so two markers
 * close together both stay readable. `items` are the lines' x and their (truncated) text
 * widths; the result is in the same order.
 */
export function layoutMarkerLabels(
  items: readonly { x: number; width: number }[],
  left: number,
  right: number,
  maxRows = MARKER_MAX_ROWS,
  spacing = 12,
): LabelLayout {
  const placed: PlacedLabel[] = new Array(items.length);
  const done: { x: number; from: number; to: number; row: number }[] = [];
  const order = items.map((item, i) => ({ item, i })).sort((a, b) => a.item.x - b.item.x || a.i - b.i);
  let rows = 0;
  for (const { item, i } of order) {
    const { x, width } = item;
    let start: number;
    if (x + MARKER_TEXT_GAP + width <= right) start = x + MARKER_TEXT_GAP;
    else if (x - MARKER_TEXT_GAP - width >= left) start = x - MARKER_TEXT_GAP - width;
    else start = Math.max(left, right - width);
    const end = start + width;
    // What the label takes up in its row: the text and its own line.
    const from = Math.min(start, x);
    const to = Math.max(end, x);
    const fits = (row: number): boolean =>
      done.every((d) => {
        if (d.row === row) return to + spacing <= d.from || d.to + spacing <= from;
        // A line drawn from a higher row crosses this row; this line crosses lower rows.
        if (d.row < row) return d.x < from - spacing / 2 || d.x > to + spacing / 2;
        return x < d.from - spacing / 2 || x > d.to + spacing / 2;
      });
    let row = 0;
    while (row < maxRows - 1 && !fits(row)) row++;
    placed[i] = { start, end, row };
    done.push({ x, from, to, row });
    rows = Math.max(rows, row + 1);
  }
  return { placed, rows };
}
