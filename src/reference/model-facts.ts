/**
 * What the "About the model" page states about the engine, read from the engine itself so
 * the page cannot drift: every assumption with its default, unit, range and meaning (the
 * schema's defaults and ranges through the scenario editor's help, its meanings from
 * MEANINGS), and the price table's date and region. Used at build time only.
 */
import { PRICES } from '../../engine/index.ts';
import { fieldsAt, helpFor, MEANINGS, type FieldHelp } from '../workbench/scenario-help.ts';
import { formatNumber } from '../components/number-format.ts';

export interface AssumptionRow {
  /** The field as a scenario writes it: `assumptions.idleLifetimeSeconds`. */
  field: string;
  /** The default with its unit: `300 seconds`, `0.8 (a share of the slots)`. */
  defaultText: string;
  /** The allowed range with its unit: `1–7,200 seconds`. */
  range: string;
  meaning: string;
}

/** Assumptions that live outside `assumptions.*` (a value AWS does not document, kept with its section). */
const ELSEWHERE = [['function', 'duration', 'coldStartMs']] as const;

function row(help: FieldHelp, field: string): AssumptionRow {
  const unit = MEANINGS[help.path]?.unit;
  if (help.default === undefined) throw new Error(`the assumption ${field} has no default in the engine's schema`);
  const value = /^-?[\d.]+$/.test(help.default) ? formatNumber(Number(help.default), 6) : help.default;
  return {
    field,
    defaultText: unit ? `${value} ${value === '1' && /^[a-z]+s$/.test(unit) ? unit.slice(0, -1) : unit}` : value,
    range: help.range ?? '',
    meaning: help.meaning,
  };
}

/** Every modelling assumption a scenario can set, in the schema's order, then the ones kept elsewhere. */
export function assumptionRows(): AssumptionRow[] {
  const rows = fieldsAt(['assumptions']).map((help) => row(help, `assumptions.${help.name}`));
  for (const path of ELSEWHERE) {
    const help = helpFor([...path]);
    if (!help) throw new Error(`no field ${path.join('.')} in the engine's schema`);
    rows.push(row(help, path.join('.')));
  }
  return rows;
}

const REGION_NAMES: Readonly<Record<string, string>> = { 'us-east-1': 'US East (N. Virginia)' };

/** The price table's region, date and pages. */
export function priceBasis(): { region: string; regionName: string; date: string; currency: string; sources: string[] } {
  const date = new Date(`${PRICES.date}T00:00:00Z`);
  return {
    region: PRICES.region,
    regionName: REGION_NAMES[PRICES.region] ?? PRICES.region,
    date: date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
    currency: PRICES.currency,
    sources: [PRICES.lambda.source, PRICES.kinesis.source, PRICES.msk.source],
  };
}
