/**
 * Comparing two runs of an experiment, A and B, on identical traffic: charts that overlay
 * both, and the difference of the outcomes a practitioner judges a change by.
 */
import type { ScenarioInput } from '../../engine/index.ts';
import type { MetricChartData, Outcomes } from './metric-charts.ts';

/** One row of the difference table. */
export interface DifferenceRow {
  label: string;
  a: number;
  b: number;
  /** b − a. */
  difference: number;
  /** (b − a) / a, or undefined when a is 0 (no meaningful percentage). */
  relative: number | undefined;
  unit: string;
}

/** The outcomes side by side, with B's difference from A. */
export function differenceRows(a: Outcomes, b: Outcomes): DifferenceRow[] {
  const row = (label: string, x: number, y: number, unit: string): DifferenceRow => ({
    label,
    a: x,
    b: y,
    difference: y - x,
    relative: x !== 0 ? (y - x) / x : undefined,
    unit,
  });
  const rows = [
    row('Records processed', a.processedRecords, b.processedRecords, 'records'),
    row('Waiting at the end', a.backlogRecords, b.backlogRecords, 'records'),
  ];
  // The lag metric is the same for both: B is a copy of A with knobs changed, so the source type is A's.
  if (a.worstLag.metric === b.worstLag.metric) rows.push(row(`Largest ${a.worstLag.metric}`, a.worstLag.value, b.worstLag.value, a.worstLag.unit));
  rows.push(
    row('Invocations', a.invocations, b.invocations, 'invocations'),
    row('Throttles', a.throttles, b.throttles, 'throttles'),
    row('Errors', a.errors, b.errors, 'errors'),
    row('Cost per month', a.monthlyCost, b.monthlyCost, 'USD'),
  );
  return rows;
}

/**
 * A's charts with B's laid over them (same metric, same axes): each chart's main series only
 * (its first), A in the first colour and B in the second, so two runs stay readable.
 */
export function overlayCharts(a: readonly MetricChartData[], b: readonly MetricChartData[]): MetricChartData[] {
  return a.map((chart) => {
    const other = b.find((c) => c.metric === chart.metric);
    const mainA = chart.series[0];
    const mainB = other?.series[0];
    if (!other || !mainA || !mainB) return chart;
    return {
      ...chart,
      summary: `A: ${chart.summary} B: ${other.summary}`,
      series: [
        { ...mainA, label: `A: ${mainA.label}`, tone: 1 },
        { ...mainB, label: `B: ${mainB.label}`, tone: 2 },
      ],
    };
  });
}

/**
 * B as a copy of A that keeps A's traffic: the same seed and producer, whatever B changed
 * elsewhere, so that any difference comes from the settings and not from chance.
 */
export function onSameTraffic(a: ScenarioInput, b: ScenarioInput): ScenarioInput {
  return { ...b, seed: a.seed };
}
