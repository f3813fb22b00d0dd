/**
 * The monthly bill of the talk's IoT workload two ways: the function receives every record
 * and filters in its own code, or the event source mapping filters with the reader's
 * pattern. Both come from the engine's presets, so the site states no price of its own.
 */
import { ScenarioError, simulate, type SimulationResult } from '../../engine/index.ts';
import esmPreset from '../../scenarios/filtering-iot-esm.json';
import inCodePreset from '../../scenarios/filtering-iot-in-code.json';
import type { BillSummary } from './bill-summary.ts';

export { savedShare, type BillSummary } from './bill-summary.ts';

export type BillOutcome = { ok: true; bill: BillSummary } | { ok: false; messages: string[] };

type CostLine = SimulationResult['cost']['lines'][number];

const isLambda = (line: CostLine): boolean => line.service === 'AWS Lambda';

/** Sums a result's monthly cost lines into the playground's rows. */
export function summarizeBill(result: SimulationResult): BillSummary {
  const { lines, monthly } = result.cost;
  const sum = (pick: (line: CostLine) => boolean): number => lines.filter(pick).reduce((total, line) => total + line.monthly, 0);
  // Free-tier lines (present only when a preset asks for them) count against the item they discount.
  const requests = sum((line) => isLambda(line) && /request/i.test(line.item));
  const duration = sum((line) => isLambda(line) && !/request/i.test(line.item));
  return {
    requests,
    duration,
    other: sum((line) => !isLambda(line)),
    total: monthly,
    invocations: result.summary.invocations,
    filteredOutRecords: result.summary.filteredOutRecords,
  };
}

/** The IoT preset with the reader's pattern as the mapping's only filter. */
export function scenarioWithPattern(patternText: string): unknown {
  const scenario = structuredClone(esmPreset) as { eventSourceMapping: Record<string, unknown> };
  scenario.eventSourceMapping.FilterCriteria = { Filters: [{ Pattern: patternText }] };
  return scenario;
}

/** The bill when the mapping filters with `patternText`. Never throws for a pattern the engine rejects. */
export function billWithPattern(patternText: string): BillOutcome {
  try {
    return { ok: true, bill: summarizeBill(simulate(scenarioWithPattern(patternText))) };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, messages: error.problems.map((p) => p.message) };
    throw error;
  }
}

/** The bill when every record reaches the function, which filters in its own code, and what it is based on. */
export function billInCode(): { bill: BillSummary; basis: BillBasis } {
  const result = simulate(inCodePreset);
  return { bill: summarizeBill(result), basis: billBasis(result) };
}

/** What every bill of the presets is based on, for the caption and the chapter's prose. */
export interface BillBasis {
  region: string;
  priceDate: string;
  monthDays: number;
  freeTierIncluded: boolean;
  /** Dollars per request and per GB-second of duration, from the engine's price table. */
  requestPrice: number;
  gbSecondPrice: number;
  /** The duration line's item, which names the architecture, e.g. "Duration (x86_64)". */
  durationItem: string;
}

export function billBasis(result: SimulationResult): BillBasis {
  const { region, priceDate, monthDays, freeTierIncluded, lines } = result.cost;
  const requests = lines.find((line) => isLambda(line) && line.item === 'Requests');
  const duration = lines.find((line) => isLambda(line) && line.item.startsWith('Duration'));
  return {
    region,
    priceDate,
    monthDays,
    freeTierIncluded,
    requestPrice: requests?.unitPrice ?? Number.NaN,
    gbSecondPrice: duration?.unitPrice ?? Number.NaN,
    durationItem: duration?.item ?? 'Duration',
  };
}
