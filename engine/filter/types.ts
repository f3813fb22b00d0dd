import type { ValidationProblem } from '../core/validation.ts';

/** The event sources whose filtering the simulator models; each names its payload differently. */
export type FilterSource = 'kinesis' | 'kafka' | 'sqs';

/** How a FilterCriteria is compiled. */
export interface FilterOptions {
  /** The event source of the mapping; enables the source's own rules on top-level keys and payload formats. */
  source?: FilterSource;
  /** Filters allowed on the mapping: 5 by default, up to 10 after a quota increase. */
  maxFilters?: number;
}

/** Decides one value found in a record (`undefined` when the field is absent). */
export type ValueMatcher = (value: unknown) => boolean;

/** One compiled filter of a FilterCriteria. */
export interface CompiledPattern {
  /** Position in `Filters`, as problems and explanations name it. */
  readonly index: number;
  /** The pattern as canonical JSON text (numbers keep their written form). */
  readonly patternText: string;
  /** True when the record, shaped as the source delivers it (`{ data: … }`, `{ value: … }`, `{ body: … }`), satisfies this filter. */
  readonly test: (event: unknown) => boolean;
}

/** A FilterCriteria ready to decide records: its filters are ORed. */
export interface CompiledFilter {
  /** The event source it was compiled for, if any. */
  readonly source: FilterSource | undefined;
  /** Key under which the source's payload sits in a record: `data`, `value` or `body` (`data` when no source was given). */
  readonly dataKey: string;
  /** The filters, in order; none means every record is kept. */
  readonly filters: readonly CompiledPattern[];
}

/** The outcome of compiling: a filter ready to use, or every problem that makes AWS reject it. */
export type CompileResult = { ok: true; filter: CompiledFilter } | { ok: false; problems: ValidationProblem[] };
