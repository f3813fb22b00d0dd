/**
 * Reads the conditions an author writes for a task (see task-conditions.ts for their form and
 * how runs are judged). Used while pages build and by the lab definitions; apart from the
 * judging so that the islands that judge runs do not carry the schema library.
 */
import { z } from 'zod';
import { KNOBS, type KnobId } from '../workbench/knobs.ts';
import { MEASURE_NAMES, type MeasureName } from './measures.ts';
import { describeValue, problemsOf } from './problems.ts';
import { KNOB_COMPARATORS, OUTCOME_COMPARATORS, type Comparator, type Condition, type KnobComparator, type OutcomeComparator } from './task-conditions.ts';

const KNOB_IDS = Object.keys(KNOBS) as [KnobId, ...KnobId[]];

/** A check that exactly one comparator is given, so each condition is one readable line. */
function oneComparator(comparators: readonly string[]) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const given = comparators.filter((c) => value[c] !== undefined);
    if (given.length !== 1) {
      const found = given.length === 0 ? 'none' : given.join(' and ');
      ctx.addIssue({ code: 'custom', message: `needs exactly one of ${comparators.join(', ')} (found ${found})` });
    }
  };
}

/** The schemas, made on first use. */
let schemas: { outcome: z.ZodType; knob: z.ZodType } | undefined;
function conditionSchemas(): { outcome: z.ZodType; knob: z.ZodType } {
  const bound = z.number({ error: 'must be a finite number' });
  schemas ??= {
    outcome: z
      .strictObject({
        outcome: z.enum(MEASURE_NAMES, { error: `is not an outcome; allowed: ${MEASURE_NAMES.join(', ')}` }),
        ...Object.fromEntries(OUTCOME_COMPARATORS.map((c) => [c, bound.optional()])),
      })
      .superRefine(oneComparator(OUTCOME_COMPARATORS)),
    knob: z
      .strictObject({
        knob: z.enum(KNOB_IDS, { error: `is not a knob; allowed: ${KNOB_IDS.join(', ')}` }),
        ...Object.fromEntries(KNOB_COMPARATORS.map((c) => [c, bound.optional()])),
      })
      .superRefine(oneComparator(KNOB_COMPARATORS)),
  };
  return schemas;
}

export type ParsedConditions = { ok: true; conditions: Condition[] } | { ok: false; problems: string[] };

/**
 * Validates an author's conditions. Each problem names the field (`conditions[1].knob`), the
 * value written and what is allowed. Never throws.
 */
export function parseConditions(input: unknown, root = 'conditions'): ParsedConditions {
  if (!Array.isArray(input) || input.length === 0) {
    return { ok: false, problems: [`${root}: ${describeValue(input)} must be a list of at least one condition`] };
  }
  const problems: string[] = [];
  const conditions: Condition[] = [];
  input.forEach((item: unknown, i) => {
    const at = `${root}[${i}]`;
    const fields = item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
    const kind = fields && ('outcome' in fields ? ('knob' in fields ? 'both' : 'outcome') : 'knob' in fields ? 'knob' : undefined);
    if (kind === undefined || kind === 'both') {
      problems.push(`${at}: ${describeValue(item)} must have either an "outcome" or a "knob" field`);
      return;
    }
    const schema = conditionSchemas()[kind];
    const parsed = schema.safeParse(item, { reportInput: true });
    if (!parsed.success) {
      const allowed = kind === 'outcome' ? ['outcome', ...OUTCOME_COMPARATORS] : ['knob', ...KNOB_COMPARATORS];
      problems.push(...problemsOf(parsed.error.issues, at, allowed));
      return;
    }
    const value = parsed.data as Record<string, unknown>;
    const comparators: readonly Comparator[] = kind === 'outcome' ? OUTCOME_COMPARATORS : KNOB_COMPARATORS;
    const comparator = comparators.find((c) => value[c] !== undefined) as Comparator;
    const limit = value[comparator] as number;
    conditions.push(
      kind === 'outcome'
        ? { on: 'outcome', name: value['outcome'] as MeasureName, comparator: comparator as OutcomeComparator, bound: limit }
        : { on: 'knob', name: value['knob'] as KnobId, comparator: comparator as KnobComparator, bound: limit },
    );
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, conditions };
}
